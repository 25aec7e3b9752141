/**
 * The roll-up (汇总, issue 12 item 3) as the API sends it and the workspace shows it: the sum of
 * sections 二, 三 and 四 over a government's subtree or its own departments, every member's
 * figure per cell for the drill-down, the members with broken figures or no published report,
 * and the findings on the sum. Free of Node.js APIs: the workspace imports it.
 */
import type { AnnualReport, Finding } from '../../domain/report/index.ts';

export type { RollupCellRef } from '../../domain/report/rollup.ts';

export const rollupScopeLabels = { subtree: '本级及全部下级', departments: '本级政府部门' } as const;
export type RollupScope = keyof typeof rollupScopeLabels;
export const rollupScopes = Object.keys(rollupScopeLabels) as RollupScope[];

export const rollupFormats = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;
export type RollupFormat = keyof typeof rollupFormats;

export interface RollupMemberView {
  agencyId: number;
  code: string;
  name: string;
  levelLabel: string;
  /** 0 for the government itself, 1 for an agency directly below, … */
  depth: number;
  /** No published report for the year: it adds nothing to the sum. */
  missing: boolean;
  publishedAt: string | null;
  version: number | null;
  errors: number;
  warnings: number;
  findings: { rule: string; ruleTitle: string; severity: 'error' | 'warning'; message: string; location: string }[];
  /** The member's figure per cell (ROLLUP_CELLS key); null for a blank cell; empty when missing. */
  figures: Record<string, number | null>;
}

export interface RollupView {
  agencyId: number;
  agencyName: string;
  year: number;
  scope: RollupScope;
  scopeLabel: string;
  /** Tables 二, 三 and 四 summed (the report's other parts are empty). */
  sum: AnnualReport;
  sumFindings: Finding[];
  members: RollupMemberView[];
  summary: { members: number; published: number; missing: number; withErrors: number; withWarnings: number };
  /** Agencies in the chosen set that the actor's roles do not reach: not summed. */
  outOfReach: number;
}

export const rollupLabels = {
  title: '年度报告汇总',
  scope: '汇总范围',
  members: '参与汇总的机关',
  missing: '未发布年度报告的机关',
  broken: '数据不符合勾稽关系的机关',
  sumFindings: '汇总数的校验',
  drillDown: '各机关数值',
} as const;
