/**
 * The roll-up (汇总) of the demo county over HTTP, on both databases. Members publish real
 * reports from their records (Art. 20 figures, appeals, the department's year of requests); the
 * test then reads each member's published report through the API and sums it here, cell by cell,
 * and every cell of the roll-up must equal that sum. A member that published nothing is listed as
 * missing; one whose stored figures do not add up is listed with the broken rule and still summed;
 * a correction's new version is what counts; departments vs the whole subtree; exports; reach.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { systemActor } from '../../src/services/context.ts';
import { createAgency } from '../../src/capabilities/agencies/commands.ts';
import { saveArt20Statistics } from '../../src/capabilities/disclosure/commands.ts';
import { advanceReport, correctReport, saveAppeal, saveNarrative, saveReportContacts } from '../../src/capabilities/reports/commands.ts';
import { APPEAL_COLUMNS, APPEAL_KINDS, PROACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, processingFeeStatement, type AnnualReport } from '../../src/domain/report/index.ts';
import type { RollupView } from '../../src/capabilities/reports/rollup-contract.ts';

const actor = systemActor('test');
const narrative = {
  overview: '（一）主动公开：及时公开政策文件。\n（二）依申请公开：依法办理。\n（三）政府信息管理：落实保密审查。\n（四）平台建设：依托县政府门户网站。\n（五）监督保障：纳入年度考核。',
  problems: '存在问题：公开内容有待丰富。改进情况：加强培训。',
  other: processingFeeStatement(2025, 0),
};

/** Every cell of tables 二, 三, 四 as [table, row, column], from the taxonomy. */
const CELLS: [keyof Pick<AnnualReport, 'proactive' | 'requests' | 'appeals'>, string, string][] = [
  ...PROACTIVE_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c): ['proactive', string, string] => ['proactive', r.key, c.key]))),
  ...REQUEST_ROWS.flatMap((r) => REQUEST_COLUMNS.map((c): ['requests', string, string] => ['requests', r, c])),
  ...APPEAL_KINDS.flatMap((k) => APPEAL_COLUMNS.map((c): ['appeals', string, string] => ['appeals', k, c])),
];
const cellOf = (r: AnnualReport, [t, row, col]: (typeof CELLS)[number]): number | null | undefined =>
  (r[t].rows as Record<string, Record<string, { value: number | null } | undefined> | undefined>)[row]?.[col]?.value;

