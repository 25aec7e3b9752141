/**
 * The disclosure capability's storage: Art. 20 figures, the publishing plan, the portal pages an
 * agency writes, and its columns' latest publications. Every function takes the AgencyScope that
 * only services/policy.ts makes, and stays within that scope's agency.
 */
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { Art20Entry, Art20StatisticItem, PlanChannel, PlanItem, PortalPageSlug } from './contract.ts';

export async function art20Rows(tx: Tx, scope: AgencyScope, year: number): Promise<Art20Entry[]> {
  const rows = await tx.selectFrom('art20_statistics').select(['month', 'item', 'value']).where('agency_id', '=', scope.agencyId).where('year', '=', year).orderBy('month').orderBy('item').execute();
  return rows.map((r) => ({ month: r.month, item: r.item as Art20StatisticItem, value: Number(r.value) }));
}

/** Replaces one month's figure for one item; returns the value it replaced (null for none). */
export async function replaceArt20Value(tx: Tx, scope: AgencyScope, year: number, e: Art20Entry, updatedAt: string): Promise<string | null> {
  const cell = tx.selectFrom('art20_statistics').where('agency_id', '=', scope.agencyId).where('year', '=', year).where('month', '=', e.month).where('item', '=', e.item);
  const before = await cell.select('value').executeTakeFirst();
  await tx.deleteFrom('art20_statistics').where('agency_id', '=', scope.agencyId).where('year', '=', year).where('month', '=', e.month).where('item', '=', e.item).execute();
  await tx.insertInto('art20_statistics').values({ agency_id: scope.agencyId, year, month: e.month, item: e.item, value: String(e.value), updated_at: updatedAt }).execute();
  return before?.value ?? null;
}

export async function portalPageRow(tx: Tx, scope: AgencyScope, slug: PortalPageSlug) {
  return tx.selectFrom('portal_pages').selectAll().where('agency_id', '=', scope.agencyId).where('slug', '=', slug).executeTakeFirst();
}

export async function replacePortalPage(tx: Tx, scope: AgencyScope, slug: PortalPageSlug, page: { title: string; bodyHtml: string; updatedAt: string; updatedBy: number | null }): Promise<void> {
  await tx.deleteFrom('portal_pages').where('agency_id', '=', scope.agencyId).where('slug', '=', slug).execute();
  await tx.insertInto('portal_pages').values({ agency_id: scope.agencyId, slug, title: page.title, body_html: page.bodyHtml, updated_at: page.updatedAt, updated_by: page.updatedBy }).execute();
}

/** Whether the document is the scope's agency's (a plan may point at no other agency's document). */
export async function ownsDocument(tx: Tx, scope: AgencyScope, documentId: number): Promise<boolean> {
  return !!(await tx.selectFrom('documents').select('id').where('id', '=', documentId).where('agency_id', '=', scope.agencyId).executeTakeFirst());
}

export async function insertPlanItem(tx: Tx, scope: AgencyScope, item: { channel: PlanChannel; plannedDate: string; title: string; documentId: number | null; createdAt: string }): Promise<PlanItem> {
  const row = await tx
    .insertInto('publishing_plan')
    .values({ agency_id: scope.agencyId, channel: item.channel, planned_date: item.plannedDate, title: item.title, document_id: item.documentId, done: 0, created_at: item.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as PlanItem;
}

/** The plan of one month (YYYY-MM), by date. */
export async function planRows(tx: Tx, scope: AgencyScope, month: string): Promise<PlanItem[]> {
  const rows = await tx.selectFrom('publishing_plan').selectAll().where('agency_id', '=', scope.agencyId).where('planned_date', '>=', `${month}-01`).where('planned_date', '<=', `${month}-31`).orderBy('planned_date').orderBy('id').execute();
  return rows as PlanItem[];
}

/** Each column of the scope's agency with the time of its newest published document (null for none). */
export async function columnsLatest(tx: Tx, scope: AgencyScope): Promise<{ code: string; name: string; latest: string | null }[]> {
  const cats = await tx.selectFrom('document_categories').select(['id', 'code', 'name']).where('agency_id', '=', scope.agencyId).orderBy('sort').orderBy('id').execute();
  const latest = await tx
    .selectFrom('documents')
    .select(['category_id', (eb) => eb.fn.max('published_at').as('latest')])
    .where('agency_id', '=', scope.agencyId)
    .where('status', '=', 'published')
    .groupBy('category_id')
    .execute();
  const byCat = new Map(latest.map((l) => [l.category_id, l.latest as string | null]));
  return cats.map((c) => ({ code: c.code, name: c.name, latest: byCat.get(c.id) ?? null }));
}
