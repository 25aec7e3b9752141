import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/** Issue 18 item 9: a notice carries a 文号 when the agency sets a 代字, one sequence a year, never renumbered. */
const number = (html: string): string | null => /<p class="doc-number">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

for (const dialect of DIALECTS) {
  describe(`notice numbers on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let deptId: number;
    let requests: { id: number; outcome: string | null }[];
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      deptId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'pingan-mzj').id;
      requests = (await admin.request('GET', `/api/v1/requests?agencyId=${deptId}&pageSize=100`)).json().items;
    });
    after(async () => t.close());

    const notice = async (id: number, kind: string, format = 'html') => {
      const res = await admin.request('GET', `/api/v1/requests/${id}/notices/${kind}?format=${format}`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      return res;
    };
    const replied = () => requests.filter((r) => r.outcome !== null);

    it('carries no 文号 while none is configured', async () => {
      assert.equal(number((await notice(replied()[0]!.id, 'reply')).body), null);
    });

    it('numbers notices 代字〔年〕号 in the order first issued, and keeps each number', async () => {
      const set = await admin.request('PUT', `/api/v1/agencies/${deptId}/notice-settings`, { docNumberPrefix: '平民信公' });
      assert.equal(set.statusCode, 200, set.body);
      const [a, b] = replied();
      assert.ok(a && b, 'the demo department has two answered requests');
      const yearOf = async (id: number) => {
        const detail = (await admin.request('GET', `/api/v1/requests/${id}`)).json();
        return (detail.timeline as { type: string; date: string }[]).filter((e) => e.type === 'replied').at(-1)!.date.slice(0, 4);
      };
      const first = number((await notice(a.id, 'reply')).body);
      const second = number((await notice(b.id, 'reply')).body);
      const [ya, yb] = [await yearOf(a.id), await yearOf(b.id)];
      assert.equal(first, `平民信公〔${ya}〕1号`);
      assert.equal(second, ya === yb ? `平民信公〔${yb}〕2号` : `平民信公〔${yb}〕1号`, 'one sequence per year');
      assert.equal(number((await notice(a.id, 'reply')).body), first, 'issued again, the same number');
      const docx = await notice(a.id, 'reply', 'docx');
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

      // Changing the 代字 later does not renumber what was issued.
      await admin.request('PUT', `/api/v1/agencies/${deptId}/notice-settings`, { docNumberPrefix: '平民公开' });
      assert.equal(number((await notice(a.id, 'reply')).body), first);
      const stored = await t.deps.db.selectFrom('notice_numbers').select(['seq', 'doc_number', 'kind']).where('agency_id', '=', deptId).orderBy('seq').execute();
      assert.deepEqual(stored.map((r) => r.doc_number).sort(), [first, second].sort());
    });

    it('uses up no number on a notice refused for missing settings', async () => {
      const [, , c] = replied();
      assert.ok(c, 'a third answered request');
      const before = await t.deps.db.selectFrom('notice_numbers').select('seq').where('agency_id', '=', deptId).execute();
      await admin.request('PUT', `/api/v1/agencies/${deptId}/notice-settings`, { reconsiderationBody: '' });
      const refused = await admin.request('GET', `/api/v1/requests/${c.id}/notices/reply?format=html`);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'NOTICE_INCOMPLETE');
      const after = await t.deps.db.selectFrom('notice_numbers').select('seq').where('agency_id', '=', deptId).execute();
      assert.equal(after.length, before.length);
    });
  });
}
