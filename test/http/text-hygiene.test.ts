import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { importDocuments } from '../../src/services/legacy-import.ts';
import { idNumberCheckChar } from '../../src/domain/scan/index.ts';

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** "低保\u202E细明放发金资" displays as "低保资金发放明细" reversed: what the security test planted. */
const RLO = '\u202e';
const bidiText = (s: string) => `${s}${RLO}细明放发\u2066金资\u2069\u202c`;
const plantedId = (() => {
  const first17 = '11010519800101123';
  return first17 + idNumberCheckChar(first17);
})();

for (const dialect of DIALECTS) {
  describe(`bidi controls in stored text on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const rowsOf = async (table: 'requests' | 'request_events' | 'documents' | 'users' | 'audit_log') => JSON.stringify(await t.handle.db.selectFrom(table).selectAll().execute());
    /** The stored rows that still hold a bidi control (none expected), shown when a test fails. */
    const withBidi = async (table: Parameters<typeof rowsOf>[0]) =>
      ((await t.handle.db.selectFrom(table).selectAll().execute()) as object[]).map((r) => JSON.stringify(r)).filter((r) => BIDI.test(r));

    it('a request from the API and from the portal form is stored without them', async () => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        payload: {
          applicant: { type: 'natural_person', name: `张${RLO}三丰`, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000', address: bidiText('城关镇') },
          description: bidiText('2024年低保'),
          purpose: bidiText('核对'),
          requestedForm: 'electronic',
          delivery: 'email',
          captchaToken: captcha.token,
          captchaAnswer: solveCaptcha(captcha.question),
        },
      });
      assert.equal(api.statusCode, 201, api.body);
      const form = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      const question = /<label for="f-captcha">([^<]+)</.exec(form.body)![1]!;
      const token = /name="captchaToken" value="([^"]+)"/.exec(form.body)![1]!;
      const posted = await t.app.inject({
        method: 'POST',
        url: '/org/changping/open/request',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          applicantType: 'natural_person',
          applicantName: `李${RLO}四`,
          idType: 'resident_id',
          idNumber: '11010519491231002X',
          phone: '13800138000',
          description: bidiText('扶贫项目'),
          requestedForm: 'electronic',
          delivery: 'email',
          captchaToken: token,
          captchaAnswer: solveCaptcha(question),
        }).toString(),
      });
      assert.equal(posted.statusCode, 201, posted.body);
      assert.deepEqual(await withBidi('requests'), []);
      const stored = await rowsOf('requests');
      for (const text of ['张三丰', '李四', '2024年低保细明放发金资', '扶贫项目细明放发金资', '城关镇细明放发金资']) assert.ok(stored.includes(text), text);
      assert.deepEqual(await withBidi('request_events'), []);
    });

    it('document titles and bodies lose them before the leak scan, so a split ID number is still caught', async () => {
      const [head, tail] = [plantedId.slice(0, 9), plantedId.slice(9)];
      const res = await admin.request('POST', '/api/v1/documents', {
        agencyId,
        title: bidiText('关于低保的公示'),
        bodyHtml: `<p>身份证号 ${head}${RLO}${tail}</p><p>${bidiText('正文')}</p>`,
        categoryCode: 'art20-11',
        writtenAt: '2025-03-01',
      });
      assert.equal(res.statusCode, 201, res.body);
      const doc = res.json();
      assert.equal(doc.scanHits.length, 1, 'the ID number split by U+202E is found');
      assert.equal(doc.scanHits[0].kind, 'id_number');
      const updated = await admin.request('PUT', `/api/v1/documents/${doc.id}`, { title: `更正${RLO}后的标题`, categoryCode: 'art20-11', writtenAt: '2025-03-01', bodyHtml: `<p>${bidiText('更正')}</p>` });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.deepEqual(await withBidi('documents'), []);
      assert.ok((await rowsOf('documents')).includes('更正后的标题'));
      assert.deepEqual(await withBidi('audit_log'), [], 'nor in the audit entries that copy the input');
    });

    it('user names lose them', async () => {
      const created = await admin.request('POST', '/api/v1/users', { username: 'wang.wu', displayName: `王${RLO}五`, agencyId, roles: ['clerk'] });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().user.displayName, '王五');
      assert.deepEqual(await withBidi('users'), []);
    });

    it('legacy imports lose them too', async () => {
      const line = JSON.stringify({ title: bidiText('历史文件'), bodyText: bidiText('旧正文'), publishedAt: '2020-05-01', issuer: `常平${RLO}乡` });
      const summary = await importDocuments(t.deps, agencyId, [line]);
      assert.equal(summary.imported, 1, JSON.stringify(summary.errors));
      assert.deepEqual(await withBidi('documents'), []);
      assert.ok((await rowsOf('documents')).includes('历史文件细明放发金资'));
    });
  });
}
