import { isIsoDate, isWeekend, weekdayName, yearOf } from './iso-date.ts';
import { parseJsonWithLines } from './json-located.ts';
import { validateYearEntry, type CalendarDay, type CalendarYearData } from './working-calendar.ts';

/** Result of {@link parseHolidayYearFile}. */
export type HolidayFileResult =
  | {
      readonly ok: true;
      readonly value: CalendarYearData;
      readonly format: 'json' | 'text';
      /** Points worth a second look that do not block the import (Chinese). */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Options for {@link parseHolidayYearFile}. */
export interface HolidayFileOptions {
  /** The year the administrator means to import; a file for another year is rejected. */
  readonly year?: number;
}

const MAX_FILE_CHARS = 1_000_000;
const OFF_WORDS = new Set(['休', '休息', '放假', '假']);
const WORK_WORDS = new Set(['班', '上班', '补班', '调休上班']);

/**
 * Validates an uploaded holiday-arrangement file for one year.
 *
 * Accepted formats:
 * - holiday-cn JSON: `{"year": 2027, "papers": [...], "days": [{"name", "date", "isOffDay"}]}`;
 * - text/CSV, one date a line: `YYYY-MM-DD,休|班,名称` (comma, full-width comma or tab; blank
 *   lines and lines starting with `#` are ignored, as is a header line starting with `日期`).
 *   The year is `options.year`, or else the year most dates fall in.
 *
 * A file listing no dates is rejected: holiday-cn publishes an empty file before the notice.
 * @returns the year's data, or Chinese error messages naming lines.
 */
export function parseHolidayYearFile(
  text: string,
  options: HolidayFileOptions = {},
): HolidayFileResult {
  if (typeof text !== 'string') return { ok: false, errors: ['文件内容无效'] };
  if (text.length > MAX_FILE_CHARS)
    return { ok: false, errors: ['文件过大，单个年度文件不应超过1MB'] };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, errors: ['文件为空'] };
  return /^[{[]/.test(body.trimStart())
    ? parseJsonFile(body, options)
    : parseTextFile(body, options);
}

function finish(
  entry: CalendarYearData,
  lineOfDay: (i: number) => string,
  format: 'json' | 'text',
  options: HolidayFileOptions,
  errors: string[],
): HolidayFileResult {
  if (options.year !== undefined && entry.year !== options.year) {
    errors.unshift(`文件中的年份为${entry.year}年，与要导入的${options.year}年不一致`);
  }
  errors.push(...validateYearEntry(entry, `${entry.year}年`, lineOfDay));
  if (errors.length > 0) return { ok: false, errors: byLine(errors) };
  const warnings: string[] = [];
  entry.days.forEach((d, i) => {
    if (!d.isOffDay && !isWeekend(d.date)) {
      warnings.push(
        `${lineOfDay(i)}：${d.date}本是工作日（${weekdayName(d.date)}），标为“班”不改变计算，请核对`,
      );
    }
  });
  if (!entry.days.some((d) => d.isOffDay)) warnings.push('文件未列出任何放假日，请核对');
  const days = [...entry.days].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { ok: true, value: { ...entry, days }, format, warnings };
}

function parseJsonFile(body: string, options: HolidayFileOptions): HolidayFileResult {
  const parsed = parseJsonWithLines(body);
  if (!parsed.ok)
    return { ok: false, errors: [`第${parsed.line}行：JSON格式错误，${parsed.message}`] };
  const root = parsed.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return { ok: false, errors: ['第1行：应为包含year和days的JSON对象'] };
  }
  const r = root as Record<string, unknown>;
  const year = r['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9998) {
    return { ok: false, errors: [`年份（year）“${String(year)}”无效，应为四位整数`] };
  }
  const days = r['days'];
  if (!Array.isArray(days)) return { ok: false, errors: ['缺少日期列表（days）'] };
  const errors: string[] = [];
  const papers = r['papers'];
  let sources: string[] | undefined;
  if (papers !== undefined) {
    if (Array.isArray(papers) && papers.every((p) => typeof p === 'string')) sources = papers;
    else errors.push('来源（papers）应为字符串列表');
  }
  const lineOfDay = (i: number): string => {
    const d: unknown = days[i];
    const line = typeof d === 'object' && d !== null ? parsed.lineOf(d) : undefined;
    return line === undefined ? `days第${i + 1}项` : `第${line}行（days第${i + 1}项）`;
  };
  const entry = { year, days: days as CalendarDay[], ...(sources ? { sources } : {}) };
  return finish(entry, lineOfDay, 'json', options, errors);
}

function parseTextFile(body: string, options: HolidayFileOptions): HolidayFileResult {
  const errors: string[] = [];
  const days: CalendarDay[] = [];
  const lineNos: number[] = [];
  let sawContent = false;
  body.split(/\r\n|\r|\n/).forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!sawContent && line.startsWith('日期')) {
      sawContent = true;
      return; // header
    }
    sawContent = true;
    const fields = line.split(/[,，\t]/).map((f) => f.trim());
    if (fields.length !== 3) {
      errors.push(`第${lineNo}行：应为“日期,休或班,名称”三项，实际为${fields.length}项`);
      return;
    }
    const [date = '', kind = '', name = ''] = fields;
    let isOffDay: boolean;
    if (OFF_WORDS.has(kind)) isOffDay = true;
    else if (WORK_WORDS.has(kind)) isOffDay = false;
    else {
      errors.push(`第${lineNo}行：类型“${kind}”无效，应为“休”（放假）或“班”（调休上班）`);
      return;
    }
    days.push({ date, isOffDay, name });
    lineNos.push(lineNo);
  });
  if (days.length === 0 && errors.length === 0) {
    return { ok: false, errors: ['文件未列出任何日期（该年放假安排可能尚未公布）'] };
  }
  let year = options.year;
  if (year === undefined) {
    const counts = new Map<number, number>();
    for (const d of days)
      if (isIsoDate(d.date)) counts.set(yearOf(d.date), (counts.get(yearOf(d.date)) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    const [first, second] = ranked;
    if (!first) {
      errors.push('无法确定年份：没有有效日期');
      return { ok: false, errors };
    }
    if (second && second[1] === first[1]) {
      errors.push(`无法确定年份：${first[0]}年和${second[0]}年的日期一样多，请指定要导入的年份`);
      return { ok: false, errors };
    }
    year = first[0];
  }
  const lineOfDay = (i: number): string => `第${lineNos[i] ?? '?'}行`;
  return finish({ year, days }, lineOfDay, 'text', { ...options, year }, errors);
}

/** Writes `data` in the text format {@link parseHolidayYearFile} reads (for export/editing). */
export function formatHolidayYearText(data: CalendarYearData): string {
  const lines = [`# ${data.year}年放假安排`, '日期,类型,名称'];
  for (const d of [...data.days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    lines.push(`${d.date},${d.isOffDay ? '休' : '班'},${d.name}`);
  }
  return lines.join('\n') + '\n';
}

/** Orders messages by the line they name; messages without a line keep their place first. */
function byLine(errors: readonly string[]): string[] {
  const lineOf = (e: string): number => Number(/^第(\d+)行/.exec(e)?.[1] ?? 0);
  return [...errors].sort((a, b) => lineOf(a) - lineOf(b));
}
