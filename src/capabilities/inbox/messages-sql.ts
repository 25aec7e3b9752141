/**
 * Counts of 留言 waiting in one agency, read from the messages' stored projection (phase,
 * extension status, red-alert date) and, for the reply steps, from who took the last step in the
 * append-only event log: the separation of duties bars the drafter from reviewing or approving,
 * and the reviewer from approving, so those messages are not in that user's inbox.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';

const OPEN_PHASES = ['awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed'];

const n = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

/** Who recorded the message's latest event of this type (null when none, or recorded by the public). */
const lastActor = (eb: ExpressionBuilder<Database, 'messages'>, type: string) =>
  eb
    .selectFrom('message_events')
    .select('message_events.actor_user_id')
    .whereRef('message_events.message_id', '=', 'messages.id')
    .where('message_events.type', '=', type)
    .orderBy('message_events.seq', 'desc')
    .limit(1);

const base = (tx: Tx, scope: AgencyScope) => tx.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('messages.agency_id', '=', scope.agencyId);

/** Messages in a phase; `notBy` leaves out those whose latest step of the given types this user took. */
export async function messagesInPhase(tx: Tx, scope: AgencyScope, phase: string, notBy?: { userId: number; types: string[] }): Promise<number> {
  let q = base(tx, scope).where('messages.phase', '=', phase);
  for (const type of notBy?.types ?? []) {
    // "IS DISTINCT FROM" spelled portably: no such step, or someone else took it.
    q = q.where((eb) => eb.or([eb(lastActor(eb, type), 'is', null), eb(lastActor(eb, type), '!=', notBy!.userId)]));
  }
  return n(await q.executeTakeFirst());
}

/** Messages back in 办理中 after a 退回 of a reply this user drafted (their latest draft was returned). */
export async function messagesReturnedTo(tx: Tx, scope: AgencyScope, userId: number): Promise<number> {
  return n(await base(tx, scope).where('messages.phase', '=', 'handling').where((eb) => eb(lastActor(eb, 'replyDrafted'), '=', userId)).executeTakeFirst());
}

/** Open messages whose extension waits for the head's decision. */
export async function messageExtensionsWaiting(tx: Tx, scope: AgencyScope): Promise<number> {
  return n(await base(tx, scope).where('messages.phase', 'in', OPEN_PHASES).where('messages.extension_status', '=', 'requested').executeTakeFirst());
}

/** Open messages received 60 or more calendar days ago (the red alert, 30 days before the 3-month veto). */
export async function messagesRed(tx: Tx, scope: AgencyScope, today: string): Promise<number> {
  return n(await base(tx, scope).where('messages.phase', 'in', OPEN_PHASES).where('messages.red_from', '<=', today).executeTakeFirst());
}
