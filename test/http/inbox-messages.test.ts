import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, permanentPassword, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/**
 * 留言 in the 待办 inbox (issue 11 item 1, issue 16): each reply step shows to the role that takes
 * it and never to whom the separation of duties bars. The expected counts come from the test's own
 * record of what it did to each message, not from the server's projection.
 */
interface Tracked {
  id: number;
  phase: 'awaitingAcceptance' | 'handling' | 'replyInReview' | 'replyReviewed' | 'replied';
  drafter: string | null;
  reviewer: string | null;
  extension: 'requested' | null;
  received: string;
}

const roles: Record<string, string[]> = { clerk: ['clerk'], clerk2: ['clerk'], reviewer: ['reviewer'], head: ['head'], head2: ['head'] };
const OPEN = ['awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed'];

/** What each user should see, computed from the tracked messages and the policy's roles. */
function expected(user: string, messages: Tracked[], today: string): Record<string, number> {
  const has = (r: string) => roles[user]!.includes(r);
  const office = has('clerk') || has('head');
  const count = (f: (m: Tracked) => boolean) => messages.filter(f).length;
  const red = (m: Tracked) => OPEN.includes(m.phase) && (Date.parse(today) - Date.parse(m.received)) / 86_400_000 >= 60;
  const out: Record<string, number> = {
    留言待受理: office ? count((m) => m.phase === 'awaitingAcceptance') : 0,
    留言待答复: office ? count((m) => m.phase === 'handling') : 0,
    留言答复被退回: office ? count((m) => m.phase === 'handling' && m.drafter === user) : 0,
    留言答复待审核: has('reviewer') || has('head') ? count((m) => m.phase === 'replyInReview' && m.drafter !== user) : 0,
    留言答复待批准: has('head') ? count((m) => m.phase === 'replyReviewed' && m.drafter !== user && m.reviewer !== user) : 0,
    留言延期待审批: has('head') ? count((m) => OPEN.includes(m.phase) && m.extension === 'requested') : 0,
    '留言超过60天未办结（红色预警）': office ? count(red) : 0,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v > 0));
}

