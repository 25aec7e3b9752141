import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CalendarDataError,
  WorkingCalendar,
  createWorkingCalendar,
  explainWorkingDayCount,
  officialCalendar,
  officialCalendarData,
  validateCalendarData,
  type CalendarYearData,
  type DayKind,
} from '../../../src/domain/calendar/index.ts';
import { FICTIONAL_2027 } from './fixtures.ts';

const cal = officialCalendar();

describe('officialCalendarData', () => {
  it('ships 2019–2026 and nothing else', () => {
    const data = officialCalendarData();
    assert.deepEqual(
      data.map((e) => e.year),
      [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    );
    assert.deepEqual(cal.knownYears, [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    assert.equal(cal.isKnownYear(2027), false);
    const y2025 = data.find((e) => e.year === 2025);
    assert.equal(y2025?.days.length, 33);
    assert.deepEqual(y2025?.sources, [
      'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
    ]);
    assert.deepEqual(validateCalendarData(data), []);
  });
  it('returns a fresh copy each time', () => {
    const a = officialCalendarData();
    const day = (a[0]!.days as unknown as { isOffDay: boolean }[])[0]!;
    day.isOffDay = !day.isOffDay;
    assert.notDeepEqual(a, officialCalendarData());
  });
});

describe('isWorkingDay / dayInfo with the shipped data', () => {
  const table: [string, boolean, DayKind, string?][] = [
    // 2025 元旦: Wednesday only, no 调休
    ['2024-12-31', true, 'workday'],
    ['2025-01-01', false, 'holiday', '元旦'],
    ['2025-01-02', true, 'workday'],
    // 2025 春节: 01-28..02-04 off, Sun 01-26 and Sat 02-08 make-up
    ['2025-01-24', true, 'workday'],
    ['2025-01-25', false, 'weekend'],
    ['2025-01-26', true, 'makeUpWorkday', '春节'],
    ['2025-01-27', true, 'workday'],
    ['2025-01-28', false, 'holiday', '春节'],
    ['2025-02-01', false, 'holiday', '春节'],
    ['2025-02-04', false, 'holiday', '春节'],
    ['2025-02-05', true, 'workday'],
    ['2025-02-08', true, 'makeUpWorkday', '春节'],
    ['2025-02-09', false, 'weekend'],
    // 2025 劳动节: 05-01..05-05, make-up Sun 04-27 (not 04-28 / 05-09 as some pages say)
    ['2025-04-27', true, 'makeUpWorkday', '劳动节'],
    ['2025-04-28', true, 'workday'],
    ['2025-05-05', false, 'holiday', '劳动节'],
    ['2025-05-09', true, 'workday'],
    ['2025-05-10', false, 'weekend'],
    // 2025 国庆+中秋: 10-01..10-08, make-up Sun 09-28 and Sat 10-11
    ['2025-09-27', false, 'weekend'],
    ['2025-09-28', true, 'makeUpWorkday', '国庆节、中秋节'],
    ['2025-09-30', true, 'workday'],
    ['2025-10-01', false, 'holiday', '国庆节、中秋节'],
    ['2025-10-08', false, 'holiday', '国庆节、中秋节'],
    ['2025-10-09', true, 'workday'],
    ['2025-10-11', true, 'makeUpWorkday', '国庆节、中秋节'],
    ['2025-10-12', false, 'weekend'],
    // 2026 元旦: 01-01..03 off, Sun 01-04 make-up
    ['2026-01-01', false, 'holiday', '元旦'],
    ['2026-01-02', false, 'holiday', '元旦'],
    ['2026-01-03', false, 'holiday', '元旦'],
    ['2026-01-04', true, 'makeUpWorkday', '元旦'],
    // 2026 春节: 02-15..02-23 off, Sat 02-14 and Sat 02-28 make-up
    ['2026-02-13', true, 'workday'],
    ['2026-02-14', true, 'makeUpWorkday', '春节'],
    ['2026-02-15', false, 'holiday', '春节'],
    ['2026-02-23', false, 'holiday', '春节'],
    ['2026-02-24', true, 'workday'],
    ['2026-02-28', true, 'makeUpWorkday', '春节'],
    ['2026-03-01', false, 'weekend'],
    // 2026 国庆: 10-01..07, make-up Sun 09-20 and Sat 10-10; 中秋 09-25..27
    ['2026-09-20', true, 'makeUpWorkday', '国庆节'],
    ['2026-09-25', false, 'holiday', '中秋节'],
    ['2026-10-07', false, 'holiday', '国庆节'],
    ['2026-10-10', true, 'makeUpWorkday', '国庆节'],
    // 2024: 除夕 02-09 was not an official day off
    ['2024-02-09', true, 'workday'],
    ['2024-02-10', false, 'holiday', '春节'],
    ['2024-02-18', true, 'makeUpWorkday', '春节'],
    // 2020-02-03 is listed as a working Monday after the extended Spring Festival: plain workday
    ['2020-02-03', true, 'workday'],
    // 2022-12-31 comes from the 2023 notice
    ['2022-12-31', false, 'holiday', '元旦'],
  ];
  for (const [date, working, kind, name] of table) {
    it(`${date}: ${working ? '上班' : '休息'} (${kind})`, () => {
      assert.equal(cal.isWorkingDay(date), working);
      const info = cal.dayInfo(date);
      assert.equal(info.kind, kind);
      assert.equal(info.working, working);
      assert.equal(info.name, name);
      assert.equal(info.provisional, false);
    });
  }
  it('rejects an invalid date', () => {
    assert.throws(() => cal.isWorkingDay('2025-02-30'), RangeError);
  });
});

describe('years without data are provisional', () => {
  const table: [string, boolean, number[]][] = [
    ['2027-01-01', true, [2027]], // a Friday: weekends only, so "working"
    ['2027-02-08', true, [2027]],
    ['2027-01-02', false, [2027]],
    ['2026-12-24', true, []],
    ['2026-12-25', true, [2027]], // late December can still be moved by the 2027 元旦 notice
    ['2026-12-31', true, [2027]],
    ['2025-12-31', true, []],
    ['2018-12-29', true, [2018]], // make-up day from the 2019 notice, but 2018 itself is unknown
    ['2018-12-28', true, [2018]],
  ];
  for (const [date, working, missing] of table) {
    it(`${date} → missing ${JSON.stringify(missing)}`, () => {
      const info = cal.dayInfo(date);
      assert.equal(info.working, working);
      assert.deepEqual(info.missingYears, missing);
      assert.equal(info.provisional, missing.length > 0);
    });
  }
});

describe('addWorkingDays counts from the next day', () => {
  // Every expectation was checked by hand against the JSON files and by an independent script.
  const table: [string, number, string, string][] = [
    ['2025-01-20', 7, '2025-02-05', '补正 notice, across 春节 2025 (Sun 01-26 counts)'],
    ['2025-01-20', 20, '2025-02-21', 'reply, across 春节 2025'],
    ['2025-01-20', 40, '2025-03-21', 'reply with a 20-day extension'],
    ['2025-12-22', 7, '2025-12-31', 'end of year'],
    ['2025-12-22', 20, '2026-01-20', '2026 元旦 off, Sun 01-04 counts'],
    ['2025-12-22', 40, '2026-02-24', 'into 春节 2026'],
    ['2025-09-26', 7, '2025-10-13', 'across 国庆 2025'],
    ['2025-09-26', 20, '2025-10-30', 'across 国庆 2025, 09-28 and 10-11 count'],
    ['2025-09-26', 40, '2025-11-27', 'extension after 国庆 2025'],
    ['2026-02-10', 7, '2026-02-26', 'across 春节 2026'],
    ['2026-02-10', 20, '2026-03-16', 'across 春节 2026, 02-14 and 02-28 count'],
    ['2026-02-10', 40, '2026-04-14', 'extension across 清明 2026'],
    ['2026-02-13', 20, '2026-03-19', 'Friday before 春节 2026'],
    ['2025-01-24', 1, '2025-01-26', 'next working day is a Sunday make-up day'],
    ['2025-01-27', 1, '2025-02-05', 'next working day after 春节 2025'],
    ['2025-09-30', 1, '2025-10-09', 'next working day after 国庆 2025'],
    ['2025-10-03', 1, '2025-10-09', 'start inside a holiday'],
    ['2026-02-13', 1, '2026-02-14', 'Saturday make-up day'],
    ['2026-02-14', 1, '2026-02-24', 'start on a make-up day'],
    ['2025-04-30', 20, '2025-06-03', '劳动节 and 端午 2025'],
    ['2024-09-27', 20, '2024-10-30', '国庆 2024'],
    ['2024-02-08', 20, '2024-03-13', '春节 2024'],
    ['2023-09-27', 20, '2023-10-31', '中秋国庆 2023'],
    ['2026-11-20', 20, '2026-12-18', 'ends before the late-December window'],
    ['2025-01-20', 0, '2025-01-20', 'zero days'],
  ];
  for (const [start, n, expected, why] of table) {
    it(`${start} + ${n} → ${expected} (${why})`, () => {
      const r = cal.addWorkingDays(start, n);
      assert.equal(r.date, expected);
      assert.equal(r.provisional, false);
      assert.deepEqual(r.missingYears, []);
    });
  }

  it('records holidays, make-up days and weekends on the way', () => {
    const r = cal.addWorkingDays('2025-01-20', 20);
    assert.deepEqual(
      r.makeUpDays.map((d) => d.date),
      ['2025-01-26', '2025-02-08'],
    );
    assert.equal(r.holidays.length, 8);
    assert.ok(r.holidays.every((h) => h.name === '春节'));
    assert.equal(r.weekendDays, 4); // 01-25, 02-09, 02-15, 02-16
  });

  it('runs into 2027 provisionally, and exactly once 2027 is known', () => {
    const r = cal.addWorkingDays('2026-12-10', 20);
    assert.equal(r.date, '2027-01-07');
    assert.equal(r.provisional, true);
    assert.deepEqual(r.missingYears, [2027]);
    const again = cal.withYear(FICTIONAL_2027).addWorkingDays('2026-12-10', 20);
    assert.equal(again.date, '2027-01-08');
    assert.equal(again.provisional, false);
    assert.deepEqual(again.missingYears, []);
  });

  it('is provisional when it only touches late December of 2026', () => {
    const r = cal.addWorkingDays('2026-12-18', 7);
    assert.equal(r.date, '2026-12-29');
    assert.deepEqual(r.missingYears, [2027]);
    assert.equal(cal.addWorkingDays('2026-12-10', 7).provisional, false); // ends 12-21
  });

  it('passes over working days inside excluded intervals', () => {
    const r = cal.addWorkingDays('2025-01-20', 20, {
      exclude: [{ from: '2025-02-11', to: '2025-02-14', label: '征求第三方意见' }],
    });
    assert.equal(r.date, '2025-02-27');
    assert.deepEqual(r.exclusions, [
      {
        from: '2025-02-11',
        to: '2025-02-14',
        label: '征求第三方意见',
        excludedDates: ['2025-02-11', '2025-02-12', '2025-02-13', '2025-02-14'],
      },
    ]);
    // Excluding the Saturday make-up day 02-08 costs one working day.
    const s = cal.addWorkingDays('2025-01-20', 20, {
      exclude: [{ from: '2025-02-08', to: '2025-02-08', label: 'x' }],
    });
    assert.equal(s.date, '2025-02-24');
    // An interval of only holidays, or after the result, changes nothing and is not reported.
    const t = cal.addWorkingDays('2025-01-20', 20, {
      exclude: [
        { from: '2025-01-28', to: '2025-02-04', label: 'holiday only' },
        { from: '2025-03-01', to: '2025-03-31', label: 'later' },
      ],
    });
    assert.equal(t.date, '2025-02-21');
    assert.deepEqual(t.exclusions, []);
  });

  it('rejects a negative or fractional count and invalid dates', () => {
    assert.throws(() => cal.addWorkingDays('2025-01-20', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-01-20', 1.5), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-13-01', 1), RangeError);
    assert.throws(
      () =>
        cal.addWorkingDays('2025-01-20', 1, {
          exclude: [{ from: 'x', to: '2025-01-21', label: 'x' }],
        }),
      RangeError,
    );
  });
});

describe('countWorkingDays', () => {
  const table: [string, string, number][] = [
    ['2025-01-27', '2025-02-09', 5], // 01-27, 02-05..07, Sat 02-08
    ['2025-10-01', '2025-10-08', 0],
    ['2025-09-28', '2025-10-12', 6], // 09-28..30, 10-09..11
    ['2025-01-20', '2025-01-20', 1],
    ['2025-01-21', '2025-01-20', 0],
  ];
  for (const [from, to, n] of table) {
    it(`${from}..${to} → ${n}`, () => assert.equal(cal.countWorkingDays(from, to), n));
  }
});

describe('explainWorkingDayCount', () => {
  it('explains start, holidays by name, make-up days, weekends and the result', () => {
    const steps = explainWorkingDayCount(cal.addWorkingDays('2025-01-20', 20), '答复期限届满日');
    assert.deepEqual(
      steps.map((s) => s.label),
      ['起算', '调休上班计入', '节假日不计', '调休上班计入', '周末不计', '届满'],
    );
    assert.match(
      steps[0]!.detail,
      /2025年1月20日（星期一）当日不计入，自次日2025年1月21日起计算20个工作日/,
    );
    assert.equal(steps[1]!.date, '2025-01-26');
    assert.match(steps[2]!.detail, /春节放假2025年1月28日至2025年2月4日，共8天/);
    assert.equal(steps[3]!.date, '2025-02-08');
    assert.equal(steps.at(-1)!.date, '2025-02-21');
    assert.match(steps.at(-1)!.detail, /第20个工作日为2025年2月21日（星期五）/);
  });
  it('splits holidays with different names and mentions 暂定 years', () => {
    const steps = explainWorkingDayCount(cal.addWorkingDays('2026-09-20', 20), '期限');
    const holidaySteps = steps.filter((s) => s.label === '节假日不计').map((s) => s.detail);
    assert.equal(holidaySteps.length, 2);
    assert.match(holidaySteps[0]!, /中秋节放假2026年9月25日至2026年9月27日，共3天/);
    assert.match(holidaySteps[1]!, /国庆节放假2026年10月1日至2026年10月7日，共7天/);
    const late = explainWorkingDayCount(cal.addWorkingDays('2026-12-10', 20), '答复期限届满日');
    const p = late.find((s) => s.label === '暂定');
    assert.ok(p);
    assert.match(p.detail, /2027年放假安排尚未录入/);
    assert.match(late.at(-1)!.detail, /（暂定）$/);
  });
  it('describes pauses', () => {
    const steps = explainWorkingDayCount(
      cal.addWorkingDays('2025-01-20', 20, {
        exclude: [{ from: '2025-02-11', to: '2025-02-14', label: '征求第三方意见' }],
      }),
      '答复期限届满日',
    );
    const pause = steps.find((s) => s.label === '暂停计算');
    assert.equal(
      pause?.detail,
      '征求第三方意见（2025年2月11日至2025年2月14日）期间的4个工作日不计入',
    );
  });
});

describe('calendar data validation', () => {
  const y = (year: number, days: CalendarYearData['days']): CalendarYearData => ({ year, days });
  const table: [string, CalendarYearData[], RegExp][] = [
    ['empty year (holiday-cn placeholder)', [y(2027, [])], /2027年：未列出任何日期/],
    [
      'duplicate year',
      [
        y(2027, [{ date: '2027-01-01', isOffDay: true, name: '元旦' }]),
        y(2027, [{ date: '2027-01-01', isOffDay: true, name: '元旦' }]),
      ],
      /2027年的放假安排重复出现/,
    ],
    [
      'invalid date',
      [y(2027, [{ date: '2027-02-30', isOffDay: true, name: '春节' }])],
      /2027年第1项：日期“2027-02-30”无效/,
    ],
    [
      'date of another year',
      [y(2027, [{ date: '2025-01-01', isOffDay: true, name: '元旦' }])],
      /日期2025-01-01不属于2027年/,
    ],
    [
      'missing name',
      [y(2027, [{ date: '2027-01-01', isOffDay: true, name: ' ' }])],
      /缺少节日名称/,
    ],
    [
      'missing flag',
      [
        y(2027, [
          { date: '2027-01-01', name: '元旦' } as unknown as CalendarYearData['days'][number],
        ]),
      ],
      /未说明是放假/,
    ],
    [
      'same date twice',
      [
        y(2027, [
          { date: '2027-01-01', isOffDay: true, name: '元旦' },
          { date: '2027-01-01', isOffDay: true, name: '元旦' },
        ]),
      ],
      /日期2027-01-01重复/,
    ],
    [
      'contradiction between years',
      [
        y(2026, [{ date: '2026-12-31', isOffDay: true, name: '元旦' }]),
        y(2027, [{ date: '2026-12-31', isOffDay: false, name: '元旦' }]),
      ],
      /2026-12-31在2026年和2027年的放假安排中相互矛盾/,
    ],
    ['bad year', [y(27, [{ date: '2027-01-01', isOffDay: true, name: '元旦' }])], /年份“27”无效/],
  ];
  for (const [why, data, message] of table) {
    it(`rejects: ${why}`, () => {
      const errors = validateCalendarData(data);
      assert.ok(
        errors.some((e) => message.test(e)),
        errors.join('\n'),
      );
      assert.throws(
        () => createWorkingCalendar(data),
        (e: unknown) => e instanceof CalendarDataError && e.errors.some((m) => message.test(m)),
      );
    });
  }
  it('accepts a previous-December date in a year entry (2019 notice)', () => {
    assert.deepEqual(
      validateCalendarData(officialCalendarData().filter((e) => e.year === 2019)),
      [],
    );
  });
});

describe('building calendars from data', () => {
  it('withYear adds or replaces a year; withoutYear removes it; toData round-trips', () => {
    const with2027 = cal.withYear(FICTIONAL_2027);
    assert.deepEqual(with2027.knownYears.at(-1), 2027);
    assert.equal(with2027.isWorkingDay('2027-01-01'), false);
    assert.equal(with2027.dayInfo('2027-02-13').kind, 'makeUpWorkday');
    assert.equal(cal.isKnownYear(2027), false, 'the original is unchanged');
    const replaced = with2027.withYear({
      year: 2027,
      days: [{ date: '2027-01-01', isOffDay: true, name: '元旦' }],
    });
    assert.equal(replaced.isWorkingDay('2027-02-08'), true);
    assert.equal(with2027.withoutYear(2027).isKnownYear(2027), false);
    assert.deepEqual(new WorkingCalendar(with2027.toData()).toData(), with2027.toData());
  });
  it('an empty calendar is weekends only and provisional everywhere', () => {
    const empty = createWorkingCalendar([]);
    assert.equal(empty.isWorkingDay('2025-01-28'), true);
    const r = empty.addWorkingDays('2025-01-20', 20);
    assert.equal(r.date, '2025-02-17');
    assert.deepEqual(r.missingYears, [2025]);
  });
});
