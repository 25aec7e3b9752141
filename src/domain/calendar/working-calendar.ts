import {
  addDays,
  compareIsoDates,
  daysBetween,
  isIsoDate,
  isWeekend,
  toDayNumber,
  weekdayOf,
  yearOf,
  type IsoDate,
} from './iso-date.ts';

/** One date listed by a State Council holiday notice. */
export interface CalendarDay {
  readonly date: IsoDate;
  /** true: holiday day off; false: weekend make-up working day (调休上班). */
  readonly isOffDay: boolean;
  /** Holiday name, e.g. '春节'. */
  readonly name: string;
}

/**
 * The arrangement of one year. A year that has an entry is "known": its dates are exact.
 * `days` may include late-December dates of the previous year (e.g. the 2019 notice moved
 * 2018-12-29 to a working day).
 */
export interface CalendarYearData {
  readonly year: number;
  readonly days: readonly CalendarDay[];
  /** Where the arrangement comes from, e.g. the notice's URL. */
  readonly sources?: readonly string[];
}

/** How a date is classified. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

/** Everything the calendar knows about one date. */
export interface DayInfo {
  readonly date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly working: boolean;
  readonly kind: DayKind;
  /** Holiday name for 'holiday' and 'makeUpWorkday'. */
  readonly name?: string;
  /** True when the classification rests on weekends alone because data is missing. */
  readonly provisional: boolean;
  /** Years whose arrangement is missing and could change this date. */
  readonly missingYears: readonly number[];
}

/** An interval (both ends inclusive) whose working days are not counted. */
export interface ExcludedInterval {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Chinese, used in explanations, e.g. '征求第三方意见'. */
  readonly label: string;
}

/** What an exclusion actually removed from a count. */
export interface AppliedExclusion extends ExcludedInterval {
  /** Working days inside the interval that were passed over. */
  readonly excludedDates: readonly IsoDate[];
}

/** The result of counting working days, with what was passed over on the way. */
export interface WorkingDayCount {
  readonly start: IsoDate;
  readonly workingDays: number;
  /** The n-th working day after `start`. */
  readonly date: IsoDate;
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
  /** Holiday days off passed over (weekends inside a holiday are listed here). */
  readonly holidays: readonly { readonly date: IsoDate; readonly name: string }[];
  /** Weekend make-up working days that were counted. */
  readonly makeUpDays: readonly { readonly date: IsoDate; readonly name: string }[];
  /** Ordinary Saturdays and Sundays passed over. */
  readonly weekendDays: number;
  /** Exclusions that removed at least one working day. */
  readonly exclusions: readonly AppliedExclusion[];
}

/** Options for {@link WorkingCalendar.addWorkingDays}. */
export interface CountOptions {
  /** Intervals whose working days do not count (pauses of a deadline clock). */
  readonly exclude?: readonly ExcludedInterval[];
}

/**
 * From this day of December on, a date can still be changed by the next year's notice
 * (its 元旦 arrangement: 2018-12-29..31 came from the 2019 notice, 2022-12-31 from 2023's).
 */
const NEXT_YEAR_SENSITIVE_FROM = '12-25';

