/**
 * The messages capability's storage: mailboxes, messages, the append-only event log, and the
 * status projection stored on each message row, rewritten with every append.
 */
import { randomInt } from 'node:crypto';
import { addDays, type IsoDate, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { RED_ALERT_CALENDAR_DAYS, computeMessageDeadlines, defaultReplyLimits, replayMessage, type MessageEvent, type MessageKind } from '../../domain/messages/index.ts';
import type { MailboxRow, MessageEventRow, MessageRow } from '../../storage/schema-messages.ts';
import { AppError, notFound } from '../../services/errors.ts';
import { acceptedOrRefused, eventLogRows } from '../../services/case-log.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { MessageListQuery, NewMailboxInput } from './contract.ts';
// Same shape as a request's code (12 characters in groups of 4), so the same normalising applies.
import { normaliseQueryCode } from '../requests/sql.ts';

const OPEN_PHASES = ['awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed'];
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 'LY' (留言) and 10 characters: told apart from a request's code at a glance. */
function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `LY${s.slice(0, 2)}-${s.slice(2, 6)}-${s.slice(6)}`;
}


export const limitsOf = (m: MailboxRow): Record<MessageKind, number> => ({
  consultation: m.consultation_days,
  suggestion: m.suggestion_days,
  complaint: m.complaint_days,
  help: m.help_days,
});

