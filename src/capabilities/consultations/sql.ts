/**
 * The consultations capability's storage: drafts, comments, the append-only event log and the
 * projection on each consultation row (and each comment's moderation), rewritten with every append.
 */
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/index.ts';
import type { ConsultationEvent } from '../../domain/consultations/index.ts';
import { consultationKind } from '../../domain/consultations/index.ts';
import { replay } from '../../domain/workflow/engine.ts';
import { notFound } from '../../services/errors.ts';
import { acceptedOrRefused, eventLogRows } from '../../services/case-log.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { ConsultationCommentRow, ConsultationEventRow, ConsultationRow } from './tables.ts';

const OPEN_OR_CLOSED = ['open', 'closed'];

/** The agency of a consultation: only so the caller can ask the policy for a scope. */
export async function agencyOfConsultation(tx: Tx, id: number): Promise<number> {
  const row = await tx.selectFrom('consultations').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('意见征集');
  return row.agency_id;
}

export type NewConsultationRow = Omit<ConsultationRow, 'id' | 'agency_id' | 'phase' | 'opened_date' | 'closed_date' | 'feedback_published_date' | 'document_id'>;

export async function insertConsultation(tx: Tx, scope: AgencyScope, values: NewConsultationRow): Promise<number> {
  const { id } = await tx.insertInto('consultations').values({ ...values, agency_id: scope.agencyId, phase: 'prepared' }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function consultationRow(tx: Tx, scope: AgencyScope, id: number): Promise<ConsultationRow> {
  const row = await tx.selectFrom('consultations').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (!row) throw notFound('意见征集');
  return row;
}

export async function consultationEventRows(tx: Tx, scope: AgencyScope, id: number): Promise<ConsultationEventRow[]> {
  await consultationRow(tx, scope, id);
  return tx.selectFrom('consultation_events').selectAll().where('consultation_id', '=', id).orderBy('seq').execute();
}

export const eventsOf = (rows: readonly ConsultationEventRow[]): ConsultationEvent[] => rows.map((r) => JSON.parse(r.data_json) as ConsultationEvent);

export async function commentRows(tx: Tx, scope: AgencyScope, consultationId: number): Promise<ConsultationCommentRow[]> {
  return tx.selectFrom('consultation_comments').selectAll().where('consultation_id', '=', consultationId).where('agency_id', '=', scope.agencyId).orderBy('id').execute();
}

export async function insertComment(tx: Tx, scope: AgencyScope, values: Omit<ConsultationCommentRow, 'id' | 'agency_id' | 'status'>): Promise<number> {
  const { id } = await tx.insertInto('consultation_comments').values({ ...values, agency_id: scope.agencyId, status: 'pending' }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Appends events after checking the whole history replays, then rewrites the projections. */
export async function appendConsultationEvents(
  tx: Tx,
  deps: ServiceDeps,
  scope: AgencyScope,
  id: number,
  existing: readonly ConsultationEvent[],
  events: readonly ConsultationEvent[],
  actorUserId: number | null,
  calendar: WorkingCalendar,
): Promise<void> {
  await consultationRow(tx, scope, id);
  const replayed = replay(consultationKind(calendar), [...existing, ...events]);
  const s = acceptedOrRefused(replayed);
  if (events.length > 0) {
    const rows = eventLogRows(events, existing.length, actorUserId, deps.now().toISOString());
    await tx.insertInto('consultation_events').values(rows.map((r) => ({ ...r, consultation_id: id, agency_id: scope.agencyId }))).execute();
  }
  await tx
    .updateTable('consultations')
    .set({ phase: s.phase, opened_date: s.openedDate, closed_date: s.closedDate, feedback_published_date: s.feedbackPublishedDate, document_id: s.document?.id ?? null })
    .where('id', '=', id)
    .execute();
  for (const event of events) {
    if (event.type === 'commentModerated') await tx.updateTable('consultation_comments').set({ status: event.decision }).where('id', '=', event.commentId).where('consultation_id', '=', id).execute();
  }
}

export type ListedConsultationRow = ConsultationRow & { comments: number; pending: number };

const withCounts = (tx: Tx) =>
  tx
    .selectFrom('consultations')
    .selectAll('consultations')
    .select((eb) => [
      eb.selectFrom('consultation_comments').select(eb.fn.countAll<number>().as('n')).whereRef('consultation_comments.consultation_id', '=', 'consultations.id').as('comments'),
      eb.selectFrom('consultation_comments').select(eb.fn.countAll<number>().as('n')).whereRef('consultation_comments.consultation_id', '=', 'consultations.id').where('consultation_comments.status', '=', 'pending').as('pending'),
    ]);

const counted = (rows: (ConsultationRow & { comments: unknown; pending: unknown })[]): ListedConsultationRow[] => rows.map((r) => ({ ...r, comments: Number(r.comments ?? 0), pending: Number(r.pending ?? 0) }));

/** The agency's consultations, newest first; `filter` a phase, or 'overdue' (the end passed, feedback not published). */
export async function listConsultationRows(tx: Tx, scope: AgencyScope, filter: string | undefined, today: IsoDate): Promise<ListedConsultationRow[]> {
  let q = withCounts(tx).where('consultations.agency_id', '=', scope.agencyId);
  if (filter === 'overdue') q = q.where('consultations.phase', 'in', OPEN_OR_CLOSED).where('consultations.end_date', '<', today);
  else if (filter) q = q.where('consultations.phase', '=', filter);
  return counted(await q.orderBy('consultations.start_date', 'desc').orderBy('consultations.id', 'desc').limit(500).execute());
}

/**
 * Consultations whose period ended without published feedback (逾期), oldest end first: the same
 * rule as isFeedbackOverdue, on the stored projection.
 */
export async function overdueConsultationRows(tx: Tx, scope: AgencyScope, today: IsoDate): Promise<ListedConsultationRow[]> {
  return counted(await withCounts(tx).where('consultations.agency_id', '=', scope.agencyId).where('consultations.phase', 'in', OPEN_OR_CLOSED).where('consultations.end_date', '<', today).orderBy('consultations.end_date').orderBy('consultations.id').execute());
}

/** Open consultations whose period has ended: waiting to be closed with their feedback (the inbox). */
export async function consultationsToClose(tx: Tx, scope: AgencyScope, today: IsoDate): Promise<number> {
  const row = await tx.selectFrom('consultations').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', scope.agencyId).where('phase', '=', 'open').where('end_date', '<', today).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Published consultations (on the portal) of an agency; `id` for one. */
export async function publishedConsultationRows(tx: Tx, scope: AgencyScope, id?: number): Promise<ConsultationRow[]> {
  let q = tx.selectFrom('consultations').selectAll().where('agency_id', '=', scope.agencyId).where('phase', '!=', 'prepared').orderBy('start_date', 'desc').orderBy('id', 'desc');
  if (id !== undefined) q = q.where('id', '=', id);
  return q.execute();
}
