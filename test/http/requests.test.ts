import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';

const applicant = { type: 'natural_person', name: '张三丰', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000', email: 'zhang@example.cn' };

for (const dialect of DIALECTS) {
  describe(`requests API on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      await at('2025-01-20T02:00:00Z'); // Monday, before Spring Festival 2025
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    /** Moves the clock (sessions last hours, so sign in again). */
    const at = async (iso: string) => {
      t.setNow(new Date(iso));
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
    };
    const track = async (code: string, secret = '8000') => t.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { code, secret } });
    const event = async (id: number, body: object) => admin.request('POST', `/api/v1/requests/${id}/events`, body);

    it('takes a request from the online form to the reply, tracking it at every step', async () => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        payload: { applicant, description: '2024年低保资金发放明细', requestedForm: 'electronic', delivery: 'email', captchaToken: captcha.token, captchaAnswer: '999' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.code, 'CAPTCHA_INVALID');
      const fresh = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        payload: { applicant, description: '2024年低保资金发放明细', requestedForm: 'electronic', delivery: 'email', captchaToken: fresh.token, captchaAnswer: solveCaptcha(fresh.question) },
      });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const { queryCode } = submitted.json();
      const replay = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        payload: { applicant, description: '再次提交', requestedForm: 'electronic', delivery: 'email', captchaToken: fresh.token, captchaAnswer: solveCaptcha(fresh.question) },
      });
      assert.equal(replay.json().error.code, 'CAPTCHA_INVALID', 'a captcha answer works once');

      assert.equal((await track(queryCode, '0000')).statusCode, 404, 'wrong secret');
      let tracked = (await track(queryCode)).json();
      assert.equal(tracked.statusLabel, '待确认收到');
      assert.equal(tracked.dueDate, null);
      assert.ok(!JSON.stringify(tracked).includes('张三丰'), 'no personal data on the tracking page');
      assert.ok(!JSON.stringify(tracked).includes('13800138000'));

      const list = (await admin.request('GET', `/api/v1/requests?agencyId=${agencyId}`)).json();
      const item = list.items.find((r: { queryCode: string }) => r.queryCode === queryCode);
      assert.equal(item.applicantName, '张*丰', 'names are masked in lists');
      const id = item.id;

      assert.equal((await event(id, { type: 'receiptConfirmed', date: '2025-01-20', method: 'confirmed' })).statusCode, 200);
      tracked = (await track(queryCode)).json();
      assert.equal(tracked.statusLabel, '办理中');
      assert.equal(tracked.dueDate, '2025-02-21');
      assert.ok(tracked.explanation.some((s: { detail: string }) => s.detail.includes('春节')), 'the explanation names the holiday');

      await at('2025-01-22T02:00:00Z');
      const corr = await event(id, { type: 'correctionRequested', date: '2025-01-22', periodWorkingDays: 15, items: ['请写明所需年度'] });
      assert.equal(corr.statusCode, 200, corr.body);
      tracked = (await track(queryCode)).json();
      assert.equal(tracked.statusLabel, '待申请人补正');
      assert.equal(tracked.dueDate, null);

      await at('2025-02-10T02:00:00Z');
      assert.equal((await event(id, { type: 'correctionReceived', date: '2025-02-10' })).statusCode, 200);
      tracked = (await track(queryCode)).json();
      assert.equal(tracked.dueDate, '2025-03-10', 'the clock restarts from the supplement');

      await at('2025-03-05T02:00:00Z');
      assert.equal((await event(id, { type: 'extensionRequested', date: '2025-03-05', workingDays: 10, reason: '需调取档案' })).statusCode, 200);
      const approved = await event(id, { type: 'extensionApproved', date: '2025-03-05' });
      assert.equal(approved.statusCode, 200);
      assert.equal(approved.json().dueDate, '2025-03-24');
      tracked = (await track(queryCode)).json();
      assert.match(tracked.statusLabel, /已延期/);

      const replied = await event(id, { type: 'replied', date: '2025-03-05', outcome: 'partially_disclosed', reasons: '涉及个人隐私的部分已区分处理' });
      assert.equal(replied.statusCode, 200, replied.body);
      tracked = (await track(queryCode)).json();
      assert.equal(tracked.statusLabel, '已办结（部分公开）');
      assert.equal(tracked.closedDate, '2025-03-05');
      assert.deepEqual(tracked.timeline.map((x: { label: string }) => x.label), ['提交申请', '确认收到申请', '发出补正告知', '收到补正材料', '申请延期答复', '批准延期', '作出答复']);

      const detail = (await admin.request('GET', `/api/v1/requests/${id}`)).json();
      assert.equal(detail.applicant.name, '张三丰', 'the detail page shows the applicant to staff');
      assert.deepEqual(detail.allowedActions, ['note']);
    });

    it('refuses outcomes outside the taxonomy and steps the 条例 does not allow', async () => {
      await at('2025-05-06T02:00:00Z');
      const created = await admin.request('POST', '/api/v1/requests', {
        agencyId, channel: 'inPerson', submittedDate: '2025-05-06', applicant: { type: 'commercial', name: '某某有限公司', phone: '0551-1234567' },
        description: '2025年养老机构补贴名单', requestedForm: 'paper', delivery: 'pickup',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const badOutcome = await event(id, { type: 'replied', date: '2025-05-06', outcome: '同意公开', reasons: 'x' });
      assert.equal(badOutcome.statusCode, 400);
      assert.equal(badOutcome.json().error.code, 'VALIDATION_FAILED');
      const unapproved = await event(id, { type: 'extensionApproved', date: '2025-05-06' });
      assert.equal(unapproved.statusCode, 409);
      assert.match(unapproved.json().error.message, /没有待审批的延期申请/);
      const tooLong = await event(id, { type: 'extensionRequested', date: '2025-05-06', workingDays: 25, reason: 'x' });
      assert.equal(tooLong.statusCode, 400);
      const future = await event(id, { type: 'note', date: '2025-05-07', text: '明天的事' });
      assert.equal(future.json().error.message, '日期不能晚于今天');

      // a clerk may ask for an extension but only the head approves it
      const user = (await admin.request('POST', '/api/v1/users', { username: 'clerk.only', displayName: '信息员', agencyId, roles: ['clerk'] })).json();
      const clerk = await loginClient(t.app, 'clerk.only', user.oneTimePassword);
      assert.equal((await clerk.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionRequested', date: '2025-05-06', workingDays: 5, reason: '需调档' })).statusCode, 200);
      const byClerk = await clerk.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionApproved', date: '2025-05-06' });
      assert.equal(byClerk.statusCode, 403);
      assert.match(byClerk.json().error.message, /负责人/);
      const lapsed = await event(id, { type: 'replied', date: '2025-05-06', outcome: 'other.fee_not_paid', reasons: '逾期未缴费' });
      assert.equal(lapsed.statusCode, 409);
      const fee = await event(id, { type: 'feeNoticeSent', date: '2025-05-06', method: 'perPage', quantity: 20 });
      assert.equal(fee.json().error.code, 'FEE_NOT_DUE', '30 pages or fewer are free');
      const events = await t.handle.db.selectFrom('request_events').select('type').where('request_id', '=', id).execute();
      assert.deepEqual(events.map((e) => e.type), ['submitted', 'extensionRequested'], 'refused steps leave no trace');
    });

    it('lists due-soon and overdue requests and reminds of them', async () => {
      await at('2025-06-03T02:00:00Z');
      const mk = async (date: string) =>
        (await admin.request('POST', '/api/v1/requests', {
          agencyId, channel: 'inPerson', submittedDate: date, applicant: { type: 'natural_person', name: '李四', phone: '13900001111' },
          description: '某文件', requestedForm: 'paper', delivery: 'pickup',
        })).json().id as number;
      const overdueId = await mk('2025-04-01');
      const soonId = await mk('2025-05-08');
      const overdue = (await admin.request('GET', `/api/v1/requests?agencyId=${agencyId}&due=overdue`)).json();
      assert.ok(overdue.items.some((r: { id: number }) => r.id === overdueId));
      assert.ok(!overdue.items.some((r: { id: number }) => r.id === soonId));
      const soon = (await admin.request('GET', `/api/v1/requests?agencyId=${agencyId}&due=soon`)).json();
      const soonIds = soon.items.map((r: { id: number }) => r.id);
      assert.ok(soonIds.includes(soonId) && !soonIds.includes(overdueId));
      for (const r of soon.items) assert.ok(r.workingDaysLeft <= 3, 'due within 3 working days');
      const reminders = (await admin.request('GET', `/api/v1/requests/reminders?agencyId=${agencyId}`)).json();
      assert.ok(reminders.items.some((r: { id: number }) => r.id === soonId));
    });

    it('due dates follow calendar edits', async () => {
      await at('2026-11-26T02:00:00Z');
      const id = (await admin.request('POST', '/api/v1/requests', {
        agencyId, channel: 'inPerson', submittedDate: '2026-11-26', applicant: { type: 'natural_person', name: '王五', phone: '13700002222' },
        description: '年底的文件', requestedForm: 'paper', delivery: 'pickup',
      })).json().id;
      const before = (await admin.request('GET', `/api/v1/requests/${id}`)).json();
      assert.equal(before.dueDate, '2026-12-24');
      const res = await admin.request('PUT', '/api/v1/calendar/years/2026', {
        days: [...(await admin.request('GET', '/api/v1/calendar/years/2026')).json().days, { date: '2026-12-01', isOffDay: true, name: '测试假日' }],
      });
      assert.equal(res.statusCode, 200, res.body);
      const after = (await admin.request('GET', `/api/v1/requests/${id}`)).json();
      assert.equal(after.dueDate, '2026-12-25');
    });
  });
}

describe('request notices', () => {
  it('issues every notice of the demo department as HTML and DOCX, and refuses blanks', async () => {
    const t = await createTestApp('sqlite');
    try {
      const admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      const dept = agencies.find((a) => a.code === 'pingan-mzj')!;
      const list = (await admin.request('GET', `/api/v1/requests?agencyId=${dept.id}&pageSize=100`)).json().items as { id: number; outcome: string | null }[];
      const seen = new Set<string>();
      for (const r of list) {
        const detail = (await admin.request('GET', `/api/v1/requests/${r.id}`)).json();
        for (const kind of detail.notices as string[]) {
          const html = await admin.request('GET', `/api/v1/requests/${r.id}/notices/${kind}?format=html`);
          assert.equal(html.statusCode, 200, `${kind} of ${r.id}: ${html.body.slice(0, 300)}`);
          assert.match(html.body, /<html lang="zh-CN"/);
          if (kind === 'reply') assert.match(html.body, /六十日内|60日内/, 'the reply states the remedies');
          seen.add(kind);
        }
      }
      for (const kind of ['acknowledgement', 'correction', 'extension', 'consultation', 'fee', 'reply']) assert.ok(seen.has(kind), `demo data issues a ${kind}`);
      // Signed with the agency's full name once one is set (issue 18 item 9), the short name before.
      const someNotice = async () => {
        const r = list.find((x) => x.outcome === 'disclosed')!;
        return (await admin.request('GET', `/api/v1/requests/${r.id}/notices/reply?format=html`)).body;
      };
      assert.match(await someNotice(), /平安县民政局/);
      assert.equal((await admin.request('PATCH', `/api/v1/agencies/${dept.id}`, { fullName: '平安县民政局（全称测试）' })).statusCode, 200);
      assert.match(await someNotice(), /平安县民政局（全称测试）/);
      const replied = list.find((r) => r.outcome === 'disclosed')!;
      const docx = await admin.request('GET', `/api/v1/requests/${replied.id}/notices/reply?format=docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      // Without a reconsideration body the reply is refused, never issued with a blank.
      assert.equal((await admin.request('PUT', `/api/v1/agencies/${dept.id}/notice-settings`, { reconsiderationBody: '' })).statusCode, 200);
      const refused = await admin.request('GET', `/api/v1/requests/${replied.id}/notices/reply?format=html`);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'NOTICE_INCOMPLETE');
    } finally {
      await t.close();
    }
  });
});
