/**
 * The one place where an instant becomes a date. Every calendar date the product stores, shows,
 * defaults or compares is the date in China (Asia/Shanghai: UTC+8, no daylight saving since
 * 1991), whatever the server's or the browser's time zone. Pure: no clock is read here; callers
 * pass the instant (the server's `deps.now()`, the workspace's server-synchronised clock).
 *
 * Also imported by the workspace (web/), so it must stay free of Node.js APIs.
 */
import type { IsoDate } from './iso-date.ts';

export const CHINA_OFFSET_MS = 8 * 3600_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * The instant a stored value stands for: 'YYYY-MM-DD' is 00:00 China time, a date-time without
 * offset is China time, one with 'Z' or an offset is taken as given. Throws RangeError otherwise.
 */
export function toInstant(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('无效的日期');
    return value;
  }
  const v = value.trim();
  let ms = Number.NaN;
  if (DATE_ONLY.test(v)) ms = Date.parse(`${v}T00:00:00+08:00`);
  else if (LOCAL_DATE_TIME.test(v)) ms = Date.parse(`${v.replace(' ', 'T')}+08:00`);
  else if (ZONED_DATE_TIME.test(v)) ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`无法识别的日期“${value}”`);
  // Date.parse rolls 02-30 over to 03-01; compare the calendar date back in the value's own offset.
  const zone = /(Z|[+-]\d{2}:\d{2})$/i.exec(v)?.[1] ?? '+08:00';
  const offsetMs =
    zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  const local = new Date(ms + offsetMs);
  const ymd = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()].map((n, i) => pad(n, i ? 2 : 4)).join('-');
  if (ymd !== v.slice(0, 10)) {
    throw new RangeError(`不存在的日期“${value}”`);
  }
  return new Date(ms);
}

export interface ChinaParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  /** 0 = Sunday. */
  wd: number;
}

/** Calendar fields of an instant in China time. */
export function chinaParts(value: string | Date): ChinaParts {
  const c = new Date(toInstant(value).getTime() + CHINA_OFFSET_MS);
  return { y: c.getUTCFullYear(), m: c.getUTCMonth() + 1, d: c.getUTCDate(), hh: c.getUTCHours(), mi: c.getUTCMinutes(), ss: c.getUTCSeconds(), wd: c.getUTCDay() };
}

/** The date in China at an instant: '2026-11-26'. A date-only value is returned as it is. */
export function chinaDate(value: string | Date): IsoDate {
  const p = chinaParts(value);
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

/** The year in China at an instant. */
export function chinaYear(value: string | Date): number {
  return chinaParts(value).y;
}

/** '2026-11-26 02:05' in China time, for timestamps shown to people. */
export function chinaDateTime(value: string | Date): string {
  const p = chinaParts(value);
  return `${chinaDate(value)} ${pad(p.hh)}:${pad(p.mi)}`;
}

/** Like chinaDate, for a value that may be missing: null, '' or undefined give ''. */
export function chinaDateOrEmpty(value: string | Date | null | undefined): string {
  return value ? chinaDate(value) : '';
}

/**
 * The instant China's day `date` begins, as the ISO string the database stores
 * ('2026-01-01' → '2025-12-31T16:00:00.000Z'), so stored instants compare against China dates.
 */
export function chinaDayStart(date: IsoDate): string {
  return toInstant(date).toISOString();
}

/** The stored-instant bounds [from, to) of a China calendar year. */
export function chinaYearRange(year: number): { from: string; to: string } {
  return { from: chinaDayStart(`${pad(year, 4)}-01-01`), to: chinaDayStart(`${pad(year + 1, 4)}-01-01`) };
}
