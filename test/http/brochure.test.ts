import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { qrSvg } from '../../src/views/channels/qr.ts';
import { withCell, type AnnualReport } from '../../src/domain/report/index.ts';

// Issue 11 item 3: the printable 宣传册 (decision 031). Its figures must equal the cells of the
// agency's published report as the portal's JSON download gives them.
const settings = {
  sponsor: '常平乡人民政府',
  organizer: '常平乡党政综合办公室',
  phone: '0558-1234567',
  email: 'gongkai@changping.example.gov.cn',
  address: '常平乡人民路 1 号',
  postcode: '236600',
  officeHours: '工作日 8:30—12:00，14:30—17:30',
};
const person = { name: '赵敏', post: '党政办副主任', phone: '13800138000', officePhone: '0871-1234567', email: 'gk@changping.gov.cn', since: '2025-01-01', until: null, isContact: true };

type Json = { tables: { requests: { rows: Record<string, { total: number | null }> }; appeals: { rows: Record<string, { total: number | null }> }; proactive: { rows: Record<string, Record<string, number | null>> } } };

const figure = (body: string, key: string): string | undefined => new RegExp(`data-figure="${key}">([^<]*)<`).exec(body)?.[1];

for (const dialect of DIALECTS) {
  describe(`the agency brochure (宣传册) on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      const guide = await admin.request('PUT', '/api/v1/portal-pages/guide', { agencyId, title: '常平乡人民政府信息公开指南', bodyHtml: '<p>受理机构为党政综合办公室。</p><script>alert(1)</script>' });
      assert.equal(guide.statusCode, 200, guide.body);
      assert.equal((await admin.request('PUT', `/api/v1/agencies/${agencyId}/site-settings`, settings)).statusCode, 200);
      const contact = await admin.request('POST', `/api/v1/agencies/${agencyId}/responsible-persons`, person);
      assert.equal(contact.statusCode, 201, contact.body);
      // The demo's published 2025 report counts nothing (all zeros), which would let a figure read
      // from the wrong cell pass: give its stored snapshot distinct numbers first.
      const row = await t.deps.db.selectFrom('annual_reports').select('snapshot_json').where('agency_id', '=', agencyId).where('year', '=', 2025).where('status', '=', 'published').executeTakeFirstOrThrow();
      let report = JSON.parse(row.snapshot_json!) as AnnualReport;
      const cells = [['requests', 'new', 'total'], ['requests', 'carried_in', 'total'], ['requests', 'closed_total', 'total'], ['requests', 'disclosed', 'total'], ['requests', 'partially_disclosed', 'total'], ['requests', 'carried_out', 'total'], ['appeals', 'reconsideration', 'total'], ['appeals', 'litigation_direct', 'total'], ['appeals', 'litigation_after_reconsideration', 'total'], ['proactive', 'rules', 'issued'], ['proactive', 'normative', 'issued']] as const;
      cells.forEach(([id, r, c], i) => (report = withCell(report, id, r, c, 3 + i * 4)));
      await t.deps.db.updateTable('annual_reports').set({ snapshot_json: JSON.stringify(report) }).where('agency_id', '=', agencyId).where('year', '=', 2025).execute();
    });
    after(async () => t.close());

    it('prints the published report’s figures for the year, cell by cell', async () => {
      const report = (await get('/org/changping/annual-reports/2025.json')).json() as Json;
      const res = await get('/org/changping/brochure?year=2025');
      assert.equal(res.statusCode, 200);
      const { requests, appeals, proactive } = report.tables;
      const expected: Record<string, number | null> = {
        new: requests.rows['new']!.total,
        carriedIn: requests.rows['carried_in']!.total,
        closed: requests.rows['closed_total']!.total,
        disclosed: requests.rows['disclosed']!.total,
        partiallyDisclosed: requests.rows['partially_disclosed']!.total,
        carriedOut: requests.rows['carried_out']!.total,
        reconsideration: appeals.rows['reconsideration']!.total,
        litigation: appeals.rows['litigation_direct']!.total! + appeals.rows['litigation_after_reconsideration']!.total!,
        rulesIssued: proactive.rows['rules']!['issued']!,
        normativeIssued: proactive.rows['normative']!['issued']!,
      };
      assert.equal(new Set(Object.values(expected)).size, 10, 'distinct figures, so a wrong cell cannot pass');
      for (const [key, value] of Object.entries(expected)) assert.equal(figure(res.body, key), `${value} 件`, key);
      assert.match(res.body, /2025年政府信息公开数据/);
      assert.match(res.body, /数据来源：[^<]*2025年政府信息公开工作年度报告/);
    });

    it('says plainly when the year has no published report, with no figures', async () => {
      const res = await get('/org/changping/brochure?year=2024');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /2024年政府信息公开工作年度报告尚未发布，暂无该年度数据/);
      assert.doesNotMatch(res.body, /data-figure=/);
    });

    it('has the guide (sanitized), the three ways to apply, contacts, and QR codes to the portal and the request form', async () => {
      const res = await get('/org/changping/brochure');
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.match(body, /<h2 id="b-guide">常平乡人民政府信息公开指南<\/h2>/);
      assert.match(body, /受理机构为党政综合办公室/);
      assert.doesNotMatch(body, /<script|<link|src="http/i, 'no scripts and no external resources');
      for (const way of ['网上申请', '信函申请', '当面申请']) assert.match(body, new RegExp(way));
      for (const text of ['常平乡人民路 1 号（邮编 236600）', '0558-1234567', '工作日 8:30—12:00，14:30—17:30', 'gongkai@changping.example.gov.cn', '赵敏，党政办副主任', '0871-1234567']) assert.ok(body.includes(text), text);
      assert.doesNotMatch(body, /13800138000/, 'the contact’s internal phone stays private');
      const urls = [...body.matchAll(/<div class="url">([^<]+)<\/div>/g)].map((m) => m[1]!);
      assert.equal(urls.length, 2);
      assert.match(urls[0]!, /^https?:\/\/[^/]+\/org\/changping\/$/);
      assert.equal(urls[1], `${urls[0]}open/request`);
      // Each code encodes the URL printed under it.
      const agencyName = /<h1>([^<]+)<\/h1>/.exec(body)![1]!;
      assert.ok(body.includes(qrSvg(urls[0]!, '30mm', `${agencyName}门户网站二维码`)), 'portal QR');
      assert.ok(body.includes(qrSvg(urls[1]!, '30mm', `${agencyName}网上申请二维码`)), 'request-form QR');
      assert.match(body, /@page \{ size: A4;/);
      // The default year is the latest published report's.
      assert.match(body, /2025年政府信息公开数据/);
    });

    it('prints on A5 with smaller codes', async () => {
      const res = await get('/org/changping/brochure?size=a5&year=2025');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /@page \{ size: A5;/);
      assert.match(res.body, /width="24mm" height="24mm"/);
    });

    it('refuses a bad year or size with a Chinese 400 page, and an unknown agency with 404', async () => {
      for (const [query, message] of [
        ['year=20x5', /年度须为 2008 至 2026 之间的四位年份/],
        ['year=2027', /年度须为/],
        ['year=1999', /年度须为/],
        ['size=a3', /纸张规格须为 a4 或 a5/],
        ['year=2025&size=letter', /纸张规格须为/],
      ] as const) {
        const res = await get(`/org/changping/brochure?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.match(res.body, message, query);
        assert.match(res.headers['content-type'] as string, /text\/html/);
      }
      assert.equal((await get('/org/no-such-agency/brochure')).statusCode, 404);
    });

    it('is linked from the 公开指南 page and the 网站地图', async () => {
      assert.match((await get('/org/changping/open/guide')).body, /href="\/org\/changping\/brochure"/);
      assert.match((await get('/org/changping/sitemap')).body, /href="\/org\/changping\/brochure"/);
    });
  });
}
