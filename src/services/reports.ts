import { annualReportDeadline, type AnnualReportDeadline } from '../domain/deadlines/index.ts';
import { scopeFor } from './policy.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { canPublish, checkReport, computeReport, type AnnualReport, type Finding, type ReportFacts, type AppealFact, type RequestFact } from '../domain/report/index.ts';
import type { RequestEvent } from '../domain/requests/lifecycle.ts';
import type { ApplicantType, OutcomeCode } from '../domain/requests/outcomes.ts';
import { appendAudit } from '../storage/audit.ts';
import type { AgencyLevel } from '../storage/schema.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { getAgency } from './agencies.ts';
import { getArt20Statistics } from './disclosure-admin.ts';

export interface Narrative {
  preamble?: string;
  overview: string;
  problems: string;
  other: string;
}

export const reportStatusLabels = { draft: '草稿', checked: '已校验', published: '已发布' } as const;
export type ReportStatus = keyof typeof reportStatusLabels;

/** The actor's roles in the agency, through the one policy (FORBIDDEN for non-staff). */
async function staff(tx: Tx, actor: Actor, agencyId: number): Promise<readonly string[]> {
  return (await scopeFor(tx, actor, agencyId)).roles;
}

/** Section 二 from the catalogue: 规章 and 行政规范性文件 made, repealed, in force at year end. */
async function regulationFacts(tx: Tx, agencyId: number, year: number, kind: 'rule' | 'normative') {
  const rows = await tx
    .selectFrom('documents')
    .select(['written_at', 'published_at', 'validity', 'invalid_from', 'status'])
    .where('agency_id', '=', agencyId)
    .where('doc_kind', '=', kind)
    .where('status', 'in', ['published', 'withdrawn'])
    .execute();
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  let issued = 0;
  let repealed = 0;
  let inForce = 0;
  for (const r of rows) {
    const made = r.written_at ?? (r.published_at ? chinaDate(r.published_at) : '');
    if (!made || made > end) continue;
    if (made >= start && r.status === 'published') issued++;
    const ended = r.validity !== 'valid' && r.invalid_from ? r.invalid_from : null;
    if (ended && ended >= start && ended <= end) repealed++;
    if (r.status === 'published' && (!ended || ended > end)) inForce++;
  }
  return { issued, repealed, inForce };
}

/** Everything the report counts, read from the agency's records for the year. */
export async function gatherFacts(tx: Tx, agencyId: number, year: number, narrative: Narrative): Promise<ReportFacts> {
  const agency = await getAgency(tx, agencyId);
  const stats = await getArt20Statistics(tx, agencyId, year);
  const requestRows = await tx
    .selectFrom('requests')
    .select(['id', 'applicant_type', 'receipt_date', 'closed_date', 'outcome'])
    .where('agency_id', '=', agencyId)
    .where('receipt_date', 'is not', null)
    .where('receipt_date', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('closed_date', 'is', null), eb('closed_date', '>=', `${year}-01-01`)]))
    .execute();
  const requests: RequestFact[] = requestRows.map((r) => ({
    id: `R${r.id}`,
    applicantType: r.applicant_type as ApplicantType,
    receivedDate: r.receipt_date!,
    ...(r.closed_date && r.closed_date <= `${year}-12-31` ? { closedDate: r.closed_date, outcome: r.outcome as OutcomeCode } : {}),
  }));
  const appealRows = await tx.selectFrom('appeals').selectAll().where('agency_id', '=', agencyId).where('filed_date', '<=', `${year}-12-31`).execute();
  const appeals: AppealFact[] = appealRows
    .filter((a) => !a.closed_date || a.closed_date >= `${year}-01-01`)
    .map((a) => ({
      id: `A${a.id}`,
      kind: a.kind as AppealFact['kind'],
      filedDate: a.filed_date,
      ...(a.closed_date && a.closed_date <= `${year}-12-31` && a.result ? { closedDate: a.closed_date, result: a.result as NonNullable<AppealFact['result']> } : {}),
    }));
  // 信息处理费 actually collected in the year: payments recorded on requests.
  const paid = await tx
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .select('request_events.data_json')
    .where('requests.agency_id', '=', agencyId)
    .where('request_events.type', '=', 'feePaid')
    .where('request_events.date', '>=', `${year}-01-01`)
    .where('request_events.date', '<=', `${year}-12-31`)
    .execute();
  // Last year's published figures, when there are any, for the continuity checks (C4, C5).
  const last = await tx.selectFrom('annual_reports').select('snapshot_json').where('agency_id', '=', agencyId).where('year', '=', year - 1).where('status', '=', 'published').executeTakeFirst();
  const lastReport = last?.snapshot_json ? (JSON.parse(last.snapshot_json) as AnnualReport) : null;
  const previous = lastReport
    ? {
        ...(lastReport.proactive.rows.rules?.inForce?.value != null ? { rulesInForce: lastReport.proactive.rows.rules.inForce.value } : {}),
        ...(lastReport.proactive.rows.normative?.inForce?.value != null ? { normativeInForce: lastReport.proactive.rows.normative.inForce.value } : {}),
        ...(lastReport.requests.rows.carried_out?.total?.value != null ? { requestsCarriedOut: lastReport.requests.rows.carried_out.total.value } : {}),
      }
    : undefined;
  const feeCharged = paid.reduce((sum, e) => sum + ((JSON.parse(e.data_json) as Extract<RequestEvent, { type: 'feePaid' }>).amountYuan ?? 0), 0);
  return {
    agency: { name: agency.name, level: agency.level as AgencyLevel },
    year,
    proactive: {
      rules: await regulationFacts(tx, agencyId, year, 'rule'),
      normative: await regulationFacts(tx, agencyId, year, 'normative'),
      licensing: stats.totals.license,
      penalty: stats.totals.penalty,
      enforcement: stats.totals.enforcement,
      feesYuan: stats.totals.fee,
    },
    requests,
    appeals,
    narrative: { ...(narrative.preamble ? { preamble: narrative.preamble } : {}), overview: narrative.overview, problems: narrative.problems, other: narrative.other },
    feeCharged,
    ...(previous ? { previous } : {}),
  };
}

