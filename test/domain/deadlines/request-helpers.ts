/** Shared helpers of the request-deadline tests (request-deadlines.test.ts, request-pauses.test.ts). */
import assert from 'node:assert/strict';
import { officialCalendar } from '../../../src/domain/calendar/index.ts';
import {
  computeRequestDeadlines,
  type RequestDeadlineInput,
  type RequestDeadlines,
} from '../../../src/domain/deadlines/index.ts';

export const cal = officialCalendar();

export function ok(input: RequestDeadlineInput, calendar = cal): RequestDeadlines {
  const r = computeRequestDeadlines(input, calendar);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.value;
}

export function errors(input: RequestDeadlineInput): readonly string[] {
  const r = computeRequestDeadlines(input, cal);
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors;
}

export const inPerson = (
  submittedDate: string,
  more: Partial<RequestDeadlineInput> = {},
): RequestDeadlineInput => ({
  channel: 'inPerson',
  submittedDate,
  ...more,
});
