/**
 * The workspace's check of a superior's subordinates (issue 13, item 4): a county office with a
 * 本机关及下级 role gets one line per agency below 平安县 — 常平乡's published report read back
 * through the same reader and checker as the CLI's batch, the others 未发布 — and the same
 * workbook as `gongkai report check --xlsx`; uploads for subordinates without a published report
 * are checked (DOCX through the parse worker) and refused for anyone else.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { REPORT, asDocx } from '../exports/report/variants.ts';

const C08 = readFileSync(new URL('../fixtures/reports/collected/c08_mutaxiang_dongzhi_2024.txt', import.meta.url));

interface Line {
  agencyId: number;
  name: string;
  depth: number;
  status: string;
  statusLabel: string;
  fileName: string | null;
  errors: number | null;
  warnings: number | null;
  message: string | null;
  readAgency: string | null;
  readYear: number | null;
  findings: { rule: string; ruleTitle: string; severity: string; message: string }[];
}

/** A multipart body with one file per field, as the workspace's FormData sends it. */
async function form(files: { field: string; name: string; data: Buffer | string }[]) {
  const fd = new FormData();
  for (const f of files) fd.append(f.field, new Blob([typeof f.data === 'string' ? f.data : new Uint8Array(f.data)]), f.name);
  const encoded = new Response(fd);
  return { 'content-type': encoded.headers.get('content-type')!, payload: Buffer.from(await encoded.arrayBuffer()) };
}

