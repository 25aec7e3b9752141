/** XLSX: sheets, the official merged ranges, and figures stored as numbers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import ExcelJS from 'exceljs';

import { SECTIONS } from '../../../src/domain/report/index.ts';
import { renderReportXlsx } from '../../../src/exports/report/index.ts';
import { compute, departmentFacts } from './facts.ts';

const report = compute(departmentFacts);

async function load(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderReportXlsx(report)) as unknown as ArrayBuffer);
  return wb;
}

const merges = (ws: ExcelJS.Worksheet): string[] =>
  [...(ws.model as unknown as { merges: string[] }).merges].sort();

const values = (ws: ExcelJS.Worksheet, row: number, from: string, to: string): unknown[] => {
  const out: unknown[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) {
    out.push(ws.getCell(`${String.fromCharCode(c)}${row}`).value);
  }
  return out;
};

test('sheets: 正文, 表二, 表三, 表四', async () => {
  const wb = await load();
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['正文', '表二', '表三', '表四'],
  );
  const text = wb.getWorksheet('正文')!;
  const col = (n: number): string[] => {
    const out: string[] = [];
    text.eachRow((row) => out.push(String(row.getCell(n).value ?? '')));
    return out;
  };
  assert.equal(col(1)[0], '某县自然资源局2025年政府信息公开工作年度报告');
  for (const d of SECTIONS) assert.ok(col(1).includes(d.heading), d.heading);
  const overview = col(2)[col(1).indexOf('一、总体情况')]!;
  assert.match(overview, /^（一）主动公开。[\s\S]*\n（二）依申请公开。/);
  assert.match(col(2)[col(1).indexOf('六、其他需要报告的事项')]!, /信息处理费400元/);
});

test('表二: block markers and single-column blocks are merged; figures are numbers', async () => {
  const ws = (await load()).getWorksheet('表二')!;
  assert.deepEqual(
    merges(ws),
    [
      'A1:D1',
      'A2:D2',
      'A6:D6',
      'B7:D7',
      'B8:D8',
      'A9:D9',
      'B10:D10',
      'B11:D11',
      'B12:D12',
      'A13:D13',
      'B14:D14',
      'B15:D15',
    ].sort(),
  );
  assert.equal(ws.getCell('A2').value, '第二十条第（一）项');
  assert.deepEqual(values(ws, 3, 'A', 'D'), [
    '信息内容',
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
  ]);
  assert.deepEqual(values(ws, 5, 'A', 'D'), ['行政规范性文件', 2, 1, 12]);
  assert.deepEqual(values(ws, 8, 'A', 'B'), ['行政许可', 182]);
  assert.equal(ws.getCell('A14').value, '信息内容');
  assert.equal(ws.getCell('B14').value, '本年收费金额（单位：万元）');
  assert.deepEqual(values(ws, 15, 'A', 'B'), ['行政事业性收费', 4.043]);
});

test('表三: the official header block and label merges; figures are numbers', async () => {
  const ws = (await load()).getWorksheet('表三')!;
  assert.deepEqual(
    merges(ws),
    [
      'A1:J1',
      'A2:C4',
      'D2:J2',
      'D3:D4',
      'E3:I3',
      'J3:J4',
      'A5:C5',
      'A6:C6',
      'A7:A28',
      'B7:C7',
      'B8:C8',
      'B9:B16',
      'B17:B19',
      'B20:B24',
      'B25:B27',
      'B28:C28',
      'A29:C29',
    ].sort(),
  );
  assert.match(String(ws.getCell('A2').value), /勾稽关系/);
  assert.deepEqual(values(ws, 3, 'D', 'E'), ['自然人', '法人或其他组织']);
  assert.deepEqual(values(ws, 4, 'E', 'I'), [
    '商业企业',
    '科研机构',
    '社会公益组织',
    '法律服务机构',
    '其他',
  ]);
  assert.equal(ws.getCell('J3').value, '总计');
  assert.deepEqual(values(ws, 5, 'D', 'J'), [5, 4, 4, 3, 4, 3, 23]);
  assert.equal(ws.getCell('A7').value, '三、本年度办理结果');
  assert.equal(ws.getCell('B9').value, '（三）不予公开');
  assert.deepEqual(values(ws, 9, 'C', 'J'), ['1.属于国家秘密', 0, 0, 1, 0, 0, 0, 1]);
  assert.equal(ws.getCell('B28').value, '（七）总计');
  assert.deepEqual(values(ws, 28, 'D', 'J'), [4, 5, 4, 3, 3, 3, 22]);
  assert.deepEqual(values(ws, 29, 'D', 'J'), [2, 0, 0, 0, 1, 0, 3]);
  // Every figure is a number: 25 rows × 7 columns.
  for (let r = 5; r <= 29; r++) {
    for (const v of values(ws, r, 'D', 'J')) assert.equal(typeof v, 'number', `row ${r}`);
  }
});

test('表四: 行政复议 | 行政诉讼 → 未经复议直接起诉 | 复议后起诉, one row of 15 numbers', async () => {
  const ws = (await load()).getWorksheet('表四')!;
  assert.deepEqual(
    merges(ws),
    [
      'A1:O1',
      'A2:E2',
      'F2:O2',
      'A3:A4',
      'B3:B4',
      'C3:C4',
      'D3:D4',
      'E3:E4',
      'F3:J3',
      'K3:O3',
    ].sort(),
  );
  assert.deepEqual(values(ws, 2, 'A', 'A'), ['行政复议']);
  assert.equal(ws.getCell('F2').value, '行政诉讼');
  assert.deepEqual(values(ws, 3, 'A', 'F'), [
    '结果维持',
    '结果纠正',
    '其他结果',
    '尚未审结',
    '总计',
    '未经复议直接起诉',
  ]);
  assert.equal(ws.getCell('K3').value, '复议后起诉');
  assert.deepEqual(values(ws, 4, 'F', 'O'), [
    '结果维持',
    '结果纠正',
    '其他结果',
    '尚未审结',
    '总计',
    '结果维持',
    '结果纠正',
    '其他结果',
    '尚未审结',
    '总计',
  ]);
  assert.deepEqual(values(ws, 5, 'A', 'O'), [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
});
