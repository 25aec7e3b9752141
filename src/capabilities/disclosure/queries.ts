/** The disclosure capability's reads for the workspace: Art. 20 figures, the plan, the portal pages, stale columns. */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import { art20Rows, columnsLatest, planRows, portalPageRow } from './sql.ts';
import type { Art20StatisticItem, Art20Statistics, PlanItem, PortalPageSlug, PortalPageView, StaleColumn } from './contract.ts';

/** A year's figures with their totals, for a caller already holding the scope (the annual report). */
export async function art20Statistics(tx: Tx, scope: AgencyScope, year: number): Promise<Art20Statistics> {
  const entries = await art20Rows(tx, scope, year);
  const totals: Record<Art20StatisticItem, number> = { license: 0, penalty: 0, enforcement: 0, fee: 0 };
  for (const e of entries) totals[e.item] += e.value;
  return { year, entries, totals };
}

export async function getArt20Statistics(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<Art20Statistics> {
  return art20Statistics(deps.db, await scopeFor(deps.db, actor, agencyId), year);
}

export async function listPlan(deps: ServiceDeps, actor: Actor, agencyId: number, month: string): Promise<PlanItem[]> {
  return planRows(deps.db, await scopeFor(deps.db, actor, agencyId), month);
}

/** A portal page as its editor opens it (empty when not written yet). */
export async function getPortalPageForEditing(deps: ServiceDeps, actor: Actor, agencyId: number, slug: PortalPageSlug): Promise<PortalPageView> {
  const page = await portalPageRow(deps.db, await scopeFor(deps.db, actor, agencyId), slug);
  return page ? { title: page.title, bodyHtml: page.body_html, updatedAt: page.updated_at } : { title: '', bodyHtml: '', updatedAt: null };
}

/** Columns whose newest published document is older than `days` (the dashboard's stale list). */
export async function staleColumns(deps: ServiceDeps, actor: Actor, agencyId: number, days: number): Promise<StaleColumn[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const cutoff = new Date(deps.now().getTime() - days * 86_400_000).toISOString();
  return (await columnsLatest(deps.db, scope))
    .filter((c) => !c.latest || c.latest < cutoff)
    .map((c) => ({ code: c.code, name: c.name, lastPublished: c.latest, lastPublishedDate: c.latest ? chinaDate(new Date(c.latest)) : null }));
}
