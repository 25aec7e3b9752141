/** The reports capability's reads: the report as it stands, its drill-down, published reports, the appeal register. */
import { annualReportDeadline, type AnnualReportDeadline } from '../../domain/deadlines/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import {
  canPublish,
  checkReport,
  computeReport,
  earliestPublication,
  emptyContacts,
  requestCellFilter,
  standardPreamble,
  type ReportContacts,
  type AnnualReport,
  type AppealFact,
  type RegulationFacts,
  type ReportFacts,
  type RequestColumnKey,
  type RequestRowKey,
} from '../../domain/report/index.ts';
import type { AgencyLevel } from '../../storage/schema.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { getAgency } from '../../services/agencies.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import { art20Statistics } from '../disclosure/queries.ts';
import {
  appealRows,
  appealsOfYear,
  feesPaid,
  publishedReportRow,
  publishedReportRows,
  publishedSnapshot,
  publishedVersionRows,
  regulationRows,
  reportContactsRow,
  reportRow,
  reportVersionRows,
  requestGroups,
  requestIdsInCell,
  requestQueryCodes,
} from './sql.ts';
import { reportStatusLabels, type Appeal, type Narrative, type ReportCellRecords, type ReportStatus, type ReportVersionInfo, type ReportView } from './contract.ts';

/** Section 二 from the catalogue: 规章 and 行政规范性文件 made, repealed, in force at year end. */
async function regulationFacts(tx: Tx, scope: AgencyScope, year: number, kind: 'rule' | 'normative'): Promise<RegulationFacts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  let issued = 0;
  let repealed = 0;
  let inForce = 0;
  for (const r of await regulationRows(tx, scope, kind)) {
    const made = r.written_at ?? (r.published_at ? chinaDate(r.published_at) : '');
    if (!made || made > end) continue;
    if (made >= start && r.status === 'published') issued++;
    const ended = r.validity !== 'valid' && r.invalid_from ? r.invalid_from : null;
    if (ended && ended >= start && ended <= end) repealed++;
    if (r.status === 'published' && (!ended || ended > end)) inForce++;
  }
  return { issued, repealed, inForce };
}

function appealFact(a: Appeal, year: number): AppealFact {
  return {
    id: `A${a.id}`,
    kind: a.kind,
    filedDate: a.filed_date,
    ...(a.closed_date && a.closed_date <= `${year}-12-31` && a.result ? { closedDate: a.closed_date, result: a.result } : {}),
  };
}

/** Last year's published figures, when there are any, for the continuity checks (C4, C5). */
async function previousFigures(tx: Tx, scope: AgencyScope, year: number): Promise<ReportFacts['previous']> {
  const snapshot = await publishedSnapshot(tx, scope, year - 1);
  if (!snapshot) return undefined;
  const last = JSON.parse(snapshot) as AnnualReport;
  return {
    ...(last.proactive.rows.rules?.inForce?.value != null ? { rulesInForce: last.proactive.rows.rules.inForce.value } : {}),
    ...(last.proactive.rows.normative?.inForce?.value != null ? { normativeInForce: last.proactive.rows.normative.inForce.value } : {}),
    ...(last.requests.rows.carried_out?.total?.value != null ? { requestsCarriedOut: last.requests.rows.carried_out.total.value } : {}),
  };
}

/**
 * Everything the report counts, read from the agency's records for the year. Table 三 comes as
 * counts from one GROUP BY on the request status projection, not one row per request.
 */
export async function gatherFacts(tx: Tx, scope: AgencyScope, year: number, narrative: Narrative): Promise<ReportFacts> {
  const agency = await getAgency(tx, scope.agencyId);
  const stats = await art20Statistics(tx, scope, year);
  const previous = await previousFigures(tx, scope, year);
  // An opening left empty is the standard one, from the agency's saved 网址 and contacts.
  const preamble = narrative.preamble?.trim() || standardPreamble(agency.name, year, await contactsOf(tx, scope));
  return {
    agency: { name: agency.name, level: agency.level as AgencyLevel },
    year,
    proactive: {
      rules: await regulationFacts(tx, scope, year, 'rule'),
      normative: await regulationFacts(tx, scope, year, 'normative'),
      licensing: stats.totals.license,
      penalty: stats.totals.penalty,
      enforcement: stats.totals.enforcement,
      feesYuan: stats.totals.fee,
    },
    requests: { groups: await requestGroups(tx, scope, year) },
    appeals: (await appealsOfYear(tx, scope, year)).map((a) => appealFact(a, year)),
    narrative: { preamble, overview: narrative.overview, problems: narrative.problems, other: narrative.other },
    feeCharged: await feesPaid(tx, scope, year),
    ...(previous ? { previous } : {}),
  };
}

/** The agency's opening-paragraph settings (all empty until saved). */
export async function contactsOf(tx: Tx, scope: AgencyScope): Promise<ReportContacts> {
  const row = await reportContactsRow(tx, scope);
  if (!row) return emptyContacts;
  return { websiteName: row.website_name, websiteUrl: row.website_url, office: row.office, address: row.address, postcode: row.postcode, phone: row.phone, email: row.email };
}