/** Thrown when calendar data is invalid; `errors` holds Chinese messages. */
export class CalendarDataError extends Error {
  readonly errors: readonly string[];
  constructor(errors: readonly string[]) {
    super(`日历数据无效：${errors.join('；')}`);
    this.name = 'CalendarDataError';
    this.errors = errors;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks one year's entry; shared with the file parser (not part of the module API).
 * @param where names the entry in messages (e.g. '2025年'); `itemWhere` names each day.
 */
export function validateYearEntry(
  entry: unknown,
  where: string,
  itemWhere: (index: number) => string,
): string[] {
  const errors: string[] = [];
  if (!isRecord(entry)) return [`${where}：应为包含year和days的对象`];
  const year = entry['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9998) {
    errors.push(`${where}：年份“${String(year)}”无效`);
  }
  const days = entry['days'];
  if (!Array.isArray(days)) {
    errors.push(`${where}：缺少日期列表（days）`);
    return errors;
  }
  if (days.length === 0) {
    // holiday-cn publishes an empty file before the notice; it must not make the year "known".
    errors.push(`${where}：未列出任何日期（该年放假安排可能尚未公布），不能作为已知年份导入`);
  }
  const seen = new Set<string>();
  days.forEach((day: unknown, i) => {
    const at = itemWhere(i);
    if (!isRecord(day)) {
      errors.push(`${at}：应为包含date、isOffDay、name的对象`);
      return;
    }
    const date = day['date'];
    if (!isIsoDate(date)) {
      errors.push(`${at}：日期“${String(date)}”无效，应为真实存在的日期（YYYY-MM-DD）`);
    } else {
      if (typeof year === 'number' && Number.isInteger(year)) {
        const first = `${year - 1}-12-01`;
        const last = `${year + 1}-01-31`;
        if (date < first || date > last) {
          errors.push(`${at}：日期${date}不属于${year}年的放假安排`);
        }
      }
      if (seen.has(date)) errors.push(`${at}：日期${date}重复`);
      seen.add(date);
    }
    if (typeof day['isOffDay'] !== 'boolean') {
      errors.push(`${at}：未说明是放假（休）还是调休上班（班）`);
    }
    const name = day['name'];
    if (typeof name !== 'string' || name.trim() === '') {
      errors.push(`${at}：缺少节日名称`);
    }
  });
  return errors;
}

/**
 * Validates calendar data as the storage layer passes it in.
 * @returns Chinese error messages; empty when the data is usable.
 */
export function validateCalendarData(data: readonly CalendarYearData[]): string[] {
  if (!Array.isArray(data)) return ['日历数据应为年度列表'];
  const errors: string[] = [];
  const years = new Set<number>();
  const byDate = new Map<string, { isOffDay: boolean; year: number }>();
  data.forEach((entry: unknown, i) => {
    const year = isRecord(entry) ? entry['year'] : undefined;
    const where = typeof year === 'number' ? `${year}年` : `第${i + 1}个年度`;
    const entryErrors = validateYearEntry(entry, where, (j) => `${where}第${j + 1}项`);
    errors.push(...entryErrors);
    if (entryErrors.length > 0 || !isRecord(entry) || typeof year !== 'number') return;
    if (years.has(year)) errors.push(`${year}年的放假安排重复出现`);
    years.add(year);
    for (const day of entry['days'] as CalendarDay[]) {
      const prior = byDate.get(day.date);
      if (prior && prior.isOffDay !== day.isOffDay) {
        errors.push(`${day.date}在${prior.year}年和${year}年的放假安排中相互矛盾`);
      }
      byDate.set(day.date, { isOffDay: day.isOffDay, year });
    }
  });
  return errors;
}

/**
 * Working-day calendar built from data: Monday–Friday work, Saturday and Sunday rest, except the
 * dates the known years' notices list. Years without data fall back to weekends alone, and every
 * answer that touches them says so (`provisional`).
 */
export class WorkingCalendar {
  /** Years with an arrangement, ascending. */
  readonly knownYears: readonly number[];
  private readonly known: ReadonlySet<number>;
  private readonly overrides: ReadonlyMap<IsoDate, CalendarDay>;
  private readonly data: readonly CalendarYearData[];

  /** @throws {CalendarDataError} when {@link validateCalendarData} finds errors. */
  constructor(data: readonly CalendarYearData[]) {
    const errors = validateCalendarData(data);
    if (errors.length > 0) throw new CalendarDataError(errors);
    this.data = data.map(copyEntry).sort((a, b) => a.year - b.year);
    this.knownYears = this.data.map((e) => e.year);
    this.known = new Set(this.knownYears);
    const overrides = new Map<IsoDate, CalendarDay>();
    for (const entry of this.data) {
      for (const day of entry.days) {
        // Prefer the entry of the date's own year for the name; the values agree (validated).
        if (!overrides.has(day.date) || yearOf(day.date) === entry.year) {
          overrides.set(day.date, day);
        }
      }
    }
    this.overrides = overrides;
  }

  /** True if `year` has an arrangement. */
  isKnownYear(year: number): boolean {
    return this.known.has(year);
  }

  /** Years whose missing arrangement leaves `date` uncertain; empty when it is exact. */
  missingYearsFor(date: IsoDate): number[] {
    const year = yearOf(date);
    const missing: number[] = [];
    if (!this.known.has(year)) missing.push(year);
    if (date.slice(5) >= NEXT_YEAR_SENSITIVE_FROM && !this.known.has(year + 1)) {
      missing.push(year + 1);
    }
    return missing;
  }

  /** Classifies `date`. Throws a RangeError on an invalid date. */
  dayInfo(date: IsoDate): DayInfo {
    toDayNumber(date); // validates
    const weekday = weekdayOf(date);
    const missingYears = this.missingYearsFor(date);
    const provisional = missingYears.length > 0;
    const o = this.overrides.get(date);
    if (o?.isOffDay) {
      return {
        date,
        weekday,
        working: false,
        kind: 'holiday',
        name: o.name,
        provisional,
        missingYears,
      };
    }
    if (o && isWeekend(date)) {
      return {
        date,
        weekday,
        working: true,
        kind: 'makeUpWorkday',
        name: o.name,
        provisional,
        missingYears,
      };
    }
    // A listed weekday working day (e.g. 2020-02-03 after the extended Spring Festival) is plain.
    const working = !isWeekend(date);
    return {
      date,
      weekday,
      working,
      kind: working ? 'workday' : 'weekend',
      provisional,
      missingYears,
    };
  }

  /** True if `date` is a working day. Throws a RangeError on an invalid date. */
  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).working;
  }

