/**
 * Times of day of interviews and hotline calls: China time written 'YYYY-MM-DD HH:MM', as people
 * read it. Pure; the date part goes through the calendar's own checks.
 */
import { dateProblem, isIsoDate } from '../calendar/iso-date.ts';

const STRICT = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/;

/** A problem with a 'YYYY-MM-DD HH:MM' value, in Chinese, or null. */
export function localTimeProblem(value: string, label: string): string | null {
  const m = STRICT.exec(value.trim());
  if (!m) return `${label}“${value}”无效：格式应为 YYYY-MM-DD HH:MM（北京时间）`;
  const dateIssue = dateProblem(m[1], label);
  if (dateIssue) return dateIssue;
  if (Number(m[2]) > 23 || Number(m[3]) > 59) return `${label}“${value}”无效：时、分超出范围`;
  return null;
}

const pad = (n: number | string): string => String(n).padStart(2, '0');

/**
 * A time as a spreadsheet or a person writes it ('2026/3/5 9:12', '2026-03-05 09:12:33',
 * '2026年3月5日 9时12分', a cell's Date) in the strict form, or null when it cannot be read.
 * A spreadsheet's Date holds the wall-clock time in its UTC fields (cells carry no zone).
 */
export function normaliseLocalTime(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  if (!isIsoDate(date)) return null;
  return `${date} ${pad(m[4] ?? '0')}:${pad(m[5] ?? '0')}`;
}