export async function getReportContacts(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<ReportContacts> {
  return contactsOf(deps.db, await scopeFor(deps.db, actor, agencyId));
}

const emptyNarrative = (): Narrative => ({ overview: '', problems: '', other: '' });

function deadlineFor(level: string, year: number): AnnualReportDeadline {
  const kind = level === 'department' ? 'department' : level === 'township' ? 'township' : 'government';
  return annualReportDeadline(kind, year);
}

/** The report as it stands, for a caller holding the scope: computed from today's records, or the published snapshot. */
export async function reportView(deps: ServiceDeps, scope: AgencyScope, year: number): Promise<ReportView> {
  const agency = await getAgency(deps.db, scope.agencyId);
  const row = await reportRow(deps.db, scope, year);
  const narrative: Narrative = row ? (JSON.parse(row.narrative_json) as Narrative) : emptyNarrative();
  let report: AnnualReport | null = null;
  let errors: string[] = [];
  if (row?.status === 'published' && row.snapshot_json) {
    report = JSON.parse(row.snapshot_json) as AnnualReport;
  } else {
    const computed = computeReport(await gatherFacts(deps.db, scope, year, narrative));
    if (computed.ok) report = computed.report;
    else errors = [...computed.errors];
  }
  const findings = report ? checkReport(report, { built: true }) : [];
  const deadline = deadlineFor(agency.level, year);
  const status = (row?.status ?? 'draft') as ReportStatus;
  const earlier = row?.status === 'published' ? await reportVersionRows(deps.db, scope, year) : [];
  const today = chinaDate(deps.now());
  return {
    agencyId: scope.agencyId,
    year,
    status,
    statusLabel: reportStatusLabels[status],
    narrative,
    report,
    errors,
    findings,
    canPublish: !!report && errors.length === 0 && canPublish(findings),
    deadline: { date: deadline.date, local: deadline.local, overdue: status !== 'published' && chinaDate(deps.now()) > deadline.date },
    publishedAt: row?.published_at ?? null,
    publishableFrom: earliestPublication(year),
    signedBy: agency.full_name?.trim() || agency.name,
    signedOn: row?.status === 'published' && row.published_at ? chinaDate(row.published_at) : today,
    version: row?.version ?? 1,
    correction: row?.status === 'published' && row.correction_reason && row.corrected_at ? { reason: row.correction_reason, at: row.corrected_at } : null,
    earlierVersions: earlier.map((v) => ({ version: v.version, publishedAt: v.published_at, reason: v.correction_reason, supersededAt: v.superseded_at })),
  };
}

export async function getReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<ReportView> {
  return reportView(deps, await scopeFor(deps.db, actor, agencyId), year);
}

/** The drill-down of table 三: which requests one cell counts, read for that cell alone. */
export async function reportCellRecords(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, row: RequestRowKey, col: RequestColumnKey): Promise<ReportCellRecords> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const ids = await requestIdsInCell(deps.db, scope, year, requestCellFilter(row, col));
  const codes = await requestQueryCodes(deps.db, scope, ids);
  return { row, col, ids: ids.map((id) => `R${id}`), queryCodes: Object.fromEntries(ids.map((id) => [`R${id}`, codes.get(id) ?? ''])) };
}

/** Published reports of an agency, newest first (the portal's 年报 column). */
export async function publishedReports(deps: ServiceDeps, agencyId: number) {
  return publishedReportRows(deps.db, agencyId);
}

/** A published report as the portal shows it: one version, with what tells it apart from the others. */
export interface PublishedReport {
  report: AnnualReport;
  /** The version's publication date in China (its 落款 date). */
  publishedDate: string | undefined;
  version: number;
  /** The current version's number: a version below it has been corrected. */
  currentVersion: number;
  /** Why this version corrected the one before it, and the date (China) it was published. */
  correction: { reason: string; date: string } | null;
  /** Every version, oldest first, the current one last. */
  versions: (Omit<ReportVersionInfo, 'supersededAt'> & { current: boolean })[];
}

/**
 * A published report as it was published: its current version, or an earlier one that a
 * correction replaced (`version`). Null for a draft, an unknown year or version.
 */
export async function publishedReport(deps: ServiceDeps, agencyId: number, year: number, version?: number): Promise<PublishedReport | null> {
  const row = await publishedReportRow(deps.db, agencyId, year);
  if (!row?.snapshot_json) return null;
  const earlier = row.version > 1 ? await publishedVersionRows(deps.db, agencyId, year) : [];
  const versions = [
    ...earlier.map((v) => ({ version: v.version, publishedAt: v.published_at, reason: v.correction_reason, current: false })),
    { version: row.version, publishedAt: row.published_at ?? '', reason: row.correction_reason, current: true },
  ];
  const wanted = version ?? row.version;
  const old = earlier.find((v) => v.version === wanted);
  if (wanted !== row.version && !old) return null;
  const [snapshot, publishedAt, reason] = old ? [old.snapshot_json, old.published_at, old.correction_reason] : [row.snapshot_json, row.published_at, row.correction_reason];
  return {
    report: JSON.parse(snapshot) as AnnualReport,
    publishedDate: publishedAt ? chinaDate(publishedAt) : undefined,
    version: wanted,
    currentVersion: row.version,
    correction: reason && publishedAt ? { reason, date: chinaDate(publishedAt) } : null,
    versions,
  };
}

export async function listAppeals(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<Appeal[]> {
  return appealRows(deps.db, await scopeFor(deps.db, actor, agencyId));
}
