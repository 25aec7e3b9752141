import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { checkPublishedReport, parseReport } from '../../src/domain/report/index.ts';
import { readReportFile } from '../../src/exports/report/index.ts';

const seed = readFileSync(new URL('../fixtures/reports/changping-township-2025-annual-report.txt', import.meta.url), 'utf8');

for (const dialect of DIALECTS) {
  describe(`annual reports on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let township: number;
    let department: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      township = agencies.find((a) => a.code === 'changping')!.id;
      department = agencies.find((a) => a.code === 'pingan-mzj')!.id;
    });
    after(async () => t.close());

    it('builds 常平乡 2025 with the seed report’s figures and prose under the official headers', async () => {
      const view = (await admin.request('GET', `/api/v1/reports/2025?agencyId=${township}`)).json();
      assert.equal(view.status, 'published');
      assert.deepEqual(view.findings, []);
      // The portal's page has the site's header and column bar; its print version is the bare A4 document.
      const page = await t.app.inject({ method: 'GET', url: '/org/changping/annual-reports/2025' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<header class="site-header">[\s\S]*<article class="report-sheet"/);
      assert.match(page.body, /本报告电子版可在“常平乡人民政府政府信息公开专栏”/, 'the standard opening from the demo contacts');
      const html = await t.app.inject({ method: 'GET', url: '/org/changping/annual-reports/2025.html' });
      assert.equal(html.statusCode, 200);
      for (const header of ['本年制发件数', '本年废止件数', '现行有效件数', '总计', '申请人情况', '结果维持']) assert.ok(html.body.includes(header), header);
      const ours = parseReport((await readReportFile(html.rawPayload, 'r.html') as { input: { rows: string[][] } }).input);
      const theirs = parseReport(seed);
      assert.ok(ours.ok && theirs.ok);
      if (!ours.ok || !theirs.ok) return;
      for (const key of ['overview', 'problems', 'other'] as const) {
        assert.equal(ours.report.sections.find((s) => s.key === key)?.text, theirs.report.sections.find((s) => s.key === key)?.text, `section ${key} equals the seed`);
      }
      for (const table of ['proactive', 'requests', 'appeals'] as const) {
        for (const [row, cols] of Object.entries(theirs.report[table].rows as Record<string, Record<string, { value: number | null } | undefined>>)) {
          for (const [col, cell] of Object.entries(cols)) {
            if (!cell || cell.value === null) continue;
            assert.equal((ours.report[table].rows as Record<string, Record<string, { value: number | null }>>)[row]?.[col]?.value, cell.value, `${table}.${row}.${col}`);
          }
        }
      }
      const list = await t.app.inject({ method: 'GET', url: '/org/changping/open/annual-reports' });
      assert.match(list.body, /常平乡2025年政府信息公开工作年度报告/);
    });

    it('exports HTML, DOCX, XLSX and JSON that the checker reads back without a finding', async () => {
      for (const format of ['html', 'docx']) {
        const res = await admin.request('GET', `/api/v1/reports/2025/export?agencyId=${department}&format=${format}`);
        assert.equal(res.statusCode, 200);
        const read = await readReportFile(res.rawPayload, `r.${format}`);
        assert.ok(read.ok);
        if (!read.ok) return;
        const checked = checkPublishedReport(read.input);
        assert.ok(checked.ok);
        if (checked.ok) assert.deepEqual(checked.findings, [], format);
      }
      const xlsx = await admin.request('GET', `/api/v1/reports/2025/export?agencyId=${department}&format=xlsx`);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
      const json = (await admin.request('GET', `/api/v1/reports/2025/export?agencyId=${department}&format=json`)).json();
      assert.equal(json.schemaVersion, 1);
    });

    it('counts every request outcome and carry-over from the records, with drill-down', async () => {
      const view = (await admin.request('GET', `/api/v1/reports/2025?agencyId=${department}`)).json();
      const rows = view.report.requests.rows;
      assert.equal(rows.carried_in.total.value, 3);
      assert.equal(rows.carried_out.total.value, 3);
      assert.equal(rows.new.total.value + rows.carried_in.total.value, rows.closed_total.total.value + rows.carried_out.total.value);
      // Table 三 is counted in SQL: its drill-down reads one cell's requests on request.
      assert.equal(rows['withheld.third_party_rights'].natural_person.value, 1);
      const cell = (await admin.request('GET', `/api/v1/reports/2025/cells?agencyId=${department}&row=withheld.third_party_rights&col=natural_person`)).json();
      assert.equal(cell.ids.length, 1);
      assert.match(cell.ids[0], /^R\d+$/);
      assert.match(cell.queryCodes[cell.ids[0]], /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'the drill-down names requests by 查询码');
      const carried = (await admin.request('GET', `/api/v1/reports/2025/cells?agencyId=${department}&row=carried_out&col=total`)).json();
      assert.equal(carried.ids.length, 3);
      assert.equal((await admin.request('GET', `/api/v1/reports/2025/cells?agencyId=${department}&row=nonsense&col=total`)).statusCode, 400);
      assert.equal(view.report.proactive.rows.rules.inForce.value, 0);
      // The demo department has not set its 网址 and contacts: only the opening is flagged.
      assert.deepEqual(view.findings.map((f: { rule: string }) => f.rule), ['preamble.incomplete']);
    });

    it('refuses to publish a report whose prose contradicts its tables, and only the head publishes', async () => {
      const saved = await admin.request('PUT', `/api/v1/reports/2025/narrative?`, {
        agencyId: department,
        overview: '（二）依申请公开：本年度，未收到政府信息公开申请。',
        problems: '无',
        other: '2025年度本机关未收取政府信息公开信息处理费。',
      });
      assert.equal(saved.statusCode, 200);
      const check = await admin.request('POST', '/api/v1/reports/2025/check', { agencyId: department });
      assert.equal(check.statusCode, 409);
      assert.equal(check.json().error.code, 'REPORT_HAS_ERRORS');
      const publish = await admin.request('POST', '/api/v1/reports/2025/publish', { agencyId: department });
      assert.equal(publish.statusCode, 409);
      await admin.request('PUT', '/api/v1/reports/2025/narrative', {
        agencyId: department,
        overview: '（二）依申请公开：严格按照规定程序办理申请。',
        problems: '存在问题：无。',
        other: '依据《政府信息公开信息处理费管理办法》规定，2025年度本机关共收取政府信息公开信息处理费1100元。',
      });
      assert.equal((await admin.request('POST', '/api/v1/reports/2025/check', { agencyId: department })).statusCode, 200);
      const user = (await admin.request('POST', '/api/v1/users', { username: 'clerk.report', displayName: '报告员', agencyId: department, roles: ['clerk'] })).json();
      const clerk = await loginClient(t.app, 'clerk.report', user.oneTimePassword);
      assert.equal((await clerk.request('POST', '/api/v1/reports/2025/publish', { agencyId: department })).statusCode, 403);
      const published = await admin.request('POST', '/api/v1/reports/2025/publish', { agencyId: department });
      assert.equal(published.json().status, 'published');
      // The next year's report knows last year's figures and agrees with them.
      const next = (await admin.request('GET', `/api/v1/reports/2026?agencyId=${department}`)).json();
      assert.equal(next.report.previous.requestsCarriedOut, 3);
      assert.equal(next.report.requests.rows.carried_in.total.value, 3);
      assert.ok(!next.findings.some((f: { rule: string }) => f.rule.startsWith('continuity')));
    });

    it('checks a pasted report', async () => {
      const res = await admin.request('POST', '/api/v1/report-check', { text: seed });
      assert.deepEqual(res.json().findings.map((f: { rule: string }) => f.rule).sort(), ['template.header', 'template.missing-column']);
      const bad = await admin.request('POST', '/api/v1/report-check', { text: '你好' });
      assert.equal(bad.statusCode, 422);
    });
  });
}
