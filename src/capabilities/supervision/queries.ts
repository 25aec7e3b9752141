/**
 * The 督办 dashboard: each agency's records read through its own scope, turned into figures and
 * verdicts by the pure domain, and summed for a superior. A superior sees an agency below only
 * where the policy gives it a scope there (a grant 本机关及下级 above it, or one on it).
 */
import { ancestorsOf, agencyLevels, subtreeOf, type AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { chinaDate, chinaYearRange } from '../../domain/calendar/china-time.ts';
import { isPlausibleDate, type IsoDate, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { rollUp, superviseAgency, type SupervisionInput } from '../../domain/supervision/index.ts';
import type { Agency } from '../../storage/schema.ts';
import { listAllAgencies } from '../../services/agencies.ts';
import { loadCalendar } from '../../services/calendar.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { effectiveRoles, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { DUE_SOON_WORKING_DAYS } from '../requests/contract.ts';
import { consultationsWithoutFeedback } from '../consultations/queries.ts';
import { deadlineOf } from '../reports/submission.ts';
import { columnRows, homeLatest, openMessageRows, openRequestRows, proactiveDocumentRows, reportRow, townshipDeadlines } from './sql.ts';
import type { AgencySupervisionView, SupervisionView } from './contract.ts';

const dateOf = (instant: string | null | undefined): IsoDate | null => (instant ? chinaDate(instant) : null);
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The records of one agency that the figures count, as the pure domain takes them. */
async function inputOf(deps: ServiceDeps, tx: Tx, scope: AgencyScope, agency: Agency, nodes: ReadonlyMap<number, AgencyNode>, today: IsoDate): Promise<SupervisionInput> {
  const year = Number(today.slice(0, 4));
  const columns = await columnRows(tx, scope);
  const documents = await proactiveDocumentRows(tx, scope, chinaYearRange(year).from);
  // The report due this spring is last year's (条例第四十九条).
  const above = ancestorsOf(agency.id, nodes).map((a) => a.id);
  const deadline = deadlineOf(agency, year - 1, nodes, await townshipDeadlines(tx, above));
  const report = await reportRow(tx, scope, year - 1);
  return {
    homeLastUpdated: dateOf(await homeLatest(tx, scope)),
    columns: columns.map((c) => ({ id: c.id, name: c.name, lastPublished: dateOf(c.latest as string | null) })),
    openMessages: (await openMessageRows(tx, scope)).map((m) => ({ id: m.id, label: `${m.query_code} ${short(m.title)}`, receivedDate: m.received_date })),
    // The consultations capability's own rule (period over, feedback not published).
    consultations: (await consultationsWithoutFeedback(deps, scope, today)).map((c) => ({ id: c.id, label: short(c.title), endDate: c.endDate, feedbackPublished: false })),
    openRequests: (await openRequestRows(tx, scope)).map((r) => ({ id: r.id, label: `${r.query_code} ${short(r.description)}`, dueDate: r.due_date! })),
    documents: documents.map((d) => ({
      id: d.id,
      label: short(d.title),
      // 形成或变更之日 as entered; a record without one counts from its creation (a change is a new version).
      formedDate: d.formed_at && isPlausibleDate(d.formed_at) ? d.formed_at : chinaDate(d.created_at),
      publishedDate: d.status === 'published' ? dateOf(d.published_at) : null,
    })),
    report: { year: year - 1, deadline: deadline.date, publishedDate: report?.status === 'published' ? dateOf(report.published_at) : null },
  };
}

function depthBelow(id: number, rootId: number, nodes: ReadonlyMap<number, AgencyNode>): number {
  if (id === rootId) return 0;
  return ancestorsOf(id, nodes).findIndex((a) => a.id === rootId) + 1;
}

/**
 * The dashboard of `agencyId` and, with `subtree`, of every open agency below it that the actor
 * may read. The agency asked for needs `agency.read` like any other read.
 */
export async function supervisionFor(deps: ServiceDeps, actor: Actor, agencyId: number, subtree: boolean): Promise<SupervisionView> {
  const db = deps.db;
  const own = await scopeFor(db, actor, agencyId);
  const today = chinaDate(deps.now());
  const calendar: WorkingCalendar = await loadCalendar(db);
  const all = await listAllAgencies(db);
  const byId = new Map(all.map((a) => [a.id, a]));
  const nodes = new Map(all.map((a) => [a.id, { id: a.id, name: a.name, level: a.level, parentId: a.parent_id }]));
  const below = subtree ? subtreeOf(agencyId, [...nodes.values()]).filter((id) => id !== agencyId && !byId.get(id)!.closed_at) : [];
  const members: { agency: Agency; scope: AgencyScope; depth: number }[] = [{ agency: byId.get(agencyId)!, scope: own, depth: 0 }];
  let outOfReach = 0;
  for (const id of below) {
    // Asking the policy only where some role reaches: scopeFor() would refuse the rest.
    if ((await effectiveRoles(db, actor, id)).length === 0) {
      outOfReach++;
      continue;
    }
    members.push({ agency: byId.get(id)!, scope: await scopeFor(db, actor, id), depth: depthBelow(id, agencyId, nodes) });
  }
  members.sort((a, b) => a.depth - b.depth || a.agency.id - b.agency.id);
  const agencies: AgencySupervisionView[] = [];
  for (const m of members) {
    const figures = superviseAgency(await inputOf(deps, db, m.scope, m.agency, nodes, today), today, calendar, DUE_SOON_WORKING_DAYS);
    agencies.push({ agencyId: m.agency.id, code: m.agency.code, name: m.agency.name, levelLabel: agencyLevels[m.agency.level], depth: m.depth, ...figures });
  }
  return {
    agencyId,
    agencyName: byId.get(agencyId)!.name,
    today,
    agencies,
    totals: rollUp(agencies),
    outOfReach,
    notComputed: [],
  };
}