for (const dialect of DIALECTS) {
  describe(`留言 in the 待办 inbox on ${dialect}`, () => {
    let t: TestApp;
    let own: number;
    let mailboxId: number;
    const people = new Map<string, Client>();
    const passwords = new Map<string, string>();
    const messages: Tracked[] = [];
    let today = '2026-11-26';
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      own = (await operator.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      for (const [name, r] of Object.entries(roles)) {
        const res = await operator.request('POST', '/api/v1/users', { username: `lyinbox.${name}`, displayName: name, agencyId: own, roles: r });
        assert.equal(res.statusCode, 201, res.body);
        people.set(name, await loginClient(t.app, `lyinbox.${name}`, res.json().oneTimePassword));
        passwords.set(name, permanentPassword(res.json().oneTimePassword));
      }
      const res = await who('head').request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱' });
      assert.equal(res.statusCode, 201, res.body);
      mailboxId = res.json().id;
    });
    after(async () => t.close());

    function who(name: string): Client {
      return people.get(name)!;
    }
    const intake = async (received: string) => {
      const res = await who('clerk').request('POST', '/api/v1/messages', {
        agencyId: own, channel: 'inPerson', receivedDate: received, mailboxId, kind: 'help', title: '困难群众临时救助咨询', body: '家中老人住院，能否申请临时救助？', name: '王五', phone: '13812345678', consentToPublish: false,
      });
      assert.equal(res.statusCode, 201, res.body);
      const m: Tracked = { id: res.json().id, phase: 'awaitingAcceptance', drafter: null, reviewer: null, extension: null, received };
      messages.push(m);
      return m;
    };
    const step = async (by: string, m: Tracked, body: object) => {
      const res = await who(by).request('POST', `/api/v1/messages/${m.id}/events`, { date: today, ...body });
      assert.equal(res.statusCode, 200, res.body);
    };
    const counts = async (name: string) => {
      const res = await who(name).request('GET', '/api/v1/inbox');
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json().items as { kind: string; label: string; agencyId: number; count: number; path: string }[]).filter((i) => i.agencyId === own && i.kind.startsWith('message'));
      return Object.fromEntries(items.map((i) => [i.label, i.count]));
    };
    const checkAll = async (when: string) => {
      for (const name of Object.keys(roles)) assert.deepEqual(await counts(name), expected(name, messages, today), `${name} ${when}`);
    };

    it('moves each message from one role’s inbox to the next as it is handled', async () => {
      await checkAll('before any message');
      const [a, b, c] = [await intake('2026-11-25'), await intake('2026-11-26'), await intake('2026-11-26')];
      await checkAll('after intake');
      assert.deepEqual(await counts('reviewer'), {}, 'a reviewer does not accept messages');

      for (const m of [a, b, c]) {
        await step('clerk', m, { type: 'accepted' });
        m.phase = 'handling';
      }
      await step('clerk', a, { type: 'replyDrafted', text: '可以申请，请携带住院证明到乡民政办。' });
      Object.assign(a, { phase: 'replyInReview', drafter: 'clerk' });
      await checkAll('after a draft');
      assert.equal((await counts('reviewer'))['留言答复待审核'], 1);

      await step('reviewer', a, { type: 'replyReturned', reason: '请写明办理时限' });
      Object.assign(a, { phase: 'handling' });
      await checkAll('after a 退回');
      assert.equal((await counts('clerk'))['留言答复被退回'], 1, 'the drafter sees the return');
      assert.equal((await counts('clerk2'))['留言答复被退回'], undefined, 'another clerk does not');

      await step('clerk', a, { type: 'replyDrafted', text: '可以申请，请携带住院证明到乡民政办，5 个工作日内办结。' });
      a.phase = 'replyInReview';
      await step('reviewer', a, { type: 'replyReviewed' });
      Object.assign(a, { phase: 'replyReviewed', reviewer: 'reviewer' });
      // The head drafts b and reviews c: neither may then be approved by that head.
      await step('head', b, { type: 'replyDrafted', text: '已转交村委会核实。' });
      Object.assign(b, { phase: 'replyInReview', drafter: 'head' });
      await step('clerk2', c, { type: 'replyDrafted', text: '符合条件，已登记。' });
      Object.assign(c, { phase: 'replyInReview', drafter: 'clerk2' });
      await step('head', c, { type: 'replyReviewed' });
      Object.assign(c, { phase: 'replyReviewed', reviewer: 'head' });
      await checkAll('with replies in review by different people');
      assert.equal((await counts('head'))['留言答复待批准'], 1, 'only a: b is the head’s own draft, c the head reviewed');
      assert.equal((await counts('head2'))['留言答复待批准'], 2);

      await step('head2', a, { type: 'replyApproved' });
      a.phase = 'replied';
      const d = await intake('2026-11-26');
      await step('clerk', d, { type: 'accepted' });
      await step('clerk', d, { type: 'extensionRequested', workingDays: 5, reason: '需要实地核实' });
      Object.assign(d, { phase: 'handling', extension: 'requested' });
      await checkAll('with an extension requested');
      assert.equal((await counts('head'))['留言延期待审批'], 1);
    });

    it('raises the red alert for messages open 60 days, and only while open', async () => {
      const old = await intake('2026-09-01');
      await checkAll('with a message received in September');
      assert.equal((await counts('clerk'))['留言超过60天未办结（红色预警）'], 1);
      await step('clerk', old, { type: 'accepted' });
      old.phase = 'handling';
      today = '2027-01-26';
      t.setNow(new Date('2027-01-26T02:00:00Z'));
      // Two months on, the sessions have expired: everyone signs in again.
      for (const [name, password] of passwords) people.set(name, await loginClient(t.app, `lyinbox.${name}`, password));
      await checkAll('two months later');
      const open = messages.filter((m) => OPEN.includes(m.phase)).length;
      assert.equal((await counts('clerk'))['留言超过60天未办结（红色预警）'], open, 'every open message is now red');
      const res = await who('clerk').request('GET', `/api/v1/inbox`);
      const red = (res.json().items as { kind: string; agencyId: number; path: string }[]).find((i) => i.agencyId === own && i.kind === 'messageRedAlert');
      assert.equal(red?.path, '/interaction?due=red');
      const listed = await who('clerk').request('GET', `/api/v1/messages?agencyId=${own}&due=red`);
      assert.equal(listed.json().total, open, 'the link lists the same messages');
      t.setNow(new Date('2026-11-26T02:00:00Z'));
      today = '2026-11-26';
    });
  });
}
