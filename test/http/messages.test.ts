import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, permanentPassword, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';

/** 留言 over HTTP: the public form and tracking, the staff's list, case page and steps (issue 16, item 1). */
for (const dialect of DIALECTS) {
  describe(`messages on ${dialect}`, () => {
    let t: TestApp;
    let own: number;
    let other: number;
    let mailboxId: number;
    let clerk: Client;
    let reviewer: Client;
    let head: Client;
    let head2: Client;
    const passwords = new Map<string, string>();
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      own = agencies.find((a) => a.code === 'changping')!.id;
      other = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: own, roles });
        assert.equal(res.statusCode, 201, res.body);
        passwords.set(username, permanentPassword(res.json().oneTimePassword));
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerk = await make('ly.clerk', ['clerk']);
      reviewer = await make('ly.reviewer', ['reviewer']);
      head = await make('ly.head', ['head']);
      head2 = await make('ly.head2', ['head']);
      const refused = await clerk.request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱' });
      assert.equal(refused.statusCode, 403, 'a clerk does not open mailboxes');
      const res = await head.request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱', limits: { consultation: 5 } });
      assert.equal(res.statusCode, 201, res.body);
      mailboxId = res.json().id;
    });
    after(async () => t.close());

    const submit = async (body: Record<string, unknown>) => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string };
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/messages',
        payload: { mailboxId, kind: 'consultation', title: '村道维修何时开始', body: '请问东村村道维修何时开始？', name: '张三丰', phone: '13912345678', consentToPublish: true, captchaToken: captcha.token, captchaAnswer: solveCaptcha(captcha.question), ...body },
      });
    };
    const step = (by: Client, id: number, body: object) => by.request('POST', `/api/v1/messages/${id}/events`, { date: '2026-11-26', ...body });
    const track = (code: string, secret: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { code, secret } });

    it('refuses a bad form in one round, names each field, and takes a good one with a query code', async () => {
      const bad = await submit({ title: '短', body: '长'.repeat(2001), phone: '12', captchaAnswer: '99' });
      assert.equal(bad.statusCode, 400, bad.body);
      const fields = (bad.json().error.details.fields as { field: string }[]).map((f) => f.field).sort();
      assert.deepEqual(fields, ['body', 'captchaAnswer', 'phone', 'title']);
      assert.match(bad.json().error.message, /标题应为 5 至 50 个字，现为 1 个字/);
      const ok = await submit({});
      assert.equal(ok.statusCode, 201, ok.body);
      assert.match(ok.json().queryCode, /^LY[A-Z0-9]{2}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      const mailboxes = (await t.app.inject({ method: 'GET', url: '/api/v1/public/agencies/changping/mailboxes' })).json();
      assert.deepEqual(mailboxes.mailboxes.map((m: { name: string; limits: { consultation: number } }) => [m.name, m.limits.consultation]), [['乡长信箱', 5]]);
    });

    it('walks a message from receipt to a published, rated reply with three different people', async () => {
      const { queryCode } = (await submit({ title: '低保申请需要哪些材料' })).json();
      const list = (await clerk.request('GET', `/api/v1/messages?agencyId=${own}&phase=awaitingAcceptance`)).json();
      const item = list.items.find((i: { queryCode: string }) => i.queryCode === queryCode);
      assert.ok(item, 'listed from the projection');
      // 2026-11-26 (Thursday) + 5 working days: 11-27, 11-30, 12-01, 12-02, 12-03.
      assert.deepEqual([item.dueDate, item.dueStatus, item.kindLabel], ['2026-12-03', 'onTrack', '咨询']);
      const id = item.id as number;
      const asReviewer = (await reviewer.request('GET', `/api/v1/messages/${id}`)).json();
      assert.deepEqual([asReviewer.writer.name, asReviewer.writer.phone, asReviewer.writer.masked], ['张*丰', '139****5678', true], 'personal data masked for a reviewer');
      const asClerk = (await clerk.request('GET', `/api/v1/messages/${id}`)).json();
      assert.deepEqual([asClerk.writer.name, asClerk.writer.phone], ['张三丰', '13912345678']);
      assert.ok(asClerk.replyDue.steps.some((s: { label: string }) => s.label === '依据'));

      assert.equal((await step(clerk, id, { type: 'accepted' })).statusCode, 200);
      assert.equal((await step(head, id, { type: 'replyDrafted', text: '需提供身份证、户口簿和收入证明。' })).statusCode, 200);
      const own1 = await step(head, id, { type: 'replyReviewed' });
      assert.deepEqual([own1.statusCode, own1.json().error.code], [403, 'FORBIDDEN'], 'the drafter does not review');
      const byClerk = await step(clerk, id, { type: 'replyReviewed' });
      assert.equal(byClerk.statusCode, 403, 'a clerk does not review');
      assert.equal((await step(reviewer, id, { type: 'replyReviewed' })).statusCode, 200);
      assert.equal((await step(reviewer, id, { type: 'replyApproved' })).statusCode, 403, 'a reviewer does not approve');
      assert.equal((await step(head, id, { type: 'replyApproved' })).statusCode, 403, 'nor the drafter');
      const approved = await step(head2, id, { type: 'replyApproved' });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().phase, 'replied');
      assert.equal((await step(clerk, id, { type: 'published' })).statusCode, 200);

      assert.equal((await track(queryCode, '0000')).statusCode, 404);
      const tracked = (await track(queryCode.toLowerCase().replace(/-/g, ''), '5678')).json();
      assert.deepEqual([tracked.phaseLabel, tracked.reply.text, tracked.rateBy], ['已答复', '需提供身份证、户口簿和收入证明。', '2026-12-24']);
      assert.equal(JSON.stringify(tracked).includes('张三丰'), false);
      const rate = (rating: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/messages/rate', payload: { code: queryCode, secret: '5678', rating, comment: '清楚' } });
      const rated = await rate('basicallySatisfied');
      assert.equal(rated.statusCode, 200, rated.body);
      assert.equal(rated.json().ratingLabel, '基本满意');
      assert.equal((await rate('dissatisfied')).statusCode, 409, 'once only');
    });

    it('publishes nothing without consent, refuses with a listed reason, and transfers on the same clock', async () => {
      const { queryCode } = (await submit({ title: '不同意公开的留言', consentToPublish: false })).json();
      const id = (await clerk.request('GET', `/api/v1/messages?agencyId=${own}`)).json().items.find((i: { queryCode: string }) => i.queryCode === queryCode).id;
      await step(clerk, id, { type: 'accepted' });
      await step(clerk, id, { type: 'replyDrafted', text: '答复' });
      await step(reviewer, id, { type: 'replyReviewed' });
      await step(head, id, { type: 'replyApproved' });
      const refused = await step(clerk, id, { type: 'published' });
      assert.deepEqual([refused.statusCode, refused.json().error.message], [409, '留言人未同意公开，不能公开答复']);

      const dup = (await submit({ title: '重复提交的同一留言' })).json().queryCode;
      const dupId = (await clerk.request('GET', `/api/v1/messages?agencyId=${own}`)).json().items.find((i: { queryCode: string }) => i.queryCode === dup).id;
      assert.equal((await step(clerk, dupId, { type: 'rejected', reason: 'tooShort' })).statusCode, 400, 'only a listed reason');
      const rejected = await step(clerk, dupId, { type: 'rejected', reason: 'duplicate' });
      assert.deepEqual([rejected.statusCode, rejected.json().phaseLabel], [200, '不予受理']);
      assert.equal((await track(dup, '5678')).json().rejectionReason, '重复');

      const moved = (await submit({ title: '应由民政局答复的留言' })).json().queryCode;
      const movedId = (await clerk.request('GET', `/api/v1/messages?agencyId=${own}`)).json().items.find((i: { queryCode: string }) => i.queryCode === moved).id;
      const before = (await clerk.request('GET', `/api/v1/messages/${movedId}`)).json().dueDate;
      const transferred = await step(clerk, movedId, { type: 'transferred', toAgencyId: other });
      assert.equal(transferred.statusCode, 403, 'once moved, the clerk of 常平乡 no longer sees it');
      const row = await t.handle.db.selectFrom('messages').select(['agency_id', 'due_date', 'phase']).where('id', '=', movedId).executeTakeFirstOrThrow();
      assert.deepEqual([row.agency_id, row.due_date, row.phase], [other, before, 'awaitingAcceptance'], 'the clock keeps running');
      assert.equal((await track(moved, '5678')).json().agency, '平安县民政局');
    });

    it('shows an unanswered message as 临期, then 逾期, then red at 60 days, as the clock moves', async () => {
      const { queryCode } = (await submit({ title: '一直没有答复的留言' })).json();
      // Sessions expire as the clock moves: sign in again at each date.
      const dueList = async (due: string) =>
        ((await (await loginClient(t.app, 'ly.clerk', passwords.get('ly.clerk')!)).request('GET', `/api/v1/messages?agencyId=${own}&due=${due}&pageSize=200`)).json().items as { queryCode: string; dueStatusLabel: string; redAlert: boolean }[]).find((i) => i.queryCode === queryCode);
      try {
        assert.equal(await dueList('soon'), undefined);
        t.setNow(new Date('2026-12-01T02:00:00Z'));
        assert.equal((await dueList('soon'))?.dueStatusLabel, '临期');
        t.setNow(new Date('2026-12-04T02:00:00Z'));
        assert.equal((await dueList('overdue'))?.dueStatusLabel, '逾期');
        assert.equal(await dueList('red'), undefined);
        t.setNow(new Date('2027-01-25T02:00:00Z'));
        assert.equal((await dueList('red'))?.redAlert, true);
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });
  });
}
