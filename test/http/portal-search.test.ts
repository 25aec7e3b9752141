import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

// Issue 18 item 5: what citizens type finds documents by their 文号 and 索引号, and the
// agency's published annual report and 公开指南 appear in the site search.
for (const dialect of DIALECTS) {
  describe(`portal search reaches metadata, reports and the guide on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      const created = await admin.request('POST', '/api/v1/documents', {
        agencyId,
        title: '关于调整城乡低保标准的通知',
        docNo: '常政〔2026〕18号',
        issuer: '常平乡民政办',
        categoryCode: 'art20-11',
        writtenAt: '2026-03-01',
        bodyHtml: '<p>各村：现将有关事项通知如下。</p>',
      });
      assert.equal(created.statusCode, 201, created.body);
      const doc = created.json();
      const steps = [{ action: 'submit' }, { action: 'review', checklist: { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意' } }, { action: 'approve' }, { action: 'publish' }];
      for (const step of steps) assert.equal((await admin.request('POST', `/api/v1/documents/${doc.id}/transitions`, step)).statusCode, 200);
      const guide = await admin.request('PUT', '/api/v1/portal-pages/guide', { agencyId, title: '常平乡人民政府信息公开指南', bodyHtml: '<p>申请人可以通过信函、传真或者当面提交申请，受理机构为党政综合办公室。</p>' });
      assert.equal(guide.statusCode, 200, guide.body);
    });
    after(async () => t.close());

    const search = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/org/changping/search?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200);
      return res.body;
    };

    it('finds a document by its 文号, part of it, its 索引号 and its issuer', async () => {
      const indexNo = (await admin.request('GET', `/api/v1/documents?agencyId=${agencyId}`)).json().items.find((d: { title: string }) => d.title === '关于调整城乡低保标准的通知').indexNo;
      assert.ok(indexNo, 'the document has an 索引号');
      for (const q of ['常政〔2026〕18号', '18号', indexNo, '常平乡民政办']) assert.match(await search(q), /关于调整城乡<mark>|关于调整城乡低保标准的通知/, q);
      assert.doesNotMatch(await search('19号'), /关于调整城乡低保标准的通知/);
    });

    it('lists the published annual report and the 公开指南 above the documents, linked', async () => {
      // Words of the demo 2025 report's narrative (published by the demo data).
      const report = await search('乡村振兴 新媒体');
      assert.match(report, /年度报告与公开指南/);
      assert.match(report, /href="\/org\/changping\/annual-reports\/2025"/);
      const guide = await search('党政综合办公室');
      assert.match(guide, /href="\/org\/changping\/open\/guide"/);
      assert.match(guide, /政府信息公开指南/);
      // Filtered to a document category, only documents are searched.
      const filtered = await t.app.inject({ method: 'GET', url: `/org/changping/search?q=${encodeURIComponent('党政综合办公室')}&category=art20-11` });
      assert.doesNotMatch(filtered.body, /年度报告与公开指南/);
      assert.doesNotMatch(await search('这段文字不在任何页面'), /年度报告与公开指南/);
    });
  });
}
