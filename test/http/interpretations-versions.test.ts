import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Client, TestApp } from '../helpers/app.ts';
import { checklist, interpretationsApp } from './interpretations-setup.ts';
import { DIALECTS } from '../helpers/db.ts';


for (const dialect of DIALECTS) {
  describe(`退回 reasons and revised versions on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let clerk: Client;
    let reviewer: Client;
    let agencyId: number;
    before(async () => {
      ({ t, admin, clerk, reviewer, agencyId } = await interpretationsApp(dialect, { clerk: ['v.clerk', '赵信息员'], reviewer: ['v.reviewer', '钱审核'] }));
    });
    after(async () => t.close());

    const body = { title: '常平乡2026年秋季森林防火通告', bodyHtml: '<p>进入防火期，严禁野外用火。</p>', categoryCode: 'art20-12', writtenAt: '2026-11-02' };
    const move = (who: Client, id: number, b: object) => who.request('POST', `/api/v1/documents/${id}/transitions`, b);

    it("keeps a reviewer's 退回 reason on the draft until it is submitted again", async () => {
      const doc = (await clerk.request('POST', '/api/v1/documents', { agencyId, ...body })).json();
      assert.equal(doc.returned, null);
      assert.equal((await move(clerk, doc.id, { action: 'submit' })).statusCode, 200);
      const back = await move(reviewer, doc.id, { action: 'reject', reason: '请补充防火期起止日期' });
      assert.equal(back.statusCode, 200, back.body);
      const seen = (await clerk.request('GET', `/api/v1/documents/${doc.id}`)).json();
      assert.equal(seen.status, 'draft');
      assert.deepEqual({ reason: seen.returned.reason, by: seen.returned.by }, { reason: '请补充防火期起止日期', by: '钱审核' });
      // Still there after an edit: it goes only when the draft is submitted again.
      const edited = await clerk.request('PUT', `/api/v1/documents/${doc.id}`, { ...body, bodyHtml: '<p>防火期为11月1日至次年4月30日。</p>' });
      assert.equal(edited.json().returned.reason, '请补充防火期起止日期');
      assert.equal((await move(clerk, doc.id, { action: 'submit' })).statusCode, 200);
      assert.equal((await clerk.request('GET', `/api/v1/documents/${doc.id}`)).json().returned, null);
    });

    it('revises a withdrawn document as a new version that is reviewed again, and the portal links both', async () => {
      const first = (await admin.request('POST', '/api/v1/documents', { agencyId, ...body, title: '常平乡殡葬管理暂行规定', docKind: 'normative' })).json();
      assert.equal((await admin.request('PUT', `/api/v1/documents/${first.id}/interpretation-exemption`, { reason: '转发上级规定，无新增内容' })).statusCode, 200);
      for (const b of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) assert.equal((await move(admin, first.id, b)).statusCode, 200);
      assert.equal((await clerk.request('POST', `/api/v1/documents/${first.id}/revisions`)).json().error.code, 'WORKFLOW_REFUSED', 'only a withdrawn document is revised');
      assert.equal((await move(admin, first.id, { action: 'withdraw', reason: '第五条与上级规定不一致' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: `/org/changping/documents/${first.id}` })).statusCode, 404, 'no page while no revision exists');
      assert.equal((await reviewer.request('POST', `/api/v1/documents/${first.id}/revisions`)).statusCode, 403);
      const res = await clerk.request('POST', `/api/v1/documents/${first.id}/revisions`);
      assert.equal(res.statusCode, 201, res.body);
      const second = res.json();
      assert.equal(second.status, 'draft');
      assert.equal(second.version, 2);
      assert.equal(second.indexNo, `${first.indexNo}-v2`);
      assert.equal(second.previousVersion.id, first.id);
      assert.equal(second.exemption, null, 'the new version needs its own 解读 or exemption');
      assert.equal((await clerk.request('POST', `/api/v1/documents/${first.id}/revisions`)).json().error.code, 'REVISION_EXISTS');
      assert.equal((await admin.request('GET', `/api/v1/documents/${first.id}`)).json().nextVersion.id, second.id);
      const earlier = await t.app.inject({ method: 'GET', url: `/org/changping/documents/${first.id}` });
      assert.equal(earlier.statusCode, 200);
      assert.match(earlier.body, /撤回说明：第五条与上级规定不一致/);
      assert.match(earlier.body, /修订后的版本尚未发布/);
      assert.ok(!earlier.body.includes('进入防火期'), 'the withdrawn body is not shown');
      // Reviewed again: the new draft cannot skip the workflow.
      assert.equal((await move(admin, second.id, { action: 'publish' })).statusCode, 409);
      await clerk.request('PUT', `/api/v1/documents/${second.id}`, { ...body, title: '常平乡殡葬管理暂行规定', docKind: 'normative', bodyHtml: '<p>第五条已按上级规定修改。</p>' });
      assert.equal((await admin.request('PUT', `/api/v1/documents/${second.id}/interpretation-exemption`, { reason: '转发上级规定，无新增内容' })).statusCode, 200);
      for (const b of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) assert.equal((await move(admin, second.id, b)).statusCode, 200);
      const current = await t.app.inject({ method: 'GET', url: `/org/changping/documents/${second.id}` });
      assert.match(current.body, /本文件为修订后的第2版/);
      assert.ok(current.body.includes(`/org/changping/documents/${first.id}`), 'the current version links the earlier one');
      assert.ok(current.body.includes(`${first.indexNo}-v2`));
      const old = await t.app.inject({ method: 'GET', url: `/org/changping/documents/${first.id}` });
      assert.ok(old.body.includes(`/org/changping/documents/${second.id}`), 'the earlier version links the current one');
      const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'document').where('entity_id', '=', String(second.id)).where('action', '=', 'document.revise').execute();
      assert.equal(audit.length, 1);
    });
  });
}
