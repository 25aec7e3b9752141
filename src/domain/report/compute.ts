/**
 * Computes the annual report's tables from facts: table 三 from counts of requests (given as
 * counts, or as one fact per request and counted here; request-counts.ts), table 四 from the
 * appeals, one by one. Cells counted from records keep the ids of the records behind them.
 *
 * Table 四 counts every case open at some time in Y (the report year): closed in Y by result,
 * still open on Y-12-31 as 尚未审结 (so last year's pending cases reappear, C4).
 */
import { isIsoDate } from '../calendar/iso-date.ts';
import {
  type AnnualReport,
  type AppealTable,
  type Cell,
  type PreviousYearFigures,
  type ProactiveTable,
  type ReportSection,
  type RequestTable,
  officialLabels,
} from './model.ts';
import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  SECTIONS,
  type AgencyLevel,
  type AppealColumnKey,
  type AppealKind,
  type AppealResult,
  type ProactiveColumnKey,
  type ProactiveRowKey,
  type SectionKey,
} from './taxonomy.ts';
import { groupRequests, requestFactErrors, requestGroupErrors, requestRows, type RequestCounts, type RequestFact } from './request-counts.ts';

export type { RequestCounts, RequestFact, RequestGroup } from './request-counts.ts';

export interface RegulationFacts {
  readonly issued: number;
  readonly repealed: number;
  /** In force on 12-31 of the report year. */
  readonly inForce: number;
}

export interface ProactiveFacts {
  /** 规章. */
  readonly rules: RegulationFacts;
  /** 行政规范性文件. */
  readonly normative: RegulationFacts;
  /** 行政许可 decisions. */
  readonly licensing: number;
  /** 行政处罚 decisions. */
  readonly penalty: number;
  /** 行政强制 decisions. */
  readonly enforcement: number;
  /** 行政事业性收费 collected, in 元 (shown in 万元). */
  readonly feesYuan: number;
}

export interface AppealFact {
  readonly id: string;
  readonly kind: AppealKind;
  /** Required once closed. */
  readonly result?: Exclude<AppealResult, 'pending'>;
  readonly filedDate: string;
  readonly closedDate?: string;
}

/** Narrative text per section; 二–四 are usually empty (the tables say it). */
export interface NarrativeFacts {
  readonly preamble?: string;
  readonly overview: string;
  readonly proactive?: string;
  readonly requests?: string;
  readonly appeals?: string;
  readonly problems: string;
  readonly other: string;
}

export interface ReportFacts {
  readonly agency: { readonly name: string; readonly level: AgencyLevel };
  readonly year: number;
  readonly proactive: ProactiveFacts;
  /** Table 三: one fact per request, or the counts storage made (RequestCounts). */
  readonly requests: readonly RequestFact[] | RequestCounts;
  readonly appeals: readonly AppealFact[];
  readonly narrative: NarrativeFacts;
  /** 信息处理费 charged in the year, in 元. */
  readonly feeCharged: number;
  /** Last year's figures, when known, for continuity checks. */
  readonly previous?: PreviousYearFigures;
}

export type ComputeResult =
  | { readonly ok: true; readonly report: AnnualReport }
  | { readonly ok: false; readonly errors: readonly string[] };

const cell = (ids: readonly string[], value = ids.length): Cell => ({ value, ids });

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function validate(facts: ReportFacts): string[] {
  const errors: string[] = [];
  const y = facts.year;
  if (!Number.isInteger(y) || y < 2008 || y > 9998) errors.push(`报告年度“${String(y)}”无效`);
  if (!facts.agency.name.trim()) errors.push('机关名称不能为空');
  const p = facts.proactive;
  for (const [name, r] of [
    ['规章', p.rules],
    ['行政规范性文件', p.normative],
  ] as const) {
    for (const [field, label] of [
      ['issued', '本年制发件数'],
      ['repealed', '本年废止件数'],
      ['inForce', '现行有效件数'],
    ] as const) {
      if (!isCount(r[field])) errors.push(`${name}${label}应为非负整数`);
    }
  }
  for (const [field, label] of [
    ['licensing', '行政许可处理决定数量'],
    ['penalty', '行政处罚处理决定数量'],
    ['enforcement', '行政强制处理决定数量'],
  ] as const) {
    if (!isCount(p[field])) errors.push(`${label}应为非负整数`);
  }
  if (!(Number.isFinite(p.feesYuan) && p.feesYuan >= 0))
    errors.push('行政事业性收费金额应为非负数');
  if (!(Number.isFinite(facts.feeCharged) && facts.feeCharged >= 0)) {
    errors.push('信息处理费金额应为非负数');
  }
  errors.push(...(Array.isArray(facts.requests) ? requestFactErrors(facts.requests as readonly RequestFact[]) : requestGroupErrors((facts.requests as RequestCounts).groups)));
  const seen = new Set<string>();
  for (const a of facts.appeals) {
    const who = `${APPEAL_KIND_LABELS[a.kind] ?? '复议诉讼'}案件“${a.id}”`;
    if (seen.has(a.id)) errors.push(`${who}重复`);
    seen.add(a.id);
    if (!(APPEAL_KINDS as readonly string[]).includes(a.kind)) {
      errors.push(`案件“${a.id}”的类型“${String(a.kind)}”无效`);
    }
    if (!isIsoDate(a.filedDate)) errors.push(`${who}的立案日期“${a.filedDate}”无效`);
    if (a.closedDate !== undefined) {
      if (!isIsoDate(a.closedDate)) errors.push(`${who}的审结日期“${a.closedDate}”无效`);
      else if (a.closedDate < a.filedDate) errors.push(`${who}的审结日期早于立案日期`);
      if (!a.result || !['upheld', 'corrected', 'other'].includes(a.result)) {
        errors.push(`${who}已审结但没有有效的审理结果`);
      }
    }
  }
  return errors;
}

