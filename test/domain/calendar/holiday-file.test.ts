import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  formatHolidayYearText,
  officialCalendar,
  officialCalendarData,
  parseHolidayYearFile,
  type HolidayFileResult,
} from '../../../src/domain/calendar/index.ts';

const shipped = (year: number): string =>
  readFileSync(
    new URL(`../../../src/domain/calendar/holidays/${year}.json`, import.meta.url),
    'utf8',
  );

function errorsOf(r: HolidayFileResult): readonly string[] {
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors;
}

describe('parseHolidayYearFile: holiday-cn JSON', () => {
  for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
    it(`accepts the shipped ${year}.json and yields the same data`, () => {
      const r = parseHolidayYearFile(shipped(year), { year });
      assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
      assert.equal(r.format, 'json');
      const expected = officialCalendarData().find((e) => e.year === year)!;
      assert.deepEqual(r.value.year, year);
      assert.deepEqual(
        r.value.days,
        [...expected.days].sort((a, b) => (a.date < b.date ? -1 : 1)),
      );
      assert.deepEqual(r.value.sources, expected.sources);
    });
  }

  it('warns about a weekday marked as a working day (2020-02-03)', () => {
    const r = parseHolidayYearFile(shipped(2020));
    assert.ok(r.ok);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!, /2020-02-03本是工作日（星期一）/);
  });

  it('rejects the empty placeholder holiday-cn publishes before the notice', () => {
    const text = JSON.stringify({ year: 2027, papers: [], days: [] }, null, 4);
    assert.match(errorsOf(parseHolidayYearFile(text))[0]!, /未列出任何日期/);
  });

  it('reports JSON syntax errors with the line', () => {
    const text =
      '{\n  "year": 2027,\n  "days": [\n    {"date": "2027-01-01" "isOffDay": true}\n  ]\n}';
    assert.deepEqual(errorsOf(parseHolidayYearFile(text)), [
      '第4行：JSON格式错误，此处应为“,”或“}”',
    ]);
    assert.match(
      errorsOf(parseHolidayYearFile('{"year": 2027, "days": ['))[0]!,
      /^第1行：JSON格式错误/,
    );
    assert.match(errorsOf(parseHolidayYearFile('{\n"year": 2027}\n}'))[0]!, /^第3行：.*多余内容/);
  });

  it('reports bad entries with line and item number', () => {
    const text = [
      '{',
      '  "year": 2027,',
      '  "days": [',
      '    { "name": "元旦", "date": "2027-01-01", "isOffDay": true },',
      '    { "name": "春节", "date": "2027-02-30", "isOffDay": true },',
      '    { "name": "", "date": "2027-02-06", "isOffDay": true },',
      '    { "name": "春节", "date": "2027-02-07", "isOffDay": "yes" },',
      '    { "name": "元旦", "date": "2027-01-01", "isOffDay": true },',
      '    { "name": "国庆", "date": "2028-10-01", "isOffDay": true }',
      '  ]',
      '}',
    ].join('\n');
    assert.deepEqual(errorsOf(parseHolidayYearFile(text)), [
      '第5行（days第2项）：日期“2027-02-30”无效，应为真实存在的日期（YYYY-MM-DD）',
      '第6行（days第3项）：缺少节日名称',
      '第7行（days第4项）：未说明是放假（休）还是调休上班（班）',
      '第8行（days第5项）：日期2027-01-01重复',
      '第9行（days第6项）：日期2028-10-01不属于2027年的放假安排',
    ]);
  });

  it('rejects a missing or wrong year, a missing list, and a non-object', () => {
    assert.match(errorsOf(parseHolidayYearFile('{"days": []}'))[0]!, /年份（year）“undefined”无效/);
    assert.match(errorsOf(parseHolidayYearFile('{"year": "2027", "days": []}'))[0]!, /年份/);
    assert.match(errorsOf(parseHolidayYearFile('{"year": 2027}'))[0]!, /缺少日期列表/);
    assert.deepEqual(errorsOf(parseHolidayYearFile('[1]')), [
      '第1行：应为包含year和days的JSON对象',
    ]);
    assert.match(
      errorsOf(parseHolidayYearFile(shipped(2025), { year: 2026 }))[0]!,
      /文件中的年份为2025年，与要导入的2026年不一致/,
    );
  });

  it('tolerates a BOM and a "__proto__" key', () => {
    const r = parseHolidayYearFile(
      '\uFEFF{"__proto__": {"x": 1}, "year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}',
    );
    assert.ok(r.ok);
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
  });
});

