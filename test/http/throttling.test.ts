import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { FAILURES_BEFORE_CAPTCHA } from '../../src/services/login-throttle.ts';
import { DUPLICATE_WINDOW_MINUTES, SUBMISSIONS_PER_HOUR } from '../../src/services/public-submissions.ts';

/**
 * Honest throttling (issue 14, item 4; docs/decisions/011) through real HTTP handling: sign-in
 * failures lead to a captcha per name and address, never a lock nor a difference between names
 * that exist and names that do not; a captcha token is used up by any answer; public submissions
 * are idempotent and checked for duplicates and volume per agency.
 */
const applicant = { type: 'natural_person', name: '张三丰', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000' };
const form = { applicantType: 'natural_person', applicantName: '李四', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13900001234', requestedForm: 'electronic', delivery: 'email' };

for (const dialect of DIALECTS) {
  describe(`throttling on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    const signIn = (username: string, password: string, remoteAddress: string, captcha?: { captchaToken: string; captchaAnswer: string }) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...captcha }, remoteAddress });
    const captcha = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json() as { token: string; question: string };
    const requestCount = async () => Number((await t.handle.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('asks for a captcha after failures from one address, the same for unknown and existing names, and never locks', async () => {
      const shape = async (username: string, address: string) => {
        const seen = [];
        for (let i = 0; i <= FAILURES_BEFORE_CAPTCHA; i++) {
          const res = await signIn(username, 'not-the-password', address);
          const error = res.json().error;
          seen.push(`${res.statusCode} ${error.code} ${error.message}${error.details?.captcha?.question ? ' +captcha' : ''}`);
        }
        return seen;
      };
      const existing = await shape(t.admin.username, '10.20.0.1');
      assert.deepEqual(await shape('no.such.user', '10.20.0.2'), existing, 'an unknown name cannot be told from an existing one');
      assert.deepEqual(existing.slice(-2), ['401 LOGIN_FAILED 用户名或密码不正确 +captcha', '401 CAPTCHA_REQUIRED 登录失败次数较多，请先回答验证题 +captcha']);

      // The owner, elsewhere, signs in as usual: a stranger cannot lock the account.
      assert.equal((await signIn(t.admin.username, t.admin.password, '10.20.9.9')).statusCode, 200);
      // From the guessing address, the question comes with the refusal and answering it lets the owner in.
      const asked = (await signIn(t.admin.username, t.admin.password, '10.20.0.1')).json().error.details.captcha;
      const ok = await signIn(t.admin.username, t.admin.password, '10.20.0.1', { captchaToken: asked.token, captchaAnswer: solveCaptcha(asked.question) });
      assert.equal(ok.statusCode, 200, ok.body);

      const audit = await t.handle.db.selectFrom('audit_log').select(['entity_id', 'after_json']).where('action', '=', 'auth.login-failed').execute();
      const unknown = audit.filter((a) => JSON.parse(a.after_json!).username === 'no.such.user');
      assert.equal(unknown.length, FAILURES_BEFORE_CAPTCHA, 'failures for an unknown name are audited');
      assert.ok(unknown.every((a) => a.entity_id === null && JSON.parse(a.after_json!).address === '10.20.0.2'));
    });

    it('uses a captcha token up on its first answer, right or wrong', async () => {
      const { token, question } = await captcha();
      const right = solveCaptcha(question);
      const submit = (answer: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/public/agencies/changping/requests', payload: { applicant, description: '2025年村级财务公开情况', requestedForm: 'electronic', delivery: 'email', captchaToken: token, captchaAnswer: answer }, remoteAddress: '10.21.0.1' });
      const before = await requestCount();
      // Every answer from 0 to 18 on one token: the first (wrong) one uses it up, so none wins.
      const answers = Array.from({ length: 19 }, (_, i) => String(i)).filter((a) => a !== right);
      const codes = [];
      for (const a of [answers[0]!, right, ...answers.slice(1, 8)]) codes.push((await submit(a)).json().error?.code);
      assert.deepEqual(new Set(codes), new Set(['CAPTCHA_INVALID']));
      assert.equal(await requestCount(), before, 'nothing was submitted');
    });

    it('answers a retry with the same Idempotency-Key as the first time, creating nothing', async () => {
      const key = randomUUID();
      const body = async () => {
        const c = await captcha();
        return { applicant, description: '2024年农村低保资金发放明细', requestedForm: 'electronic', delivery: 'email', captchaToken: c.token, captchaAnswer: solveCaptcha(c.question) };
      };
      const payload = await body();
      const post = (p: object, k: string | undefined, remoteAddress = '10.22.0.1') =>
        t.app.inject({ method: 'POST', url: '/api/v1/public/agencies/changping/requests', payload: p, headers: k ? { 'idempotency-key': k } : {}, remoteAddress });
      const before = await requestCount();
      const first = await post(payload, key);
      assert.equal(first.statusCode, 201, first.body);
      // The answer was lost; the client sends the very same request again (its captcha already used).
      const retry = await post(payload, key, '10.22.0.2');
      assert.equal(retry.statusCode, 201, retry.body);
      assert.deepEqual(retry.json(), first.json());
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(first.headers['idempotent-replayed'], undefined);
      assert.equal(await requestCount(), before + 1, 'one request, however often it is sent');

      const other = await post({ ...(await body()), description: '另一件申请' }, key);
      assert.deepEqual([other.statusCode, other.json().error.code], [422, 'IDEMPOTENCY_KEY_REUSED']);
      const bad = await post(await body(), 'short');
      assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'INVALID_IDEMPOTENCY_KEY']);
      assert.match(bad.json().error.message, /提交编号/);
      assert.equal(await requestCount(), before + 1);
    });

    it('refuses the same applicant and description again within the window, pointing at the existing query code', async () => {
      const send = async (description: string, remoteAddress: string, who = applicant) => {
        const c = await captcha();
        return t.app.inject({ method: 'POST', url: '/api/v1/public/agencies/changping/requests', payload: { applicant: who, description, requestedForm: 'electronic', delivery: 'email', captchaToken: c.token, captchaAnswer: solveCaptcha(c.question) }, remoteAddress });
      };
      const first = await send('2023年高标准农田建设项目清单', '10.23.0.1');
      assert.equal(first.statusCode, 201, first.body);
      const { queryCode } = first.json();
      // Spaces differ, the address differs: still the same request.
      const again = await send('2023年 高标准农田建设项目清单 ', '10.23.0.2');
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.code, 'DUPLICATE_REQUEST');
      assert.equal(again.json().error.details.queryCode, queryCode);
      assert.ok(again.json().error.message.includes(queryCode), again.json().error.message);
      assert.equal((await send('2023年高标准农田建设项目清单', '10.23.0.3', { ...applicant, name: '王五', phone: '13800138001' })).statusCode, 201, 'another applicant may ask the same');
      // Another agency is not a duplicate.
      const c = await captcha();
      const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/public/agencies/qingshi/requests', payload: { applicant, description: '2023年高标准农田建设项目清单', requestedForm: 'electronic', delivery: 'email', captchaToken: c.token, captchaAnswer: solveCaptcha(c.question) }, remoteAddress: '10.23.0.4' });
      assert.equal(elsewhere.statusCode, 201, elsewhere.body);
      try {
        t.setNow(new Date(t.deps.now().getTime() + (DUPLICATE_WINDOW_MINUTES + 1) * 60_000));
        assert.equal((await send('2023年高标准农田建设项目清单', '10.23.0.5')).statusCode, 201, 'after the window it is a new request');
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });

    it('answers 429 when one address sends an agency more than the hourly number', async () => {
      const send = async (i: number, remoteAddress: string, agency = 'changping') => {
        const c = await captcha();
        return t.app.inject({ method: 'POST', url: `/api/v1/public/agencies/${agency}/requests`, payload: { applicant, description: `第${i}件：2022年公共资源交易目录`, requestedForm: 'electronic', delivery: 'email', captchaToken: c.token, captchaAnswer: solveCaptcha(c.question) }, remoteAddress });
      };
      for (let i = 1; i <= SUBMISSIONS_PER_HOUR; i++) assert.equal((await send(i, '10.24.0.1')).statusCode, 201);
      const over = await send(99, '10.24.0.1');
      assert.deepEqual([over.statusCode, over.json().error.code], [429, 'TOO_MANY_SUBMISSIONS']);
      assert.match(over.json().error.message, /1 小时内/);
      assert.equal((await send(100, '10.24.0.1', 'qingshi')).statusCode, 201, 'counted per agency');
      assert.equal((await send(101, '10.24.0.2')).statusCode, 201, 'counted per address');
    });

    it('gives the portal form a hidden idempotency key, so resubmitting the page shows the first receipt', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(key && key.length >= 16, 'the form carries a key');
      const question = /<label for="f-captcha">([^<]+)</.exec(page.body)![1]!;
      const token = /name="captchaToken" value="([^"]+)"/.exec(page.body)![1]!;
      const body = new URLSearchParams({ ...form, description: '2021年乡村道路养护经费', captchaToken: token, captchaAnswer: solveCaptcha(question), idempotencyKey: key }).toString();
      const post = (remoteAddress: string) => t.app.inject({ method: 'POST', url: '/org/changping/open/request', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress });
      const before = await requestCount();
      const first = await post('10.25.0.1');
      assert.equal(first.statusCode, 201, first.body);
      const code = /data-testid="query-code"[^>]*>([^<]+)</.exec(first.body)![1]!;
      const again = await post('10.25.0.1');
      assert.equal(again.statusCode, 201);
      assert.equal(/data-testid="query-code"[^>]*>([^<]+)</.exec(again.body)![1], code);
      assert.equal(await requestCount(), before + 1);

      // A fresh form with the same content: refused, with the query code on the page.
      const fresh = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      const dup = await t.app.inject({
        method: 'POST',
        url: '/org/changping/open/request',
        payload: new URLSearchParams({
          ...form,
          description: '2021年乡村道路养护经费',
          captchaToken: /name="captchaToken" value="([^"]+)"/.exec(fresh.body)![1]!,
          captchaAnswer: solveCaptcha(/<label for="f-captcha">([^<]+)</.exec(fresh.body)![1]!),
          idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(fresh.body)![1]!,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: '10.25.0.2',
      });
      assert.equal(dup.statusCode, 409);
      assert.ok(dup.body.includes(code), 'the page names the existing query code');
      assert.match(dup.body, /请勿重复提交/);
    });
  });
}