async function reportRow(tx: Tx, agencyId: number, year: number) {
  return tx.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
}

const emptyNarrative = (): Narrative => ({ overview: '', problems: '', other: '' });

function deadlineFor(level: string, year: number): AnnualReportDeadline {
  const kind = level === 'department' ? 'department' : level === 'township' ? 'township' : 'government';
  return annualReportDeadline(kind, year);
}

export interface ReportView {
  agencyId: number;
  year: number;
  status: ReportStatus;
  statusLabel: string;
  narrative: Narrative;
  report: AnnualReport | null;
  errors: string[];
  findings: Finding[];
  canPublish: boolean;
  deadline: { date: string; local: boolean; overdue: boolean };
  publishedAt: string | null;
}

/** The report as it stands: computed from today's records (or the published snapshot). */
export async function getReport(deps: ServiceDeps, actor: Actor | null, agencyId: number, year: number): Promise<ReportView> {
  if (actor) await staff(deps.db, actor, agencyId);
  const agency = await getAgency(deps.db, agencyId);
  const row = await reportRow(deps.db, agencyId, year);
  const narrative: Narrative = row ? (JSON.parse(row.narrative_json) as Narrative) : emptyNarrative();
  let report: AnnualReport | null = null;
  let errors: string[] = [];
  if (row?.status === 'published' && row.snapshot_json) {
    report = JSON.parse(row.snapshot_json) as AnnualReport;
  } else {
    const computed = computeReport(await gatherFacts(deps.db, agencyId, year, narrative));
    if (computed.ok) report = computed.report;
    else errors = [...computed.errors];
  }
  const findings = report ? checkReport(report) : [];
  const deadline = deadlineFor(agency.level, year);
  const status = (row?.status ?? 'draft') as ReportStatus;
  return {
    agencyId,
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
  };
}

export async function saveNarrative(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, narrative: Narrative): Promise<ReportView> {
  for (const [k, v] of Object.entries(narrative)) {
    if (typeof v !== 'string' || v.length > 20000) throw new AppError('INVALID_NARRATIVE', `“${k}”内容无效或过长`);
  }
  await deps.db.transaction().execute(async (tx) => {
    const roles = await staff(tx, actor, agencyId);
    if (!roles.some((r) => r === 'clerk' || r === 'head' || r === 'admin')) throw forbidden();
    const row = await reportRow(tx, agencyId, year);
    if (row?.status === 'published') throw new AppError('REPORT_PUBLISHED', '报告已发布，不能修改', 409);
    const now = deps.now().toISOString();
    if (row) {
      await tx.updateTable('annual_reports').set({ narrative_json: JSON.stringify(narrative), status: 'draft', checked_at: null, updated_at: now }).where('agency_id', '=', agencyId).where('year', '=', year).execute();
    } else {
      await tx.insertInto('annual_reports').values({ agency_id: agencyId, year, status: 'draft', narrative_json: JSON.stringify(narrative), snapshot_json: null, checked_at: null, published_at: null, published_by: null, updated_at: now }).execute();
    }
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'report.narrative', entity: 'annual_report', entityId: `${agencyId}-${year}`, before: row ? JSON.parse(row.narrative_json) : null, after: narrative });
  });
  return getReport(deps, actor, agencyId, year);
}

