/** The reports capability's writes: the report's prose, its check and publication, the appeal register. */
import { appendAudit } from '../../storage/audit.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { scopeFor } from '../../services/policy.ts';
import { canPublish, checkReport, computeReport, type ReportContacts } from '../../domain/report/index.ts';
import { assertChecked, assertMayAct, assertMayAdvance, assertYearEnded, stepValues, type FlowAction } from './flow.ts';
import { insertAppeal, insertReport, insertReportVersion, ownsRequest, appealRow, reportRow, saveReportContactsRow, updateAppeal, updateReport, type AppealValues } from './sql.ts';
import { contactsOf, gatherFacts, reportView } from './queries.ts';
import { appealKinds, appealResults, reportContactLabels, type Appeal, type AppealInput, type Narrative, type ReportCorrection, type ReportView } from './contract.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

function checkNarrative(narrative: Narrative): void {
  for (const [k, v] of Object.entries(narrative)) {
    if (typeof v !== 'string' || v.length > 20000) throw new AppError('INVALID_NARRATIVE', `“${k}”内容无效或过长`);
  }
}

export async function saveNarrative(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, narrative: Narrative): Promise<ReportView> {
  checkNarrative(narrative);
  const scope = await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'reports.edit');
    const row = await reportRow(tx, scope, year);
    if (row?.status === 'published') throw new AppError('REPORT_PUBLISHED', '报告已发布，不能修改', 409);
    const now = deps.now().toISOString();
    if (row) await updateReport(tx, scope, year, { narrative_json: JSON.stringify(narrative), status: 'draft', checked_at: null, updated_at: now });
    else await insertReport(tx, scope, year, { narrativeJson: JSON.stringify(narrative), updatedAt: now });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'report.narrative', entity: 'annual_report', entityId: `${agencyId}-${year}`, before: row ? JSON.parse(row.narrative_json) : null, after: narrative });
    return scope;
  });
  return reportView(deps, scope, year);
}

/** draft → checked (no error-severity finding) → published (by the 负责人 only): the shared flow (flow.ts). */
export async function advanceReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, action: FlowAction): Promise<ReportView> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  assertMayAct(deps, scope, year, action, '年度报告须由负责人发布');
  const view = await reportView(deps, scope, year);
  assertMayAdvance({ status: view.status, invalid: view.errors, computed: !!view.report, errorFindings: view.findings.filter((f) => f.severity === 'error') }, action);
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, action === 'publish' ? 'reports.publish' : 'agency.read');
    assertChecked(view.status, action);
    if (!(await reportRow(tx, scope, year))) throw new AppError('REPORT_EMPTY', '请先编写报告的文字部分', 409);
    await updateReport(tx, scope, year, stepValues(action, deps.now().toISOString(), actorId(actor), JSON.stringify(view.report)));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: `report.${action}`, entity: 'annual_report', entityId: `${agencyId}-${year}`, after: { findings: view.findings.length } });
  });
  return reportView(deps, scope, year);
}

/**
 * Corrects a published report (负责人): a new version, counted again from today's records with
 * the corrected prose, checked like a first publication. The version it replaces is kept, so
 * the portal can still show it; the row stays the current version.
 */
