import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import type { AppOptions } from '../../src/http/app.ts';

const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };
const FORGED = 'evil.example.net';

const WECHAT = (id: number) => `/api/v1/documents/${id}/channels/wechat`;

/**
 * Every absolute link the site builds: feeds, sitemaps, and the WeChat and notice-board pages.
 * The WeChat article carries its link only inside a QR code image, so tests compare that page
 * with the one rendered for the expected host instead of searching its text.
 */
async function linkPages(t: TestApp, staff: Client, docId: number, host: string): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const url of ['/org/changping/feed.atom', '/org/changping/feed.rss', '/sitemap.xml']) {
    const res = await t.app.inject({ method: 'GET', url, headers: { host, 'x-forwarded-host': host } });
    assert.equal(res.statusCode, 200, url);
    pages[url] = res.body;
  }
  for (const channel of ['wechat', 'board']) {
    const url = `/api/v1/documents/${docId}/channels/${channel}`;
    const res = await t.app.inject({ method: 'GET', url, headers: { host, cookie: staff.cookie, 'x-csrf-token': staff.csrf } });
    assert.equal(res.statusCode, 200, url);
    pages[url] = res.body;
  }
  return pages;
}

async function setUp(dialect: (typeof DIALECTS)[number], options: Omit<AppOptions, 'version'>) {
  const t = await createTestApp(dialect, options);
  const staff = await loginClient(t.app, t.admin.username, t.admin.password);
  const agencyId = (await staff.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
  const doc = (await staff.request('POST', '/api/v1/documents', { agencyId, title: '关于开展秋季征兵工作的通告', bodyHtml: '<p>适龄青年请按时报名。</p>', categoryCode: 'art20-11', writtenAt: '2025-03-01' })).json();
  for (const step of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
    const res = await staff.request('POST', `/api/v1/documents/${doc.id}/transitions`, step);
    assert.equal(res.statusCode, 200, res.body);
  }
  return { t, staff, docId: doc.id as number };
}

for (const dialect of DIALECTS) {
  describe(`absolute links on ${dialect}`, () => {
    describe('without GONGKAI_PUBLIC_URL or allowed hosts', () => {
      let s: Awaited<ReturnType<typeof setUp>>;
      before(async () => (s = await setUp(dialect, { trustProxy: true })));
      after(async () => s.t.close());

      it('never puts the request Host (or X-Forwarded-Host) into a link, only localhost', async () => {
        const forged = await linkPages(s.t, s.staff, s.docId, FORGED);
        for (const [url, body] of Object.entries(forged)) {
          assert.ok(!body.includes(FORGED), `${url} does not echo the forged host`);
          if (url !== WECHAT(s.docId)) assert.match(body, /http:\/\/localhost\/org\/changping\//, `${url} links to localhost`);
        }
        assert.equal(forged[WECHAT(s.docId)], (await linkPages(s.t, s.staff, s.docId, 'localhost'))[WECHAT(s.docId)]);
      });
    });

    describe('with GONGKAI_PUBLIC_URL', () => {
      let s: Awaited<ReturnType<typeof setUp>>;
      before(async () => (s = await setUp(dialect, { publicUrl: 'https://gk.example.gov.cn', allowedHosts: ['other.example.gov.cn'] })));
      after(async () => s.t.close());

      it('uses the public URL whatever Host the request names', async () => {
        const expected = await linkPages(s.t, s.staff, s.docId, 'gk.example.gov.cn');
        for (const host of [FORGED, 'other.example.gov.cn']) {
          const pages = await linkPages(s.t, s.staff, s.docId, host);
          for (const [url, body] of Object.entries(pages)) {
            assert.ok(!body.includes(host), `${url} does not echo ${host}`);
            if (url !== WECHAT(s.docId)) assert.match(body, /https:\/\/gk\.example\.gov\.cn\/org\/changping\//, url);
          }
          assert.equal(pages[WECHAT(s.docId)], expected[WECHAT(s.docId)]);
        }
      });
    });

    describe('with GONGKAI_ALLOWED_HOSTS', () => {
      let s: Awaited<ReturnType<typeof setUp>>;
      before(async () => (s = await setUp(dialect, { allowedHosts: ['gk.example.gov.cn', 'gk.example.gov.cn:8080'] })));
      after(async () => s.t.close());

      it('uses a listed Host as sent, and the first listed host for any other', async () => {
        for (const [url, body] of Object.entries(await linkPages(s.t, s.staff, s.docId, 'GK.example.gov.cn:8080'))) {
          if (url !== WECHAT(s.docId)) assert.match(body, /http:\/\/gk\.example\.gov\.cn:8080\/org\/changping\//, url);
        }
        const forged = await linkPages(s.t, s.staff, s.docId, FORGED);
        for (const [url, body] of Object.entries(forged)) {
          assert.ok(!body.includes(FORGED), `${url} does not echo the forged host`);
          if (url !== WECHAT(s.docId)) assert.match(body, /http:\/\/gk\.example\.gov\.cn\/org\/changping\//, url);
        }
        assert.equal(forged[WECHAT(s.docId)], (await linkPages(s.t, s.staff, s.docId, 'gk.example.gov.cn'))[WECHAT(s.docId)]);
      });
    });
  });
}
