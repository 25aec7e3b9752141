import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, loginClient, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';

const applicant = { type: 'natural_person', name: '张三丰', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000' };

function assertSecurityHeaders(res: LightMyRequestResponse, what: string): void {
  const csp = String(res.headers['content-security-policy']);
  const directive = (name: string) => csp.split(';').find((d) => d.trim().startsWith(`${name} `))?.trim();
  assert.equal(directive('script-src'), "script-src 'self'", `${what}: no inline script`);
  assert.equal(directive('frame-ancestors'), "frame-ancestors 'none'", what);
  assert.equal(directive('object-src'), "object-src 'none'", what);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'same-origin', what);
}

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'gk_session');

for (const dialect of DIALECTS) {
  describe(`security headers and caching on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    it('sends the security headers on the portal, the workspace, the API and /api/docs, without HSTS over plain http', async () => {
      for (const url of ['/', '/org/changping/open/guide', '/org/changping/open/request', '/org/nobody/', '/admin/', '/api/v1/auth/session', '/api/v1/nothing', '/healthz', '/api/docs', '/api/docs/static/swagger-ui-bundle.js', '/assets/portal.css']) {
        const res = await t.app.inject({ method: 'GET', url });
        assertSecurityHeaders(res, url);
        assert.equal(res.headers['strict-transport-security'], undefined, `${url}: no HSTS without an https public URL`);
        assert.ok(!String(res.headers['content-security-policy']).includes('upgrade-insecure-requests'), url);
      }
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
      assert.doesNotMatch(docs.body, /<script>|<script[^>]*>[^<\s]/, 'Swagger UI loads only script files');
    });

    it('marks every API response no-store, and the request pages that show personal data', async () => {
      const admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const session = await admin.request('GET', '/api/v1/auth/session');
      const agencyId = session.json().agencies.find((a: { code: string }) => a.code === 'changping').id as number;
      const authenticated = [session, ...(await Promise.all(['/api/v1/requests', '/api/v1/users', '/api/v1/audit'].map((p) => admin.request('GET', `${p}?agencyId=${agencyId}`))))];
      for (const res of authenticated) {
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['cache-control'], 'no-store');
      }

      const { token, question } = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      const request = { applicant, description: '2025年低保名单', requestedForm: 'electronic', delivery: 'email' };
      const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/public/agencies/changping/requests', payload: { ...request, captchaToken: token, captchaAnswer: solveCaptcha(question) } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      assert.equal(submitted.headers['cache-control'], 'no-store');
      const { queryCode } = submitted.json();
      const tracked = await t.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { code: queryCode, secret: '8000' } });
      assert.equal(tracked.statusCode, 200);
      assert.equal(tracked.headers['cache-control'], 'no-store');

      // The portal's own form: its confirmation shows the query code, the tracking page the progress.
      const form = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      assert.equal(form.headers['cache-control'], 'no-store');
      const formQuestion = /<label for="f-captcha">([^<]+)</.exec(form.body)![1]!;
      const formToken = /name="captchaToken" value="([^"]+)"/.exec(form.body)![1]!;
      const receipt = await t.app.inject({
        method: 'POST',
        url: '/org/changping/open/request',
        payload: new URLSearchParams({ applicantType: 'natural_person', applicantName: '李四', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13900001234', description: '2025年低保名单', requestedForm: 'electronic', delivery: 'email', captchaToken: formToken, captchaAnswer: solveCaptcha(formQuestion) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(receipt.statusCode, 201, receipt.body);
      assert.match(receipt.body, /data-testid="query-code"/);
      assert.equal(receipt.headers['cache-control'], 'no-store');
      const page = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/track', payload: new URLSearchParams({ code: queryCode, secret: '8000' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');

      for (const url of ['/', '/org/changping/open/guide', '/org/changping/open/catalogue']) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.headers['cache-control'], undefined, `${url} keeps its caching`);
      }
      assert.equal((await t.app.inject({ method: 'GET', url: '/assets/portal.css' })).headers['cache-control'], 'public, max-age=3600');
    });

    it('sends the large-text toggle back only to a page of this site', async () => {
      const back = async (referer?: string) => {
        const res = await t.app.inject({ method: 'GET', url: '/a11y/text-size?large=1', headers: { host: 'gongkai.test', ...(referer ? { referer } : {}) } });
        assert.equal(res.statusCode, 302);
        const location = String(res.headers.location);
        assert.equal(new URL(location, 'http://gongkai.test/').host, 'gongkai.test', `${referer} -> ${location}`);
        return location;
      };
      assert.equal(await back('http://gongkai.test/org/changping/open/guide?x=1'), '/org/changping/open/guide?x=1');
      for (const evil of ['http://gongkai.test//evil.example/x', 'http://gongkai.test/\\evil.example', 'http://gongkai.test/\\/evil.example', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'not a url']) {
        assert.equal(await back(evil), '/', evil);
      }
      assert.equal(await back(), '/');
    });
  });
}

describe('https, proxies and cookies', () => {
  const login = (t: TestApp, headers: Record<string, string> = {}, username = t.admin.username, password = t.admin.password) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

  it('sends HSTS and a Secure session cookie when the public URL is https', async () => {
    const t = await createTestApp('sqlite', { publicUrl: 'https://gongkai.example.gov.cn' });
    try {
      for (const url of ['/', '/admin/', '/api/v1/auth/session', '/api/docs']) {
        const res = await t.app.inject({ method: 'GET', url });
        assertSecurityHeaders(res, url);
        assert.match(String(res.headers['strict-transport-security']), /^max-age=\d{7,}/, url);
      }
      assert.equal(sessionCookie(await login(t))?.secure, true);
    } finally {
      await t.close();
    }
  });

  it('marks the cookie Secure over https through a trusted proxy only', async () => {
    const direct = await createTestApp('sqlite');
    try {
      const res = await login(direct, { 'x-forwarded-proto': 'https' });
      assert.equal(res.statusCode, 200);
      assert.notEqual(sessionCookie(res)?.secure, true, 'an untrusted X-Forwarded-Proto is ignored');
    } finally {
      await direct.close();
    }
    const proxied = await createTestApp('sqlite', { trustProxy: ['127.0.0.1'] });
    try {
      assert.equal(sessionCookie(await login(proxied, { 'x-forwarded-proto': 'https' }))?.secure, true);
      assert.notEqual(sessionCookie(await login(proxied, { 'x-forwarded-proto': 'http' }))?.secure, true);
    } finally {
      await proxied.close();
    }
  });

  /** 20 failed logins a minute per client address; the 21st is refused. */
  const exhaust = async (t: TestApp, forwardedFor: string) => {
    for (let i = 0; i < 20; i++) assert.equal((await login(t, { 'x-forwarded-for': forwardedFor }, 'nobody', 'wrong')).statusCode, 401);
    return (await login(t, { 'x-forwarded-for': forwardedFor }, 'nobody', 'wrong')).statusCode;
  };

  it('limits logins per client behind a trusted proxy', async () => {
    const t = await createTestApp('sqlite', { trustProxy: ['127.0.0.1'] });
    try {
      assert.equal(await exhaust(t, '203.0.113.1'), 429);
      assert.equal((await login(t, { 'x-forwarded-for': '203.0.113.2' }, 'nobody', 'wrong')).statusCode, 401, 'another client keeps its own limit');
      // nginx appends the real client to what the client sent: only the proxy's entry counts.
      assert.equal((await login(t, { 'x-forwarded-for': '198.51.100.9, 203.0.113.1' }, 'nobody', 'wrong')).statusCode, 429);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const t = await createTestApp('sqlite');
    try {
      for (let i = 0; i < 20; i++) assert.equal((await login(t, { 'x-forwarded-for': `203.0.113.${i + 1}` }, 'nobody', 'wrong')).statusCode, 401);
      assert.equal((await login(t, { 'x-forwarded-for': '203.0.113.99' }, 'nobody', 'wrong')).statusCode, 429);
    } finally {
      await t.close();
    }
  });
});
