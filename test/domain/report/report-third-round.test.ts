/**
 * Readers and rules changed for the third round of collected reports (c35-c50): parts that add
 * up to more than their whole, parts of a sum of counts, carried-forward counts written before
 * 结转, a period stated as "数据截止日期", header cells broken over two rows of cells in any
 * layout, blank cells in several rows as one finding, and page furniture served as a list or
 * opened by a date. After the held-out run (docs/decisions/008): item headers that lost their
 * numbers, the parts introduced by "主要内容包括", and the 2019 notice cited by its title alone.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkBalance, checkPartWhole } from '../../../src/domain/report/figures.ts';
import { checkCitations } from '../../../src/domain/report/citations.ts';
import { checkOutline } from '../../../src/domain/report/outline.ts';
import { dropChrome } from '../../../src/domain/report/chrome.ts';
import { toRows } from '../../../src/domain/report/rows.ts';
import { REQUEST_COLUMNS, valueAt } from '../../../src/domain/report/index.ts';
import type { TextUnit } from '../../../src/domain/report/text-rules.ts';
import { check, fixture, parsed, rules, SEED_FILE } from './helpers.ts';

const unit = (text: string): TextUnit[] => [{ section: 'overview', label: '一、总体情况', text }];
const messages = (f: readonly { message: string }[]): string[] => f.map((x) => x.message);

describe('narrative.part-exceeds-whole: the parts listed add up to more than the whole', () => {
  test('a list of parts whose sum is larger (c41)', () => {
    const f = checkPartWhole(
      unit(
        '全县通过县政府网站主动公开政府信息4042条,其中概况类信息和政务动态信息共计1495条,信息公开栏公开信息2918条。',
      ),
    );
    assert.deepEqual(messages(f), [
      '分项之和大于总数：文字称共4042条，其中所列各项合计1495+2918=4413条',
    ]);
  });
  test('parts that add up, approximate parts, outcomes and consequences are not summed', () => {
    const ok = [
      '发布信息53篇,其中组织机构2篇、部门文件5篇、工作动态42篇、财政预算4篇。',
      '公开信息100条,其中政策文件60余条,动态50条。',
      '收到来信158件,其中受理158件,办结158件。',
      '收到申请36件,其中:网络申请1件、信函申请35件,引发行政复议1件。',
      '公开信息300余条,其中文件200条,动态150条。',
    ];
    for (const text of ok) assert.deepEqual(checkPartWhole(unit(text)), [], text);
  });
  test('parts of a sum of counts before 其中 (c48), and a whole after a semicolon (c11)', () => {
    assert.deepEqual(
      checkPartWhole(unit('收到申请9件,上年转结1件,其中网络申请5件,信函申请5件。')),
      [],
    );
    const f = checkPartWhole(
      unit(
        '发布动态信息165条,其中动态102条;发布法定主动公开内容1条,包括机构概况1条,以及预算信息2条。',
      ),
    );
    assert.deepEqual(messages(f), ['部分大于整体：文字称共1条，其中“2条”']);
  });
});

describe('narrative.balance reads a count carried forward before 结转', () => {
  test('"已办结12件,2件结转下年办理" balances; a wrong one does not', () => {
    assert.deepEqual(checkBalance(unit('共收到依申请公开14件,已办结12件,2件结转下年办理。')), []);
    const f = checkBalance(unit('共收到依申请公开14件,已办结11件,2件结转下年办理。'));
    assert.deepEqual(messages(f), [
      '文字所述申请数不平衡：新收14件共14件，办结11件加结转下年度2件共13件',
    ]);
  });
});

describe('header cells broken over two rows of cells', () => {
  const header = ['自然人', '法人或其他组织', '总计'];
  for (const [layout, sep] of [
    ['pipes', ' | '],
    ['tabs', '\t'],
  ] as const) {
    test(`joined into the row above (${layout})`, () => {
      const text = [
        header.join(sep),
        ['商业', '科研', '社会公益组织', '法律服务机构', '其他'].join(sep),
        ['企业', '机构'].join(sep),
      ].join('\n');
      const rows = toRows(text).map((r) => r.cells.filter((c) => c.trim() !== ''));
      assert.deepEqual(rows[1], ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
      assert.equal(rows.length, 2);
    });
  }
  test('the seed report with its header broken so reads as the seed report', () => {
    const seed = fixture(SEED_FILE);
    const broken = seed
      .replace(/商业企业\t科研机构/, '商业\t科研')
      .replace(/(商业\t科研[^\n]*\n)/, '$1企业\t机构\n');
    assert.notEqual(broken, seed);
    const a = parsed(seed);
    const b = parsed(broken);
    for (const c of REQUEST_COLUMNS)
      assert.equal(valueAt(b, 'requests', 'new', c), valueAt(a, 'requests', 'new', c));
    assert.deepEqual(rules(check(broken)), rules(check(seed)));
  });
  test('two cells that are labels alone are not joined', () => {
    const rows = toRows('商业企业 | 科研机构 | 其他\n总计 | 其他');
    assert.equal(rows.length, 2);
  });
});

describe('page furniture', () => {
  test('metadata served as a list, and a line opened by the date and 来源', () => {
    const rows = toRows(
      '- 索引号: 20230318-144307-491\n- 主题分类:\n2022年01月18日来源:1\n一、总体情况\n正文',
    );
    const d = dropChrome(rows);
    assert.deepEqual(
      d.rows.map((r) => r.cells.join('')),
      ['一、总体情况', '正文'],
    );
    assert.equal(d.publishedOn, '2022-01-18');
  });
});

describe('after the held-out run', () => {
  test('item headers that lost their numbers ("第二十条第") read as the seed report', () => {
    const seed = fixture(SEED_FILE);
    const damaged = seed.replace(/第二十条第（[一五六八]）项/g, '第二十条第');
    assert.notEqual(damaged, seed);
    assert.deepEqual(rules(check(damaged)), rules(check(seed)));
    assert.equal(
      valueAt(parsed(damaged), 'proactive', 'licensing', 'decisions'),
      valueAt(parsed(seed), 'proactive', 'licensing', 'decisions'),
    );
  });
  test('"主要内容包括" introduces the parts', () => {
    const f = checkOutline(
      unit(
        '主要内容包括主动公开政府信息情况、依申请公开办理情况、行政复议和行政诉讼情况、政府信息公开相关费用情况、存在问题及改进措施。',
      ),
    );
    assert.deepEqual(
      f.map((x) => x.rule),
      ['structure.outline'],
    );
    assert.match(f[0]!.message, /未列出“总体情况”、“其他需要报告的事项”/);
  });
  test('the 2019 notice cited by its title alone, and not when the format is named', () => {
    const report = parsed(fixture(SEED_FILE));
    const by2019 =
      '根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》等相关规定编制。';
    assert.deepEqual(
      checkCitations(report, unit(by2019)).map((x) => x.rule),
      ['citation.format'],
    );
    assert.deepEqual(
      checkCitations(
        report,
        unit(by2019 + '依据《中华人民共和国政府信息公开工作年度报告格式》填报。'),
      ),
      [],
    );
  });
});
