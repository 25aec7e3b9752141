/**
 * The tables as printed: the official merged cells of 国办公开办函〔2021〕30号 (ogi-rules §3.3–3.5),
 * checked in our HTML and in the DOCX (through mammoth, which rebuilds rowspan/colspan from
 * Word's gridSpan/vMerge). Expected spans are written out here, not derived from layout.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import mammoth from 'mammoth';

import type { AnnualReport } from '../../../src/domain/report/index.ts';
import {
  expandLayout,
  renderReportDocx,
  renderReportHtml,
  tableLayout,
} from '../../../src/exports/report/index.ts';
import { compute, departmentFacts } from './facts.ts';
import { tablesOf, type SpanCell } from './helpers.ts';

const report: AnnualReport = compute(departmentFacts);

/** [text, rowSpan, colSpan] of the header and label cells; value cells as '#'. */
type Shape = [string, number, number][];
const shape = (rows: SpanCell[][]): Shape[] =>
  rows.map((r) =>
    r.map((c): [string, number, number] => [
      /^\d+(\.\d+)?$/.test(c.text) ? '#' : c.text,
      c.rowSpan,
      c.colSpan,
    ]),
  );
const nums = (n: number, colSpan = 1): Shape => Array.from({ length: n }, () => ['#', 1, colSpan]);

const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

const TABLE_2: Shape[] = [
  [['第二十条第（一）项', 1, 4]],
  [
    ['信息内容', 1, 1],
    ['本年制发件数', 1, 1],
    ['本年废止件数', 1, 1],
    ['现行有效件数', 1, 1],
  ],
  [['规章', 1, 1], ...nums(3)],
  [['行政规范性文件', 1, 1], ...nums(3)],
  [['第二十条第（五）项', 1, 4]],
  [
    ['信息内容', 1, 1],
    ['本年处理决定数量', 1, 3],
  ],
  [['行政许可', 1, 1], ...nums(1, 3)],
  [['第二十条第（六）项', 1, 4]],
  [
    ['信息内容', 1, 1],
    ['本年处理决定数量', 1, 3],
  ],
  [['行政处罚', 1, 1], ...nums(1, 3)],
  [['行政强制', 1, 1], ...nums(1, 3)],
  [['第二十条第（八）项', 1, 4]],
  [
    ['信息内容', 1, 1],
    ['本年收费金额（单位：万元）', 1, 3],
  ],
  [['行政事业性收费', 1, 1], ...nums(1, 3)],
];

const leaves = (group: string, labels: string[]): Shape[] =>
  labels.map((l, i) => [
    ...(i === 0 ? [[group, labels.length, 1] as [string, number, number]] : []),
    [l, 1, 1],
    ...nums(7),
  ]);

