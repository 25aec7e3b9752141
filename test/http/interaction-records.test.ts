/**
 * 在线访谈, the hotline log and meetings (issue 16 items 4 and 5) on both databases, over real HTTP:
 * a question sent through the portal form (captcha) before an interview held on 30 September 2025
 * and left unanswered on air becomes a message due on 14 October 2025 (five working days across
 * the National Day holiday, the Saturday 11 October a working day), even from a mailbox whose
 * 咨询 limit is 10; a 12345 export built here with exceljs is imported, re-imported without
 * duplicates and with an updated order, its bad rows reported one by one in Chinese; the caller is
 * masked for a reviewer; meetings keep their follow-ups with owners and due dates. None of it
 * creates a 依申请公开 request.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import type { HotlineImportResult, HotlineList } from '../../src/capabilities/hotline/contract.ts';
import type { ConvertResult, InterviewDetail } from '../../src/capabilities/interviews/contract.ts';
import type { MeetingYear } from '../../src/capabilities/records/meetings-contract.ts';

const HEADER = ['工单编号', '来电时间', '来电人', '来电号码', '诉求类型', '诉求内容', '承办单位', '办理结果', '办结状态'];

/** A small 12345 work-order export as the hotline platform produces it: a title-less sheet, one order a row. */
async function workOrders(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('工单明细');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  sheet.addRow([]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const orders = [
  ['GD20260303000125', new Date(Date.UTC(2026, 2, 3, 9, 12)), '张桂兰', '13912345678', '咨询', '咨询城乡居民医保缴费截止时间', '常平乡人民政府', '已电话答复：2026 年度缴费截止 6 月 30 日', '已办结'],
  ['GD20260305000388', '2026/3/5 14:30', '李明', '13800001111', '投诉', '反映东村路灯损坏多日未修', '常平乡人民政府', '', '办理中'],
  ['GD20260310000412', '2026-03-10 08:05:41', '王建华', '0550-1234567', '求助', '西村自来水停水，请求尽快恢复', '常平乡人民政府', '已协调水厂抢修，当日恢复供水', '已办结'],
  ['GD20260312000507', '2026年3月12日 16:40', '赵秀英', '13700002222', '建议', '建议增加乡村公交班次', '常平乡人民政府', '已转县交通运输局研究', '未办结'],
  ['GD20260314000611', '2026-02-30 10:00', '周国强', '13600003333', '咨询', '咨询危房改造补助标准', '常平乡人民政府', '', '未办结'],
  ['GD20260315000702', '2026-03-15 11:20', '孙丽', '13500004444', '投诉', '', '常平乡人民政府', '', '待定'],
  ['GD20260303000125', '2026-03-16 09:00', '张桂兰', '13912345678', '咨询', '重复导出的一行', '常平乡人民政府', '', '未办结'],
];

for (const dialect of DIALECTS) {
  describe(`interviews, hotline and meetings on ${dialect}`, () => {
    let t: TestApp;
    let own = 0;
    let clerk: Client;
    let reviewer: Client;
    let other: Client;
    let mailboxId = 0;
    const requestCount = async () => Number((await t.deps.db.selectFrom('requests').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    let requestsBefore = 0;

    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const ids = Object.fromEntries(((await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]).map((a) => [a.code, a.id]));
      own = ids.changping!;
      const make = async (username: string, agencyId: number, roles: string[]) => {
        const created = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId, roles });
        assert.equal(created.statusCode, 201, created.body);
        return loginClient(t.app, username, created.json().oneTimePassword);
      };
      clerk = await make('ir.clerk', own, ['clerk']);
      reviewer = await make('ir.reviewer', own, ['reviewer']);
      other = await make('ir.liuhe', ids.liuhe!, ['clerk']);
      const box = await operator.request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱', limits: { consultation: 10 } });
      assert.equal(box.statusCode, 201, box.body);
      mailboxId = box.json().id;
      requestsBefore = await requestCount();
    });
    after(async () => t.close());

    it('turns a portal question left unanswered on air into a message due in 5 working days across the National Day holiday', async (ctx) => {
      ctx.after(() => t.setNow(new Date('2026-11-26T02:00:00Z')));
      t.setNow(new Date('2025-09-20T02:00:00Z'));
      const interview = { topic: '2025 年秋季农业生产与惠农政策', guests: '常平乡副乡长 李华\n乡农业服务中心主任 陈刚', startsAt: '2025-09-30 10:00', description: '围绕秋收秋种、惠农补贴发放等问题与网民在线交流。', mailboxId };
      const bad = await clerk.request('POST', `/api/v1/agencies/${own}/interviews`, { ...interview, topic: ' ', startsAt: '2025-09-31 10:00', mailboxId: 999999 });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual((bad.json().error.details.fields as { field: string }[]).map((f) => f.field), ['topic', 'startsAt']);
      const created = await clerk.request('POST', `/api/v1/agencies/${own}/interviews`, interview);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      assert.equal((await other.request('GET', `/api/v1/agencies/${own}/interviews/${id}`)).statusCode, 403);

      // Two questions through the portal's form, with its text-question captcha.
      const url = `/org/changping/open/interaction/interviews/${id}`;
      const ask = async (fields: Record<string, string>) => {
        const page = await t.app.inject({ method: 'GET', url });
        assert.equal(page.statusCode, 200);
        // A past interview's page has no form: the captcha then comes from the API, to show the refusal is the interview's.
        const api = page.body.includes('name="captchaToken"') ? null : ((await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string });
        const question = api?.question ?? /<label for="f-captcha[^"]*">([^<]+)</.exec(page.body)![1]!;
        const token = api?.token ?? /name="captchaToken" value="([^"]+)"/.exec(page.body)![1]!;
        const body = new URLSearchParams({ captchaToken: token, captchaAnswer: solveCaptcha(question), ...fields });
        return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString(), remoteAddress: '10.7.7.7' });
      };
      const refused = await ask({ body: '', name: '', phone: '12', consentToPublish: 'yes' });
      assert.equal(refused.statusCode, 400);
      for (const text of ['请填写问题内容', '请填写姓名', '联系电话']) assert.ok(refused.body.includes(text), text);
      assert.equal((await ask({ body: '今年秋粮收购价格有什么政策？', name: '张三丰', phone: '13912345678', consentToPublish: 'yes' })).statusCode, 201);
      assert.equal((await ask({ body: '耕地地力保护补贴什么时候发放到户？', name: '李四', phone: '13800138000', consentToPublish: 'no' })).statusCode, 201);

      // The reviewer does not handle messages: askers are masked for them.
      const seen = (await reviewer.request('GET', `/api/v1/agencies/${own}/interviews/${id}`)).json() as InterviewDetail;
      assert.deepEqual(seen.questions.map((q) => [q.askerName, q.askerPhone]), [['张*丰', '139****5678'], ['李*', '138****8000']]);
      assert.equal(seen.mayConvert, false);

      // The interview day: no more questions; one answered on air, the other converted.
      t.setNow(new Date('2025-10-09T01:00:00Z'));
      const late = await ask({ body: '还能提问吗？', name: '王五', phone: '13700001111', consentToPublish: 'yes' });
      assert.equal(late.statusCode, 409, 'a past interview takes no question');
      assert.ok(late.body.includes('访谈已开始，不再征集问题'));
      const detail = (await clerk.request('GET', `/api/v1/agencies/${own}/interviews/${id}`)).json() as InterviewDetail;
      assert.deepEqual(detail.questions.map((q) => q.askerName), ['张三丰', '李四']);
      const answered = await clerk.request('POST', `/api/v1/agencies/${own}/interviews/${id}/answered`, { answers: [{ questionId: detail.questions[0]!.id, answer: '按国家最低收购价执行，乡里将组织收购点。' }] });
      assert.equal(answered.statusCode, 200, answered.body);
      const converted = await clerk.request('POST', `/api/v1/agencies/${own}/interviews/${id}/convert-unanswered`);
      assert.equal(converted.statusCode, 200, converted.body);
      const result = converted.json() as ConvertResult;
      assert.equal(result.converted.length, 1);
      assert.equal(result.converted[0]!.dueDate, '2025-10-14');
      const message = (await clerk.request('GET', `/api/v1/messages/${result.converted[0]!.messageId}`)).json();
      assert.deepEqual([message.receivedDate, message.limitWorkingDays, message.kind, message.body, message.consentToPublish, message.dueDate], ['2025-09-30', 5, 'consultation', '耕地地力保护补贴什么时候发放到户？', false, '2025-10-14']);
      assert.match(message.title, /^在线访谈提问：/);
      const again = await clerk.request('POST', `/api/v1/agencies/${own}/interviews/${id}/convert-unanswered`);
      assert.equal(again.json().error.code, 'NOTHING_TO_CONVERT');

      // The transcript, published, and the answered question whose asker agreed, masked as 张**.
      assert.equal((await clerk.request('PUT', `/api/v1/agencies/${own}/interviews/${id}/transcript`, { transcript: '主持人：各位网友好……', publish: true })).statusCode, 200);
      const page = await t.app.inject({ method: 'GET', url });
      assert.ok(page.body.includes('主持人：各位网友好') && page.body.includes('张**') && !page.body.includes('张三丰'), page.body);
      assert.ok(page.body.includes('另有 1 个问题未在访谈中答复') && !page.body.includes('耕地地力保护补贴'));
      const list = await t.app.inject({ method: 'GET', url: '/org/changping/open/interaction/interviews' });
      assert.ok(list.body.includes('2025 年秋季农业生产与惠农政策') && list.body.includes('已公开实录'));
    });

    it('imports a 12345 export: bad rows reported by number, a re-import adds nothing, a later export updates its order', async () => {
      const upload = (data: Buffer, who: Client = clerk) =>
        t.app.inject({ method: 'POST', url: `/api/v1/agencies/${own}/hotline/import`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: data });
      const file = await workOrders(orders);
      assert.equal((await upload(file, reviewer)).statusCode, 403);
      const first = await upload(file);
      assert.equal(first.statusCode, 200, first.body);
      const r1 = first.json() as HotlineImportResult;
      assert.deepEqual([r1.rows, r1.created, r1.updated, r1.unchanged], [7, 4, 0, 0]);
      assert.deepEqual(r1.errors.map((e) => e.row), [6, 7, 8]);
      assert.match(r1.errors[0]!.problems.join(), /来电时间“2026-02-30 10:00”无法识别/);
      assert.deepEqual(r1.errors[1]!.problems, ['是否办结“待定”无法识别，应为“已办结”或“未办结”', '请填写诉求内容']);
      assert.deepEqual(r1.errors[2]!.problems, ['工单编号 GD20260303000125 与第 2 行重复']);

      const again = (await upload(file)).json() as HotlineImportResult;
      assert.deepEqual([again.created, again.updated, again.unchanged, again.errors.length], [0, 0, 4, 3]);
      const later = [...orders.slice(0, 1), ['GD20260305000388', '2026/3/5 14:30', '李明', '13800001111', '投诉', '反映东村路灯损坏多日未修', '常平乡人民政府', '已更换灯具，恢复照明', '已办结']];
      const third = (await upload(await workOrders(later))).json() as HotlineImportResult;
      assert.deepEqual([third.created, third.updated, third.unchanged, third.errors.length], [0, 1, 1, 0]);

      const list = (await clerk.request('GET', `/api/v1/agencies/${own}/hotline?from=2026-03-01&to=2026-03-31`)).json() as HotlineList;
      assert.deepEqual([list.total, list.closedCount], [4, 3]);
      const lamp = list.items.find((c) => c.orderNo === 'GD20260305000388')!;
      assert.deepEqual([lamp.calledAt, lamp.closed, lamp.answer, lamp.callerName, lamp.source], ['2026-03-05 14:30', true, '已更换灯具，恢复照明', '李明', 'import']);
      assert.equal(list.items.find((c) => c.orderNo === 'GD20260303000125')!.calledAt, '2026-03-03 09:12', 'a date cell is the wall-clock time written in the sheet');
      const notWorkbook = await upload(Buffer.from('工单编号,来电时间'));
      assert.equal(notWorkbook.json().error.code, 'INVALID_XLSX');
    });

    it('enters calls one by one with Chinese errors, refuses a duplicate order, and masks the caller for non-handlers', async () => {
      const call = { orderNo: '', calledAt: '2026-11-20 09:30', callerName: '陈晓东', callerPhone: '13698765432', subject: '咨询新生儿落户需要的材料', answer: '出生医学证明、父母户口簿和身份证、结婚证', closed: true };
      const bad = await clerk.request('POST', `/api/v1/agencies/${own}/hotline`, { ...call, calledAt: '2026-11-27 09:00', subject: '', answer: '' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json().error.details.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]), [
        ['calledAt', '来电时间不能晚于现在（2026-11-26 10:00）'],
        ['subject', '请填写诉求内容'],
        ['answer', '已办结的来电须填写答复内容'],
      ]);
      assert.equal((await clerk.request('POST', `/api/v1/agencies/${own}/hotline`, call)).statusCode, 201);
      const dup = await clerk.request('POST', `/api/v1/agencies/${own}/hotline`, { ...call, orderNo: 'GD20260310000412' });
      assert.deepEqual([dup.statusCode, dup.json().error.code], [409, 'DUPLICATE_ORDER']);
      assert.equal((await reviewer.request('POST', `/api/v1/agencies/${own}/hotline`, call)).statusCode, 403);
      assert.equal((await other.request('GET', `/api/v1/agencies/${own}/hotline`)).statusCode, 403);

      const masked = (await reviewer.request('GET', `/api/v1/agencies/${own}/hotline?q=新生儿`)).json() as HotlineList;
      assert.deepEqual(masked.items.map((c) => [c.callerName, c.callerPhone, c.masked]), [['陈*东', '136****5432', true]]);
      const full = (await clerk.request('GET', `/api/v1/agencies/${own}/hotline?q=新生儿`)).json() as HotlineList;
      assert.deepEqual(full.items.map((c) => [c.callerName, c.callerPhone, c.masked]), [['陈晓东', '13698765432', false]]);
      const id = full.items[0]!.id;
      assert.equal((await clerk.request('DELETE', `/api/v1/agencies/${own}/hotline/${id}`)).statusCode, 200);
      assert.equal(((await clerk.request('GET', `/api/v1/agencies/${own}/hotline?q=新生儿`)).json() as HotlineList).total, 0);
      const log = await t.deps.db.selectFrom('audit_log').select('action').where('entity', '=', 'hotline_call').where('entity_id', '=', String(id)).orderBy('seq').execute();
      assert.deepEqual(log.map((l) => l.action), ['hotline.create', 'hotline.delete']);
    });

    it('keeps meetings with participants, minutes and follow-ups with owners and due dates', async () => {
      const meeting = {
        kind: 'villagers',
        heldOn: '2026-10-15',
        title: '东村 2026 年第三次村民会议',
        participantCount: 46,
        participantKinds: ['村民代表', '村（社区）干部'],
        topics: '村道硬化方案；村集体经济收益分配',
        minutes: '会议表决通过村道硬化方案，收益分配方案待公示后再议。',
        followUps: [
          { item: '公示收益分配方案', owner: '东村村委会 王主任', dueOn: '2026-10-25', doneOn: null },
          { item: '村道硬化招标', owner: '乡建设办 刘工', dueOn: '2026-12-31', doneOn: null },
        ],
      };
      const bad = await clerk.request('POST', `/api/v1/agencies/${own}/meetings`, { ...meeting, participantKinds: [], followUps: [{ item: '公示', owner: '', dueOn: '2026-10-01', doneOn: '2026-12-01' }] });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json().error.details.fields as { field: string }[]).map((f) => f.field), ['participantKinds', 'followUps.0.owner', 'followUps.0.dueOn', 'followUps.0.doneOn']);
      assert.match(bad.json().error.message, /第 1 项跟进事项：完成期限不能早于会议日期/);
      const created = await clerk.request('POST', `/api/v1/agencies/${own}/meetings`, meeting);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await clerk.request('POST', `/api/v1/agencies/${own}/meetings`, { ...meeting, kind: 'openDay', heldOn: '2026-05-15', title: '政府开放日：走进便民服务中心', participantCount: 30, participantKinds: ['群众代表', '新闻媒体'], followUps: [] })).statusCode, 201);
      let year = (await reviewer.request('GET', `/api/v1/agencies/${own}/meetings?year=2026`)).json() as MeetingYear & { canEdit: boolean };
      assert.deepEqual([year.counts.villagers, year.counts.openDay, year.counts.symposium, year.participants, year.canEdit], [1, 1, 0, 76, false]);
      const saved = year.items.find((m) => m.kind === 'villagers')!;
      assert.deepEqual(saved.followUps.map((f) => [f.owner, f.dueOn, f.overdue]), [['东村村委会 王主任', '2026-10-25', true], ['乡建设办 刘工', '2026-12-31', false]]);
      assert.deepEqual([saved.openFollowUps, saved.overdueFollowUps], [2, 1]);

      // The first item done, the second dropped, a third added: saved as a whole.
      const [first] = saved.followUps;
      const edited = await clerk.request('PUT', `/api/v1/agencies/${own}/meetings/${saved.id}`, { ...meeting, followUps: [{ id: first!.id, item: first!.item, owner: first!.owner, dueOn: first!.dueOn, doneOn: '2026-10-24' }, { item: '收益分配方案再次表决', owner: '东村村委会', dueOn: '2026-12-15', doneOn: null }] });
      assert.equal(edited.statusCode, 200, edited.body);
      year = (await clerk.request('GET', `/api/v1/agencies/${own}/meetings?year=2026`)).json() as MeetingYear & { canEdit: boolean };
      const after = year.items.find((m) => m.id === saved.id)!;
      assert.deepEqual(after.followUps.map((f) => [f.item, f.doneOn, f.overdue]), [['公示收益分配方案', '2026-10-24', false], ['收益分配方案再次表决', null, false]]);
      assert.equal(after.overdueFollowUps, 0);
      assert.equal((await reviewer.request('POST', `/api/v1/agencies/${own}/meetings`, meeting)).statusCode, 403);
      const dropped = await t.deps.db.selectFrom('meeting_follow_ups').select(['item', 'deleted_at']).where('meeting_id', '=', saved.id).where('deleted_at', 'is not', null).execute();
      assert.deepEqual(dropped.map((d) => d.item), ['村道硬化招标'], 'a dropped item is kept, marked deleted');
    });

    it('none of these records is a 依申请公开 request', async () => {
      assert.equal(await requestCount(), requestsBefore);
    });
  });
}
