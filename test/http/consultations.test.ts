import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { seedDemoDocuments } from '../../src/services/demo-documents.ts';
import { consultationsWithoutFeedback } from '../../src/capabilities/consultations/queries.ts';
import { scopeFor } from '../../src/services/policy.ts';

/**
 * 意见征集 over HTTP on both databases (issue 16 item 2): the period rules, portal comments with the
 * captcha, moderation, closing with the feedback table, publishing, the overdue query, the link to
 * the final document and the site search. Today is 2026-11-26 (Thursday).
 */
const draftText = '第一条 为规范村民建房管理，制定本办法。\n第二条 本办法适用于本乡行政区域内的农村村民住宅建设。\n第三条 建房申请经村民委员会公示后报乡人民政府审批。';

for (const dialect of DIALECTS) {
  describe(`consultations on ${dialect}`, () => {
    let t: TestApp;
    let own: number;
    let clerk: Client;
    let head: Client;
    let reviewer: Client;
    let openId: number;
    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      own = ((await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]).find((a) => a.code === 'changping')!.id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: own, roles });
        assert.equal(res.statusCode, 201, res.body);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerk = await make('zj.clerk', ['clerk']);
      head = await make('zj.head', ['head']);
      reviewer = await make('zj.reviewer', ['reviewer']);
      await seedDemoDocuments(t.deps, own);
    });
    after(async () => t.close());

    const draft = (body: Record<string, unknown>) =>
      clerk.request('POST', '/api/v1/consultations', { agencyId: own, title: '常平乡农村村民建房管理办法（征求意见稿）', kind: 'normativeDocument', draftText, explanation: '为规范村民建房，起草本办法。', startDate: '2026-11-16', endDate: '2026-11-26', preparedDate: '2026-11-13', ...body });
    const step = (by: Client, id: number, body: object) => by.request('POST', `/api/v1/consultations/${id}/events`, { date: '2026-11-26', ...body });
    const comment = async (id: number, body: Record<string, unknown>) => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string };
      return t.app.inject({ method: 'POST', url: `/api/v1/public/agencies/changping/consultations/${id}/comments`, payload: { body: '建议把公示期写明为 7 日。', name: '朱建军', phone: '13912345678', captchaToken: captcha.token, captchaAnswer: solveCaptcha(captcha.question), ...body } });
    };
    const publicPage = async (id: number) => t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/consultations/${id}` });

    it('refuses a 20-day 规章 without a reason (stable code, Chinese, on the end date) and takes it with one', async () => {
      const regulation = { kind: 'regulation', startDate: '2026-11-26', endDate: '2026-12-15', preparedDate: '2026-11-26' };
      const refused = await draft(regulation);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json().error.code, 'CONSULTATION_PERIOD_TOO_SHORT');
      assert.match(refused.json().error.message, /规章征求意见期限一般不少于 30 日.*共 20 日/);
      assert.deepEqual(refused.json().error.details.fields.map((f: { field: string }) => f.field), ['endDate']);
      const withReason = await draft({ ...regulation, shortPeriodReason: '上位法将于 2027 年 1 月 1 日施行，须同步修订' });
      assert.equal(withReason.statusCode, 201, withReason.body);
      // A 规范性文件 of 7 calendar days holds only 5 working days here.
      const normative = await draft({ startDate: '2026-11-26', endDate: '2026-12-02', preparedDate: '2026-11-26' });
      assert.equal(normative.json().error.code, 'CONSULTATION_PERIOD_TOO_SHORT');
      assert.match(normative.json().error.message, /不少于 7 个工作日.*5 个工作日/);
      const bad = await draft({ title: '', explanation: ' ', preparedDate: '2026-11-27' });
      assert.deepEqual(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort(), ['explanation', 'preparedDate', 'title']);
      assert.equal((await reviewer.request('POST', '/api/v1/consultations', { agencyId: own, title: 'x', kind: 'other', draftText: 'x', explanation: 'x', startDate: '2026-11-26', endDate: '2026-11-30' })).statusCode, 403);
    });

    it('takes portal comments only while open, moderates them before showing them, masked', async () => {
      const created = await draft({});
      assert.equal(created.statusCode, 201, created.body);
      openId = created.json().id;
      const early = await comment(openId, {});
      assert.equal(early.statusCode, 409, 'not on the portal yet');
      assert.equal(early.json().error.code, 'CONSULTATION_NOT_OPEN');
      assert.equal((await publicPage(openId)).statusCode, 404);
      const opened = await step(clerk, openId, { type: 'opened', date: '2026-11-16' });
      assert.equal(opened.statusCode, 200, opened.body);
      const bad = await comment(openId, { body: '', article: '第九条', name: '', captchaAnswer: '999' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort(), ['article', 'body', 'captchaAnswer', 'name']);
      const onArticle = await comment(openId, { article: '第三条' });
      assert.equal(onArticle.statusCode, 201, onArticle.body);
      assert.match(onArticle.json().message, /经审核后公开显示/);
      const spam = await comment(openId, { body: '广告：低价出售建材', name: '某公司' });
      const byLetter = await clerk.request('POST', `/api/v1/consultations/${openId}/comments`, { body: '建议明确审批时限。', name: '李明', receivedDate: '2026-11-20' });
      assert.equal(byLetter.statusCode, 201, byLetter.body);
      assert.deepEqual((await publicPage(openId)).json().comments, [], 'nothing shown before moderation');
      const detail = (await clerk.request('GET', `/api/v1/consultations/${openId}`)).json();
      assert.deepEqual(detail.comments.map((c: { name: string; article: string | null; statusLabel: string }) => [c.name, c.article, c.statusLabel]), [['朱建军', '第三条', '待审核'], ['某公司', null, '待审核'], ['李明', null, '待审核']]);
      assert.deepEqual(detail.articles, ['第一条', '第二条', '第三条']);
      const asReviewer = (await reviewer.request('GET', `/api/v1/consultations/${openId}`)).json();
      assert.deepEqual([asReviewer.comments[0].name, asReviewer.comments[0].phone], ['朱**', '139****5678'], 'masked for one who does not handle it');
      const [a, b, c] = detail.comments.map((x: { id: number }) => x.id) as number[];
      const noReason = await step(clerk, openId, { type: 'commentModerated', commentId: spam.json().commentId, decision: 'hidden' });
      assert.equal(noReason.statusCode, 409);
      assert.match(noReason.json().error.message, /须写明理由/);
      for (const [id, decision] of [[a, 'shown'], [b, 'hidden'], [c, 'shown']] as const) {
        const res = await step(clerk, openId, { type: 'commentModerated', commentId: id, decision, reason: decision === 'hidden' ? '广告' : undefined });
        assert.equal(res.statusCode, 200, res.body);
      }
      const shown = (await publicPage(openId)).json();
      assert.deepEqual(shown.comments.map((x: { name: string; article: string | null }) => [x.name, x.article]), [['朱**', '第三条'], ['李*', null]]);
      assert.equal(JSON.stringify(shown).includes('13912345678'), false, 'no phone on the portal');
      assert.equal(shown.acceptsComments, true);
      assert.equal(shown.feedback, null);
    });

    it('closes with the feedback table, lists it as overdue until the head publishes it, links the final document', async () => {
      const detail = (await clerk.request('GET', `/api/v1/consultations/${openId}`)).json();
      const shownIds = detail.comments.filter((x: { status: string }) => x.status === 'shown').map((x: { id: number }) => x.id) as number[];
      const partial = await step(clerk, openId, { type: 'closed', feedback: [{ commentId: shownIds[0], adoption: 'adopted' }] });
      assert.equal(partial.statusCode, 409);
      assert.match(partial.json().error.message, /还有 1 条未填写/);
      const closed = await step(clerk, openId, { type: 'closed', feedback: [{ commentId: shownIds[0], adoption: 'adopted' }, { commentId: shownIds[1], adoption: 'notAdopted', reason: '审批时限由县级规定' }] });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(
        closed.json().feedback.map((r: { seq: number; commenter: string; adoption: string; reason: string }) => [r.seq, r.commenter, r.adoption, r.reason]),
        [[1, '朱**', '采纳', ''], [2, '李*', '不予采纳', '审批时限由县级规定']],
      );
      const lateComment = await comment(openId, {});
      assert.equal(lateComment.statusCode, 409);
      assert.equal((await publicPage(openId)).json().feedback, null, 'not public before publishing');

      // Another one ended yesterday without feedback: 逾期, from the stored projection.
      const ended = (await draft({ title: '常平乡殡葬管理规定（征求意见稿）', startDate: '2026-11-13', endDate: '2026-11-25', preparedDate: '2026-11-12' })).json().id as number;
      assert.equal((await step(clerk, ended, { type: 'opened', date: '2026-11-13' })).statusCode, 200);
      const overdueList = (await clerk.request('GET', `/api/v1/consultations?agencyId=${own}&state=overdue`)).json().items;
      assert.deepEqual(overdueList.map((i: { id: number; overdue: boolean }) => [i.id, i.overdue]), [[ended, true]]);
      const scope = await scopeFor(t.deps.db, { kind: 'system', label: 'test' }, own);
      assert.deepEqual((await consultationsWithoutFeedback(t.deps, scope, '2026-11-26')).map((i) => i.id), [ended]);
      assert.deepEqual((await consultationsWithoutFeedback(t.deps, scope, '2026-11-27')).map((i) => i.id).sort(), [openId, ended].sort(), 'the closed one is overdue the day after its end until published');
      const inbox = (await clerk.request('GET', '/api/v1/inbox')).json();
      assert.ok(inbox.items.some((i: { kind: string; count: number }) => i.kind === 'consultationToClose' && i.count === 1), JSON.stringify(inbox));

      const byClerk = await step(clerk, openId, { type: 'feedbackPublished' });
      assert.equal(byClerk.statusCode, 403);
      assert.match(byClerk.json().error.message, /负责人或管理员/);
      assert.equal((await step(head, openId, { type: 'feedbackPublished' })).statusCode, 200);
      assert.deepEqual((await consultationsWithoutFeedback(t.deps, scope, '2026-11-27')).map((i) => i.id), [ended]);
      const published = (await publicPage(openId)).json();
      assert.deepEqual(published.feedback.map((r: { seq: number; commenter: string; content: string; adoption: string }) => [r.seq, r.commenter, r.content, r.adoption]), [
        [1, '朱**', '建议把公示期写明为 7 日。', '采纳'],
        [2, '李*', '建议明确审批时限。', '不予采纳'],
      ]);

      const doc = await t.deps.db.selectFrom('documents').select(['id', 'title']).where('agency_id', '=', own).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      const linked = await step(clerk, openId, { type: 'documentLinked', documentId: doc.id });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.deepEqual((await publicPage(openId)).json().document, { id: doc.id, title: doc.title, path: `/org/changping/documents/${doc.id}` });
      const docPage = await t.app.inject({ method: 'GET', url: `/org/changping/documents/${doc.id}` });
      assert.match(docPage.body, new RegExp(`/org/changping/open/interaction/consultations/${openId}`), 'the document page links back');
      const timeline = (await clerk.request('GET', `/api/v1/consultations/${openId}`)).json().timeline.map((e: { label: string }) => e.label);
      assert.deepEqual(timeline.slice(0, 2), ['登记草案', '发布征集']);
      assert.deepEqual(timeline.slice(-3), ['结束征集并形成采纳情况', '公布意见采纳情况', '关联正式文件']);
    });

    it('shows the portal pages and finds published consultations in the site search, never a draft not yet on the portal', async () => {
      const hidden = (await draft({ title: '尚未发布的某某草案', startDate: '2026-11-26', endDate: '2026-12-08', preparedDate: '2026-11-26' })).json().id as number;
      const list = await t.app.inject({ method: 'GET', url: '/org/changping/open/interaction/consultations' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /农村村民建房管理办法/);
      assert.doesNotMatch(list.body, /尚未发布的某某草案/);
      const page = await t.app.inject({ method: 'GET', url: `/org/changping/open/interaction/consultations/${openId}` });
      assert.match(page.body, /意见采纳情况/);
      assert.match(page.body, /朱\*\*/);
      assert.equal((await t.app.inject({ method: 'GET', url: `/org/changping/open/interaction/consultations/${hidden}` })).statusCode, 404);
      const found = (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('村民建房')}&agency=changping` })).json();
      assert.ok(found.pages.some((p: { path: string }) => p.path === `/open/interaction/consultations/${openId}`), JSON.stringify(found.pages));
      const notFound = (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('尚未发布的某某草案')}&agency=changping` })).json();
      assert.deepEqual(notFound.pages, []);
    });
  });
}
