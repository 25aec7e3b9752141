/** The website annual report's steps: check and publish, by the flow the statutory report uses (reports/flow.ts). */
import { appendAudit } from '../../storage/audit.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { scopeFor } from '../../services/policy.ts';
import { assertChecked, assertMayAct, assertMayAdvance, stepValues, type FlowAction } from '../reports/flow.ts';
import { saveWebsiteReportRow, websiteReportRow } from './sql.ts';
import { websiteReportView } from './queries.ts';
import type { WebsiteReportView } from './contract.ts';

export async function advanceWebsiteReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, action: FlowAction): Promise<WebsiteReportView> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  assertMayAct(deps, scope, year, action, '网站年度报表须由负责人发布');
  const view = await websiteReportView(deps, scope, year);
  assertMayAdvance({ status: view.status, invalid: [], computed: true, errorFindings: view.findings.filter((f) => f.severity === 'error') }, action);
  const actorId = actor.kind === 'user' ? actor.userId : null;
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, action === 'publish' ? 'reports.publish' : 'agency.read');
    // The state as the transaction sees it: a check made meanwhile by someone else counts.
    assertChecked(((await websiteReportRow(tx, scope, year))?.status ?? 'draft') as WebsiteReportView['status'], action);
    await saveWebsiteReportRow(tx, scope, year, stepValues(action, deps.now().toISOString(), actorId, JSON.stringify(view.report)));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId, action: `websiteReport.${action}`, entity: 'website_report', entityId: `${agencyId}-${year}`, after: { findings: view.findings.length } });
  });
  return websiteReportView(deps, scope, year);
}
