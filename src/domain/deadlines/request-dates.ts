import {
  compareIsoDates,
  explainWorkingDayCount,
  type ExplanationStep,
  type IsoDate,
  type WorkingDayCount,
} from '../calendar/index.ts';
import type { ComputedDate } from './types.ts';

/** Shared by the request-deadline modules: a working-day count as an explained date. */
export function fromCount(
  count: WorkingDayCount,
  subject: string,
  before: readonly ExplanationStep[],
  estimated = false,
  after: readonly ExplanationStep[] = [],
): ComputedDate {
  return {
    date: count.date,
    provisional: count.provisional,
    missingYears: count.missingYears,
    estimated,
    steps: [...before, ...explainWorkingDayCount(count, subject), ...after],
  };
}

export const laterThan = (a: IsoDate, b: IsoDate): boolean => compareIsoDates(a, b) > 0;
