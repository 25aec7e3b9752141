/**
 * Upload routes check the caller before reading the body, and ordinary files still go through
 * the parse worker (services/untrusted). `untrustedParsesStarted()` counts parses handed to the
 * worker pool in this process: an unchanged count proves a request parsed nothing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { untrustedParsesStarted } from '../../src/services/untrusted/pool.ts';
import { DOCX_BODY_ID, PDF_ID, XLSX_HIDDEN_PHONE, makeDocx, makePdf, makeXlsx } from '../fixtures/attachments/generate.ts';

/** A year's Art. 20 table as a clerk would fill it in. */
async function makeArt20Xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2025年');
  sheet.addRow(['月份', '行政许可', '行政处罚', '行政强制', '行政事业性收费（元）']);
  for (let month = 1; month <= 12; month++) sheet.addRow([`${month}月`, month, 0, 1, 100.5]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const chinese = /[\u4e00-\u9fff]/;

/** Signs in, replacing a one-time password first (nothing else is open until then). */
async function signIn(t: TestApp, username: string, password: string): Promise<Client> {
  const client = await loginClient(t.app, username, password);
  const session = (await client.request('GET', '/api/v1/auth/session')).json();
  if (session.user?.mustChangePassword !== false) {
    const changed = await client.request('POST', '/api/v1/auth/change-password', { currentPassword: password, newPassword: `${username}-Gongkai-2025!` });
    assert.equal(changed.statusCode, 200, changed.body);
  }
  return client;
}

for (const dialect of DIALECTS) {
  describe(`uploads on ${dialect}: the caller is checked before the body is read`, () => {
    let t: TestApp;
    let admin: Client;
    let outsider: Client;
    let changping: number;
    let pingan: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await signIn(t, t.admin.username, t.admin.password);
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      changping = agencies.find((a) => a.code === 'changping')!.id;
      pingan = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      // Admin created the demo agencies with every role in both; this clerk works for 平安县民政局 only.
      const created = await admin.request('POST', '/api/v1/users', { username: 'li.si', displayName: '李四', agencyId: pingan, roles: ['clerk'] });
      assert.equal(created.statusCode, 201, created.body);
      outsider = await signIn(t, 'li.si', created.json().oneTimePassword);
    });
    after(async () => t.close());

    const upload = (client: Client | null, url: string, data: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { 'content-type': 'application/octet-stream', ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {}) },
        payload: data,
      });

    it('art20 import by a clerk of another agency: 403 and nothing parsed; in his own agency it imports', async () => {
      const xlsx = await makeArt20Xlsx();
      const parses = untrustedParsesStarted();
      const refused = await upload(outsider, `/art20-statistics/import?agencyId=${changping}&year=2025`, xlsx);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().error.code, 'FORBIDDEN');
      assert.match(refused.json().error.message, chinese);
      assert.equal(untrustedParsesStarted(), parses, 'the file was not parsed');

      const own = await upload(outsider, `/art20-statistics/import?agencyId=${pingan}&year=2025`, xlsx);
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().imported, 48);
      assert.equal(untrustedParsesStarted(), parses + 1, 'the counter does count parses');
      const stats = (await outsider.request('GET', `/api/v1/art20-statistics?agencyId=${pingan}&year=2025`)).json();
      assert.deepEqual(stats.totals, { license: 78, penalty: 0, enforcement: 12, fee: 1206 });
    });

    it('no session: 401 on every upload route, nothing parsed', async () => {
      const doc = (await admin.request('POST', '/api/v1/documents', { agencyId: changping, title: '无会话上传', bodyHtml: '<p>x</p>' })).json();
      const parses = untrustedParsesStarted();
      for (const url of [`/art20-statistics/import?agencyId=${changping}&year=2025`, `/documents/${doc.id}/attachments?name=a.docx`, '/report-check/file?name=a.docx']) {
        const res = await upload(null, url, await makeDocx());
        assert.equal(res.statusCode, 401, `${url}: ${res.body}`);
        assert.equal(res.json().error.code, 'UNAUTHENTICATED');
      }
      assert.equal(untrustedParsesStarted(), parses);
    });

    it('an attachment to another agency’s document (403), to a document under review (409) or to none (404): nothing parsed', async () => {
      const doc = (await admin.request('POST', '/api/v1/documents', { agencyId: changping, title: '附件权限', bodyHtml: '<p>见附件</p>', categoryCode: 'art20-11', writtenAt: '2025-03-01' })).json();
      const docx = await makeDocx();
      const parses = untrustedParsesStarted();
      const foreign = await upload(outsider, `/documents/${doc.id}/attachments?name=a.docx`, docx);
      assert.equal(foreign.statusCode, 403, foreign.body);
      assert.match(foreign.json().error.message, /不是该机构的工作人员/);
      assert.equal((await upload(admin, `/documents/999999/attachments?name=a.docx`, docx)).statusCode, 404);
      const bad = await upload(admin, `/documents/abc/attachments?name=a.docx`, docx);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.json().error.message, chinese);
      assert.equal((await admin.request('POST', `/api/v1/documents/${doc.id}/transitions`, { action: 'submit' })).statusCode, 200);
      const locked = await upload(admin, `/documents/${doc.id}/attachments?name=a.docx`, docx);
      assert.equal(locked.statusCode, 409, locked.body);
      assert.equal(locked.json().error.code, 'DOCUMENT_LOCKED');
      assert.equal(untrustedParsesStarted(), parses);
    });

    it('ordinary DOCX, XLSX and PDF attachments are accepted and their text scanned', async () => {
      const doc = (await admin.request('POST', '/api/v1/documents', { agencyId: changping, title: '三种附件', bodyHtml: '<p>见附件</p>' })).json();
      for (const [name, data] of [['名单.docx', await makeDocx()], ['名单.xlsx', await makeXlsx()], ['通知.pdf', makePdf()]] as const) {
        const res = await upload(admin, `/documents/${doc.id}/attachments?name=${encodeURIComponent(name)}`, data);
        assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
        assert.equal(res.json().warning, null, name);
      }
      const detail = (await admin.request('GET', `/api/v1/documents/${doc.id}`)).json();
      const found = (detail.scanHits as { source: string }[]).map((h) => h.source);
      for (const source of ['附件：名单.docx', '附件：名单.xlsx', '附件：通知.pdf']) assert.ok(found.includes(source), `${source} in ${found.join('、')}`);
      const text = JSON.stringify(detail);
      for (const planted of [DOCX_BODY_ID, PDF_ID, XLSX_HIDDEN_PHONE]) assert.ok(!text.includes(planted), 'findings are masked');
    });

    it('the checker reads a DOCX report exported by the system', async () => {
      const exported = await t.app.inject({ method: 'GET', url: `/api/v1/reports/2025/export?agencyId=${changping}&format=docx`, headers: { cookie: admin.cookie } });
      assert.equal(exported.statusCode, 200, exported.body);
      const checked = await upload(outsider, '/report-check/file?name=report.docx', exported.rawPayload);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.equal(checked.json().agency, '常平乡');
      const notDocx = await upload(outsider, '/report-check/file?name=table.docx', await makeXlsx());
      assert.equal(notDocx.statusCode, 422);
      assert.equal(notDocx.json().error.code, 'NOT_A_REPORT');
    });
  });
}