describe('parseHolidayYearFile: text / CSV', () => {
  it('accepts comments, a header, CRLF, full-width commas and tabs', () => {
    const text = [
      '# 2027年放假安排（测试用，虚构）',
      '日期,类型,名称',
      '2027-01-01,休,元旦',
      '',
      '2027-02-05，休，春节',
      '2027-02-13\t班\t春节',
      '2026-12-31,放假,元旦',
    ].join('\r\n');
    const r = parseHolidayYearFile(text);
    assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
    assert.equal(r.format, 'text');
    assert.equal(r.value.year, 2027);
    assert.deepEqual(r.value.days, [
      { date: '2026-12-31', isOffDay: true, name: '元旦' },
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-02-05', isOffDay: true, name: '春节' },
      { date: '2027-02-13', isOffDay: false, name: '春节' },
    ]);
    assert.deepEqual(r.warnings, []);
  });

  it('reports every bad line by number, in line order', () => {
    const text = [
      '2027-01-01,休,元旦', // 1
      '2027-02-05,休', // 2
      '2027-02-30,休,春节', // 3
      '2027-02-06,放,春节', // 4
      '2027-01-01,休,元旦', // 5
      '2027-02-07,休,', // 6
      '2025-10-01,休,国庆节', // 7
      '2027-02-08,休,春节,多余', // 8
      '2027/02/09,休,春节', // 9
    ].join('\n');
    assert.deepEqual(errorsOf(parseHolidayYearFile(text)), [
      '第2行：应为“日期,休或班,名称”三项，实际为2项',
      '第3行：日期“2027-02-30”无效，应为真实存在的日期（YYYY-MM-DD）',
      '第4行：类型“放”无效，应为“休”（放假）或“班”（调休上班）',
      '第5行：日期2027-01-01重复',
      '第6行：缺少节日名称',
      '第7行：日期2025-10-01不属于2027年的放假安排',
      '第8行：应为“日期,休或班,名称”三项，实际为4项',
      '第9行：日期“2027/02/09”无效，应为真实存在的日期（YYYY-MM-DD）',
    ]);
  });

  it('needs a year it can determine', () => {
    assert.match(
      errorsOf(parseHolidayYearFile('2026-12-31,休,元旦\n2027-01-01,休,元旦'))[0]!,
      /无法确定年份：2026年和2027年的日期一样多/,
    );
    const r = parseHolidayYearFile('2026-12-31,休,元旦\n2027-01-01,休,元旦', { year: 2027 });
    assert.ok(r.ok);
    assert.equal(r.value.year, 2027);
    assert.match(errorsOf(parseHolidayYearFile('# 只有注释\n'))[0]!, /未列出任何日期/);
    assert.deepEqual(errorsOf(parseHolidayYearFile('   \n')), ['文件为空']);
  });

  it('warns when no day off is listed', () => {
    const r = parseHolidayYearFile('2027-02-13,班,春节');
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, ['文件未列出任何放假日，请核对']);
  });

  it('round-trips with formatHolidayYearText for every shipped year', () => {
    for (const entry of officialCalendarData()) {
      const text = formatHolidayYearText(entry);
      const r = parseHolidayYearFile(text, { year: entry.year });
      assert.ok(r.ok, `${entry.year}`);
      assert.deepEqual(
        r.value.days,
        [...entry.days].sort((a, b) => (a.date < b.date ? -1 : 1)),
      );
    }
    assert.match(
      formatHolidayYearText(officialCalendarData()[6]!),
      /^# 2025年放假安排\n日期,类型,名称\n2025-01-01,休,元旦\n2025-01-26,班,春节\n/,
    );
  });

  it('an imported year makes deadlines exact', () => {
    const r = parseHolidayYearFile('2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦');
    assert.ok(r.ok);
    const cal = officialCalendar().withYear(r.value);
    const count = cal.addWorkingDays('2026-12-10', 20);
    assert.equal(count.date, '2027-01-08');
    assert.equal(count.provisional, false);
  });

  it('rejects oversized files', () => {
    assert.match(errorsOf(parseHolidayYearFile('#'.repeat(1_000_001)))[0]!, /文件过大/);
  });
});
