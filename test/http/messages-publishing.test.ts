import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { systemActor } from '../../src/services/context.ts';
import { createAgency } from '../../src/capabilities/agencies/commands.ts';

/** 留言 (issue 16, item 1): 转办 inside the hierarchy, publishing with the leak scan and consent, the masked public reply, conversion into a request, the 信访 notice. */
for (const dialect of DIALECTS) {
  describe(`messages: transfer, publishing and conversion on ${dialect}`, () => {
    let t: TestApp;
    let own: number;
    let department: number;
    let outside: number;
    let mailboxId: number;
    let clerk: Client;
    let reviewer: Client;
    let head: Client;
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      own = agencies.find((a) => a.code === 'changping')!.id;
      department = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      await createAgency(t.deps, systemActor('test'), { code: 'waixian', name: '外县', fullName: '外县人民政府', level: 'county', parentId: null });
      outside = (await t.handle.db.selectFrom('agencies').select('id').where('code', '=', 'waixian').executeTakeFirstOrThrow()).id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: own, roles });
        assert.equal(res.statusCode, 201, res.body);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerk = await make('lp.clerk', ['clerk']);
      reviewer = await make('lp.reviewer', ['reviewer']);
      head = await make('lp.head', ['head']);
      mailboxId = (await head.request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱' })).json().id;
    });
    after(async () => t.close());

    const submit = async (body: Record<string, unknown>) => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/messages',
        payload: { mailboxId, kind: 'consultation', title: '村道维修何时开始', body: '请问东村村道维修何时开始？', name: '张三丰', phone: '13912345678', consentToPublish: true, captchaToken: captcha.token, captchaAnswer: solveCaptcha(captcha.question), ...body },
      });
      assert.equal(res.statusCode, 201, res.body);
      const queryCode = res.json().queryCode as string;
      const id = (await clerk.request('GET', `/api/v1/messages?agencyId=${own}&pageSize=200`)).json().items.find((i: { queryCode: string }) => i.queryCode === queryCode).id as number;
      return { queryCode, id };
    };
    const step = (by: Client, id: number, body: object) => by.request('POST', `/api/v1/messages/${id}/events`, { date: '2026-11-26', ...body });
    const track = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { code, secret: '5678' } });
    const replyFor = async (id: number, text: string) => {
      assert.equal((await step(clerk, id, { type: 'accepted' })).statusCode, 200);
      assert.equal((await step(clerk, id, { type: 'replyDrafted', text })).statusCode, 200);
      assert.equal((await step(reviewer, id, { type: 'replyReviewed' })).statusCode, 200);
      const approved = await step(head, id, { type: 'replyApproved' });
      assert.equal(approved.statusCode, 200, approved.body);
    };

    it('transfers only inside the hierarchy, and lists the message under the receiving agency with its origin', async () => {
      const { id, queryCode } = await submit({ title: '应由外县答复的留言' });
      const refused = await step(clerk, id, { type: 'transferred', toAgencyId: outside });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().error.code, 'TRANSFER_OUTSIDE_HIERARCHY');
      assert.match(refused.json().error.message, /只能转办给本机关的上级机关、下级机关或同一上级下的机关，外县不在其中/);
      assert.equal((await step(clerk, id, { type: 'transferred', toAgencyId: department })).statusCode, 403, 'moved: no longer 常平乡 staff\'s');
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const listed = (await operator.request('GET', `/api/v1/messages?agencyId=${department}&pageSize=200`)).json().items.find((i: { queryCode: string }) => i.queryCode === queryCode);
      assert.deepEqual([listed.agency, listed.transferredFrom, listed.mailbox], ['平安县民政局', '常平乡乡长信箱', '平安县民政局（转自常平乡乡长信箱）']);
      const detail = (await operator.request('GET', `/api/v1/messages/${listed.id}`)).json();
      assert.deepEqual(detail.timeline.map((e: { type: string }) => e.type), ['received', 'transferred'], 'the history stays');
      assert.equal((await track(queryCode)).json().agency, '平安县民政局');
      // Upwards to the county is inside the hierarchy too.
      const county = (await t.handle.db.selectFrom('agencies').select('id').where('code', '=', 'pingan').executeTakeFirstOrThrow()).id;
      const up = await submit({ title: '应由县政府答复的留言' });
      assert.equal((await step(clerk, up.id, { type: 'transferred', toAgencyId: county })).statusCode, 403);
    });

    it('publishes only after approval, with consent, once every leak-scan hit is resolved; the public sees the writer masked', async () => {
      const early = await submit({ title: '答复前不能公开的留言' });
      const tooEarly = await step(clerk, early.id, { type: 'published' });
      assert.deepEqual([tooEarly.statusCode, tooEarly.json().error.message], [409, '答复经审核批准后才能公开']);

      const { id, queryCode } = await submit({ title: '低保申请需要哪些材料', body: '我的电话是13811112222，请问低保申请需要哪些材料？' });
      await replyFor(id, '请携带身份证到便民服务中心办理，咨询电话13900001111。');
      const detail = (await clerk.request('GET', `/api/v1/messages/${id}`)).json();
      assert.deepEqual(detail.publicationHits.map((h: { field: string; kind: string }) => [h.field, h.kind]), [['body', 'mobile'], ['reply', 'mobile']]);
      const blocked = await step(clerk, id, { type: 'published' });
      assert.equal(blocked.statusCode, 409);
      assert.equal(blocked.json().error.code, 'SCAN_HITS_UNRESOLVED');
      assert.match(blocked.json().error.message, /公开前须处理敏感信息检查发现的 2 处问题：留言内容中的疑似手机号码；答复内容中的疑似手机号码/);
      const [bodyHit, replyHit] = detail.publicationHits as { field: string; start: number; end: number }[];
      const half = await step(clerk, id, { type: 'published', resolutions: [{ ...pick(bodyHit!), action: 'mask' }, { ...pick(replyHit!), action: 'keep', reason: '' }] });
      assert.equal(half.statusCode, 409, 'keeping a hit needs a reason');
      const ok = await step(clerk, id, { type: 'published', resolutions: [{ ...pick(bodyHit!), action: 'mask' }, { ...pick(replyHit!), action: 'keep', reason: '便民服务中心公开的咨询电话' }] });
      assert.equal(ok.statusCode, 200, ok.body);

      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/public/agencies/changping/message-replies' })).json();
      const item = list.items.find((i: { id: number }) => i.id === id);
      assert.ok(item, 'listed once published');
      const page = (await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/message-replies/${id}` })).json();
      assert.deepEqual(
        [page.writer, page.receivedDate, page.acceptedDate, page.replyDate, page.replyAgency, page.body, page.reply],
        ['张**', '2026-11-26', '2026-11-26', '2026-11-26', '常平乡', '我的电话是138****2222，请问低保申请需要哪些材料？', '请携带身份证到便民服务中心办理，咨询电话13900001111。'],
      );
      assert.equal(JSON.stringify(list).includes('张三丰'), false);
      assert.equal(JSON.stringify(list).includes('13811112222'), false);
      const found = (await t.app.inject({ method: 'GET', url: '/api/v1/public/agencies/changping/message-replies?q=低保 材料' })).json();
      assert.deepEqual(found.items.map((i: { id: number }) => i.id), [id]);
      assert.equal((await track(queryCode)).json().phaseLabel, '已答复');
    });

    it('never publishes a reply without the writer\'s consent', async () => {
      const { id } = await submit({ title: '不同意公开的留言', consentToPublish: false });
      await replyFor(id, '已转交村委会处理。');
      const refused = await step(clerk, id, { type: 'published' });
      assert.deepEqual([refused.statusCode, refused.json().error.message], [409, '留言人未同意公开，不能公开答复']);
      assert.deepEqual((await clerk.request('GET', `/api/v1/messages/${id}`)).json().publicationHits, []);
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/message-replies/${id}` });
      assert.equal(res.statusCode, 404);
    });

    it('converts a message refused as 属依申请公开 into a request received on the message\'s date, linked both ways', async () => {
      const { id, queryCode } = await submit({ title: '申请公开村道维修合同', body: '请公开东村村道维修工程的合同及预算。' });
      t.setNow(new Date('2026-11-30T02:00:00Z'));
      try {
        // Sessions expire as the clock moves: sign in again.
        const c = await loginClient(t.app, t.admin.username, t.admin.password);
        const notYet = await c.request('POST', `/api/v1/messages/${id}/convert-to-request`);
        assert.deepEqual([notYet.statusCode, notYet.json().error.code], [409, 'NOT_A_DISCLOSURE_REQUEST']);
        assert.equal((await c.request('POST', `/api/v1/messages/${id}/events`, { type: 'rejected', date: '2026-11-30', reason: 'disclosureRequest' })).statusCode, 200);
        assert.equal((await c.request('GET', `/api/v1/messages/${id}`)).json().mayConvertToRequest, true);
        const converted = await c.request('POST', `/api/v1/messages/${id}/convert-to-request`);
        assert.equal(converted.statusCode, 201, converted.body);
        const { requestId, queryCode: requestCode } = converted.json();
        const request = (await c.request('GET', `/api/v1/requests/${requestId}`)).json();
        assert.equal(request.receiptDate, '2026-11-26', 'received on the message\'s date, not the day of the conversion');
        assert.ok(JSON.stringify(request.timeline).includes(queryCode), 'the request names the message');
        const message = (await c.request('GET', `/api/v1/messages/${id}`)).json();
        assert.deepEqual([message.convertedRequest, message.mayConvertToRequest], [{ requestId, queryCode: requestCode }, false]);
        assert.equal((await c.request('POST', `/api/v1/messages/${id}/convert-to-request`)).json().error.code, 'ALREADY_CONVERTED');
        assert.equal((await track(queryCode)).json().convertedRequestCode, requestCode);
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });

    it('tells a writer refused as 属信访事项 where to go, and explains the due date while open', async () => {
      const open = await submit({ title: '尚未答复的咨询留言' });
      const tracked = (await track(open.queryCode)).json();
      assert.deepEqual(tracked.dueExplanation.map((s: { label: string }) => s.label), ['收到留言', '依据', '起算', '周末不计', '届满']);
      const { id, queryCode } = await submit({ title: '反映邻里纠纷问题的留言' });
      assert.equal((await step(clerk, id, { type: 'rejected', reason: 'petition' })).statusCode, 200);
      const refused = (await track(queryCode)).json();
      assert.equal(refused.rejectionReason, '属信访事项');
      assert.match(refused.petitionNotice, /属于信访事项.*信访工作机构/);
      assert.equal((await track(open.queryCode)).json().petitionNotice, null);
    });
  });
}

const pick = (h: { field: string; start: number; end: number }) => ({ field: h.field, start: h.start, end: h.end });
