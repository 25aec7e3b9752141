/**
 * The year's key figures a printed brochure (宣传册) shows, taken from the agency's published
 * annual report: the same cells the report publishes, never recounted from records, so the leaflet
 * and the report can never disagree.
 */
import { valueAt, type AnnualReport } from './model.ts';

export interface BrochureFigure {
  readonly key: BrochureFigureKey;
  readonly label: string;
  /** Null when the report leaves the cell blank or unreadable: shown as “—”, never as 0. */
  readonly value: number | null;
  readonly unit: '件';
}

export const BROCHURE_FIGURE_LABELS = {
  new: '本年新收政府信息公开申请',
  carriedIn: '上年结转申请',
  closed: '本年办结申请',
  disclosed: '其中予以公开',
  partiallyDisclosed: '其中部分公开',
  carriedOut: '结转下年度继续办理',
  reconsideration: '政府信息公开行政复议',
  litigation: '政府信息公开行政诉讼',
  rulesIssued: '本年制发规章',
  normativeIssued: '本年制发行政规范性文件',
} as const;
export type BrochureFigureKey = keyof typeof BROCHURE_FIGURE_LABELS;

/** A cell's number, or the sum of several (null when any of them is missing: a partial sum would mislead). */
function sum(report: AnnualReport, cells: readonly (readonly ['requests' | 'appeals' | 'proactive', string, string])[]): number | null {
  let total = 0;
  for (const [id, row, column] of cells) {
    const v = valueAt(report, id, row, column);
    if (v === undefined) return null;
    total += v;
  }
  return total;
}

/** The figures in the order the brochure prints them. */
export function brochureFigures(report: AnnualReport): BrochureFigure[] {
  const cells: Record<BrochureFigureKey, readonly (readonly ['requests' | 'appeals' | 'proactive', string, string])[]> = {
    new: [['requests', 'new', 'total']],
    carriedIn: [['requests', 'carried_in', 'total']],
    closed: [['requests', 'closed_total', 'total']],
    disclosed: [['requests', 'disclosed', 'total']],
    partiallyDisclosed: [['requests', 'partially_disclosed', 'total']],
    carriedOut: [['requests', 'carried_out', 'total']],
    reconsideration: [['appeals', 'reconsideration', 'total']],
    // 行政诉讼 in the report is two groups: 未经复议直接起诉 and 复议后起诉.
    litigation: [
      ['appeals', 'litigation_direct', 'total'],
      ['appeals', 'litigation_after_reconsideration', 'total'],
    ],
    rulesIssued: [['proactive', 'rules', 'issued']],
    normativeIssued: [['proactive', 'normative', 'issued']],
  };
  return (Object.keys(BROCHURE_FIGURE_LABELS) as BrochureFigureKey[]).map((key) => ({ key, label: BROCHURE_FIGURE_LABELS[key], value: sum(report, cells[key]), unit: '件' }));
}
