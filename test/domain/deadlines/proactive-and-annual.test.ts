import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../../src/domain/calendar/index.ts';
import {
  annualReportDeadline,
  proactivePublicationDue,
  type AgencyLevel,
} from '../../../src/domain/deadlines/index.ts';
import { FICTIONAL_2027 } from '../calendar/fixtures.ts';

const cal = officialCalendar();

describe('proactivePublicationDue (Art. 26)', () => {
  const table: [string, string][] = [
    ['2025-01-20', '2025-02-21'],
    ['2025-09-26', '2025-10-30'],
    ['2025-12-22', '2026-01-20'],
    ['2026-02-10', '2026-03-16'],
    ['2025-04-30', '2025-06-03'],
  ];
  for (const [formed, due] of table) {
    it(`formed ${formed} → publish by ${due}`, () => {
      const r = proactivePublicationDue(formed, cal);
      assert.equal(r.date, due);
      assert.equal(r.provisional, false);
      assert.match(r.steps[0]!.detail, /条例第二十六条/);
      assert.equal(r.steps.at(-1)!.date, due);
    });
  }
  it('is provisional into 2027 and exact with 2027 data', () => {
    const r = proactivePublicationDue('2026-12-10', cal);
    assert.equal(r.date, '2027-01-07');
    assert.deepEqual(r.missingYears, [2027]);
    const again = proactivePublicationDue('2026-12-10', cal.withYear(FICTIONAL_2027));
    assert.equal(again.date, '2027-01-08');
    assert.equal(again.provisional, false);
  });
  it('rejects an invalid date', () => {
    assert.throws(
      () => proactivePublicationDue('2025-02-29', cal),
      /信息形成或变更之日“2025-02-29”无效/,
    );
  });
});

describe('annualReportDeadline (Art. 49)', () => {
  const table: [AgencyLevel, number, string | undefined, string, boolean][] = [
    ['department', 2024, undefined, '2025-01-31', false],
    ['government', 2024, undefined, '2025-03-31', false],
    ['department', 2025, undefined, '2026-01-31', false],
    ['government', 2019, undefined, '2020-03-31', false],
    ['township', 2025, undefined, '2026-03-31', true],
    ['subdistrict', 2025, undefined, '2026-03-31', true],
    ['township', 2021, '02-20', '2022-02-20', true],
    ['township', 2023, '02-29', '2024-02-29', true], // leap year
    ['department', 2018, undefined, '2019-03-31', false], // 2008 条例
    ['township', 2018, '02-20', '2019-03-31', false],
  ];
  for (const [level, year, custom, date, local] of table) {
    it(`${level} ${year}${custom ? ` (${custom})` : ''} → ${date}`, () => {
      const r = annualReportDeadline(level, year, custom ? { townshipDeadline: custom } : {});
      assert.equal(r.reportYear, year);
      assert.equal(r.date, date);
      assert.equal(r.local, local);
      assert.equal(r.steps.at(-1)!.date, date);
    });
  }
  it('explains the township default as a default, not law', () => {
    const r = annualReportDeadline('township', 2025);
    assert.match(
      r.steps[1]!.detail,
      /条例第四十九条未规定乡（镇）人民政府年度报告的公布期限.*默认为次年3月31日/,
    );
    assert.match(
      annualReportDeadline('department', 2025).steps[1]!.detail,
      /1月31日前.*条例第四十九条/,
    );
  });
  it('rejects bad input', () => {
    assert.throws(
      () => annualReportDeadline('township', 2025, { townshipDeadline: '02-30' }),
      /期限“02-30”无效/,
    );
    assert.throws(
      () => annualReportDeadline('township', 2025, { townshipDeadline: '2-20' }),
      RangeError,
    );
    assert.throws(() => annualReportDeadline('department', 2007), /报告年度“2007”无效/);
    assert.throws(() => annualReportDeadline('department', 2025.5), RangeError);
    assert.throws(
      () => annualReportDeadline('ministry' as AgencyLevel, 2025),
      /机关层级“ministry”无效/,
    );
  });
});
