/**
 * Cross-checks of an annual report, run on the model whether it was computed or parsed.
 * Rule ids, severities and titles are in findings.ts (RULES). The checks live by family in
 * checks-structure.ts, checks-tables.ts and checks-arithmetic.ts; this file fixes their order.
 */
import type { Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { appealKindTotal, checkNarrative, requestRowTotal } from './narrative.ts';
import { checkAllCitations } from './citations.ts';
import { checkPublication, checkStaleYear } from './dates.ts';
import { checkBalance, checkPartWhole, checkShares } from './figures.ts';
import { checkForm } from './outline.ts';
import { checkText, textUnits } from './text-rules.ts';
import { checkAppeals, checkContinuity, checkLevel, checkRequests } from './checks-arithmetic.ts';
import { checkFees, checkStructure } from './checks-structure.ts';
import { checkPreamble } from './preamble.ts';
import { checkCells, checkTemplate, checkUnreadable } from './checks-tables.ts';

export interface CheckOptions {
  /**
   * The report is built here from an agency's records: its opening paragraph is checked too.
   * Not for published texts read back, whose openings are often all that survives, or cut.
   */
  readonly built?: boolean;
}

/** All checks. Findings come in a stable order: structure, tables, prose. */
export function checkReport(report: AnnualReport, options: CheckOptions = {}): Finding[] {
  return [
    ...checkStructure(report),
    ...checkTemplate(report),
    ...checkUnreadable(report),
    ...checkCells(report),
    ...checkRequests(report),
    ...checkAppeals(report),
    ...checkLevel(report),
    ...checkContinuity(report),
    ...checkNarrative(report),
    ...checkFees(report),
    ...checkText(report),
    ...checkProse(report),
    ...(options.built ? checkPreamble(report) : []),
  ];
}

/** Checks of the prose added for published reports: form, the narrative's own figures, dates. */
function checkProse(report: AnnualReport): Finding[] {
  const units = textUnits(report);
  const prose = units.filter((u) => u.label !== '标题');
  return [
    ...checkForm(report),
    ...checkAllCitations(report, units),
    ...checkBalance(prose),
    ...checkPartWhole(prose),
    ...checkShares(prose),
    ...checkStaleYear(report, prose),
    ...checkPublication(report),
  ];
}

export { appealKindTotal, requestRowTotal };
