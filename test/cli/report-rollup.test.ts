/**
 * `gongkai report rollup` on a seeded data directory (SQLite) where 平安县民政局 and 青石镇 have
 * published their 2025 reports next to the seed's 常平乡: the JSON's sum equals the sum of the
 * published reports read from the database here, 柳河乡 and 平安县 are listed as unpublished (exit
 * 1), --scope departments keeps the department only, and the XLSX has the sum and a sheet per member.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { removeDir, runCli, tempDataDir } from '../helpers/server.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { systemActor } from '../../src/services/context.ts';
import { findAgency } from '../../src/services/agencies.ts';
import { saveArt20Statistics } from '../../src/capabilities/disclosure/commands.ts';
import { advanceReport, saveNarrative } from '../../src/capabilities/reports/commands.ts';
import { APPEAL_COLUMNS, APPEAL_KINDS, PROACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, processingFeeStatement, type AnnualReport } from '../../src/domain/report/index.ts';

type Rows = Record<string, Record<string, number | null>>;
interface RollupJson {
  schemaVersion: number;
  kind: string;
  scope: string;
  tables: { proactive: { rows: Rows }; requests: { rows: Rows }; appeals: { rows: Rows } };
  members: { name: string; published: boolean; tables: RollupJson['tables'] | null; findings: unknown[] }[];
}

const CELLS: ['proactive' | 'requests' | 'appeals', string, string][] = [
  ...PROACTIVE_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c): ['proactive', string, string] => ['proactive', r.key, c.key]))),
  ...REQUEST_ROWS.flatMap((r) => REQUEST_COLUMNS.map((c): ['requests', string, string] => ['requests', r, c])),
  ...APPEAL_KINDS.flatMap((k) => APPEAL_COLUMNS.map((c): ['appeals', string, string] => ['appeals', k, c])),
];

describe('gongkai report rollup', () => {
  const dataDir = tempDataDir();
  const env = { GONGKAI_DATA_DIR: dataDir, DATABASE_URL: '' };
  /** The published 2025 reports as stored, by agency name. */
  const stored = new Map<string, AnnualReport>();

  before(async () => {
    assert.equal(runCli(['seed'], env).status, 0);
    const { handle, deps } = await openRuntime(loadConfig({ ...process.env, ...env }));
    try {
      const actor = systemActor('test');
      const narrative = {
        overview: '（一）主动公开：及时公开政策文件。\n（二）依申请公开：依法办理。\n（三）政府信息管理：落实保密审查。\n（四）平台建设：依托县政府门户网站。\n（五）监督保障：纳入年度考核。',
        problems: '存在问题：公开内容有待丰富。改进情况：加强培训。',
      };
      for (const [code, license, fee] of [['pingan-mzj', 7, 1100], ['qingshi', 4, 0]] as const) {
        const id = (await findAgency(deps.db, code))!.id;
        await saveArt20Statistics(deps, actor, id, 2025, [{ month: 4, item: 'license', value: license }]);
        await saveNarrative(deps, actor, id, 2025, { ...narrative, other: processingFeeStatement(2025, fee) });
        await advanceReport(deps, actor, id, 2025, 'check');
        await advanceReport(deps, actor, id, 2025, 'publish');
      }
      const rows = await deps.db.selectFrom('annual_reports').innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id').select(['agencies.name', 'annual_reports.snapshot_json']).where('year', '=', 2025).where('status', '=', 'published').execute();
      for (const r of rows) stored.set(r.name, JSON.parse(r.snapshot_json!) as AnnualReport);
    } finally {
      await handle.close();
    }
    assert.deepEqual([...stored.keys()].sort(), ['常平乡', '平安县民政局', '青石镇'].sort());
  });
  after(() => removeDir(dataDir));

  const value = (r: AnnualReport, [t, row, col]: (typeof CELLS)[number]) => (r[t].rows as Record<string, Record<string, { value: number | null }> | undefined>)[row]?.[col]?.value ?? 0;

  it('writes the JSON: each cell the sum of the published reports, the unpublished listed, exit 1', () => {
    const out = path.join(dataDir, 'rollup.json');
    const res = runCli(['report', 'rollup', '--agency', 'pingan', '--year', '2025', '--format', 'json', '--out', out], env);
    assert.equal(res.status, 1, res.stderr + res.stdout);
    assert.match(res.stdout, /机关 5 个，已发布 3 个，未发布 2 个，数据有错误 0 个/);
    assert.match(res.stdout, /\[未发布\] 柳河乡/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as RollupJson;
    assert.deepEqual([json.schemaVersion, json.kind, json.scope], [1, 'rollup', 'subtree']);
    assert.deepEqual(json.members.map((m) => [m.name, m.published]), [['平安县', false], ['常平乡', true], ['平安县民政局', true], ['青石镇', true], ['柳河乡', false]]);
    let nonZero = 0;
    for (const cell of CELLS) {
      const expected = [...stored.values()].reduce((s, r) => s + value(r, cell), 0);
      assert.equal(json.tables[cell[0]].rows[cell[1]]![cell[2]], expected, cell.join('.'));
      if (expected) nonZero++;
    }
    assert.ok(nonZero > 5, `${nonZero} non-zero cells`);
    assert.equal(json.tables.proactive.rows.licensing!.decisions, 11);
  });

  it('keeps the county’s own departments with --scope departments', () => {
    const out = path.join(dataDir, 'departments.json');
    const res = runCli(['report', 'rollup', '--agency', '平安县', '--year', '2025', '--scope', 'departments', '--format', 'json', '--out', out], env);
    assert.equal(res.status, 0, res.stderr + res.stdout);
    const json = JSON.parse(readFileSync(out, 'utf8')) as RollupJson;
    assert.deepEqual(json.members.map((m) => m.name), ['平安县民政局']);
    assert.equal(json.tables.requests.rows.new!.total, value(stored.get('平安县民政局')!, ['requests', 'new', 'total']));
  });

  it('writes the XLSX: the sum, the list of members and one sheet per member', async () => {
    const out = path.join(dataDir, 'rollup.xlsx');
    assert.equal(runCli(['report', 'rollup', '--agency', 'pingan', '--year', '2025', '--format', 'xlsx', '--out', out], env).status, 1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    assert.deepEqual(book.worksheets.map((s) => s.name), ['汇总', '机关列表', '平安县', '常平乡', '平安县民政局', '青石镇', '柳河乡']);
    assert.equal(book.getWorksheet('汇总')!.getCell(1, 1).value, '平安县2025年政府信息公开工作年度报告汇总');
    const list = book.getWorksheet('机关列表')!;
    assert.deepEqual(list.getColumn(2).values.slice(2).map((v) => String(v).trim()), ['平安县', '常平乡', '平安县民政局', '青石镇', '柳河乡']);
  });

  it('refuses a bad scope, format or agency with a Chinese message', () => {
    const bad = (args: string[]) => runCli(['report', 'rollup', '--agency', 'pingan', '--year', '2025', '--out', path.join(dataDir, 'x'), ...args], env);
    const scope = bad(['--format', 'json', '--scope', 'city']);
    assert.notEqual(scope.status, 0);
    assert.match(scope.stderr, /汇总范围“city”无效/);
    assert.match(bad(['--format', 'pdf']).stderr, /格式“pdf”无效/);
    const dept = runCli(['report', 'rollup', '--agency', 'pingan-mzj', '--year', '2025', '--format', 'json', '--out', path.join(dataDir, 'x')], env);
    assert.notEqual(dept.status, 0);
    assert.match(dept.stderr, /汇总须以一级人民政府为单位/);
  });
});
