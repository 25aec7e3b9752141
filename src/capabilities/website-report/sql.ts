/**
 * The website annual report's storage: its state row, and the counts it is computed from. Every
 * read takes the AgencyScope only services/policy.ts makes and stays within its agency.
 */
import { sql } from 'kysely';
import { chinaYearRange } from '../../domain/calendar/china-time.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { WebsiteReportTable } from '../../storage/schema-website-reports.ts';

export async function websiteReportRow(tx: Tx, scope: AgencyScope, year: number) {
  return tx.selectFrom('website_reports').selectAll().where('agency_id', '=', scope.agencyId).where('year', '=', year).executeTakeFirst();
}

/** Writes the state row, creating it on the first step (a draft has no row). */
export async function saveWebsiteReportRow(tx: Tx, scope: AgencyScope, year: number, patch: Partial<Omit<WebsiteReportTable, 'agency_id' | 'year'>> & { updated_at: string }): Promise<void> {
  const done = await tx.updateTable('website_reports').set(patch).where('agency_id', '=', scope.agencyId).where('year', '=', year).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) {
    await tx
      .insertInto('website_reports')
      .values({ agency_id: scope.agencyId, year, status: 'draft', snapshot_json: null, checked_at: null, published_at: null, published_by: null, ...patch })
      .execute();
  }
}

/** The published website reports of an agency, newest first (public once published). */
export async function publishedWebsiteReportRows(tx: Tx, agencyId: number) {
  return tx.selectFrom('website_reports').select(['year', 'published_at', 'snapshot_json']).where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('year', 'desc').execute();
}

/** The scope's columns, each with its top-level column (a sub-column counts with its parent). */
export async function columnTree(tx: Tx, scope: AgencyScope): Promise<{ id: number; code: string; name: string; parentId: number | null }[]> {
  const rows = await tx.selectFrom('document_categories').select(['id', 'code', 'name', 'parent_id']).where('agency_id', '=', scope.agencyId).orderBy('sort').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentId: r.parent_id }));
}

/** Documents published in the China year: their column, whether a 解读 and of which form, their reads. */
export async function publishedInYear(tx: Tx, scope: AgencyScope, year: number) {
  const { from, to } = chinaYearRange(year);
  return tx
    .selectFrom('documents')
    .select(['id', 'category_id', 'interprets_id', 'interpretation_form', 'view_count'])
    .where('agency_id', '=', scope.agencyId)
    .where('status', '=', 'published')
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .execute();
}

/** Planned posts of the year, per channel, whose document was published (a plan alone is no post). */
export async function channelPosts(tx: Tx, scope: AgencyScope, year: number): Promise<Record<string, number>> {
  const rows = await tx
    .selectFrom('publishing_plan')
    .innerJoin('documents', 'documents.id', 'publishing_plan.document_id')
    .select(['publishing_plan.channel', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('publishing_plan.agency_id', '=', scope.agencyId)
    .where('documents.agency_id', '=', scope.agencyId)
    .where('documents.status', '=', 'published')
    .where('publishing_plan.planned_date', '>=', `${year}-01-01`)
    .where('publishing_plan.planned_date', '<=', `${year}-12-31`)
    .groupBy('publishing_plan.channel')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}

/** Replies published on the portal in the year. */
export async function publishedReplyCount(tx: Tx, scope: AgencyScope, year: number): Promise<number> {
  const row = await tx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('agency_id', '=', scope.agencyId)
    .where('published_date', '>=', `${year}-01-01`)
    .where('published_date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const countOf = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }): Promise<number> => Number((await q.executeTakeFirstOrThrow()).n);

/**
 * 征集调查 (consultations on drafts and surveys), 在线访谈 and meetings of the year. `nowChina`
 * ('YYYY-MM-DD HH:MM') leaves out interviews not yet held.
 */
export async function interactionCounts(tx: Tx, scope: AgencyScope, year: number, nowChina: string) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const a = scope.agencyId;
  const n = sql<number | string | bigint>`count(*)`.as('n');
  const consultationsOpened = await countOf(tx.selectFrom('consultations').select(n).where('agency_id', '=', a).where('opened_date', '>=', from).where('opened_date', '<=', to));
  const surveysOpened = await countOf(tx.selectFrom('surveys').select(n).where('agency_id', '=', a).where('status', '!=', 'draft').where('start_date', '>=', from).where('start_date', '<=', to));
  const comments = await countOf(tx.selectFrom('consultation_comments').select(n).where('agency_id', '=', a).where('received_date', '>=', from).where('received_date', '<=', to));
  const responses = await countOf(tx.selectFrom('survey_responses').select(n).where('agency_id', '=', a).where('submitted_date', '>=', from).where('submitted_date', '<=', to));
  const feedback = await countOf(tx.selectFrom('consultations').select(n).where('agency_id', '=', a).where('feedback_published_date', '>=', from).where('feedback_published_date', '<=', to));
  const surveyResults = await countOf(tx.selectFrom('surveys').select(n).where('agency_id', '=', a).where('published_date', '>=', from).where('published_date', '<=', to));
  const held = tx.selectFrom('interviews').select('id').where('agency_id', '=', a).where('deleted_at', 'is', null).where('starts_at', '>=', from).where('starts_at', '<=', `${to} 23:59`).where('starts_at', '<=', nowChina);
  const sessions = await countOf(tx.selectFrom(held.as('h')).select(n));
  const questions = await countOf(tx.selectFrom('interview_questions').select(n).where('agency_id', '=', a).where('interview_id', 'in', held));
  const answered = await countOf(tx.selectFrom('interview_questions').select(n).where('agency_id', '=', a).where('interview_id', 'in', held).where('status', '=', 'answered'));
  const meetings = await countOf(tx.selectFrom('meetings').select(n).where('agency_id', '=', a).where('deleted_at', 'is', null).where('held_on', '>=', from).where('held_on', '<=', to));
  return {
    surveys: { rounds: consultationsOpened + surveysOpened, opinions: comments + responses, resultsPublished: feedback + surveyResults },
    interviews: { sessions, questions, answered },
    consultationsOpened,
    meetings,
  };
}
