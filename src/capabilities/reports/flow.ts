/**
 * The draft → checked → published flow of an annual report, shared by the statutory report
 * (this capability) and the website annual report (capabilities/website-report): who may act,
 * when a report may advance, and what each step stores. A report kind supplies its own findings
 * and its own table; the rules and the refusals (codes and Chinese messages) are these.
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { earliestPublication } from '../../domain/report/index.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { allows, type AgencyScope } from '../../services/policy.ts';
import type { ReportStatus } from './contract.ts';

export type FlowAction = 'check' | 'publish';

/** Refuses to publish (or correct into) a report whose year has not ended, by the Beijing date. */
export function assertYearEnded(deps: ServiceDeps, year: number): void {
  const from = earliestPublication(year);
  if (chinaDate(deps.now()) < from) {
    throw new AppError('REPORT_YEAR_NOT_ENDED', `${year}年尚未结束，${year}年度报告的数据还不完整，最早可于${from.slice(0, 4)}年1月1日发布`, 409, { publishableFrom: from });
  }
}

/** Who may act is decided before what state the report is in, so a refusal never hints at it. */
export function assertMayAct(deps: ServiceDeps, scope: AgencyScope, year: number, action: FlowAction, refusal: string): void {
  if (action === 'publish' && !allows(scope, 'reports.publish')) throw forbidden(refusal);
  if (action === 'publish') assertYearEnded(deps, year);
}

/** The report as computed now: its state, why it could not be computed, its error findings. */
export interface FlowReport<F extends { message: string }> {
  status: ReportStatus;
  invalid: readonly string[];
  computed: boolean;
  errorFindings: readonly F[];
}

/** A published report does not move; one that could not be computed or has errors does not advance. */
export function assertMayAdvance<F extends { message: string }>(r: FlowReport<F>, action: FlowAction): void {
  if (r.status === 'published') throw new AppError('REPORT_PUBLISHED', '报告已发布', 409);
  if (r.invalid.length || !r.computed) throw new AppError('REPORT_INVALID', `报告数据有误：${r.invalid.join('；')}`, 409);
  if (r.errorFindings.length) {
    throw new AppError('REPORT_HAS_ERRORS', `报告存在 ${r.errorFindings.length} 项错误，不能${action === 'check' ? '通过校验' : '发布'}：${r.errorFindings.map((f) => f.message).join('；')}`, 409, { findings: r.errorFindings });
  }
}

/** Inside the step's transaction: publication needs a checked report. */
export function assertChecked(status: ReportStatus | undefined, action: FlowAction): void {
  if (action === 'publish' && status !== 'checked') throw new AppError('REPORT_NOT_CHECKED', '报告须先通过校验', 409);
}

/** What a step stores: the check's time, or the published snapshot with who and when. */
export function stepValues(action: FlowAction, now: string, actorId: number | null, snapshotJson: string) {
  return action === 'check'
    ? { status: 'checked' as const, checked_at: now, updated_at: now }
    : { status: 'published' as const, snapshot_json: snapshotJson, published_at: now, published_by: actorId, updated_at: now };
}