for (const dialect of DIALECTS) {
  describe(`report roll-up on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    const ids: Record<string, number> = {};
    const users: Record<string, Client> = {};

    const publish = async (agencyId: number, license: number, feeYuan: number, appeal: boolean, processingFee = 0) => {
      await saveReportContacts(deps(), actor, agencyId, { websiteName: '平安县人民政府门户网站', websiteUrl: 'https://pingan.example.gov.cn/', office: '政务公开办', address: '平安县人民路1号', postcode: '100000', phone: '0550-7654321', email: 'gk@pingan.example.gov.cn' });
      await saveArt20Statistics(deps(), actor, agencyId, 2025, [
        { month: 3, item: 'license', value: license },
        { month: 5, item: 'penalty', value: license % 4 },
        { month: 6, item: 'fee', value: feeYuan },
      ]);
      if (appeal) await saveAppeal(deps(), actor, agencyId, { kind: 'reconsideration', filedDate: '2025-04-01', closedDate: '2025-06-01', result: 'corrected', summary: '申请人不服答复' });
      await saveNarrative(deps(), actor, agencyId, 2025, { ...narrative, other: processingFeeStatement(2025, processingFee) });
      await advanceReport(deps(), actor, agencyId, 2025, 'check');
      await advanceReport(deps(), actor, agencyId, 2025, 'publish');
    };
    const deps = () => t.deps;

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      ids['pingan-jyj'] = (await createAgency(t.deps, actor, { code: 'pingan-jyj', name: '平安县教育局', level: 'department', parentId: ids.pingan! })).id;
      const make = async (username: string, agencyId: number, roles: string[], scope: 'agency' | 'subtree') => {
        const created = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId, roles: [roles[0]] });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal((await operator.request('PUT', `/api/v1/users/${created.json().user.id}/roles`, { agencyId, roles, scope })).statusCode, 200);
        users[username] = await loginClient(t.app, username, created.json().oneTimePassword);
      };
      await make('county.office', ids.pingan!, ['clerk', 'head'], 'subtree');
      await make('county.only', ids.pingan!, ['clerk'], 'agency');
      await make('town.admin', ids.changping!, ['admin'], 'agency');
      // 常平乡 published 2025 in the seed; 柳河乡 publishes nothing.
      await publish(ids.pingan!, 12, 30000, true);
      await publish(ids.qingshi!, 5, 2500.5, false);
      await publish(ids['pingan-mzj']!, 7, 0, true, 1100); // the demo department charged 1100 元 in 2025
      await publish(ids['pingan-jyj']!, 3, 100, false);
      // 教育局's stored report no longer adds up, as one published before the checks existed would not.
      const row = await t.deps.db.selectFrom('annual_reports').select('snapshot_json').where('agency_id', '=', ids['pingan-jyj']!).where('year', '=', 2025).executeTakeFirstOrThrow();
      const broken = JSON.parse(row.snapshot_json!) as { requests: { rows: Record<string, Record<string, { value: number }>> } };
      broken.requests.rows.new!.total!.value += 4;
      await t.deps.db.updateTable('annual_reports').set({ snapshot_json: JSON.stringify(broken) }).where('agency_id', '=', ids['pingan-jyj']!).where('year', '=', 2025).execute();
    });
    after(async () => t.close());

    const rollup = async (who: string, agencyId: number, query = '') => users[who]!.request('GET', `/api/v1/agencies/${agencyId}/report-rollup?year=2025${query}`);
    /** The member's published report as the API gives it to the county office. */
    const published = async (agencyId: number): Promise<AnnualReport | null> => {
      const res = await users['county.office']!.request('GET', `/api/v1/reports/2025?agencyId=${agencyId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().status === 'published' ? (res.json().report as AnnualReport) : null;
    };
    const assertSumOf = async (view: RollupView, memberIds: number[]) => {
      const reports = (await Promise.all(memberIds.map(published))).filter((r): r is AnnualReport => !!r);
      let nonZero = 0;
      for (const cell of CELLS) {
        const expected = reports.reduce((s, r) => s + (cellOf(r, cell) ?? 0), 0);
        const got = cellOf(view.sum, cell)!;
        assert.ok(Math.abs(got - expected) < 1e-9, `${cell.join('.')}: ${got} ≠ ${expected}`);
        if (expected) nonZero++;
      }
      return nonZero;
    };

    it('sums the whole subtree, the county itself included: every cell equals the sum of the published reports', async () => {
      const res = await rollup('county.office', ids.pingan!);
      assert.equal(res.statusCode, 200, res.body);
      const view = res.json() as RollupView;
      assert.deepEqual(view.members.map((m) => [m.name, m.depth, m.missing]), [
        ['平安县', 0, false],
        ['常平乡', 1, false],
        ['平安县民政局', 1, false],
        ['青石镇', 1, false],
        ['柳河乡', 1, true],
        ['平安县教育局', 1, false],
      ]);
      const nonZero = await assertSumOf(view, view.members.map((m) => m.agencyId));
      assert.ok(nonZero >= 8, `${nonZero} non-zero cells`);
      assert.equal(cellOf(view.sum, ['proactive', 'licensing', 'decisions']), 12 + 5 + 7 + 3);
      assert.deepEqual(view.summary, { members: 6, published: 5, missing: 1, withErrors: 1, withWarnings: 0 });
      assert.equal(view.outOfReach, 0);
    });

    it('lists the member whose figures break a cross-check, and checks the sum by the same rules', async () => {
      const view = (await rollup('county.office', ids.pingan!)).json() as RollupView;
      const broken = view.members.filter((m) => m.errors > 0);
      assert.deepEqual(broken.map((m) => m.name), ['平安县教育局']);
      assert.ok(broken[0]!.findings.some((f) => f.rule === 'requests.total-row' && f.ruleTitle), JSON.stringify(broken[0]!.findings));
      assert.ok(view.sumFindings.some((f) => f.rule === 'requests.total-row'), 'the break shows in the sum too');
      // Drill-down: one cell, each member's figure.
      const key = 'proactive.licensing.decisions';
      assert.deepEqual(view.members.map((m) => m.figures[key] ?? null), [12, 0, 7, 5, null, 3]);
      assert.deepEqual(view.members.find((m) => m.missing)!.figures, {});
    });

    it('sums only the county’s own departments with scope=departments', async () => {
      const view = (await rollup('county.office', ids.pingan!, '&scope=departments')).json() as RollupView;
      assert.deepEqual(view.members.map((m) => m.name), ['平安县民政局', '平安县教育局']);
      assert.equal(view.scopeLabel, '本级政府部门');
      await assertSumOf(view, [ids['pingan-mzj']!, ids['pingan-jyj']!]);
      assert.equal(cellOf(view.sum, ['proactive', 'licensing', 'decisions']), 10);
    });

    it('counts the current version of a corrected report', async () => {
      await saveArt20Statistics(t.deps, actor, ids.qingshi!, 2025, [{ month: 3, item: 'license', value: 9 }]);
      await correctReport(t.deps, actor, ids.qingshi!, 2025, { reason: '行政许可数量统计有误，予以更正', ...narrative });
      const view = (await rollup('county.office', ids.pingan!)).json() as RollupView;
      const qingshi = view.members.find((m) => m.name === '青石镇')!;
      assert.equal(qingshi.version, 2);
      assert.equal(qingshi.figures['proactive.licensing.decisions'], 9);
      await assertSumOf(view, view.members.map((m) => m.agencyId));
    });

    it('exports an XLSX with the sum and one sheet per member, and the exchange JSON', async () => {
      const view = (await rollup('county.office', ids.pingan!)).json() as RollupView;
      const x = await rollup('county.office', ids.pingan!, '&export=xlsx');
      assert.equal(x.statusCode, 200, x.body);
      assert.match(decodeURIComponent(String(x.headers['content-disposition'])), /平安县2025年度报告汇总\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(book.worksheets.map((s) => s.name), ['汇总', '机关列表', '平安县', '常平乡', '平安县民政局', '青石镇', '柳河乡', '平安县教育局']);
      const numbers = (name: string) => {
        const out: number[] = [];
        book.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => typeof c.value === 'number' && out.push(c.value)));
        return out;
      };
      const total = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
      const members = ['平安县', '常平乡', '平安县民政局', '青石镇', '平安县教育局'].map((n) => total(numbers(n)));
      assert.ok(Math.abs(total(numbers('汇总')) - total(members)) < 1e-6, 'the sum sheet adds up to the member sheets');
      assert.deepEqual(numbers('柳河乡'), []);
      const j = await rollup('county.office', ids.pingan!, '&export=json');
      assert.equal(j.statusCode, 200, j.body);
      const json = JSON.parse(j.body) as { schemaVersion: number; kind: string; tables: { requests: { rows: Record<string, Record<string, number>> } }; members: { name: string; published: boolean; tables: { proactive: { rows: { licensing: { decisions: number } } } } | null }[] };
      assert.deepEqual([json.schemaVersion, json.kind], [1, 'rollup']);
      assert.equal(json.tables.requests.rows['closed_total']!.total, cellOf(view.sum, ['requests', 'closed_total', 'total']));
      assert.deepEqual(json.members.map((m) => m.tables?.proactive.rows.licensing.decisions ?? null), view.members.map((m) => m.figures['proactive.licensing.decisions'] ?? null));
    });

    it('refuses outside the reach, counts what an agency-only role does not reach, and refuses a department', async () => {
      assert.equal((await rollup('town.admin', ids.pingan!)).statusCode, 403);
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${ids.pingan}/report-rollup?year=2025` });
      assert.equal(anonymous.statusCode, 401);
      const own = (await rollup('county.only', ids.pingan!)).json() as RollupView;
      assert.deepEqual([own.members.map((m) => m.name), own.outOfReach], [['平安县'], 5]);
      const dept = await rollup('county.office', ids['pingan-mzj']!);
      assert.equal(dept.statusCode, 400);
      assert.equal(dept.json().error.code, 'NOT_A_GOVERNMENT');
      assert.equal((await rollup('county.office', ids.pingan!, '&scope=city')).statusCode, 400);
    });
  });
}