const TABLE_3: Shape[] = [
  [
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3],
    ['申请人情况', 1, 7],
  ],
  [
    ['自然人', 2, 1],
    ['法人或其他组织', 1, 5],
    ['总计', 2, 1],
  ],
  [
    ['商业企业', 1, 1],
    ['科研机构', 1, 1],
    ['社会公益组织', 1, 1],
    ['法律服务机构', 1, 1],
    ['其他', 1, 1],
  ],
  [['一、本年新收政府信息公开申请数量', 1, 3], ...nums(7)],
  [['二、上年结转政府信息公开申请数量', 1, 3], ...nums(7)],
  [['三、本年度办理结果', 22, 1], ['（一）予以公开', 1, 2], ...nums(7)],
  [['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 2], ...nums(7)],
  ...leaves('（三）不予公开', [
    '1.属于国家秘密',
    '2.其他法律行政法规禁止公开',
    '3.危及“三安全一稳定”',
    '4.保护第三方合法权益',
    '5.属于三类内部事务信息',
    '6.属于四类过程性信息',
    '7.属于行政执法案卷',
    '8.属于行政查询事项',
  ]),
  ...leaves('（四）无法提供', [
    '1.本机关不掌握相关政府信息',
    '2.没有现成信息需要另行制作',
    '3.补正后申请内容仍不明确',
  ]),
  ...leaves('（五）不予处理', [
    '1.信访举报投诉类申请',
    '2.重复申请',
    '3.要求提供公开出版物',
    '4.无正当理由大量反复申请',
    '5.要求行政机关确认或重新出具已获取信息',
  ]),
  ...leaves('（六）其他处理', [
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '3.其他',
  ]),
  [['（七）总计', 1, 2], ...nums(7)],
  [['四、结转下年度继续办理', 1, 3], ...nums(7)],
];

const TABLE_4: Shape[] = [
  [
    ['行政复议', 1, 5],
    ['行政诉讼', 1, 10],
  ],
  [
    ...RESULTS.map((r): [string, number, number] => [r, 2, 1]),
    ['未经复议直接起诉', 1, 5],
    ['复议后起诉', 1, 5],
  ],
  [...RESULTS, ...RESULTS].map((r): [string, number, number] => [r, 1, 1]),
  nums(15),
];

const OFFICIAL = [TABLE_2, TABLE_3, TABLE_4];

describe('official table layout', () => {
  test('the layout grids are rectangular and fully covered (10 and 15 columns)', () => {
    for (const [id, cols, rows] of [
      ['proactive', 4, 14],
      ['requests', 10, 28],
      ['appeals', 15, 4],
    ] as const) {
      const grid = expandLayout(tableLayout(report, id));
      assert.equal(grid.length, rows, id);
      for (const row of grid) assert.equal(row.length, cols, id);
    }
  });

  test('HTML: tables 二, 三, 四 have exactly the official cells and merges', () => {
    const tables = tablesOf(renderReportHtml(report));
    assert.equal(tables.length, 3);
    tables.forEach((t, i) => assert.deepEqual(shape(t), OFFICIAL[i], `table ${i + 2}`));
  });

  test('DOCX: the same merges survive Word’s gridSpan/vMerge (read back by mammoth)', async () => {
    const { value } = await mammoth.convertToHtml({ buffer: await renderReportDocx(report) });
    const tables = tablesOf(value);
    assert.equal(tables.length, 3);
    tables.forEach((t, i) => assert.deepEqual(shape(t), OFFICIAL[i], `table ${i + 2}`));
  });

  test('every value cell shows a number, 0 included, never blank', () => {
    const tables = tablesOf(
      renderReportHtml(compute({ ...departmentFacts, requests: [], appeals: [] })),
    );
    let values = 0;
    for (const t of tables) {
      for (const row of t) {
        for (const c of row) {
          if (/^\d+(\.\d+)?$/.test(c.text)) values++;
          assert.notEqual(c.text, '', 'no blank cell');
        }
      }
    }
    // 表二 10, 表三 25 rows × 7, 表四 15.
    assert.equal(values, 10 + 25 * 7 + 15);
  });

  test('the figures sit in the right cells (表三 row 一, 表四, 表二 fees in 万元)', () => {
    const [t2, t3, t4] = tablesOf(renderReportHtml(report));
    const texts = (row: SpanCell[] | undefined): string[] => (row ?? []).map((c) => c.text);
    assert.deepEqual(texts(t3![3]), [
      '一、本年新收政府信息公开申请数量',
      '5',
      '4',
      '4',
      '3',
      '4',
      '3',
      '23',
    ]);
    assert.deepEqual(texts(t3![27]), ['四、结转下年度继续办理', '2', '0', '0', '0', '1', '0', '3']);
    assert.deepEqual(texts(t4![3]), [
      '1',
      '0',
      '0',
      '0',
      '1',
      '0',
      '1',
      '0',
      '0',
      '1',
      '0',
      '0',
      '0',
      '1',
      '1',
    ]);
    assert.deepEqual(texts(t2![13]), ['行政事业性收费', '4.043']);
    assert.deepEqual(texts(t2![3]), ['行政规范性文件', '2', '1', '12']);
  });
});
