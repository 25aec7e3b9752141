import {
  addDays,
  formatChineseDate,
  formatChineseDateWithWeekday,
  type IsoDate,
} from './iso-date.ts';
import type { WorkingDayCount } from './working-calendar.ts';

/** One line of a step-by-step explanation shown to staff and applicants. */
export interface ExplanationStep {
  /** Short Chinese label, e.g. '起算'. */
  readonly label: string;
  /** The date the step is about, if any. */
  readonly date?: IsoDate;
  /** Chinese sentence. */
  readonly detail: string;
}

/** '2025年1月28日至2025年2月4日', or a single date. */
export function formatChineseRange(from: IsoDate, to: IsoDate): string {
  return from === to
    ? formatChineseDate(from)
    : `${formatChineseDate(from)}至${formatChineseDate(to)}`;
}

/** The step that marks a result as 暂定 because `missingYears` have no arrangement. */
export function provisionalStep(missingYears: readonly number[]): ExplanationStep {
  return {
    label: '暂定',
    detail:
      `${missingYears.map((y) => `${y}年`).join('、')}放假安排尚未录入，相关日期仅按周六、周日休息计算` +
      `（12月下旬的日期还可能受次年元旦调休影响），结果为暂定；国务院办公厅公布并录入后须重新计算`,
  };
}

/**
 * Explains a working-day count: start, counting from the next day, holidays skipped (by name),
 * make-up days counted, excluded pauses, ordinary weekends, 暂定 years, and the result.
 * @param subject what the date is, e.g. '答复期限届满日'.
 */
export function explainWorkingDayCount(count: WorkingDayCount, subject: string): ExplanationStep[] {
  const steps: ExplanationStep[] = [];
  if (count.workingDays === 0) {
    steps.push({
      label: '届满',
      date: count.date,
      detail: `${subject}：${formatChineseDateWithWeekday(count.date)}`,
    });
    return steps;
  }
  steps.push({
    label: '起算',
    date: count.start,
    detail: `${formatChineseDateWithWeekday(count.start)}当日不计入，自次日${formatChineseDate(
      addDays(count.start, 1),
    )}起计算${count.workingDays}个工作日`,
  });

  const events: { date: IsoDate; step: ExplanationStep }[] = [];
  // Holidays: one step per run of consecutive days with the same name.
  let run: { from: IsoDate; to: IsoDate; name: string; days: number } | undefined;
  const flush = (): void => {
    if (!run) return;
    events.push({
      date: run.from,
      step: {
        label: '节假日不计',
        date: run.from,
        detail: `${run.name}放假${formatChineseRange(run.from, run.to)}，共${run.days}天，不计入`,
      },
    });
    run = undefined;
  };
  for (const h of count.holidays) {
    if (run && run.name === h.name && addDays(run.to, 1) === h.date) {
      run.to = h.date;
      run.days += 1;
    } else {
      flush();
      run = { from: h.date, to: h.date, name: h.name, days: 1 };
    }
  }
  flush();
  for (const m of count.makeUpDays) {
    events.push({
      date: m.date,
      step: {
        label: '调休上班计入',
        date: m.date,
        detail: `${formatChineseDateWithWeekday(m.date)}为${m.name}调休上班日，计为工作日`,
      },
    });
  }
  for (const e of count.exclusions) {
    events.push({
      date: e.from,
      step: {
        label: '暂停计算',
        date: e.from,
        detail: `${e.label}（${formatChineseRange(e.from, e.to)}）期间的${e.excludedDates.length}个工作日不计入`,
      },
    });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  steps.push(...events.map((e) => e.step));

  if (count.weekendDays > 0) {
    steps.push({ label: '周末不计', detail: `其间普通周六、周日共${count.weekendDays}天不计入` });
  }
  if (count.provisional) steps.push(provisionalStep(count.missingYears));
  steps.push({
    label: '届满',
    date: count.date,
    detail: `第${count.workingDays}个工作日为${formatChineseDateWithWeekday(count.date)}，即${subject}${
      count.provisional ? '（暂定）' : ''
    }`,
  });
  return steps;
}
