/**
 * 信息处理费 under 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）.
 *
 * All amounts are integer 元: every rate in the 办法 is a whole number of 元, so no 分 arise.
 */

/** 按件计收 (Art. 4) or 按量计收 (Art. 5). One method per request (Art. 3). */
export type FeeMethod = 'perRequest' | 'perPage';

/** One tier of a fee breakdown, as printed on a 收费通知书. */
export interface FeeTierLine {
  /** The tier, e.g. '第11—30件' or '第201页及以上'. */
  readonly tierLabel: string;
  /** First and last item (request number or page) of the tier; `to` absent if open-ended. */
  readonly tierFrom: number;
  readonly tierTo?: number;
  /** Items of this quote that fall in the tier. */
  readonly firstItem: number;
  readonly lastItem: number;
  readonly quantity: number;
  readonly unit: '件' | '页';
  /** 元 per item; 0 for the free tier. */
  readonly unitPriceYuan: number;
  readonly amountYuan: number;
  /** Chinese line for the notice. */
  readonly description: string;
}

/** A computed fee with its breakdown. */
export interface FeeQuote {
  readonly method: FeeMethod;
  /** Total in 元 (integer). */
  readonly totalYuan: number;
  readonly lines: readonly FeeTierLine[];
  /** Chinese summary sentence. */
  readonly summary: string;
  /** Chinese citation of the rule applied. */
  readonly basis: string;
  /** Chinese notes for the notice. */
  readonly notes: readonly string[];
}

/** A quote, or Chinese error messages. */
export type FeeResult =
  | { readonly ok: true; readonly value: FeeQuote }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Above this many requests in a month the input is taken as a mistake. */
export const MAX_REQUESTS_PER_MONTH = 100_000;
/** Above this many pages in one request the input is taken as a mistake. */
export const MAX_PAGES = 10_000_000;

const PER_REQUEST_BASIS =
  '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条：按件计收，以同一申请人一个自然月内累计申请的件数计算，超额累进';
const PER_PAGE_BASIS =
  '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条：按量计收，以一件申请的页数计算，超额累进';
const ONE_METHOD_NOTE = '同一件申请只能选择按件计收或按量计收其中一种方式，不得同时适用（第三条）';
const BAND_NOTE = '第31件起以10件为一档，每增加一档，收费标准提高100元/件';

interface Tier {
  readonly from: number;
  readonly to?: number;
  readonly price: number;
}

/** The 按件计收 tier containing request number `n` (n ≥ 1). */
function requestTier(n: number): Tier {
  if (n <= 10) return { from: 1, to: 10, price: 0 };
  if (n <= 30) return { from: 11, to: 30, price: 100 };
  const band = Math.floor((n - 31) / 10);
  return { from: 31 + band * 10, to: 40 + band * 10, price: 200 + band * 100 };
}

const PAGE_TIERS: readonly Tier[] = [
  { from: 1, to: 30, price: 0 },
  { from: 31, to: 100, price: 10 },
  { from: 101, to: 200, price: 20 },
  { from: 201, price: 40 },
];

function pageTier(n: number): Tier {
  return PAGE_TIERS.find((t) => t.to === undefined || n <= t.to) ?? { from: 201, price: 40 };
}

/** Breaks items `first`..`last` into tier lines. */
function breakdown(
  first: number,
  last: number,
  unit: '件' | '页',
  tierOf: (n: number) => Tier,
): FeeTierLine[] {
  const lines: FeeTierLine[] = [];
  let i = first;
  while (i <= last) {
    const t = tierOf(i);
    const end = t.to === undefined ? last : Math.min(last, t.to);
    const quantity = end - i + 1;
    const amountYuan = quantity * t.price;
    const tierLabel =
      t.to === undefined ? `第${t.from}${unit}及以上` : `第${t.from}—${t.to}${unit}`;
    const whole = i === t.from && end === t.to;
    const span = i === end ? `第${i}${unit}` : `第${i}—${end}${unit}`;
    const items = whole
      ? `共${quantity}${unit}`
      : `${unit === '件' ? '本月' : ''}${span}，共${quantity}${unit}`;
    const price = t.price === 0 ? '免收' : `每${unit}${t.price}元`;
    const description = `${tierLabel}${price}：${items}${t.price === 0 ? '' : `，小计${amountYuan}元`}`;
    lines.push({
      tierLabel,
      tierFrom: t.from,
      ...(t.to === undefined ? {} : { tierTo: t.to }),
      firstItem: i,
      lastItem: end,
      quantity,
      unit,
      unitPriceYuan: t.price,
      amountYuan,
      description,
    });
    i = end + 1;
  }
  return lines;
}

