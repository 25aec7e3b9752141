import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  assertIsoDate,
  compareIsoDates,
  daysBetween,
  formatChineseDate,
  formatChineseDateWithWeekday,
  isIsoDate,
  isWeekend,
  maxIsoDate,
  weekdayOf,
  yearOf,
} from '../../../src/domain/calendar/index.ts';

describe('isIsoDate', () => {
  const table: [unknown, boolean][] = [
    ['2025-01-20', true],
    ['2024-02-29', true], // leap year
    ['2025-02-29', false],
    ['2100-02-29', false], // century, not leap
    ['2000-02-29', true],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-20', false],
    ['2025/01/20', false],
    ['20250120', false],
    [' 2025-01-20', false],
    ['2025-01-20T00:00:00Z', false],
    ['0999-01-01', false],
    ['', false],
    [20250120, false],
    [undefined, false],
    [null, false],
  ];
  for (const [value, expected] of table) {
    it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isIsoDate(value), expected));
  }
});

describe('assertIsoDate', () => {
  it('throws a RangeError with a Chinese message', () => {
    assert.throws(() => assertIsoDate('2025-02-30', '收到申请之日'), {
      name: 'RangeError',
      message: /收到申请之日“2025-02-30”无效/,
    });
    assert.doesNotThrow(() => assertIsoDate('2025-02-28'));
  });
});

describe('weekdays', () => {
  const table: [string, number, string][] = [
    ['1970-01-01', 4, '1970年1月1日（星期四）'],
    ['1969-12-31', 3, '1969年12月31日（星期三）'],
    ['2025-01-20', 1, '2025年1月20日（星期一）'],
    ['2025-01-26', 0, '2025年1月26日（星期日）'],
    ['2025-02-08', 6, '2025年2月8日（星期六）'],
    ['2025-09-26', 5, '2025年9月26日（星期五）'],
    ['2025-12-22', 1, '2025年12月22日（星期一）'],
    ['2026-01-04', 0, '2026年1月4日（星期日）'],
    ['2026-02-10', 2, '2026年2月10日（星期二）'],
    ['2027-01-01', 5, '2027年1月1日（星期五）'],
  ];
  for (const [date, weekday, text] of table) {
    it(`${date}`, () => {
      assert.equal(weekdayOf(date), weekday);
      assert.equal(isWeekend(date), weekday === 0 || weekday === 6);
      assert.equal(formatChineseDateWithWeekday(date), text);
    });
  }
});

describe('arithmetic', () => {
  const table: [string, number, string][] = [
    ['2025-01-31', 1, '2025-02-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-01-20', 0, '2025-01-20'],
    ['2025-01-20', 365, '2026-01-20'],
    ['1970-01-01', -1, '1969-12-31'],
  ];
  for (const [date, n, expected] of table) {
    it(`${date} + ${n} = ${expected}`, () => {
      assert.equal(addDays(date, n), expected);
      assert.equal(daysBetween(date, expected), n);
    });
  }
  it('compares, picks the later date, reads the year, formats', () => {
    assert.ok(compareIsoDates('2025-01-20', '2025-01-21') < 0);
    assert.ok(compareIsoDates('2026-01-01', '2025-12-31') > 0);
    assert.equal(compareIsoDates('2025-01-20', '2025-01-20'), 0);
    assert.equal(maxIsoDate('2025-01-20', '2024-12-31'), '2025-01-20');
    assert.equal(yearOf('2027-03-01'), 2027);
    assert.equal(formatChineseDate('2025-10-08'), '2025年10月8日');
  });
  it('rejects invalid input', () => {
    assert.throws(() => addDays('2025-02-30', 1), RangeError);
    assert.throws(() => daysBetween('2025-01-01', 'x'), RangeError);
  });
});
