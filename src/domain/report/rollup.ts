/**
 * The roll-up (汇总) of annual reports (issue 12, item 3): sections 二, 三 and 四 summed over a
 * set of member agencies, each cell keeping every member's figure for the drill-down; the members
 * whose own figures break a cross-check (勾稽关系) and those with no published report listed;
 * and the sum checked by the same table rules. Pure: callers pass the members' published reports.
 *
 * A member's report is summed as published even when its figures are broken: every cell equals
 * the sum of the members' published reports, and the broken member is listed, never hidden.
 */
import { checkAppeals, checkContinuity, checkLevel, checkRequests } from './checks-arithmetic.ts';
import { checkCells } from './checks-tables.ts';
import type { Finding } from './findings.ts';
import { officialLabels, valueAt, type AnnualReport, type Cell, type ReportTable } from './model.ts';
import { APPEAL_COLUMNS, APPEAL_KINDS, PROACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, type AgencyLevel, type TableId } from './taxonomy.ts';

/** One cell of tables 二, 三 and 四, addressed by the taxonomy's codes. */
export interface RollupCellRef {
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
  /** `table.row.column`, the key of a member's figures. */
  readonly key: string;
}

const ref = (table: TableId, row: string, column: string): RollupCellRef => ({ table, row, column, key: `${table}.${row}.${column}` });

/** Every cell the roll-up sums, in the tables' order. */
export const ROLLUP_CELLS: readonly RollupCellRef[] = [
  ...PROACTIVE_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => ref('proactive', r.key, c.key)))),
  ...REQUEST_ROWS.flatMap((r) => REQUEST_COLUMNS.map((c) => ref('requests', r, c))),
  ...APPEAL_KINDS.flatMap((k) => APPEAL_COLUMNS.map((c) => ref('appeals', k, c))),
];

export interface RollupMemberInput {
  readonly id: number;
  readonly name: string;
  /** The published report's current version; null when the member published none. */
  readonly report: AnnualReport | null;
}

export interface RollupMemberResult {
  readonly id: number;
  readonly name: string;
  readonly missing: boolean;
  /** Cross-check findings on the member's own figures (tables, level, continuity with last year). */
  readonly findings: readonly Finding[];
  /** The member's figure in each cell (ROLLUP_CELLS key); null for a blank cell. Empty when missing. */
  readonly figures: Readonly<Record<string, number | null>>;
}

export interface RollupResult {
  /** The sum as a report (tables only), so the exporters and checks take it as they take any report. */
  readonly sum: AnnualReport;
  /** The table checks run on the sum. */
  readonly sumFindings: readonly Finding[];
  readonly members: readonly RollupMemberResult[];
}

/** The checks of a report's figures: blank or invalid cells, the tables' totals and balance. */
export function figureFindings(report: AnnualReport): Finding[] {
  return [...checkCells(report), ...checkRequests(report), ...checkAppeals(report)];
}

/** A member's own figures: the table checks, plus its level (乡镇 reporting 规章) and last year's carry-over. */
export function memberFindings(report: AnnualReport): Finding[] {
  return [...figureFindings(report), ...checkLevel(report), ...checkContinuity(report)];
}

/** 万元 with decimals: kept to the 分 (0.000001 万元) so that a sum of many does not drift. */
const roundMoney = (n: number): number => Math.round(n * 1_000_000) / 1_000_000;

function sumTable<R extends string, C extends string>(id: TableId, totals: Map<string, number>): ReportTable<R, C> {
  const rows: Record<string, Record<string, Cell>> = {};
  for (const c of ROLLUP_CELLS) {
    if (c.table !== id) continue;
    (rows[c.row] ??= {})[c.column] = { value: totals.get(c.key) ?? 0, ids: [] };
  }
  return { present: true, cut: false, labels: officialLabels(id), foreign: [], rows: rows as ReportTable<R, C>['rows'], raw: [] };
}

/**
 * Sums the members' published reports for `year` under the government `name` at `level`.
 * Members keep their order; a missing member adds nothing and is marked `missing`.
 */
export function rollUp(input: { name: string; level: AgencyLevel; year: number; members: readonly RollupMemberInput[] }): RollupResult {
  const totals = new Map<string, number>();
  const members: RollupMemberResult[] = input.members.map((m) => {
    if (!m.report) return { id: m.id, name: m.name, missing: true, findings: [], figures: {} };
    const figures: Record<string, number | null> = {};
    for (const c of ROLLUP_CELLS) {
      const v = valueAt(m.report, c.table, c.row, c.column);
      figures[c.key] = v ?? null;
      if (v !== undefined) totals.set(c.key, roundMoney((totals.get(c.key) ?? 0) + v));
    }
    return { id: m.id, name: m.name, missing: false, findings: memberFindings(m.report), figures };
  });
  const title = `${input.name}${input.year}年政府信息公开工作年度报告汇总`;
  const sum: AnnualReport = {
    agency: { name: `${input.name}（汇总）`, level: input.level },
    year: input.year,
    template: '2021',
    title,
    preamble: '',
    sections: [],
    proactive: sumTable('proactive', totals),
    requests: sumTable('requests', totals),
    appeals: sumTable('appeals', totals),
    truncated: false,
  };
  return { sum, sumFindings: figureFindings(sum), members };
}
