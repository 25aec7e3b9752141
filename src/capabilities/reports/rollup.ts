/**
 * The roll-up (汇总, issue 12 item 3) for a government and a year: sections 二, 三 and 四 of the
 * published reports of its whole subtree (the government itself included) or of its own
 * departments, summed by the pure domain (domain/report/rollup.ts). Members outside the actor's
 * reach are counted, not summed.
 */
import { RULES, rollUp, type AnnualReport } from '../../domain/report/index.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { memberIdentity, subordinateReach } from './submission-reach.ts';
import { publishedOfMembers } from './rollup-sql.ts';
import { rollupScopeLabels, type RollupMemberView, type RollupScope, type RollupView } from './rollup-contract.ts';

export interface RollupData {
  view: RollupView;
  /** Each published member's report, for the workbook's member sheets. */
  reports: Map<number, AnnualReport>;
}

export async function rollupFor(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, scope: RollupScope): Promise<RollupData> {
  const reach = await subordinateReach(deps.db, actor, agencyId);
  const gov = reach.superior;
  if (gov.level === 'department') throw new AppError('NOT_A_GOVERNMENT', `“${gov.name}”是部门：汇总须以一级人民政府为单位`, 400);
  const departments = (id: number) => [...reach.all.values()].filter((a) => a.parent_id === id && a.level === 'department');
  const chosen = scope === 'subtree' ? reach.members : reach.members.filter((m) => m.depth === 1 && m.agency.level === 'department');
  const outOfReach = scope === 'subtree' ? reach.outOfReach : departments(gov.id).length - chosen.length;
  const rows = new Map((await publishedOfMembers(deps.db, reach, chosen.map((m) => m.agency.id), year)).map((r) => [r.agency_id, r]));
  const reports = new Map<number, AnnualReport>();
  for (const [id, r] of rows) reports.set(id, JSON.parse(r.snapshot_json!) as AnnualReport);
  const result = rollUp({ name: gov.name, level: gov.level, year, members: chosen.map((m) => ({ id: m.agency.id, name: m.agency.name, report: reports.get(m.agency.id) ?? null })) });
  const members: RollupMemberView[] = chosen.map((m, i) => {
    const r = result.members[i]!;
    const row = rows.get(m.agency.id);
    return {
      ...memberIdentity(m),
      missing: r.missing,
      publishedAt: row?.published_at ?? null,
      version: row ? row.version : null,
      errors: r.findings.filter((f) => f.severity === 'error').length,
      warnings: r.findings.filter((f) => f.severity === 'warning').length,
      findings: r.findings.map((f) => ({ rule: f.rule, ruleTitle: RULES[f.rule].title, severity: f.severity, message: f.message, location: f.location.text })),
      figures: { ...r.figures },
    };
  });
  return {
    view: {
      agencyId: gov.id,
      agencyName: gov.name,
      year,
      scope,
      scopeLabel: rollupScopeLabels[scope],
      sum: result.sum,
      sumFindings: [...result.sumFindings],
      members,
      summary: {
        members: members.length,
        published: members.filter((m) => !m.missing).length,
        missing: members.filter((m) => m.missing).length,
        withErrors: members.filter((m) => m.errors > 0).length,
        withWarnings: members.filter((m) => m.warnings > 0).length,
      },
      outOfReach,
    },
    reports,
  };
}