export async function insertMailbox(tx: Tx, scope: AgencyScope, input: NewMailboxInput, now: Date): Promise<number> {
  const limits = { ...defaultReplyLimits, ...input.limits };
  const clash = await tx.selectFrom('mailboxes').select('id').where('agency_id', '=', scope.agencyId).where('name', '=', input.name).executeTakeFirst();
  if (clash) throw new AppError('MAILBOX_EXISTS', `本机关已有名为“${input.name}”的信箱`, 409);
  const { id } = await tx
    .insertInto('mailboxes')
    .values({
      agency_id: scope.agencyId,
      name: input.name,
      description: input.description ?? '',
      consultation_days: limits.consultation,
      suggestion_days: limits.suggestion,
      complaint_days: limits.complaint,
      help_days: limits.help,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listMailboxRows(tx: Tx, scope: AgencyScope): Promise<MailboxRow[]> {
  return tx.selectFrom('mailboxes').selectAll().where('agency_id', '=', scope.agencyId).where('active', '=', 1).orderBy('id').execute();
}

export async function mailboxRow(tx: Tx, scope: AgencyScope, id: number): Promise<MailboxRow> {
  const row = await tx.selectFrom('mailboxes').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).where('active', '=', 1).executeTakeFirst();
  if (!row) throw notFound('信箱');
  return row;
}

/** The agency a message is with now: only so the caller can ask the policy for a scope. */
export async function agencyOfMessage(tx: Tx, id: number): Promise<number> {
  const row = await tx.selectFrom('messages').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('留言');
  return row.agency_id;
}

export type NewMessageRow = Omit<MessageRow, 'id' | 'agency_id' | 'query_code' | 'phase' | 'due_date' | 'due_soon_from' | 'red_from' | 'due_provisional' | 'extension_status' | 'accepted_date' | 'closed_date' | 'replied_on_time' | 'published_date' | 'rating'>;

export async function insertMessage(tx: Tx, scope: AgencyScope, values: NewMessageRow): Promise<{ id: number; queryCode: string }> {
  for (let attempt = 0; ; attempt++) {
    const queryCode = newQueryCode();
    const clash = await tx.selectFrom('messages').select('id').where('query_code', '=', queryCode).executeTakeFirst();
    if (clash && attempt < 5) continue;
    const { id } = await tx
      .insertInto('messages')
      .values({
        ...values,
        agency_id: scope.agencyId,
        query_code: queryCode,
        // Placeholders until the first event's projection, written in the same transaction.
        phase: 'awaitingAcceptance',
        due_date: values.received_date,
        due_soon_from: values.received_date,
        red_from: values.received_date,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, queryCode };
  }
}

/** The names a message is listed under: its mailbox, the mailbox's agency and the agency handling it now. */
export async function listedNames(tx: Tx, row: MessageRow): Promise<{ mailbox: string; mailboxAgency: string; agency: string }> {
  const m = await tx.selectFrom('mailboxes').innerJoin('agencies', 'agencies.id', 'mailboxes.agency_id').select(['mailboxes.name as mailbox', 'agencies.name as mailboxAgency']).where('mailboxes.id', '=', row.mailbox_id).executeTakeFirstOrThrow();
  const a = await tx.selectFrom('agencies').select('name').where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  return { ...m, agency: a.name };
}

export async function messageRow(tx: Tx, scope: AgencyScope, id: number): Promise<MessageRow> {
  const row = await tx.selectFrom('messages').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (!row) throw notFound('留言');
  return row;
}

export async function messageEventRows(tx: Tx, scope: AgencyScope, id: number): Promise<MessageEventRow[]> {
  await messageRow(tx, scope, id);
  return tx.selectFrom('message_events').selectAll().where('message_id', '=', id).orderBy('seq').execute();
}

export const eventsOf = (rows: readonly MessageEventRow[]): MessageEvent[] => rows.map((r) => JSON.parse(r.data_json) as MessageEvent);

/** Appends events after checking the whole history replays, then rewrites the projection. */
export async function appendMessageEvents(
  tx: Tx,
  deps: ServiceDeps,
  scope: AgencyScope,
  id: number,
  existing: readonly MessageEvent[],
  events: readonly MessageEvent[],
  actorUserId: number | null,
  calendar: WorkingCalendar,
  today: IsoDate,
): Promise<void> {
  await messageRow(tx, scope, id);
  const all = [...existing, ...events];
  const replayed = replayMessage(all, calendar);
  const s = acceptedOrRefused(replayed);
  if (events.length > 0) {
    const rows = eventLogRows(events, existing.length, actorUserId, deps.now().toISOString());
    await tx.insertInto('message_events').values(rows.map((r) => ({ ...r, message_id: id, agency_id: scope.agencyId }))).execute();
  }
  const d = computeMessageDeadlines(s, calendar, today);
  const transfer = s.transfers.at(-1);
  await tx
    .updateTable('messages')
    .set({
      agency_id: transfer?.toAgencyId ?? scope.agencyId,
      phase: s.phase,
      limit_working_days: s.limitWorkingDays,
      due_date: d.replyDue.date!,
      due_soon_from: d.dueSoonFrom,
      red_from: addDays(s.receivedDate, RED_ALERT_CALENDAR_DAYS),
      due_provisional: d.replyDue.provisional ? 1 : 0,
      extension_status: s.extension?.status ?? null,
      accepted_date: s.acceptedDate,
      closed_date: s.reply?.date ?? s.rejection?.date ?? null,
      replied_on_time: d.repliedOnTime === null ? null : d.repliedOnTime ? 1 : 0,
      published_date: s.publishedDate,
      rating: s.rating?.rating ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** One page of the agency's messages, filtered on the stored projection against `today`. */
/** Where a message is and where it came in: the mailbox's own agency differs after a 转办. */
export type ListedMessageRow = MessageRow & { mailbox: string; mailboxAgency: string; agency: string };

export async function listMessageRows(tx: Tx, scope: AgencyScope, q: MessageListQuery, today: IsoDate): Promise<{ total: number; rows: ListedMessageRow[] }> {
  let base = tx
    .selectFrom('messages')
    .innerJoin('mailboxes', 'mailboxes.id', 'messages.mailbox_id')
    .innerJoin('agencies as ma', 'ma.id', 'mailboxes.agency_id')
    .innerJoin('agencies as ca', 'ca.id', 'messages.agency_id')
    .where('messages.agency_id', '=', scope.agencyId);
  if (q.phase === 'open') base = base.where('messages.phase', 'in', OPEN_PHASES);
  else if (q.phase === 'closed') base = base.where('messages.phase', 'not in', OPEN_PHASES);
  else if (q.phase) base = base.where('messages.phase', '=', q.phase);
  if (q.kind) base = base.where('messages.kind', '=', q.kind);
  if (q.due) {
    base = base.where('messages.phase', 'in', OPEN_PHASES);
    if (q.due === 'overdue') base = base.where('messages.due_date', '<', today);
    else if (q.due === 'soon') base = base.where('messages.due_soon_from', '<=', today).where('messages.due_date', '>=', today);
    else base = base.where('messages.red_from', '<=', today);
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('messages')
    .select(['mailboxes.name as mailbox', 'ma.name as mailboxAgency', 'ca.name as agency'])
    .orderBy('messages.due_date')
    .orderBy('messages.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(n), rows };
}

/**
 * The public tracking read: by query code alone, whatever the agency (the caller then checks the
 * last 4 phone digits before showing anything).
 */
export async function messageByCode(tx: Tx, code: string): Promise<(MessageRow & { agency: string }) | undefined> {
  return tx
    .selectFrom('messages')
    .innerJoin('agencies', 'agencies.id', 'messages.agency_id')
    .selectAll('messages')
    .select('agencies.name as agency')
    .where('messages.query_code', '=', normaliseQueryCode(code))
    .executeTakeFirst();
}

/** A message's events for the tracking page, after the caller checked the code and the digits. */
export async function trackedEvents(tx: Tx, messageId: number): Promise<MessageEvent[]> {
  return eventsOf(await tx.selectFrom('message_events').selectAll().where('message_id', '=', messageId).orderBy('seq').execute());
}
