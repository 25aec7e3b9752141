/**
 * Working-day calendar for 政府信息公开 deadlines.
 *
 * The calendar is data (year entries an administrator maintains), not code. Years without data
 * are computed on weekends alone and flagged 暂定 (provisional).
 */
export {
  addDays,
  assertIsoDate,
  compareIsoDates,
  dateProblem,
  EARLIEST_YEAR,
  isPlausibleDate,
  LATEST_YEAR,
  daysBetween,
  formatChineseDate,
  formatChineseDateWithWeekday,
  isIsoDate,
  isWeekend,
  maxIsoDate,
  weekdayName,
  weekdayOf,
  yearOf,
  type IsoDate,
} from './iso-date.ts';
export {
  CalendarDataError,
  WorkingCalendar,
  createWorkingCalendar,
  validateCalendarData,
  type AppliedExclusion,
  type CalendarDay,
  type CalendarYearData,
  type CountOptions,
  type DayInfo,
  type DayKind,
  type ExcludedInterval,
  type WorkingDayCount,
} from './working-calendar.ts';
export {
  explainWorkingDayCount,
  formatChineseRange,
  provisionalStep,
  type ExplanationStep,
} from './explain.ts';
export {
  formatHolidayYearText,
  parseHolidayYearFile,
  type HolidayFileOptions,
  type HolidayFileResult,
} from './holiday-file.ts';
export { officialCalendarData } from './official.ts';
export { chinaDate, chinaDateOrEmpty, chinaDateTime, chinaDayStart, chinaParts, chinaYear, chinaYearRange, toInstant, type ChinaParts } from './china-time.ts';

import { officialCalendarData } from './official.ts';
import { WorkingCalendar } from './working-calendar.ts';

/** A calendar of the shipped 2019–2026 data only (tests, tools, first start). */
export function officialCalendar(): WorkingCalendar {
  return new WorkingCalendar(officialCalendarData());
}
