/**
 * Each rule on a variant of the seed report with one defect put in.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  canPublish,
  findStatisticsPeriods,
  parseReport,
  valueAt,
  type Finding,
} from '../../../src/domain/report/index.ts';
import { SEED_FILE, check, explain, fixture, parsed, rules } from './helpers.ts';

const seed = fixture(SEED_FILE);
const BASE = ['template.header', 'template.missing-column'];

/** Seed with `from` replaced by `to` (must occur). */
function variant(from: string | RegExp, to: string): string {
  const out = seed.replace(from, to);
  assert.notEqual(out, seed, `variant: ${String(from)} not found`);
  return out;
}

/** Seed with a preamble paragraph after the title. */
function withPreamble(p: string): string {
  return variant(
    '常平乡 2025 年政府信息公开工作年度报告\n',
    `常平乡 2025 年政府信息公开工作年度报告\n${p}\n`,
  );
}

/** Findings besides the seed's own two warnings. */
function extra(text: string): Finding[] {
  const f = check(text);
  for (const r of BASE) {
    const i = f.findIndex((x) => x.rule === r);
    if (i >= 0) f.splice(i, 1);
  }
  return f;
}

describe('citation.format', () => {
  const ok =
    '本报告依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。';
  test('the correct citation passes', () => assert.deepEqual(extra(withPreamble(ok)), []));
  test('wrong issuer code', () => {
    const f = extra(withPreamble(ok.replace('国办公开办函', '国办发')));
    assert.deepEqual(rules(f), ['citation.format'], explain(f));
    assert.equal(f[0]!.severity, 'warning');
  });
  test('the 60号 title with the 30号 number', () => {
    const f = extra(
      withPreamble(
        '根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30号）编制。',
      ),
    );
    assert.deepEqual(rules(f), ['citation.format'], explain(f));
  });
  test('only the 2019 notice for a 2025 report', () => {
    const f = extra(
      withPreamble(
        '根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。',
      ),
    );
    assert.deepEqual(rules(f), ['citation.format'], explain(f));
  });
  test('the format with a wrong number', () => {
    const f = extra(
      withPreamble(
        '按照《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕3号）编制。',
      ),
    );
    assert.deepEqual(rules(f), ['citation.format'], explain(f));
  });
});

describe('period.statistics', () => {
  test('the right period passes, also with the year left out of the end date', () => {
    assert.deepEqual(
      extra(withPreamble('本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。')),
      [],
    );
    assert.deepEqual(extra(withPreamble('本报告中所列数据统计期限为2025年1月1日至12月31日。')), []);
  });
  for (const [name, text] of [
    ['ends 12-30', '本报告统计期限自2025年1月1日起至2025年12月30日止。'],
    ['garbled end date', '本报告统计期限自2025年1月1日起至20251231日止。'],
    ['digits run together', '本报告所列数据的统计期限自20251月1日起至202512月31日止。'],
  ] as const) {
    test(name, () => {
      const f = extra(withPreamble(text));
      assert.deepEqual(rules(f), ['period.statistics'], explain(f));
      assert.equal(f[0]!.severity, 'error');
    });
  }
  test('a 2025 report whose whole-year period is 2024 is named for another year', () => {
    const f = extra(withPreamble('本报告统计期限为2024年1月1日至2024年12月31日。'));
    assert.deepEqual(rules(f), ['period.title-year'], explain(f));
    assert.equal(f[0]!.severity, 'error');
  });
  test('statements are read with their dates', () => {
    const [p] = findStatisticsPeriods('本报告所列数据统计期限从2023年1月1日到12月31日止。');
    assert.equal(p?.start?.year, 2023);
    assert.equal(p?.end?.year, 2023);
    assert.equal(p?.end?.month, 12);
    assert.equal(p?.garbled, false);
  });
});

