import { dateProblem, explainWorkingDayCount, type ExplanationStep, type IsoDate, type WorkingCalendar } from '../domain/calendar/index.ts';
import { AppError } from './errors.ts';

export interface DueDateResult {
  received: IsoDate;
  workingDays: number;
  dueDate: IsoDate;
  provisional: boolean;
  missingYears: number[];
  steps: ExplanationStep[];
}

/** N working days counted from the day after `received` (the CLI and the workspace tool). */
export function computeDueDate(calendar: WorkingCalendar, received: string, workingDays: number): DueDateResult {
  const problem = dateProblem(received, '收到日期');
  if (problem) throw new AppError('INVALID_DATE', problem);
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 365) {
    throw new AppError('INVALID_WORKING_DAYS', '工作日数应为 1 至 365 的整数');
  }
  const count = calendar.addWorkingDays(received, workingDays);
  return {
    received,
    workingDays,
    dueDate: count.date,
    provisional: count.provisional,
    missingYears: [...count.missingYears],
    steps: [...explainWorkingDayCount(count, `自收到之日起 ${workingDays} 个工作日`)],
  };
}