/** draft → checked (no error-severity finding) → published (by the 负责人 only). */
export async function advanceReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, action: 'check' | 'publish'): Promise<ReportView> {
  const view = await getReport(deps, actor, agencyId, year);
  // Who may act is decided before what state the report is in, so a refusal never hints at it.
  if (action === 'publish' && !(await staff(deps.db, actor, agencyId)).includes('head')) throw forbidden('年度报告须由负责人发布');
  const errorFindings = view.findings.filter((f) => f.severity === 'error');
  if (view.status === 'published') throw new AppError('REPORT_PUBLISHED', '报告已发布', 409);
  if (view.errors.length || !view.report) throw new AppError('REPORT_INVALID', `报告数据有误：${view.errors.join('；')}`, 409);
  if (errorFindings.length) {
    throw new AppError('REPORT_HAS_ERRORS', `报告存在 ${errorFindings.length} 项错误，不能${action === 'check' ? '通过校验' : '发布'}：${errorFindings.map((f) => f.message).join('；')}`, 409, { findings: errorFindings });
  }
  await deps.db.transaction().execute(async (tx) => {
    await staff(tx, actor, agencyId);
    if (action === 'publish' && view.status !== 'checked') throw new AppError('REPORT_NOT_CHECKED', '报告须先通过校验', 409);
    if (!(await reportRow(tx, agencyId, year))) throw new AppError('REPORT_EMPTY', '请先编写报告的文字部分', 409);
    const now = deps.now().toISOString();
    await tx
      .updateTable('annual_reports')
      .set(action === 'check' ? { status: 'checked', checked_at: now, updated_at: now } : { status: 'published', snapshot_json: JSON.stringify(view.report), published_at: now, published_by: actor.kind === 'user' ? actor.userId : null, updated_at: now })
      .where('agency_id', '=', agencyId)
      .where('year', '=', year)
      .execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: `report.${action}`, entity: 'annual_report', entityId: `${agencyId}-${year}`, after: { findings: view.findings.length } });
  });
  return getReport(deps, actor, agencyId, year);
}

/** Published reports of an agency, newest first (the portal's 年报 column). */
export async function publishedReports(deps: ServiceDeps, agencyId: number) {
  return deps.db.selectFrom('annual_reports').select(['year', 'published_at']).where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('year', 'desc').execute();
}

/** A published report as it was published, with its publication date in China (its 落款 date). */
export async function publishedReport(deps: ServiceDeps, agencyId: number, year: number): Promise<{ report: AnnualReport; publishedDate: string | undefined } | null> {
  const row = await reportRow(deps.db, agencyId, year);
  if (row?.status !== 'published' || !row.snapshot_json) return null;
  return { report: JSON.parse(row.snapshot_json) as AnnualReport, publishedDate: row.published_at ? chinaDate(row.published_at) : undefined };
}

export const appealKinds = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' } as const;
export const appealResults = { upheld: '维持', corrected: '纠正', other: '其他结果' } as const;

export interface AppealInput {
  kind: keyof typeof appealKinds;
  caseNo?: string | undefined;
  filedDate: string;
  closedDate?: string | null | undefined;
  result?: keyof typeof appealResults | null | undefined;
  requestId?: number | null | undefined;
  summary: string;
}

function checkAppeal(a: AppealInput): void {
  const problems: string[] = [];
  if (!(a.kind in appealKinds)) problems.push('案件类型无效');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.filedDate)) problems.push('受理（立案）日期无效');
  if (a.closedDate && a.closedDate < a.filedDate) problems.push('审结日期不能早于立案日期');
  if (a.closedDate && !a.result) problems.push('已审结的案件须填写结果');
  if (a.result && !a.closedDate) problems.push('有结果的案件须填写审结日期');
  if (a.result && !(a.result in appealResults)) problems.push('案件结果无效');
  if (!a.summary?.trim()) problems.push('请填写案情摘要');
  if (problems.length) throw new AppError('INVALID_APPEAL', problems.join('；'), 400, { problems });
}

export async function saveAppeal(deps: ServiceDeps, actor: Actor, agencyId: number, input: AppealInput, id?: number) {
  checkAppeal(input);
  return deps.db.transaction().execute(async (tx) => {
    const roles = await staff(tx, actor, agencyId);
    if (!roles.some((r) => r === 'clerk' || r === 'head' || r === 'admin')) throw forbidden();
    if (input.requestId) {
      const req = await tx.selectFrom('requests').select('agency_id').where('id', '=', input.requestId).executeTakeFirst();
      if (!req || req.agency_id !== agencyId) throw new AppError('UNKNOWN_REQUEST', '关联的申请不存在');
    }
    const now = deps.now().toISOString();
    const values = { kind: input.kind, case_no: input.caseNo?.trim() || null, filed_date: input.filedDate, closed_date: input.closedDate || null, result: input.result || null, request_id: input.requestId || null, summary: input.summary.trim(), updated_at: now };
    let row;
    if (id) {
      const before = await tx.selectFrom('appeals').selectAll().where('id', '=', id).where('agency_id', '=', agencyId).executeTakeFirst();
      if (!before) throw notFound('案件');
      await tx.updateTable('appeals').set(values).where('id', '=', id).execute();
      row = await tx.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'appeal.update', entity: 'appeal', entityId: id, before, after: row });
    } else {
      row = await tx.insertInto('appeals').values({ ...values, agency_id: agencyId, created_at: now }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'appeal.create', entity: 'appeal', entityId: row.id, after: row });
    }
    return row;
  });
}

export async function listAppeals(deps: ServiceDeps, actor: Actor, agencyId: number) {
  await staff(deps.db, actor, agencyId);
  return deps.db.selectFrom('appeals').selectAll().where('agency_id', '=', agencyId).orderBy('filed_date', 'desc').execute();
}