describe('text.placeholder', () => {
  for (const [name, text] of [
    ['(具体网址)', '本报告电子版可在本乡政府网站（具体网址）下载。'],
    ['escaped markup', '全文包括&lt;p&gt;总体情况等六个部分。'],
    ['HTML tag', '全文包括<span>总体情况</span>等六个部分。'],
    ['e-mail without @', '如有疑问请联系（电话：0571-86624908，电子邮箱：cpx2025163.com）。'],
    ['masked phone', '联系电话：057********58。'],
    ['missing number', '本年共制定规范性文件0件，现行有效的规范性文件。'],
  ] as const) {
    test(name, () => {
      const f = extra(withPreamble(text));
      assert.deepEqual(rules(f), ['text.placeholder'], explain(f));
    });
  }
  test('a proper e-mail address and bracketed title pass', () => {
    const ok =
      '如有疑问请联系（电子邮箱：cpx2025@163.com）。依据《关于印发 <中华人民共和国政府信息公开工作年度报告格式> 的通知》（国办公开办函〔2021〕30号）。';
    assert.deepEqual(extra(withPreamble(ok)), []);
  });
});

describe('template', () => {
  test('2019 试行 table 二 is outdated (error), not a list of header deviations', () => {
    const text = variant(
      '信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0',
      '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t0\t0\t0',
    );
    const r = parsed(text);
    assert.equal(r.template, '2019-trial');
    const f = check(text);
    assert.deepEqual(rules(f), ['template.missing-column', 'template.outdated'], explain(f));
    assert.equal(f.find((x) => x.rule === 'template.outdated')!.severity, 'error');
  });
  test('a missing row of table 三', () => {
    const f = extra(variant(/\t\t8\.属于行政查询事项(\t0){5}\n/, ''));
    assert.deepEqual(rules(f), ['template.missing-row'], explain(f));
    assert.match(f[0]!.message, /属于行政查询事项/);
  });
  test('a missing result column of table 四', () => {
    const text = variant(
      '结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经',
      '结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t未经',
    ).replace(/\n0(\t0){14}\n/, '\n0' + '\t0'.repeat(13) + '\n');
    const f = extra(text);
    assert.deepEqual(rules(f), ['template.missing-column'], explain(f));
    assert.match(f[0]!.message, /行政复议.*总计/);
  });
});

describe('cells', () => {
  test('a blank cell is an error', () => {
    const f = extra(
      variant(
        '一、本年新收政府信息公开申请数量\t\t0\t0',
        '一、本年新收政府信息公开申请数量\t\t0\t',
      ),
    );
    assert.deepEqual(rules(f), ['cells.blank'], explain(f));
    assert.equal(f[0]!.location.row, 'new');
    assert.match(f[0]!.message, /商业企业/);
    assert.equal(canPublish(f), false);
  });
  test('a dash instead of 0 is cells.dash; table 四 with no number at all is one blank finding', () => {
    const f = extra(
      variant('行政许可\t0', '行政许可\t—').replace(
        /\n0(\t0){14}\n/,
        '\n' + '\t'.repeat(14) + '\n',
      ),
    );
    assert.deepEqual(rules(f), ['cells.blank', 'cells.dash'], explain(f));
    assert.match(f.find((x) => x.rule === 'cells.dash')!.message, /“—”/);
    assert.match(f.find((x) => x.rule === 'cells.blank')!.message, /表四.*全部单元格空白/);
  });
  test('a negative or fractional count is invalid', () => {
    const f = extra(variant('行政处罚\t0', '行政处罚\t1.5'));
    assert.deepEqual(rules(f), ['cells.invalid'], explain(f));
  });
  test('decimal 万元 in the fee row is fine', () => {
    const r = parsed(variant('行政事业性收费\t0', '行政事业性收费\t18.8710'));
    assert.equal(valueAt(r, 'proactive', 'fees', 'amount'), 18.871);
  });
});