export async function correctReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, input: ReportCorrection): Promise<ReportView> {
  const { reason: rawReason, ...narrative } = input;
  const reason = rawReason.trim();
  if (reason.length < 4 || reason.length > 1000) throw new AppError('INVALID_CORRECTION', '请说明更正的原因（4至1000字）', 400, { fields: [{ field: 'reason', message: '请说明更正的原因（4至1000字）' }] });
  checkNarrative(narrative);
  const scope = await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'reports.publish');
    const row = await reportRow(tx, scope, year);
    if (row?.status !== 'published' || !row.snapshot_json || !row.published_at) throw new AppError('REPORT_NOT_PUBLISHED', '只有已发布的报告才能更正', 409);
    assertYearEnded(deps, year);
    const computed = computeReport(await gatherFacts(tx, scope, year, narrative));
    if (!computed.ok) throw new AppError('REPORT_INVALID', `报告数据有误：${computed.errors.join('；')}`, 409);
    const findings = checkReport(computed.report, { built: true });
    if (!canPublish(findings)) {
      const errors = findings.filter((f) => f.severity === 'error');
      throw new AppError('REPORT_HAS_ERRORS', `更正后的报告存在 ${errors.length} 项错误，不能发布：${errors.map((f) => f.message).join('；')}`, 409, { findings: errors });
    }
    const now = deps.now().toISOString();
    await insertReportVersion(tx, scope, {
      year,
      version: row.version,
      narrative_json: row.narrative_json,
      snapshot_json: row.snapshot_json,
      published_at: row.published_at,
      published_by: row.published_by,
      correction_reason: row.correction_reason,
      superseded_at: now,
    });
    await updateReport(tx, scope, year, {
      narrative_json: JSON.stringify(narrative),
      snapshot_json: JSON.stringify(computed.report),
      version: row.version + 1,
      correction_reason: reason,
      corrected_at: now,
      published_at: now,
      published_by: actorId(actor),
      updated_at: now,
    });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'report.correct', entity: 'annual_report', entityId: `${agencyId}-${year}`, before: { version: row.version }, after: { version: row.version + 1, reason } });
    return scope;
  });
  return reportView(deps, scope, year);
}

/** Saves what the agency's reports state in their opening paragraph (网址, contacts). */
export async function saveReportContacts(deps: ServiceDeps, actor: Actor, agencyId: number, input: ReportContacts): Promise<ReportContacts> {
  const fields: { field: string; message: string }[] = [];
  for (const [k, label] of Object.entries(reportContactLabels) as [keyof ReportContacts, string][]) {
    if (typeof input[k] !== 'string' || input[k].length > 200) fields.push({ field: k, message: `“${label}”无效或过长（最多200字）` });
  }
  const url = input.websiteUrl?.trim();
  if (url && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) fields.push({ field: 'websiteUrl', message: '网址应以 http:// 或 https:// 开头，如 https://www.example.gov.cn' });
  const email = input.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fields.push({ field: 'email', message: '电子邮箱格式不正确' });
  if (fields.length) throw new AppError('INVALID_REPORT_CONTACTS', `提交的内容有误：${fields.map((f) => f.message).join('；')}`, 400, { fields });
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'reports.edit');
    const before = await contactsOf(tx, scope);
    const values = Object.fromEntries(Object.keys(reportContactLabels).map((k) => [k, input[k as keyof ReportContacts].trim()])) as unknown as ReportContacts;
    await saveReportContactsRow(tx, scope, {
      website_name: values.websiteName,
      website_url: values.websiteUrl,
      office: values.office,
      address: values.address,
      postcode: values.postcode,
      phone: values.phone,
      email: values.email,
      updated_at: deps.now().toISOString(),
    });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'report.contacts', entity: 'agency', entityId: agencyId, before, after: values });
    return values;
  });
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

/** Registers a case, or updates case `id` (its result, its closing date). */
export async function saveAppeal(deps: ServiceDeps, actor: Actor, agencyId: number, input: AppealInput, id?: number): Promise<Appeal> {
  checkAppeal(input);
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'appeals.edit');
    if (input.requestId && !(await ownsRequest(tx, scope, input.requestId))) throw new AppError('UNKNOWN_REQUEST', '关联的申请不存在');
    const now = deps.now().toISOString();
    const values: AppealValues = { kind: input.kind, case_no: input.caseNo?.trim() || null, filed_date: input.filedDate, closed_date: input.closedDate || null, result: input.result || null, request_id: input.requestId || null, summary: input.summary.trim(), updated_at: now };
    if (id) {
      const before = await appealRow(tx, scope, id);
      if (!before) throw notFound('案件');
      const row = await updateAppeal(tx, scope, id, values);
      await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'appeal.update', entity: 'appeal', entityId: id, before, after: row });
      return row;
    }
    const row = await insertAppeal(tx, scope, { ...values, created_at: now });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'appeal.create', entity: 'appeal', entityId: row.id, after: row });
    return row;
  });
}
