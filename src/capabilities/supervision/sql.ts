/**
 * Storage reads of the 督办 dashboard: the records of one agency that its figures count. Every
 * function takes the AgencyScope only services/policy.ts makes and stays within its agency,
 * except `townshipDeadlines`, which reads the report deadline that offices above set for it.
 */
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import { TOWNSHIP_DEADLINE_KEY } from '../reports/submission-sql.ts';

/** The messages' open phases (domain/messages lifecycle): received, not yet answered or refused. */
const OPEN_MESSAGE_PHASES = ['awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed'];

/** Each column with the instant of its newest published document (null: blank). */
export async function columnRows(tx: Tx, scope: AgencyScope) {
  return tx
    .selectFrom('document_categories as c')
    .leftJoin('documents as d', (j) => j.onRef('d.category_id', '=', 'c.id').on('d.status', '=', 'published'))
    .select(['c.id', 'c.name', (eb) => eb.fn.max('d.published_at').as('latest')])
    .where('c.agency_id', '=', scope.agencyId)
    .groupBy(['c.id', 'c.name', 'c.sort'])
    .orderBy('c.sort')
    .orderBy('c.id')
    .execute();
}

/** The instant of the agency's newest published document, which its portal home page lists first. */
export async function homeLatest(tx: Tx, scope: AgencyScope): Promise<string | null> {
  const row = await tx
    .selectFrom('documents')
    .select((eb) => eb.fn.max('published_at').as('latest'))
    .where('agency_id', '=', scope.agencyId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return (row?.latest as string | null | undefined) ?? null;
}

export async function openMessageRows(tx: Tx, scope: AgencyScope) {
  return tx.selectFrom('messages').select(['id', 'query_code', 'title', 'received_date']).where('agency_id', '=', scope.agencyId).where('phase', 'in', OPEN_MESSAGE_PHASES).orderBy('id').execute();
}

/** Open requests whose reply clock runs (the projection's due date is set). */
export async function openRequestRows(tx: Tx, scope: AgencyScope) {
  return tx.selectFrom('requests').select(['id', 'query_code', 'description', 'due_date']).where('agency_id', '=', scope.agencyId).where('phase', '!=', 'closed').where('due_date', 'is not', null).orderBy('id').execute();
}

/** Proactive documents not withdrawn: unpublished ones, and those published since `since` (an instant). */
export async function proactiveDocumentRows(tx: Tx, scope: AgencyScope, since: string) {
  return tx
    .selectFrom('documents')
    .select(['id', 'title', 'formed_at', 'created_at', 'published_at', 'status'])
    .where('agency_id', '=', scope.agencyId)
    .where('disclosure_method', '=', 'proactive')
    .where('status', '!=', 'withdrawn')
    .where((eb) => eb.or([eb('status', '!=', 'published'), eb('published_at', '>=', since)]))
    .orderBy('id')
    .execute();
}

export async function reportRow(tx: Tx, scope: AgencyScope, year: number) {
  return tx.selectFrom('annual_reports').select(['status', 'published_at']).where('agency_id', '=', scope.agencyId).where('year', '=', year).executeTakeFirst();
}

/** The 乡镇（街道） report deadlines (MM-DD) set by these agencies, the ones above the scope's agency. */
export async function townshipDeadlines(tx: Tx, aboveIds: readonly number[]): Promise<Map<number, string>> {
  if (aboveIds.length === 0) return new Map();
  const rows = await tx.selectFrom('agency_settings').select(['agency_id', 'value']).where('agency_id', 'in', [...aboveIds]).where('key', '=', TOWNSHIP_DEADLINE_KEY).execute();
  return new Map(rows.map((r) => [r.agency_id, r.value]));
}