describe('arithmetic on a parsed table', () => {
  test('一 + 二 ≠ 三(七) + 四 in one column, and prose saying no requests', () => {
    const f = extra(
      variant('一、本年新收政府信息公开申请数量\t\t0', '一、本年新收政府信息公开申请数量\t\t2'),
    );
    assert.deepEqual(rules(f), ['narrative.table-mismatch', 'requests.balance'], explain(f));
    assert.equal(f.find((x) => x.rule === 'requests.balance')!.location.column, 'natural_person');
  });
  test('(七) ≠ sum of outcomes', () => {
    const f = extra(variant('(七) 总计\t0', '(七) 总计\t1'));
    assert.deepEqual(rules(f), ['requests.balance', 'requests.total-column'], explain(f));
  });
  test('table 四 group total', () => {
    const f = extra(variant(/\n0(\t0){14}\n/, '\n1\t0\t0\t0\t0' + '\t0'.repeat(10) + '\n'));
    assert.deepEqual(rules(f), ['appeals.total'], explain(f));
  });
  test('a full 7-column table 三 checks row totals', () => {
    // Add a 总计 header and a total cell to every row; break one.
    let text = variant('法律服务机构\t其他\n', '法律服务机构\t其他\t总计\n');
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const to = lines.findIndex((l) => l.startsWith('四、结转下年度'));
    text = lines.map((l, i) => (i >= from && i <= to ? `${l}\t0` : l)).join('\n');
    text = text.replace(
      '一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0',
      '一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t0',
    );
    const f = check(text);
    assert.ok(!f.some((x) => x.rule === 'template.missing-column'), explain(f));
    assert.ok(
      f.some((x) => x.rule === 'requests.total-row' && x.location.row === 'new'),
      explain(f),
    );
  });
});

describe('structure', () => {
  test('a missing section 五 (text complete otherwise)', () => {
    const text = variant(/五、存在的主要问题及改进情况[\s\S]*?(?=六、)/, '');
    const r = parsed(text);
    assert.equal(r.truncated, false);
    const f = extra(text);
    assert.deepEqual(rules(f), ['structure.missing-section'], explain(f));
    assert.equal(f[0]!.location.section, 'problems');
  });
  test('a report that ends after table 四 is missing 五 and 六, not truncated', () => {
    const text = seed.slice(0, seed.indexOf('五、存在的主要问题'));
    const r = parsed(text);
    assert.equal(r.truncated, false);
    assert.deepEqual(rules(extra(text)), [
      'structure.missing-section',
      'structure.missing-section',
    ]);
  });
  test('a heading with its table removed', () => {
    const text = variant(/(四、政府信息公开行政复议、行政诉讼情况\n)[\s\S]*?(?=五、)/, '$1\n');
    assert.deepEqual(rules(extra(text)), ['structure.missing-table']);
  });
  test('text cut inside table 三', () => {
    const text = seed.slice(0, seed.indexOf('4.保护第三方'));
    const r = parsed(text);
    assert.equal(r.truncated, true);
    assert.equal(r.requests.cut, true);
    const f = check(text);
    assert.deepEqual(
      rules(f),
      ['structure.truncated', 'template.header', 'template.missing-column'],
      explain(f),
    );
    assert.match(f.find((x) => x.rule === 'structure.truncated')!.message, /表三.*在表中中断/);
  });
  test('section 六 without a fee statement', () => {
    const f = extra(variant('2025 年本单位未收取政府信息公开处理费', '无。'));
    assert.deepEqual(rules(f), ['fees.statement-missing'], explain(f));
    assert.equal(f[0]!.severity, 'warning');
  });
  test('sub-heading numbering out of order', () => {
    const f = extra(variant('（四）政府信息公开平台建设', '（六）政府信息公开平台建设'));
    assert.deepEqual(rules(f), ['structure.subheading'], explain(f));
  });
  test('the pre-2019 outline in the preamble', () => {
    const f = extra(
      withPreamble('全文包括概述、主动公开政府信息情况、政府信息公开的收费及减免情况等。'),
    );
    assert.deepEqual(rules(f), ['template.outdated'], explain(f));
  });
});

describe('level and continuity from one year', () => {
  test('a township with 规章 in force', () => {
    const f = extra(variant('规章\t0\t0\t0', '规章\t0\t0\t6'));
    assert.deepEqual(rules(f), ['level.rule-making'], explain(f));
  });
  test('in force lower than issued: implied last year negative', () => {
    const f = extra(variant('行政规范性文件\t0\t0\t0', '行政规范性文件\t3\t0\t1'));
    assert.deepEqual(rules(f), ['continuity.in-force'], explain(f));
    assert.match(f[0]!.message, /-2/);
  });
  test('0/1/0 is consistent with one document in force last year', () => {
    assert.deepEqual(extra(variant('行政规范性文件\t0\t0\t0', '行政规范性文件\t0\t1\t0')), []);
  });
});