  /**
   * The `n`-th working day after `start`: the start day itself never counts, counting begins the
   * next day. Working days inside `options.exclude` are passed over too. `n = 0` returns `start`.
   * @throws {RangeError} on an invalid date or a negative / non-integer `n`.
   */
  addWorkingDays(start: IsoDate, n: number, options: CountOptions = {}): WorkingDayCount {
    toDayNumber(start);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`工作日数“${n}”无效：应为非负整数`);
    }
    const exclude = options.exclude ?? [];
    for (const iv of exclude) {
      toDayNumber(iv.from);
      toDayNumber(iv.to);
    }
    const holidays: { date: IsoDate; name: string }[] = [];
    const makeUpDays: { date: IsoDate; name: string }[] = [];
    const excluded = new Map<ExcludedInterval, IsoDate[]>();
    const missing = new Set<number>();
    let weekendDays = 0;
    let counted = 0;
    let day = start;
    while (counted < n) {
      day = addDays(day, 1);
      const info = this.dayInfo(day);
      for (const y of info.missingYears) missing.add(y);
      if (!info.working) {
        if (info.kind === 'holiday') holidays.push({ date: day, name: info.name ?? '' });
        else weekendDays += 1;
        continue;
      }
      const iv = exclude.find(
        (e) => compareIsoDates(e.from, day) <= 0 && compareIsoDates(day, e.to) <= 0,
      );
      if (iv) {
        const list = excluded.get(iv) ?? [];
        list.push(day);
        excluded.set(iv, list);
        continue;
      }
      counted += 1;
      if (info.kind === 'makeUpWorkday') makeUpDays.push({ date: day, name: info.name ?? '' });
    }
    const missingYears = [...missing].sort((a, b) => a - b);
    return {
      start,
      workingDays: n,
      date: day,
      provisional: missingYears.length > 0,
      missingYears,
      holidays,
      makeUpDays,
      weekendDays,
      exclusions: [...excluded].map(([iv, dates]) => ({
        from: iv.from,
        to: iv.to,
        label: iv.label,
        excludedDates: dates,
      })),
    };
  }

  /** Working days in `from`..`to`, both inclusive (0 if `to` is before `from`). */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    let count = 0;
    const span = daysBetween(from, to);
    for (let i = 0; i <= span; i++) {
      if (this.isWorkingDay(addDays(from, i))) count += 1;
    }
    return count;
  }

  /** A new calendar with `entry` added, replacing any entry for the same year. */
  withYear(entry: CalendarYearData): WorkingCalendar {
    return new WorkingCalendar([...this.data.filter((e) => e.year !== entry.year), entry]);
  }

  /** A new calendar without `year`'s entry. */
  withoutYear(year: number): WorkingCalendar {
    return new WorkingCalendar(this.data.filter((e) => e.year !== year));
  }

  /** The data this calendar was built from (a copy), ascending by year. */
  toData(): CalendarYearData[] {
    return this.data.map(copyEntry);
  }
}

function copyEntry(e: CalendarYearData): CalendarYearData {
  return {
    year: e.year,
    days: e.days.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name })),
    ...(e.sources ? { sources: [...e.sources] } : {}),
  };
}

/**
 * Builds a {@link WorkingCalendar} from year entries (as stored by an administrator).
 * @throws {CalendarDataError} if the data is invalid.
 */
export function createWorkingCalendar(data: readonly CalendarYearData[]): WorkingCalendar {
  return new WorkingCalendar(data);
}
