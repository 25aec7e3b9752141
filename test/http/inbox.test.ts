import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

// Issue 11 item 1: each user's 待办 lists what waits for that user's roles, with counts and links.
for (const dialect of DIALECTS) {
  describe(`the 待办 inbox on ${dialect}`, () => {
    let t: TestApp;
    let bureau: number;
    let clerk: Client;
    let reviewer: Client;
    let head: Client;
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      bureau = (await operator.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'pingan-mzj').id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: bureau, roles });
        assert.equal(res.statusCode, 201, res.body);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerk = await make('inbox.clerk', ['clerk']);
      reviewer = await make('inbox.reviewer', ['reviewer']);
      head = await make('inbox.head', ['head']);
    });
    after(async () => t.close());

    const inbox = async (who: Client) => {
      const res = await who.request('GET', '/api/v1/inbox');
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { kind: string; label: string; agencyId: number; count: number; path: string }[]).filter((i) => i.agencyId === bureau && (i.kind.startsWith('document') || i.kind === 'returnedDraft'));
    };
    const counts = async (who: Client) => Object.fromEntries((await inbox(who)).map((i) => [i.label, i.count]));
    const move = (by: Client, id: number, body: object) => by.request('POST', `/api/v1/documents/${id}/transitions`, body);

    it('shows each step to the role that takes it, and a 退回 to its drafter', async () => {
      const created = await clerk.request('POST', '/api/v1/documents', { agencyId: bureau, title: '待办测试文件', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', writtenAt: '2026-11-20' });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      assert.equal((await move(clerk, id, { action: 'submit' })).statusCode, 200);
      assert.deepEqual(await counts(reviewer), { 待保密审查: 1 });
      const [item] = await inbox(reviewer);
      assert.equal(item!.path, '/proactive?status=submitted');
      assert.deepEqual(await counts(clerk), {}, 'the drafter does not review');

      assert.equal((await move(reviewer, id, { action: 'reject', reason: '请补充附件说明' })).statusCode, 200);
      assert.deepEqual(await counts(clerk), { 被退回待修改: 1 });
      assert.deepEqual(await counts(reviewer), {});

      assert.equal((await move(clerk, id, { action: 'submit' })).statusCode, 200);
      assert.deepEqual(await counts(clerk), {}, 'resubmitted: no longer returned');
      assert.equal((await move(reviewer, id, { action: 'review', checklist })).statusCode, 200);
      assert.deepEqual(await counts(head), { 待批准: 1 });
      assert.equal((await move(head, id, { action: 'approve' })).statusCode, 200);
      assert.deepEqual(await counts(clerk), { 待发布: 1 });
      assert.deepEqual(await counts(head), { 待发布: 1 }, 'the office publishes: clerk, head or admin');
      assert.deepEqual(await counts(reviewer), {});
      assert.equal((await move(clerk, id, { action: 'publish' })).statusCode, 200);
      assert.deepEqual(await counts(clerk), {});
    });

    it('is empty for nobody in reach, and needs a session', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/inbox' })).statusCode, 401);
    });
  });
}
