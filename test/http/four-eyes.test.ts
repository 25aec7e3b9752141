import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

/** Separation of duties in 平安县民政局 (no self-review), and the recorded exception. */
for (const dialect of DIALECTS) {
  describe(`four eyes on ${dialect}`, () => {
    let t: TestApp;
    let bureau: number;
    let clerkHead: Client;
    let reviewer: Client;
    let head: Client;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      bureau = (await operator.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'pingan-mzj').id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: bureau, roles });
        assert.equal(res.statusCode, 201, res.body);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerkHead = await make('mz.one', ['clerk', 'reviewer', 'head']);
      reviewer = await make('mz.reviewer', ['reviewer']);
      head = await make('mz.head', ['head']);
      admin = await make('mz.admin', ['admin']);
    });
    after(async () => t.close());

    const draft = async (by: Client) => {
      const res = await by.request('POST', '/api/v1/documents', { agencyId: bureau, title: '四眼原则测试', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', writtenAt: '2026-11-20' });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      assert.equal((await by.request('POST', `/api/v1/documents/${id}/transitions`, { action: 'submit' })).statusCode, 200);
      return id;
    };
    const move = (by: Client, id: number, body: object) => by.request('POST', `/api/v1/documents/${id}/transitions`, body);

    it('keeps the drafter from reviewing and approving, and says so in the actions it offers', async () => {
      const id = await draft(clerkHead);
      const detail = (await clerkHead.request('GET', `/api/v1/documents/${id}`)).json();
      const review = detail.actions.find((a: { action: string }) => a.action === 'review');
      assert.equal(review.allowed, false);
      assert.match(review.reason, /起草人不能对本人起草的文件进行保密审查/);
      const refused = await move(clerkHead, id, { action: 'review', checklist });
      assert.deepEqual([refused.statusCode, refused.json().error.code], [403, 'FORBIDDEN']);
      assert.equal((await reviewer.request('GET', `/api/v1/documents/${id}`)).json().actions.find((a: { action: string }) => a.action === 'review').allowed, true);
      assert.equal((await move(reviewer, id, { action: 'review', checklist })).statusCode, 200);
      assert.equal((await move(clerkHead, id, { action: 'approve' })).statusCode, 403, 'the drafter, though head, may not approve');
      assert.equal((await move(head, id, { action: 'approve' })).statusCode, 200);
    });

    it('allows self-review only with a stated reason, and marks each one', async () => {
      assert.equal((await admin.request('PUT', `/api/v1/agencies/${bureau}/self-review`, { allowed: true })).json().error.code, 'REASON_REQUIRED');
      assert.equal((await clerkHead.request('PUT', `/api/v1/agencies/${bureau}/self-review`, { allowed: true, reason: '本局仅一人办公' })).statusCode, 403, 'admins decide');
      const on = await admin.request('PUT', `/api/v1/agencies/${bureau}/self-review`, { allowed: true, reason: '本局政务公开仅一人办公' });
      assert.deepEqual([on.statusCode, on.json().allowed, on.json().reason], [200, true, '本局政务公开仅一人办公']);
      const id = await draft(clerkHead);
      assert.equal((await move(clerkHead, id, { action: 'review', checklist })).statusCode, 200);
      assert.equal((await move(clerkHead, id, { action: 'approve' })).statusCode, 200);
      const row = await t.handle.db.selectFrom('documents').select('review_json').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(row.review_json!).selfReview, true, 'the record marks the self-review');
      const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity', '=', 'document').where('entity_id', '=', String(id)).execute();
      for (const action of ['document.review', 'document.approve']) {
        assert.equal(JSON.parse(audit.find((a) => a.action === action)!.after_json!).selfReview, true, action);
      }
      assert.equal((await admin.request('PUT', `/api/v1/agencies/${bureau}/self-review`, { allowed: false })).json().allowed, false);
    });

    it('keeps whoever asked for an extension from approving it', async () => {
      const created = await clerkHead.request('POST', '/api/v1/requests', {
        agencyId: bureau, channel: 'inPerson', submittedDate: '2026-11-20', applicant: { type: 'natural_person', name: '李四', phone: '13900001111' },
        description: '某文件', requestedForm: 'paper', delivery: 'pickup',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const asked = await clerkHead.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionRequested', date: '2026-11-24', workingDays: 20, reason: '需调取档案' });
      assert.equal(asked.statusCode, 200, asked.body);
      const self = await clerkHead.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionApproved', date: '2026-11-25' });
      assert.deepEqual([self.statusCode, self.json().error.code], [403, 'FORBIDDEN']);
      assert.match(self.json().error.message, /申请延期的工作人员不能审批本人的延期申请/);
      const other = await head.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionApproved', date: '2026-11-25' });
      assert.equal(other.statusCode, 200, other.body);
    });
  });
}
