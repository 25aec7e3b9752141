/**
 * 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 format): taxonomy, computation from facts,
 * the reader for published reports, and the cross-checks both share.
 */
import { checkReport } from './checks.ts';
import { toCheckerJson, type CheckerJson } from './describe.ts';
import { canPublish, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { parseReport, type ParseInput, type ParseOptions } from './parse.ts';

export * from './taxonomy.ts';
export * from './model.ts';
export {
  computeReport,
  processingFeeStatement,
  type AppealFact,
  type ComputeResult,
  type NarrativeFacts,
  type ProactiveFacts,
  type RegulationFacts,
  type ReportFacts,
} from './compute.ts';
export {
  groupRequests,
  inRequestCell,
  requestCellFilter,
  type Received,
  type RequestCellFilter,
  type RequestCounts,
  type RequestFact,
  type RequestGroup,
} from './request-counts.ts';
export { inferLevel } from './identity.ts';
export { checkPreamble, earliestPublication, emptyContacts, standardPreamble, type ReportContacts } from './preamble.ts';
export {
  parseReport,
  type ParseInput,
  type ParseOptions,
  type ParseResult,
} from './parse.ts';
export { checkReport, appealKindTotal, requestRowTotal, type CheckOptions } from './checks.ts';
export {
  RULES,
  canPublish,
  finding,
  type Finding,
  type FindingLocation,
  type RuleId,
  type Severity,
} from './findings.ts';
export {
  describeReport,
  toCheckerJson,
  type CellSummary,
  type CheckerJson,
  type ReportDescription,
  type RowSummary,
  type SectionSummary,
  type TableSummary,
} from './describe.ts';
export { findStatisticsPeriods, type PeriodStatement } from './text-rules.ts';
export { formatWan } from './text.ts';
export { figureFindings, memberFindings, rollUp, ROLLUP_CELLS, type RollupCellRef, type RollupMemberInput, type RollupMemberResult, type RollupResult } from './rollup.ts';

export type CheckResult =
  | {
      readonly ok: true;
      readonly report: AnnualReport;
      readonly findings: readonly Finding[];
      readonly publishable: boolean;
      readonly json: CheckerJson;
    }
  | { readonly ok: false; readonly reason: 'not-a-report'; readonly message: string };

/** Reads and checks a published report in one step (the `report check` command). */
export function checkPublishedReport(input: ParseInput, options?: ParseOptions): CheckResult {
  const parsed = parseReport(input, options);
  if (!parsed.ok) return parsed;
  const findings = checkReport(parsed.report);
  return {
    ok: true,
    report: parsed.report,
    findings,
    publishable: canPublish(findings),
    json: toCheckerJson(parsed.report, findings),
  };
}