function checkCount(value: unknown, what: string, min: number, max: number): string[] {
  if (typeof value !== 'number' || Number.isNaN(value)) return [`${what}应为数字`];
  if (!Number.isInteger(value)) return [`${what}应为整数，不能是${value}`];
  if (value < min) return [min === 0 ? `${what}不能为负数` : `${what}应不小于${min}`];
  if (value > max) return [`${what}${value}过大（超过${max}），请核实`];
  return [];
}

function perRequestQuote(
  first: number,
  last: number,
  summary: (total: number) => string,
): FeeQuote {
  const lines = first <= last ? breakdown(first, last, '件', requestTier) : [];
  const totalYuan = lines.reduce((s, l) => s + l.amountYuan, 0);
  return {
    method: 'perRequest',
    totalYuan,
    lines,
    summary: summary(totalYuan),
    basis: PER_REQUEST_BASIS,
    notes: last > 30 ? [BAND_NOTE, ONE_METHOD_NOTE] : [ONE_METHOD_NOTE],
  };
}

/** 元 charged (按件计收) for the `n`-th request of the month; throws on invalid `n`. */
export function perRequestUnitPrice(n: number): number {
  const errors = checkCount(n, '本月申请序号', 1, MAX_REQUESTS_PER_MONTH);
  if (errors.length > 0) throw new RangeError(errors.join('；'));
  return requestTier(n).price;
}

/**
 * 按件计收: the charge for the `n`-th request of the same applicant in one calendar month alone
 * (the marginal charge; e.g. the 35th costs 200元).
 */
export function perRequestFeeForNth(n: number): FeeResult {
  const errors = checkCount(n, '本月申请序号', 1, MAX_REQUESTS_PER_MONTH);
  if (errors.length > 0) return { ok: false, errors };
  const value = perRequestQuote(
    n,
    n,
    (t) => `同一申请人本自然月第${n}件申请，按件计收信息处理费${t}元`,
  );
  return { ok: true, value };
}

/**
 * 按件计收: the total for `n` requests of the same applicant in one calendar month
 * (e.g. 35 requests: 20×100 + 5×200 = 3000元). `n = 0` gives 0元.
 */
export function perRequestFeeTotal(n: number): FeeResult {
  const errors = checkCount(n, '本月累计申请件数', 0, MAX_REQUESTS_PER_MONTH);
  if (errors.length > 0) return { ok: false, errors };
  const value = perRequestQuote(
    1,
    n,
    (t) => `同一申请人本自然月累计申请${n}件，按件计收信息处理费共计${t}元`,
  );
  return { ok: true, value };
}

/**
 * 按件计收: the charge for `count` new requests when the applicant already made `priorThisMonth`
 * requests this calendar month (they are requests priorThisMonth+1 … priorThisMonth+count).
 */
export function perRequestFeeForBatch(priorThisMonth: number, count: number): FeeResult {
  const errors = [
    ...checkCount(priorThisMonth, '本月此前已申请件数', 0, MAX_REQUESTS_PER_MONTH),
    ...checkCount(count, '本次申请件数', 1, MAX_REQUESTS_PER_MONTH),
  ];
  if (errors.length === 0 && priorThisMonth + count > MAX_REQUESTS_PER_MONTH) {
    errors.push(
      `本月累计件数${priorThisMonth + count}过大（超过${MAX_REQUESTS_PER_MONTH}），请核实`,
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  const first = priorThisMonth + 1;
  const last = priorThisMonth + count;
  const range = first === last ? `第${first}件` : `第${first}—${last}件`;
  const value = perRequestQuote(
    first,
    last,
    (t) =>
      `同一申请人本自然月此前已申请${priorThisMonth}件，本次${count}件（本月${range}），按件计收信息处理费共计${t}元`,
  );
  return { ok: true, value };
}

/**
 * 按量计收: the charge for one request of `pages` pages
 * (1–30 free, 31–100 10元/页, 101–200 20元/页, 201+ 40元/页; e.g. 250 pages: 4700元).
 * `pages = 0` gives 0元.
 */
export function perPageFee(pages: number): FeeResult {
  const errors = checkCount(pages, '页数', 0, MAX_PAGES);
  if (errors.length > 0) return { ok: false, errors };
  const lines = pages > 0 ? breakdown(1, pages, '页', pageTier) : [];
  const totalYuan = lines.reduce((s, l) => s + l.amountYuan, 0);
  return {
    ok: true,
    value: {
      method: 'perPage',
      totalYuan,
      lines,
      summary: `本件申请共${pages}页，按量计收信息处理费共计${totalYuan}元`,
      basis: PER_PAGE_BASIS,
      notes: [ONE_METHOD_NOTE],
    },
  };
}
