import {
  CalendarDataError,
  WorkingCalendar,
  parseHolidayYearFile,
  validateCalendarData,
  type CalendarDay,
  type CalendarYearData,
} from '../domain/calendar/index.ts';
import { refreshProjections } from '../capabilities/requests/sql.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';

/** The working-day calendar as stored: every known year with its holiday and make-up days. */
export async function loadCalendarData(tx: Tx): Promise<CalendarYearData[]> {
  const years = await tx.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const days = await tx.selectFrom('calendar_days').selectAll().orderBy('date').execute();
  return years.map((y) => ({
    year: y.year,
    sources: JSON.parse(y.sources_json) as string[],
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, isOffDay: d.is_off_day === 1, name: d.name })),
  }));
}

/**
 * The last calendar built, keyed by a fingerprint of the stored years (each year and its change time):
 * every list and deadline needs the calendar, and rebuilding it from a few hundred rows costs more
 * than the query it serves. The fingerprint is read each time, so another process's change is
 * seen at once; this process also drops the cache when it changes the calendar.
 */
let cached: { key: string; calendar: WorkingCalendar } | null = null;

export async function loadCalendar(tx: Tx): Promise<WorkingCalendar> {
  // One short row per year: every change of a year rewrites its updated_at.
  const years = await tx.selectFrom('calendar_years').select(['year', 'updated_at']).orderBy('year').execute();
  const key = years.map((y) => `${y.year}@${y.updated_at}`).join('|');
  if (cached?.key === key) return cached.calendar;
  const calendar = new WorkingCalendar(await loadCalendarData(tx));
  cached = { key, calendar };
  return calendar;
}

/**
 * The calendar is shared by every agency on the platform and moves every legal deadline, so
 * only a platform operator (a permission only the CLI grants) may change it. Every change is
 * audited where every agency's audit log shows it.
 */
async function authorizeCalendar(tx: Tx, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return;
  const user = await tx.selectFrom('users').select('platform_operator').where('id', '=', actor.userId).executeTakeFirst();
  if (user?.platform_operator !== 1) throw forbidden('工作日历为全平台共用，只有平台运维人员可以修改（由命令行 gongkai user operator 授予）');
}

export interface CalendarYearSummary {
  year: number;
  holidayDays: number;
  makeUpWorkdays: number;
  sources: string[];
  updatedAt: string;
}

export async function listCalendarYears(deps: ServiceDeps): Promise<CalendarYearSummary[]> {
  const years = await deps.db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const days = await deps.db.selectFrom('calendar_days').select(['year', 'is_off_day']).execute();
  return years.map((y) => ({
    year: y.year,
    holidayDays: days.filter((d) => d.year === y.year && d.is_off_day === 1).length,
    makeUpWorkdays: days.filter((d) => d.year === y.year && d.is_off_day === 0).length,
    sources: JSON.parse(y.sources_json) as string[],
    updatedAt: y.updated_at,
  }));
}

export async function getCalendarYear(deps: ServiceDeps, year: number): Promise<CalendarYearData> {
  const found = (await loadCalendarData(deps.db)).find((y) => y.year === year);
  if (!found) throw notFound(`${year} 年工作日历`);
  return found;
}

/** Replaces one year's arrangement (or adds a new year). Open requests' dates follow at once. */
export async function saveCalendarYear(deps: ServiceDeps, actor: Actor, data: CalendarYearData): Promise<CalendarYearData> {
  const problems = validateCalendarData([data]);
  if (problems.length > 0) throw new AppError('INVALID_CALENDAR', problems.join('；'), 400, { problems });
  return deps.db.transaction().execute(async (tx) => {
    await authorizeCalendar(tx, actor);
    const before = (await loadCalendarData(tx)).find((y) => y.year === data.year) ?? null;
    // The whole calendar must still be consistent with the new year in it.
    try {
      new WorkingCalendar([...(await loadCalendarData(tx)).filter((y) => y.year !== data.year), data]);
    } catch (err) {
      if (err instanceof CalendarDataError) throw new AppError('INVALID_CALENDAR', err.errors.join('；'));
      throw err;
    }
    const now = deps.now().toISOString();
    const updatedBy = actor.kind === 'user' ? actor.userId : null;
    await tx.deleteFrom('calendar_days').where('year', '=', data.year).execute();
    if (before) {
      await tx.updateTable('calendar_years').set({ sources_json: JSON.stringify(data.sources ?? []), updated_at: now, updated_by: updatedBy }).where('year', '=', data.year).execute();
    } else {
      await tx.insertInto('calendar_years').values({ year: data.year, sources_json: JSON.stringify(data.sources ?? []), updated_at: now, updated_by: updatedBy }).execute();
    }
    const days: readonly CalendarDay[] = data.days;
    if (days.length > 0) {
      await tx
        .insertInto('calendar_days')
        .values(days.map((d) => ({ date: d.date, year: data.year, is_off_day: d.isOffDay ? 1 : 0, name: d.name })))
        .execute();
    }
    // Open requests' stored due dates follow the new calendar at once.
    cached = null;
    await refreshProjections(tx, deps, 'open', await loadCalendar(tx));
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: updatedBy,
      agencyId: null,
      action: before ? 'calendar.update' : 'calendar.add',
      entity: 'calendar_year',
      entityId: data.year,
      before,
      after: data,
    });
    return data;
  });
}

/** Imports a year from a holiday-cn JSON file or the simple text format. */
export async function importCalendarYear(
  deps: ServiceDeps,
  actor: Actor,
  text: string,
  year?: number,
): Promise<{ data: CalendarYearData; warnings: string[] }> {
  const parsed = parseHolidayYearFile(text, year === undefined ? {} : { year });
  if (!parsed.ok) throw new AppError('INVALID_CALENDAR_FILE', `日历文件有误：${parsed.errors.join('；')}`, 400, { problems: parsed.errors });
  const data = await saveCalendarYear(deps, actor, parsed.value);
  return { data, warnings: [...parsed.warnings] };
}

export async function deleteCalendarYear(deps: ServiceDeps, actor: Actor, year: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await authorizeCalendar(tx, actor);
    const before = (await loadCalendarData(tx)).find((y) => y.year === year);
    if (!before) throw notFound(`${year} 年工作日历`);
    await tx.deleteFrom('calendar_days').where('year', '=', year).execute();
    await tx.deleteFrom('calendar_years').where('year', '=', year).execute();
    cached = null;
    await refreshProjections(tx, deps, 'open', await loadCalendar(tx));
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      agencyId: null,
      action: 'calendar.delete',
      entity: 'calendar_year',
      entityId: year,
      before,
    });
  });
}
