import type { IsoDate } from '../domain/calendar/index.ts';

/** The calendar date in China (UTC+8, no daylight saving) at an instant. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
