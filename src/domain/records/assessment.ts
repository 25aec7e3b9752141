/**
 * 绩效考核 (performance assessment) of an agency's 政务公开 work: items with weights that sum to
 * 100, a self-score per item (0..weight) and the superior office's score. Pure: the capability
 * stores the items, this checks and totals them.
 */

export const ASSESSMENT_WEIGHT_TOTAL = 100;

export interface AssessmentItemScores {
  name: string;
  weight: number;
  selfScore: number | null;
  superiorScore: number | null;
}

export interface AssessmentTotals {
  weightTotal: number;
  /** Sum of self-scores; null until every item has one. */
  selfTotal: number | null;
  /** Sum of the superior's scores; null until every item has one. */
  superiorTotal: number | null;
  selfScored: number;
  superiorScored: number;
  items: number;
}

export interface AssessmentProblem {
  /** The field as the API names it: 'items', 'items.2.weight'. */
  field: string;
  code: string;
  message: string;
}

/** Scores are kept to one decimal place: 7.5 of 10 is a common score, 7.25 is not. */
const oneDecimal = (n: number): boolean => Number.isFinite(n) && Math.abs(Math.round(n * 10) - n * 10) < 1e-9;
/** Sums in tenths so that 0.1 + 0.2 adds up to 0.3. */
const sum = (values: readonly number[]): number => values.reduce((s, v) => s + Math.round(v * 10), 0) / 10;

export function assessmentTotals(items: readonly AssessmentItemScores[]): AssessmentTotals {
  const self = items.filter((i) => i.selfScore !== null).map((i) => i.selfScore!);
  const sup = items.filter((i) => i.superiorScore !== null).map((i) => i.superiorScore!);
  return {
    weightTotal: sum(items.map((i) => i.weight)),
    selfTotal: items.length > 0 && self.length === items.length ? sum(self) : null,
    superiorTotal: items.length > 0 && sup.length === items.length ? sum(sup) : null,
    selfScored: self.length,
    superiorScored: sup.length,
    items: items.length,
  };
}

/** One score against its item's weight; `label` names it (自评分, 上级评分). */
export function scoreProblem(score: number | null, weight: number, label: string): string | null {
  if (score === null) return null;
  if (!oneDecimal(score) || score < 0 || score > weight) return `${label}应在 0 至 ${weight} 分之间（最多一位小数），现为 ${score}`;
  return null;
}

/** Every problem of an item list as the agency saves it: names, weights (summing to 100) and self-scores. */
export function assessmentProblems(items: readonly Pick<AssessmentItemScores, 'name' | 'weight' | 'selfScore'>[]): AssessmentProblem[] {
  const out: AssessmentProblem[] = [];
  if (items.length === 0) out.push({ field: 'items', code: 'NO_ITEMS', message: '请至少添加一个考核项目' });
  const names = new Set<string>();
  items.forEach((item, i) => {
    const at = `items.${i}`;
    const name = item.name.trim();
    if (!name || [...name].length > 100) out.push({ field: `${at}.name`, code: 'INVALID_ITEM_NAME', message: `第 ${i + 1} 项：请填写考核项目名称（不超过 100 字）` });
    else if (names.has(name)) out.push({ field: `${at}.name`, code: 'DUPLICATE_ITEM', message: `第 ${i + 1} 项：考核项目“${name}”重复` });
    names.add(name);
    if (!oneDecimal(item.weight) || item.weight <= 0 || item.weight > ASSESSMENT_WEIGHT_TOTAL) out.push({ field: `${at}.weight`, code: 'INVALID_WEIGHT', message: `第 ${i + 1} 项：分值应大于 0、不超过 100（最多一位小数），现为 ${item.weight}` });
    else {
      const p = scoreProblem(item.selfScore, item.weight, `第 ${i + 1} 项自评分`);
      if (p) out.push({ field: `${at}.selfScore`, code: 'INVALID_SELF_SCORE', message: p });
    }
  });
  const total = sum(items.map((i) => i.weight));
  if (items.length > 0 && total !== ASSESSMENT_WEIGHT_TOTAL) out.push({ field: 'items', code: 'WEIGHTS_NOT_100', message: `各考核项目分值合计应为 100 分，现为 ${total} 分` });
  return out;
}
