import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { chinaDate } from '../../src/domain/calendar/china-time.ts';
import { addDays } from '../../src/domain/calendar/index.ts';

/**
 * 问卷调查 over HTTP (issue 16 item 3), on both databases: the draft's checks and workflow, the
 * answer checks per question type, one answer per browser (API token and portal cookie), the
 * results equal to counts made here over the answers sent, and free text never public.
 */
const SECRET = '只给工作人员看的文字甲乙丙';
const questions = [
  { kind: 'single', title: '您主要通过什么渠道了解政务信息？', required: true, options: ['政府网站', '微信公众号', '村务公开栏'] },
  { kind: 'multiple', title: '您最希望公开哪些信息？', required: true, options: ['惠农补贴', '低保救助', '项目建设', '村级财务'] },
  { kind: 'rating', title: '您对目前的政务公开工作打几分？', required: false, options: [] },
  { kind: 'text', title: '其他意见建议', required: false, options: [] },
];

for (const dialect of DIALECTS) {
  describe(`surveys on ${dialect}`, () => {
    let t: TestApp;
    let own: number;
    let clerk: Client;
    let reviewer: Client;
    let head: Client;
    let today: string;
    let surveyId: number;
    let ip = 0;
    /** The sheets accepted, as sent: the test's own record to count over. */
    const accepted: { question: string; choice?: number; choices?: number[]; rating?: number; text?: string }[][] = [];
    before(async () => {
      t = await createTestApp(dialect);
      today = chinaDate(t.deps.now());
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      own = ((await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]).find((a) => a.code === 'changping')!.id;
      const make = async (username: string, roles: string[]) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: own, roles });
        assert.equal(res.statusCode, 201, res.body);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      [clerk, reviewer, head] = [await make('sv.clerk', ['clerk']), await make('sv.reviewer', ['reviewer']), await make('sv.head', ['head'])];
    });
    after(async () => t.close());

    const answer = async (answers: unknown[], respondentToken: string) => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string };
      // Each respondent from an address of its own: the per-address limit counts people, as in life.
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/public/agencies/changping/surveys/${surveyId}/responses`,
        remoteAddress: `10.9.${Math.floor(++ip / 250)}.${ip % 250}`,
        payload: { answers, respondentToken, captchaToken: captcha.token, captchaAnswer: solveCaptcha(captcha.question) },
      });
    };

    it('checks a draft in one round, edits it, opens it, and then refuses edits', async () => {
      const body = { agencyId: own, title: '群众需求调研', description: '了解群众最希望公开的信息', startDate: today, endDate: addDays(today, 14), questions };
      assert.equal((await reviewer.request('POST', '/api/v1/surveys', body)).statusCode, 403, 'a reviewer does not make surveys');
      const bad = await clerk.request('POST', '/api/v1/surveys', { ...body, title: '', endDate: addDays(today, -1), questions: [{ ...questions[0], options: ['只有一个'] }] });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual((bad.json().error.details.fields as { field: string }[]).map((f) => f.field), ['title', 'endDate', 'questions.0.options']);
      const created = await clerk.request('POST', '/api/v1/surveys', { ...body, questions: questions.slice(0, 2) });
      assert.equal(created.statusCode, 201, created.body);
      surveyId = created.json().id;
      const edited = await clerk.request('PUT', `/api/v1/surveys/${surveyId}`, { ...body, agencyId: undefined });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(edited.json().questions.map((q: { key: string }) => q.key), ['q1', 'q2', 'q3', 'q4']);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/surveys/${surveyId}` })).statusCode, 404, 'a draft is not public');
      assert.equal((await clerk.request('POST', `/api/v1/surveys/${surveyId}/events`, { type: 'resultsPublished', date: today })).statusCode, 403);
      const opened = await clerk.request('POST', `/api/v1/surveys/${surveyId}/events`, { type: 'opened', date: today });
      assert.equal(opened.statusCode, 200, opened.body);
      assert.deepEqual([opened.json().status, opened.json().statusLabel], ['open', '进行中']);
      const late = await clerk.request('PUT', `/api/v1/surveys/${surveyId}`, { ...body, agencyId: undefined });
      assert.equal(late.statusCode, 409);
      assert.match(late.json().error.message, /开始后不能再修改题目/);
    });

    it('refuses a bad answer sheet in one round, each problem on its question', async () => {
      const res = await answer([{ question: 'q1', choice: 7 }, { question: 'q2', choices: [1, 1] }, { question: 'q4', text: '长'.repeat(1001) }, { question: 'q9', choice: 0 }], 'token-bad-sheet-000001');
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual((res.json().error.details.fields as { field: string; code: string }[]).map((f) => `${f.field}:${f.code}`), ['q9:UNKNOWN_QUESTION', 'q1:INVALID_CHOICE', 'q2:DUPLICATE_CHOICE', 'q4:TEXT_TOO_LONG']);
      const missing = await answer([{ question: 'q3', rating: 3 }], 'token-bad-sheet-000002');
      assert.deepEqual((missing.json().error.details.fields as { field: string }[]).map((f) => f.field), ['q1', 'q2']);
      assert.match(missing.json().error.message, /第 1 题：请选择/);
    });

    it('takes one sheet per respondent token, and aggregates equal the counts over the sheets sent', async () => {
      for (let i = 0; i < 23; i++) {
        const sheet: (typeof accepted)[number] = [{ question: 'q1', choice: (i * 7) % 3 }, { question: 'q2', choices: [0, 1, 2, 3].filter((k) => (i + k) % 4 !== 1) }];
        if (i % 3 !== 0) sheet.push({ question: 'q3', rating: ((i * 3) % 5) + 1 });
        if (i % 5 === 0) sheet.push({ question: 'q4', text: `${SECRET}${i}` });
        const res = await answer(sheet, `respondent-token-${String(i).padStart(4, '0')}`);
        assert.equal(res.statusCode, 201, res.body);
        accepted.push(sheet);
      }
      const again = await answer([{ question: 'q1', choice: 0 }, { question: 'q2', choices: [0] }], 'respondent-token-0003');
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'ALREADY_ANSWERED');

      const detail = (await clerk.request('GET', `/api/v1/surveys/${surveyId}`)).json();
      assert.equal(detail.results.responses, accepted.length);
      assert.equal(detail.responses, accepted.length);
      const pick = (q: string) => accepted.flatMap((s) => s.filter((a) => a.question === q));
      const single = [0, 1, 2].map((k) => pick('q1').filter((a) => a.choice === k).length);
      const multi = [0, 1, 2, 3].map((k) => pick('q2').filter((a) => a.choices!.includes(k)).length);
      const ratings = pick('q3').map((a) => a.rating!);
      assert.deepEqual(detail.results.questions[0].counts, single);
      assert.deepEqual(detail.results.questions[1].counts, multi);
      assert.deepEqual(detail.results.questions[2].counts, [1, 2, 3, 4, 5].map((p) => ratings.filter((r) => r === p).length));
      assert.equal(detail.results.questions[2].average, Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10);
      assert.equal(detail.results.questions[3].answered, pick('q4').length);
      assert.deepEqual(detail.texts[0].answers, pick('q4').map((a) => a.text));
      const asReviewer = (await reviewer.request('GET', `/api/v1/surveys/${surveyId}`)).json();
      assert.deepEqual([asReviewer.results.responses, asReviewer.texts], [accepted.length, []], 'free text only for those who handle surveys');
    });

    it('answers through the portal form once per browser, without JavaScript', async () => {
      const url = `/org/changping/open/interaction/surveys/${surveyId}`;
      const form = await t.app.inject({ method: 'GET', url });
      assert.equal(form.statusCode, 200);
      const cookie = form.cookies.find((c) => c.name === 'gk_respondent');
      assert.ok(cookie && cookie.httpOnly, 'the browser gets its token');
      const post = async (cookies: Record<string, string>, extra: Record<string, string | string[]> = {}) => {
        const page = await t.app.inject({ method: 'GET', url, cookies });
        const question = /<label for="f-captcha">([^<]+)</.exec(page.body)![1]!;
        const token = /name="captchaToken" value="([^"]+)"/.exec(page.body)![1]!;
        const fields = { q_q1: '1', q_q2: ['0', '3'], q_q3: '5', captchaToken: token, captchaAnswer: solveCaptcha(question), ...extra };
        const payload = Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)).join('&');
        return t.app.inject({ method: 'POST', url, cookies, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: `10.8.0.${++ip % 250}` });
      };
      const invalid = await post({ [cookie.name]: cookie.value }, { q_q1: '9' });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /第 1 题：单选题只能选一个选项/);
      assert.match(invalid.body, /value="3" checked/, 'the ticked boxes are kept');
      const ok = await post({ [cookie.name]: cookie.value });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.match(ok.body, /问卷已提交/);
      accepted.push([{ question: 'q1', choice: 1 }, { question: 'q2', choices: [0, 3] }, { question: 'q3', rating: 5 }]);
      const twice = await post({ [cookie.name]: cookie.value });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /每人只能答一次/);
      const noCookie = await post({});
      assert.equal(noCookie.statusCode, 400);
      assert.match(noCookie.body, /Cookie/);
    });

    it('publishes aggregates only after closing, by the head; free text never public or searchable', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/surveys/${surveyId}/results` })).statusCode, 404, 'not before publication');
      const early = await head.request('POST', `/api/v1/surveys/${surveyId}/events`, { type: 'resultsPublished', date: today });
      assert.equal(early.statusCode, 409);
      assert.equal((await clerk.request('POST', `/api/v1/surveys/${surveyId}/events`, { type: 'closed', date: today })).statusCode, 200);
      const closedAnswer = await answer([{ question: 'q1', choice: 0 }, { question: 'q2', choices: [0] }], 'respondent-after-close');
      assert.equal(closedAnswer.statusCode, 409);
      assert.equal(closedAnswer.json().error.code, 'SURVEY_NOT_OPEN');
      assert.equal((await head.request('POST', `/api/v1/surveys/${surveyId}/events`, { type: 'resultsPublished', date: today })).statusCode, 200);

      const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/surveys/${surveyId}/results` });
      assert.equal(pub.statusCode, 200, pub.body);
      const results = pub.json().results;
      assert.equal(results.responses, accepted.length);
      const multi = [0, 1, 2, 3].map((k) => accepted.flatMap((s) => s.filter((a) => a.question === 'q2' && a.choices!.includes(k))).length);
      assert.deepEqual(results.questions[1].counts, multi);
      const portal = await t.app.inject({ method: 'GET', url: `/org/changping/open/interaction/surveys/${surveyId}/results` });
      assert.equal(portal.statusCode, 200);
      assert.match(portal.body, new RegExp(`共收到 ${accepted.length} 份答卷`));
      assert.match(portal.body, new RegExp(`项目建设：<strong>${multi[2]}</strong> 人`));
      const list = await t.app.inject({ method: 'GET', url: '/org/changping/open/interaction/surveys' });
      assert.match(list.body, /群众需求调研/);
      const search = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(SECRET)}&agency=changping` });
      for (const body of [pub.body, portal.body, list.body, search.body, (await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/changping/surveys/${surveyId}` })).body]) {
        assert.ok(!body.includes(SECRET), 'free text stays internal');
      }
    });
  });
}
