/**
 * The reports capability's storage: the annual report rows, the facts a report counts (documents,
 * request counts from the status projection, fees paid, appeals) and the appeal register. Every
 * read and write of an agency's rows takes the AgencyScope that only services/policy.ts makes,
 * and stays within that scope's agency; the portal's reads of published reports are the stated
 * exception (publishedReportRows, publishedReportRow, publishedVersionRows).
 */
import { sql } from 'kysely';
import type { RequestEvent } from '../../domain/requests/lifecycle.ts';
import type { ApplicantType, OutcomeCode, Received, RequestCellFilter, RequestGroup } from '../../domain/report/index.ts';
import type { AnnualReportTable, AnnualReportVersionTable, ReportContactsTable } from '../../storage/schema.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { Appeal, ReportStatus } from './contract.ts';

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

export async function reportRow(tx: Tx, scope: AgencyScope, year: number) {
  return tx.selectFrom('annual_reports').selectAll().where('agency_id', '=', scope.agencyId).where('year', '=', year).executeTakeFirst();
}

export async function insertReport(tx: Tx, scope: AgencyScope, year: number, values: { narrativeJson: string; updatedAt: string }): Promise<void> {
  await tx
    .insertInto('annual_reports')
    .values({ agency_id: scope.agencyId, year, status: 'draft', narrative_json: values.narrativeJson, snapshot_json: null, checked_at: null, published_at: null, published_by: null, updated_at: values.updatedAt })
    .execute();
}

export async function updateReport(tx: Tx, scope: AgencyScope, year: number, patch: Partial<Omit<AnnualReportTable, 'agency_id' | 'year' | 'status' | 'version'>> & { status?: ReportStatus; version?: number }): Promise<void> {
  await tx.updateTable('annual_reports').set(patch).where('agency_id', '=', scope.agencyId).where('year', '=', year).execute();
}

/** The snapshot of the scope's published report of `year`, if there is one. */
export async function publishedSnapshot(tx: Tx, scope: AgencyScope, year: number): Promise<string | null> {
  const row = await tx.selectFrom('annual_reports').select('snapshot_json').where('agency_id', '=', scope.agencyId).where('year', '=', year).where('status', '=', 'published').executeTakeFirst();
  return row?.snapshot_json ?? null;
}

/** Keeps a published version that a correction replaces. */
export async function insertReportVersion(tx: Tx, scope: AgencyScope, values: Omit<AnnualReportVersionTable, 'agency_id'>): Promise<void> {
  await tx.insertInto('annual_report_versions').values({ ...values, agency_id: scope.agencyId }).execute();
}

/** The versions of the scope's report of `year` that corrections replaced, oldest first. */
export async function reportVersionRows(tx: Tx, scope: AgencyScope, year: number) {
  return tx.selectFrom('annual_report_versions').select(['version', 'published_at', 'correction_reason', 'superseded_at']).where('agency_id', '=', scope.agencyId).where('year', '=', year).orderBy('version').execute();
}

/** The scope's opening-paragraph settings, if it has saved any. */
export async function reportContactsRow(tx: Tx, scope: AgencyScope) {
  return tx.selectFrom('report_contacts').selectAll().where('agency_id', '=', scope.agencyId).executeTakeFirst();
}

export async function saveReportContactsRow(tx: Tx, scope: AgencyScope, values: Omit<ReportContactsTable, 'agency_id'>): Promise<void> {
  const updated = await tx.updateTable('report_contacts').set(values).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('report_contacts').values({ ...values, agency_id: scope.agencyId }).execute();
}

/** The portal's 年报 column: an agency's published reports, newest first (public once published). */
export async function publishedReportRows(tx: Tx, agencyId: number) {
  return tx.selectFrom('annual_reports').select(['year', 'published_at', 'version', 'corrected_at']).where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('year', 'desc').execute();
}