function computeRequests(facts: ReportFacts): RequestTable {
  const groups = Array.isArray(facts.requests) ? groupRequests(facts.requests as readonly RequestFact[], facts.year) : (facts.requests as RequestCounts).groups;
  return {
    present: true,
    cut: false,
    labels: officialLabels('requests'),
    foreign: [],
    rows: requestRows(groups),
    raw: [],
  };
}

function computeAppeals(facts: ReportFacts): AppealTable {
  const start = `${facts.year}-01-01`;
  const end = `${facts.year}-12-31`;
  const ids = new Map<string, string[]>();
  const add = (kind: AppealKind, col: AppealColumnKey, id: string): void => {
    const k = `${kind}|${col}`;
    const list = ids.get(k);
    if (list) list.push(id);
    else ids.set(k, [id]);
  };
  for (const a of facts.appeals) {
    if (a.filedDate > end) continue;
    if (a.closedDate !== undefined && a.closedDate < start) continue;
    const closedInYear = a.closedDate !== undefined && a.closedDate <= end && a.result;
    add(a.kind, closedInYear ? a.result! : 'pending', a.id);
    add(a.kind, 'total', a.id);
  }
  const rows: Record<string, Record<string, Cell>> = {};
  for (const kind of APPEAL_KINDS) {
    const cols: Record<string, Cell> = {};
    for (const col of APPEAL_COLUMNS) cols[col] = cell(ids.get(`${kind}|${col}`) ?? []);
    rows[kind] = cols;
  }
  return {
    present: true,
    cut: false,
    labels: officialLabels('appeals'),
    foreign: [],
    rows: rows as AppealTable['rows'],
    raw: [],
  };
}

function computeProactive(p: ProactiveFacts): ProactiveTable {
  const n = (value: number): Cell => ({ value, ids: [] });
  const rows: Partial<Record<ProactiveRowKey, Partial<Record<ProactiveColumnKey, Cell>>>> = {
    rules: {
      issued: n(p.rules.issued),
      repealed: n(p.rules.repealed),
      inForce: n(p.rules.inForce),
    },
    normative: {
      issued: n(p.normative.issued),
      repealed: n(p.normative.repealed),
      inForce: n(p.normative.inForce),
    },
    licensing: { decisions: n(p.licensing) },
    penalty: { decisions: n(p.penalty) },
    enforcement: { decisions: n(p.enforcement) },
    // 元 → 万元, kept to the 分 so that sums stay exact enough.
    fees: { amount: n(Math.round(p.feesYuan * 100) / 1_000_000) },
  };
  return {
    present: true,
    cut: false,
    labels: officialLabels('proactive'),
    foreign: [],
    rows,
    raw: [],
  };
}

const NARRATIVE_FIELD: Readonly<Record<SectionKey, keyof NarrativeFacts>> = {
  overview: 'overview',
  proactive: 'proactive',
  requests: 'requests',
  appeals: 'appeals',
  problems: 'problems',
  other: 'other',
};

/** Builds the report for `facts.year`, or returns Chinese errors for invalid facts. */
export function computeReport(facts: ReportFacts): ComputeResult {
  const errors = validate(facts);
  if (errors.length > 0) return { ok: false, errors };
  const sections: ReportSection[] = SECTIONS.map((d) => ({
    key: d.key,
    heading: d.heading,
    text: (facts.narrative[NARRATIVE_FIELD[d.key]] ?? '').trim(),
  }));
  const report: AnnualReport = {
    agency: { name: facts.agency.name.trim(), level: facts.agency.level },
    year: facts.year,
    template: '2021',
    title: `${facts.agency.name.trim()}${facts.year}年政府信息公开工作年度报告`,
    preamble: (facts.narrative.preamble ?? '').trim(),
    sections,
    proactive: computeProactive(facts.proactive),
    requests: computeRequests(facts),
    appeals: computeAppeals(facts),
    processingFeeYuan: facts.feeCharged,
    ...(facts.previous ? { previous: facts.previous } : {}),
    truncated: false,
  };
  return { ok: true, report };
}

/** The standard sentence for section 六 stating the 信息处理费 (C8, 3.6). */
export function processingFeeStatement(year: number, yuan: number): string {
  if (yuan <= 0) return `${year}年度本机关未收取政府信息公开信息处理费。`;
  return `依据《政府信息公开信息处理费管理办法》规定，${year}年度本机关共收取政府信息公开信息处理费${yuan}元。`;
}