describe('narrative', () => {
  test('不掌握 described as 不予公开', () => {
    const text = variant(
      '（二）依申请公开：本年度，未收到政府信息公开申请。',
      '（二）依申请公开：本年度，未收到政府信息公开申请。上年结转申请1件，不予公开1件（本机关不掌握相关政府信息）。',
    );
    assert.deepEqual(rules(extra(text)), ['narrative.table-mismatch']);
  });
  test('两类分别计数 is not a mismatch', () => {
    const text = variant(
      '（二）依申请公开：本年度，未收到政府信息公开申请。',
      '（二）依申请公开：本年度，未收到政府信息公开申请。不予公开0件，本机关不掌握0件。',
    );
    assert.deepEqual(extra(text), []);
  });
  test('a 行政事业性收费 amount the table denies', () => {
    const text = variant('（一）主动公开：', '（一）主动公开：全年收取行政事业性收费4.043万元。');
    assert.deepEqual(rules(extra(text)), ['narrative.table-mismatch']);
  });
  test('复议 stated but table 四 is zero', () => {
    const text = variant(
      '（二）依申请公开：本年度，未收到政府信息公开申请。',
      '（二）依申请公开：本年度，未收到政府信息公开申请，引发行政复议2件。',
    );
    assert.deepEqual(rules(extra(text)), ['narrative.table-mismatch']);
  });
});

describe('slips', () => {
  test('cover-letter wording, approximate exact count, year without 年', () => {
    const f = extra(
      withPreamble('根据贵办通知要求编制本报告。2025全年主动公开信息374余条，发放宣传册100余份。'),
    );
    assert.deepEqual(
      rules(f),
      ['text.approximate-count', 'text.cover-letter', 'text.year-typo'],
      explain(f),
    );
    assert.ok(f.every((x) => x.severity === 'warning'));
  });
});

describe('not a report', () => {
  for (const [name, input] of [
    ['empty', ''],
    ['blank lines', '\n\n\t\t\n'],
    ['unrelated text', '今天天气很好。我们去公园散步，看到了很多花。'],
    [
      'a notice, not a report',
      '关于做好2024年度政府信息公开工作年度报告编制工作的通知\n各单位：请按时报送。',
    ],
    ['digits', '0\t0\t0\n1\t2\t3'],
  ] as const) {
    test(name, () => {
      const r = parseReport(input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.reason, 'not-a-report');
        assert.match(r.message, /年度报告/);
      }
    });
  }
});

describe('extraction layouts', () => {
  test('table 三 rows with labels and numbers on separate lines, one cell per line', () => {
    const lines = seed.split('\n');
    const start = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const end = lines.findIndex((l) => l.startsWith('四、结转下年度'));
    const exploded = lines
      .map((l, i) => (i >= start && i <= end ? l.split('\t').join('\n') : l))
      .join('\n');
    const r = parsed(exploded);
    assert.equal(valueAt(r, 'requests', 'new', 'natural_person'), 0);
    assert.equal(valueAt(r, 'requests', 'other.other', 'commercial'), 0);
    assert.equal(valueAt(r, 'requests', 'carried_out', 'other_org'), 0);
    const f = check(exploded);
    assert.deepEqual(rules(f), BASE, explain(f));
  });
  test('a label broken over two lines', () => {
    const text = variant(
      '⇥(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)'.replace('⇥', '\t'),
      '\t(二) 部分公开(区分处理的, 只计这一情形,\n不计其他情形)',
    );
    const r = parsed(text);
    assert.equal(valueAt(r, 'requests', 'partially_disclosed', 'natural_person'), 0);
    assert.deepEqual(rules(check(text)), BASE);
  });
  test('cells run together: "规章000"', () => {
    const text = variant('规章\t0\t0\t0', '规章000');
    const r = parsed(text);
    assert.deepEqual(
      ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'rules', c)),
      [0, 0, 0],
    );
    assert.deepEqual(rules(check(text)), BASE);
  });
});
