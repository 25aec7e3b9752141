import type { IsoDate, WorkingCalendar } from '../calendar/index.ts';
import { assertIsoDate, dateProblem, explainWorkingDayCount } from '../calendar/index.ts';
import type { ComputedDate } from './types.ts';

/** Art. 26: proactive information is published within 20 working days. */
export const PROACTIVE_PUBLICATION_WORKING_DAYS = 20;

/**
 * Last day to publish proactively disclosable information formed or changed on `formedDate`
 * (条例第二十六条: 20 working days, counted from the next day), unless a law or regulation sets
 * another period — the caller handles that case.
 * @throws {RangeError} if `formedDate` is not a valid ISO date.
 */
export function proactivePublicationDue(
  formedDate: IsoDate,
  calendar: WorkingCalendar,
): ComputedDate {
  assertIsoDate(formedDate, '信息形成或变更之日');
  const problem = dateProblem(formedDate, '信息形成或变更之日');
  if (problem) {
    // Stored data from before the input window existed: say so instead of failing the page.
    return { provisional: false, missingYears: [], estimated: false, steps: [{ label: '无法计算', detail: problem }] };
  }
  const count = calendar.addWorkingDays(formedDate, PROACTIVE_PUBLICATION_WORKING_DAYS);
  return {
    date: count.date,
    provisional: count.provisional,
    missingYears: count.missingYears,
    estimated: false,
    steps: [
      {
        label: '依据',
        detail:
          '属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开；法律、法规对期限另有规定的，从其规定（条例第二十六条）',
      },
      ...explainWorkingDayCount(count, '主动公开期限届满日'),
    ],
  };
}