for (const dialect of DIALECTS) {
  describe(`report check of subordinates on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    const ids: Record<string, number> = {};
    const users: Record<string, Client> = {};

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      const make = async (username: string, agencyId: number, role: string, scope: 'agency' | 'subtree') => {
        const created = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId, roles: [role] });
        assert.equal(created.statusCode, 201, created.body);
        if (scope === 'subtree') assert.equal((await operator.request('PUT', `/api/v1/users/${created.json().user.id}/roles`, { agencyId, roles: [role], scope })).statusCode, 200);
        users[username] = await loginClient(t.app, username, created.json().oneTimePassword);
      };
      await make('county.clerk', ids.pingan!, 'clerk', 'subtree');
      await make('county.reviewer', ids.pingan!, 'reviewer', 'subtree');
      await make('county.head.here', ids.pingan!, 'head', 'agency');
      await make('town.admin', ids.changping!, 'admin', 'agency');
    });
    after(async () => t.close());

    const post = (who: string, agencyId: number, body: unknown, query = '') => users[who]!.request('POST', `/api/v1/agencies/${agencyId}/report-check/subordinates${query}`, body);
    const upload = async (who: string, agencyId: number, year: number, files: Parameters<typeof form>[0], query = '') => {
      const { payload, ...headers } = await form(files);
      return t.app.inject({ method: 'POST', url: `/api/v1/agencies/${agencyId}/report-check/subordinates/uploads?year=${year}${query}`, headers: { ...headers, cookie: users[who]!.cookie, 'x-csrf-token': users[who]!.csrf }, payload });
    };

    it('gives one line per agency below the county: the published report checked, the others 未发布', async () => {
      const res = await post('county.clerk', ids.pingan!, { year: 2025 });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { agencyName: string; year: number; lines: Line[]; summary: Record<string, number> };
      assert.equal(body.agencyName, '平安县');
      assert.deepEqual(body.lines.map((l) => [l.name, l.depth, l.statusLabel]), [
        ['常平乡', 1, '已发布'],
        ['平安县民政局', 1, '未发布'],
        ['青石镇', 1, '未发布'],
        ['柳河乡', 1, '未发布'],
      ]);
      const changping = body.lines[0]!;
      // Read back from the page the portal publishes: the agency and year come from its title.
      assert.deepEqual([changping.readAgency, changping.readYear], ['常平乡', 2025]);
      assert.equal(changping.errors, changping.findings.filter((f) => f.severity === 'error').length);
      assert.equal(changping.errors, 0, JSON.stringify(changping.findings));
      for (const f of changping.findings) assert.ok(f.ruleTitle && f.message);
      const draft = body.lines[1]!;
      assert.deepEqual([draft.errors, draft.warnings, draft.message], [null, null, '2025年度报告未在本平台发布，也未上传'], 'a draft is not published');
      assert.deepEqual(body.summary, { agencies: 4, published: 1, uploaded: 0, unpublished: 3, withErrors: 0, unreadable: 0 });
      assert.equal((res.json() as { outOfReach: number }).outOfReach, 0);
    });

    it('writes the same workbook as the batch check of the CLI', async () => {
      const res = await post('county.clerk', ids.pingan!, { year: 2025 }, '?format=xlsx');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /平安县下级机关2025年度报告检查\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const summary = book.getWorksheet('汇总')!;
      assert.equal(summary.getRow(1).getCell(1).value, '下级机关');
      const rows = [2, 3, 4, 5].map((n) => [summary.getRow(n).getCell(1).value, summary.getRow(n).getCell(6).value]);
      assert.deepEqual(rows, [['常平乡（已发布）', ''], ['平安县民政局', '未发布'], ['青石镇', '未发布'], ['柳河乡', '未发布']]);
      // A sheet for the report that was read; none for those with nothing to read.
      assert.ok(book.getWorksheet('常平乡（已发布）'));
      assert.equal(book.worksheets.filter((s) => s.name.startsWith('青石镇')).length, 0);
    });

    it('checks files uploaded for subordinates without a published report, DOCX in the parse worker', async () => {
      const res = await upload('county.clerk', ids.pingan!, 2024, [
        { field: `agency-${ids.qingshi}`, name: '青石镇2024年报.docx', data: await asDocx(REPORT) },
        { field: `agency-${ids.liuhe}`, name: '柳河乡.txt', data: C08 },
        { field: `agency-${ids['pingan-mzj']}`, name: '民政局.pdf', data: '不是PDF' },
      ]);
      assert.equal(res.statusCode, 200, res.body);
      const lines = (res.json() as { lines: Line[] }).lines;
      const by = (name: string) => lines.find((l) => l.name === name)!;
      assert.deepEqual([by('常平乡').statusLabel, by('青石镇').statusLabel, by('柳河乡').statusLabel], ['未发布', '已上传', '已上传'], '常平乡 published 2025, not 2024');
      assert.equal(by('青石镇').fileName, '青石镇2024年报.docx');
      assert.notEqual(by('青石镇').errors, null, 'the DOCX was read and checked');
      // The collected report of 木塔乡 is read as 木塔乡's, whoever uploaded it.
      assert.deepEqual([by('柳河乡').readAgency, by('柳河乡').readYear], ['木塔乡人民政府', 2024]);
      const unreadable = by('平安县民政局');
      assert.deepEqual([unreadable.statusLabel, unreadable.errors], ['已上传', null]);
      assert.match(unreadable.message!, /未识别出政府信息公开工作年度报告/);
    });

    it('refuses uploads for a published report, a second file for one agency, an agency not below, and a wrong field', async () => {
      const published = await upload('county.clerk', ids.pingan!, 2025, [{ field: `agency-${ids.changping}`, name: 'a.txt', data: C08 }]);
      assert.deepEqual([published.statusCode, published.json().error.code], [409, 'REPORT_ALREADY_PUBLISHED']);
      assert.match(published.json().error.message, /常平乡的2025年度报告已在本平台发布/);
      const twice = await upload('county.clerk', ids.pingan!, 2025, [
        { field: `agency-${ids.qingshi}`, name: 'a.txt', data: C08 },
        { field: `agency-${ids.qingshi}`, name: 'b.txt', data: C08 },
      ]);
      assert.deepEqual([twice.statusCode, twice.json().error.code], [400, 'DUPLICATE_UPLOAD']);
      const self = await upload('county.clerk', ids.pingan!, 2025, [{ field: `agency-${ids.pingan}`, name: 'a.txt', data: C08 }]);
      assert.deepEqual([self.statusCode, self.json().error.code], [400, 'NOT_A_SUBORDINATE']);
      const field = await upload('county.clerk', ids.pingan!, 2025, [{ field: 'file', name: 'a.txt', data: C08 }]);
      assert.deepEqual([field.statusCode, field.json().error.code], [400, 'VALIDATION_FAILED']);
      assert.match(field.json().error.message, /agency-机关编号/);
      const json = await users['county.clerk']!.request('POST', `/api/v1/agencies/${ids.pingan}/report-check/subordinates/uploads?year=2025`, { year: 2025 });
      assert.deepEqual([json.statusCode, json.json().error.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
      const badYear = await post('county.clerk', ids.pingan!, { year: 1999 });
      assert.equal(badYear.statusCode, 400);
    });

    it('is for the office roles with 本机关及下级 only', async () => {
      const reviewer = await post('county.reviewer', ids.pingan!, { year: 2025 });
      assert.deepEqual([reviewer.statusCode, reviewer.json().error.code], [403, 'FORBIDDEN']);
      const here = await post('county.head.here', ids.pingan!, { year: 2025 });
      assert.deepEqual([here.statusCode, here.json().lines, here.json().outOfReach], [200, [], 4], 'a head of the county alone reaches no subordinate');
      const notHere = await upload('county.head.here', ids.pingan!, 2025, [{ field: `agency-${ids.qingshi}`, name: 'a.txt', data: C08 }]);
      assert.deepEqual([notHere.statusCode, notHere.json().error.code], [400, 'NOT_A_SUBORDINATE']);
      const town = await post('town.admin', ids.pingan!, { year: 2025 });
      assert.equal(town.statusCode, 403, 'a township cannot review its county');
      const none = await post('town.admin', ids.changping!, { year: 2025 });
      assert.deepEqual([none.statusCode, none.json().lines], [200, []], 'a township has no subordinates');
      const foreign = await upload('town.admin', ids.pingan!, 2025, [{ field: `agency-${ids.qingshi}`, name: 'a.txt', data: C08 }]);
      assert.equal(foreign.statusCode, 403, 'refused before the file is read');
    });
  });
}
