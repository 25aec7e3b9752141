/**
 * The same report in every layout gives the same findings (issue 13): tab-separated text, pipe
 * rows, one cell per line, an HTML page, DOCX and PDF read through readReportFile; and its
 * traditional-script form gives the findings of the simplified one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js/cn2t';

import { checkPublishedReport, type CheckResult } from '../../../src/domain/report/index.ts';
import { readReportFile } from '../../../src/exports/report/read.ts';
import {
  REPORT,
  type Item,
  asCellPerLine,
  asDocx,
  asHtml,
  asPdf,
  asPipes,
  asTabs,
} from './variants.ts';

type Ok = Extract<CheckResult, { ok: true }>;

async function checkFile(bytes: Uint8Array, name: string): Promise<Ok> {
  const read = await readReportFile(bytes, name);
  assert.ok(read.ok, read.ok ? '' : read.message);
  const r = checkPublishedReport(read.input);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r;
}

function check(text: string): Ok {
  const r = checkPublishedReport(text);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r;
}

/** What a reader is told, without the line numbers that differ from layout to layout. */
function summary(r: Ok): unknown {
  const cells = r.json.tables.map((t) => ({
    id: t.id,
    rows: t.rows.map((row) => [row.row, ...row.cells.map((c) => c.value)]),
  }));
  return {
    agency: r.json.agency,
    year: r.json.year,
    findings: r.findings.map((f) => `${f.rule}: ${f.message}`).sort(),
    cells,
  };
}

describe('one report, every layout', () => {
  const baseline = check(asTabs(REPORT));

  test('the tab-separated report reads completely and shows the planted error', () => {
    assert.equal(baseline.report.truncated, false);
    assert.equal(baseline.json.agency, '重庆市九龙坡区二郎街道办事处');
    const rules = baseline.findings.map((f) => f.rule).sort();
    assert.deepEqual(rules, ['narrative.table-mismatch', 'requests.balance', 'requests.total-row']);
    assert.equal(baseline.json.tables.find((t) => t.id === 'appeals')!.rows.length, 3);
  });

  const expected = summary(baseline);
  test('pipe rows', () => assert.deepEqual(summary(check(asPipes(REPORT))), expected));
  test('one cell per line', () =>
    assert.deepEqual(summary(check(asCellPerLine(REPORT))), expected));
  test('an HTML page with navigation, breadcrumb, date and footer', async () => {
    const r = await checkFile(Buffer.from(asHtml(REPORT)), '二郎街道.html');
    assert.deepEqual(summary(r), expected);
    assert.equal(r.report.publishedOn, '2023-01-30');
  });
  test('DOCX', async () => {
    assert.deepEqual(summary(await checkFile(await asDocx(REPORT), 'report.docx')), expected);
  });
  test('PDF, with headers in strips', async () => {
    assert.deepEqual(summary(await checkFile(asPdf(REPORT), 'report.pdf')), expected);
  });
  test('a table whose numbers cannot be matched to its rows: one finding, not one per cell', () => {
    // Table 三 printed column by column: the numbers stand under the header, the rows after.
    const transposed: Item[] = [];
    for (const item of REPORT) {
      if (typeof item !== 'string' && /^[一二三四（(\d]/.test(item[0]!) && item.length >= 8) {
        transposed.push([item.find((c) => !/^\d+$/.test(c) && c !== item[0]) ?? item[0]!]);
      } else transposed.push(item);
      if (typeof item !== 'string' && item.at(-1) === '其他') {
        transposed.push(['3', '0', '2', '1', '0', '0', '0', '0', '0']);
        transposed.push(['1', '0', '0', '0', '1', '0', '0', '0', '0']);
      }
    }
    const r = check(asTabs(transposed));
    const rules = r.findings.map((f) => f.rule);
    assert.equal(rules.filter((x) => x === 'table.unreadable').length, 1, rules.join());
    assert.ok(
      !r.findings.some((f) => f.location.table === 'requests' && f.rule.startsWith('cells.')),
    );
    assert.match(
      r.findings.find((f) => f.rule === 'table.unreadable')!.message,
      /表三.*版式无法识别/,
    );
  });
  test('traditional script gives the findings of the simplified text', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const traditional = toTraditional(asPipes(REPORT));
    assert.notEqual(traditional, asPipes(REPORT));
    assert.match(traditional, /政府信息公開工作年度報告/);
    assert.deepEqual(summary(check(traditional)), expected);
  });
});
