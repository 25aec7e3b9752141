/**
 * The leak scan's wider reach seen through a document (issue 18, item 4): a suspect ID and an ID
 * in groups become findings that block review, and no stored finding carries a number in full.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { idNumberCheckChar } from '../../src/domain/scan/index.ts';

const first17 = '11010119900307777';
const ID = first17 + idNumberCheckChar(first17);
const BAD = first17 + (ID.endsWith('0') ? '1' : '0');
const GROUPED = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
const MOBILE = '13912345678';

for (const dialect of DIALECTS) {
  describe(`leak scan reach on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
    });
    after(async () => t.close());

    it('flags a suspect ID and a grouped ID, masked in the finding and in every context', async () => {
      const agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      const bodyHtml = `<p>申请人甲，身份证号${BAD}，电话${MOBILE}。</p><p>申请人乙，${GROUPED}，住某村。</p>`;
      const res = await admin.request('POST', '/api/v1/documents', { agencyId, title: '公示', bodyHtml, categoryCode: 'art20-11', writtenAt: '2025-03-01' });
      assert.equal(res.statusCode, 201, res.body);
      const hits = res.json().scanHits as { kind: string; masked: string; context: string; message: string }[];
      assert.deepEqual(hits.map((h) => h.kind).sort(), ['id_number', 'id_number_suspect', 'mobile']);
      const suspect = hits.find((h) => h.kind === 'id_number_suspect')!;
      assert.equal(suspect.masked, `${BAD.slice(0, 6)}********${BAD.slice(14)}`);
      assert.match(suspect.message, /^疑似公民身份号码（校验位不符/);
      const stored = JSON.stringify(hits);
      for (const n of [BAD, ID, MOBILE, GROUPED, ID.slice(6, 14)]) assert.ok(!stored.includes(n), `${n} in ${stored}`);
      assert.equal(res.json().unresolvedHits, 3);
    });
  });
}
