/**
 * "Now" and "today" in the workspace. The browser's clock and zone are not trusted for dates:
 * the server sends its time with the session, and every date is the date in China, through the
 * same conversion the server uses (src/domain/calendar/china-time.ts).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { chinaDate, chinaDateTime, chinaYear } from '../../src/domain/calendar/china-time.ts';

let offsetMs = 0;

/** Adopts the server's clock: later readings are the browser's clock moved by the difference. */
export function syncClock(serverTime: string): void {
  const server = Date.parse(serverTime);
  if (!Number.isNaN(server)) offsetMs = server - Date.now();
}

export const serverNow = (): Date => new Date(Date.now() + offsetMs);

/** Today's date in China, 'YYYY-MM-DD'. */
export const today = (): string => chinaDate(serverNow());

export const thisYear = (): number => chinaYear(serverNow());

/** Today as a date-picker value: a picker shows the calendar date it holds, whatever the zone. */
export const todayDayjs = (): Dayjs => dayjs(today());

/** For date pickers of past events: days after today (in China) are disabled. */
export const afterToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > today();

/** A stored instant as '2026-11-26 02:05' China time; '—' when missing. */
export const dateTime = (iso: string | null | undefined): string => (iso ? chinaDateTime(iso) : '—');

/** A stored instant as its China date; '—' when missing. */
export const dateOf = (iso: string | null | undefined): string => (iso ? chinaDate(iso) : '—');

/**
 * A date-time picked in the workspace means that wall-clock time in China, not in the browser's
 * zone: '2026-12-02 09:00' becomes 2026-12-02T01:00:00.000Z.
 */
export const pickedChinaInstant = (d: Dayjs): string => new Date(`${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`).toISOString();
