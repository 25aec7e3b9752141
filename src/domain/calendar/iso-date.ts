/**
 * Plain calendar dates as ISO strings 'YYYY-MM-DD'.
 *
 * Arithmetic goes through a day number (days since 1970-01-01) computed with Date.UTC, so no
 * time zone or clock is ever involved.
 */

/** A calendar date written 'YYYY-MM-DD'. A plain string; use {@link isIsoDate} to check. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const WEEKDAY_NAMES = [
  '星期日',
  '星期一',
  '星期二',
  '星期三',
  '星期四',
  '星期五',
  '星期六',
] as const;

function parts(value: string): [number, number, number] | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 over to 03-02; the round trip catches it.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return [y, mo, d];
}

/** True if `value` is a string naming a real calendar date in the form 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== undefined;
}

/**
 * The years a date in a case file can plausibly fall in: the People's Republic's records from
 * 1949 to a planning horizon of 2100. Dates outside are typing errors (9999-12-10) and would
 * only break the deadline arithmetic and the pages that show it.
 */
export const EARLIEST_YEAR = 1949;
export const LATEST_YEAR = 2100;

/** True if `value` is a real date between EARLIEST_YEAR and LATEST_YEAR. */
export function isPlausibleDate(value: unknown): value is IsoDate {
  if (!isIsoDate(value)) return false;
  const y = Number(value.slice(0, 4));
  return y >= EARLIEST_YEAR && y <= LATEST_YEAR;
}

/** Why `value` is not a usable date, in Chinese, or null when it is one. */
export function dateProblem(value: unknown, what = '日期'): string | null {
  if (!isIsoDate(value)) return `${what}“${String(value)}”无效：应为真实存在的日期，格式为 YYYY-MM-DD`;
  if (!isPlausibleDate(value)) return `${what}“${value}”超出可受理的范围：应在 ${EARLIEST_YEAR} 年至 ${LATEST_YEAR} 年之间`;
  return null;
}

/**
 * Throws a RangeError with a Chinese message unless `value` is a valid ISO date.
 * @param what how to name the value in the message, e.g. '收到申请之日'.
 */
export function assertIsoDate(value: unknown, what = '日期'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new RangeError(`${what}“${String(value)}”无效：应为真实存在的日期，格式为YYYY-MM-DD`);
  }
}

/** Days since 1970-01-01 (negative before). Throws on an invalid date. */
export function toDayNumber(date: IsoDate): number {
  const p = parts(date);
  if (!p) throw new RangeError(`日期“${date}”无效：应为真实存在的日期，格式为YYYY-MM-DD`);
  return Date.UTC(p[0], p[1] - 1, p[2]) / MS_PER_DAY;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The date `n` calendar days after `date` (before, if `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  // Valid ISO dates with 4-digit years sort lexically.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function maxIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** The calendar year of `date`. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** '星期一' etc. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOf(date)] ?? '';
}

/** '2025年1月20日'. */
export function formatChineseDate(date: IsoDate): string {
  const p = parts(date);
  if (!p) return date;
  return `${p[0]}年${p[1]}月${p[2]}日`;
}

/** '2025年1月20日（星期一）'. */
export function formatChineseDateWithWeekday(date: IsoDate): string {
  return `${formatChineseDate(date)}（${weekdayName(date)}）`;
}
