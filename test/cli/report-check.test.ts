/**
 * `gongkai report check` on many files: the published excerpts in ../shared/reports, one line
 * each, a summary, and the XLSX read back (a summary sheet, a sheet per rule, one per file).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { removeDir, repoRoot, runCli, tempDataDir } from '../helpers/server.ts';

// The published excerpts of ../shared/reports, as committed under test/fixtures/reports (the
// numbered files): a clean clone has no ../shared next to it.
const FIXTURES = path.join(repoRoot, 'test/fixtures/reports');

describe('gongkai report check, many files', () => {
  const dir = tempDataDir();
  const SHARED = path.join(dir, 'reports');
  mkdirSync(SHARED);
  for (const f of readdirSync(FIXTURES).filter((n) => /^\d\d_.*\.txt$/.test(n))) copyFileSync(path.join(FIXTURES, f), path.join(SHARED, f));
  after(() => removeDir(dir));

  it('checks ../shared/reports and writes the XLSX', async () => {
    const out = path.join(dir, 'check.xlsx');
    const res = runCli(['report', 'check', SHARED, '--xlsx', out], {});
    const reports = readdirSync(SHARED)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    assert.ok(reports.length >= 20);
    // Every excerpt is cut off, an error: exit 1.
    assert.equal(res.status, 1, res.stderr);
    const lines = res.stdout.trim().split('\n');
    for (const f of reports) {
      const line = lines.find((l) => l.startsWith(path.join(SHARED, f)));
      assert.ok(line, f);
      assert.match(line!, /\t\d{4}\t错误 \d+\t提示 \d+$/);
    }
    assert.ok(!lines.some((l) => l.includes('README')), 'README.md is not a report');
    assert.match(lines.at(-2)!, new RegExp(`^共 ${reports.length} 份：${reports.length} 份已检查`));

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const names = book.worksheets.map((s) => s.name);
    const summary = book.getWorksheet('汇总')!;
    assert.equal(summary.actualRowCount, reports.length + 1);
    assert.deepEqual((summary.getRow(1).values as unknown[]).slice(1), [
      '文件',
      '机关',
      '年度',
      '错误',
      '提示',
      '说明',
    ]);
    const row13 = summary
      .getSheetValues()
      .find(
        (r) => Array.isArray(r) && String(r[1]).endsWith('13_duifangxiang_ningdu_2023.txt'),
      ) as unknown[];
    assert.deepEqual(row13.slice(2, 4), ['对坊乡', 2023]);
    // A sheet per rule that fired, with one row per finding.
    const truncated = book.getWorksheet('structure.truncated')!;
    assert.equal(truncated.actualRowCount, reports.length + 1);
    const period = book.getWorksheet('period.statistics')!;
    assert.ok(
      period
        .getSheetValues()
        .some((r) => Array.isArray(r) && String(r[1]).includes('13_duifangxiang')),
    );
    assert.ok(names.includes('citation.format') && names.includes('text.placeholder'));
    // A sheet per file, its findings first, then the tables as read.
    for (const f of reports) assert.ok(names.includes(f.replace(/\.txt$/, '').slice(0, 31)), f);
    const one = book.getWorksheet('41_abagaqi_ziranziyuanju_2023')!;
    const cells = one.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : []));
    // The rule by its Chinese name with its id (issue 18 item 9).
    assert.ok(cells.some((c) => /^[^a-z]+（structure\.truncated）$/.test(String(c))), 'structure.truncated named in Chinese');
    assert.ok(cells.includes('表二（主动公开政府信息情况）'));
    assert.ok(cells.includes('18.8710'), 'the fee as written');
  });

  it('a missing file makes the exit status 2, the others are still checked', () => {
    const res = runCli(
      [
        'report',
        'check',
        path.join(SHARED, '09_zhongcunxiang_kaihua_2023.txt'),
        path.join(dir, 'nope.txt'),
        '--json',
      ],
      {},
    );
    assert.equal(res.status, 2);
    const list = JSON.parse(res.stdout) as {
      file: string;
      agency?: string;
      error?: { message: string };
    }[];
    assert.equal(list.length, 2);
    assert.equal(
      list.find((e) => e.file.endsWith('09_zhongcunxiang_kaihua_2023.txt'))!.agency,
      '开化县中村乡人民政府',
    );
    assert.match(list.find((e) => e.file.endsWith('nope.txt'))!.error!.message, /无法读取/);
  });
});