/** One published report as the portal shows it, its current version (public once published; nothing for a draft). */
export async function publishedReportRow(tx: Tx, agencyId: number, year: number) {
  return tx
    .selectFrom('annual_reports')
    .select(['snapshot_json', 'published_at', 'version', 'correction_reason', 'corrected_at'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The earlier versions of a published report, oldest first (public: each was published). */
export async function publishedVersionRows(tx: Tx, agencyId: number, year: number) {
  return tx
    .selectFrom('annual_report_versions')
    .select(['version', 'snapshot_json', 'published_at', 'correction_reason', 'superseded_at'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('version')
    .execute();
}

/** 规章 or 行政规范性文件 of the scope's agency, published or withdrawn: section 二's facts. */
export async function regulationRows(tx: Tx, scope: AgencyScope, kind: 'rule' | 'normative') {
  return tx
    .selectFrom('documents')
    .select(['written_at', 'published_at', 'validity', 'invalid_from', 'status'])
    .where('agency_id', '=', scope.agencyId)
    .where('doc_kind', '=', kind)
    .where('status', 'in', ['published', 'withdrawn'])
    .execute();
}

/**
 * The requests that count in `year` (received by its end, not closed before its start), from the
 * stored status projection, each with when it was received ('new' in the year or 'carried_in')
 * and how the year ended it: its outcome if closed by the year's end ('' for a closed request
 * without one), else null.
 */
function yearRequests(tx: Tx, scope: AgencyScope, year: number) {
  const start = yearStart(year);
  const end = yearEnd(year);
  return tx
    .selectFrom('requests')
    .select([
      'id',
      'applicant_type',
      sql<Received>`case when receipt_date >= ${start} then 'new' else 'carried_in' end`.as('received'),
      sql<string | null>`case when closed_date <= ${end} then coalesce(outcome, '') end`.as('year_outcome'),
    ])
    .where('agency_id', '=', scope.agencyId)
    .where('receipt_date', 'is not', null)
    .where('receipt_date', '<=', end)
    .where((eb) => eb.or([eb('closed_date', 'is', null), eb('closed_date', '>=', start)]));
}

/** Table 三's counts: one GROUP BY over the year's requests (applicant type × receipt × outcome). */
export async function requestGroups(tx: Tx, scope: AgencyScope, year: number): Promise<RequestGroup[]> {
  const rows = await tx
    .selectFrom(yearRequests(tx, scope, year).as('y'))
    .select(['y.applicant_type', 'y.received', 'y.year_outcome', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy(['y.applicant_type', 'y.received', 'y.year_outcome'])
    .execute();
  return rows.map((r) => ({ applicantType: r.applicant_type as ApplicantType, received: r.received, outcome: r.year_outcome as OutcomeCode | null, count: Number(r.n) }));
}

/** The drill-down: the ids of the year's requests in one cell of table 三, in id order. */
export async function requestIdsInCell(tx: Tx, scope: AgencyScope, year: number, filter: RequestCellFilter): Promise<number[]> {
  let q = tx.selectFrom(yearRequests(tx, scope, year).as('y')).select('y.id');
  if (filter.received) q = q.where('y.received', '=', filter.received);
  if (filter.applicantType) q = q.where('y.applicant_type', '=', filter.applicantType);
  if (filter.end === 'open') q = q.where('y.year_outcome', 'is', null);
  else if (filter.end === 'closed') q = q.where('y.year_outcome', 'is not', null);
  else if (filter.end) q = q.where('y.year_outcome', '=', filter.end);
  return (await q.orderBy('y.id').execute()).map((r) => r.id);
}

/** The query codes (查询码) of the scope's requests, which staff and applicants quote, by request id. */
export async function requestQueryCodes(tx: Tx, scope: AgencyScope, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('requests').select(['id', 'query_code']).where('agency_id', '=', scope.agencyId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.query_code]));
}

/** 信息处理费 paid in the year on the scope's requests, in 元. */
export async function feesPaid(tx: Tx, scope: AgencyScope, year: number): Promise<number> {
  const rows = await tx
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .select('request_events.data_json')
    .where('requests.agency_id', '=', scope.agencyId)
    .where('request_events.type', '=', 'feePaid')
    .where('request_events.date', '>=', yearStart(year))
    .where('request_events.date', '<=', yearEnd(year))
    .execute();
  return rows.reduce((sum, e) => sum + ((JSON.parse(e.data_json) as Extract<RequestEvent, { type: 'feePaid' }>).amountYuan ?? 0), 0);
}

/** Cases of the scope's agency open at some time in `year` (filed by its end, not closed before it). */
export async function appealsOfYear(tx: Tx, scope: AgencyScope, year: number): Promise<Appeal[]> {
  const rows = await tx
    .selectFrom('appeals')
    .selectAll()
    .where('agency_id', '=', scope.agencyId)
    .where('filed_date', '<=', yearEnd(year))
    .where((eb) => eb.or([eb('closed_date', 'is', null), eb('closed_date', '>=', yearStart(year))]))
    .orderBy('id')
    .execute();
  return rows as Appeal[];
}

export async function appealRows(tx: Tx, scope: AgencyScope): Promise<Appeal[]> {
  return (await tx.selectFrom('appeals').selectAll().where('agency_id', '=', scope.agencyId).orderBy('filed_date', 'desc').orderBy('id', 'desc').execute()) as Appeal[];
}

export async function appealRow(tx: Tx, scope: AgencyScope, id: number): Promise<Appeal | undefined> {
  return (await tx.selectFrom('appeals').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst()) as Appeal | undefined;
}

export type AppealValues = Pick<Appeal, 'kind' | 'case_no' | 'filed_date' | 'closed_date' | 'result' | 'request_id' | 'summary' | 'updated_at'>;

export async function insertAppeal(tx: Tx, scope: AgencyScope, values: AppealValues & { created_at: string }): Promise<Appeal> {
  return (await tx.insertInto('appeals').values({ ...values, agency_id: scope.agencyId }).returningAll().executeTakeFirstOrThrow()) as Appeal;
}

export async function updateAppeal(tx: Tx, scope: AgencyScope, id: number, values: AppealValues): Promise<Appeal> {
  await tx.updateTable('appeals').set(values).where('id', '=', id).where('agency_id', '=', scope.agencyId).execute();
  return (await appealRow(tx, scope, id))!;
}

/** Whether the request is the scope's agency's (a case may be linked to no other agency's request). */
export async function ownsRequest(tx: Tx, scope: AgencyScope, requestId: number): Promise<boolean> {
  return !!(await tx.selectFrom('requests').select('id').where('id', '=', requestId).where('agency_id', '=', scope.agencyId).executeTakeFirst());
}
