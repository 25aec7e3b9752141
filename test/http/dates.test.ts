import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { loginClient, type Client } from '../helpers/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/db.ts';
import { PINNED_CHINA_DATE, PINNED_NOW, PINNED_UTC_DATE } from '../helpers/clock.ts';
import { readZip } from '../views/notices/zip.ts';

/**
 * A document and an annual report published at 02:00 Beijing time show that day on every page
 * that shows a publication date, in the feeds and in the exports, whatever the server's zone.
 * The zone is switched inside this process (Node reads TZ anew when it is assigned).
 */
const ZONES = ['UTC', 'America/New_York'];
const TITLE = '关于凌晨发布时区校验的通知';
/** Published at 02:00 on 1 January 2026 in Beijing, which is still 2025 in UTC. */
const NEW_YEAR_TITLE = '元旦凌晨发布时区校验的公告';
const NEW_YEAR_NOW = new Date('2025-12-31T18:00:00.000Z');
const CN = PINNED_CHINA_DATE;
const CN_WORDS = '2026年11月26日';
const UTC_WORDS = '2026年11月25日';

for (const dialect of DIALECTS) {
  describe(`publication dates in China time on ${dialect}`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let docId: number;
    let newYearDocId: number;
    const savedTz = process.env.TZ;
    before(async () => {
      t = await createTestDatabase(dialect);
      t.setNow(PINNED_NOW);
      const seeded = await seedDemo(t.deps); // publishes 常平乡's 2025 report at the pinned instant
      app = await buildApp(t.deps, { version: 'test' });
      await app.ready();
      admin = await loginClient(app, seeded.admin!.username, seeded.admin!.oneTimePassword);
      const agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      const publish = async (title: string, writtenAt: string): Promise<number> => {
        const created = await admin.request('POST', '/api/v1/documents', { agencyId, title, bodyHtml: '<p>凌晨两点发布。</p>', categoryCode: 'art20-11', writtenAt });
        assert.equal(created.statusCode, 201, created.body);
        const id = created.json().id as number;
        const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };
        for (const body of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
          const res = await admin.request('POST', `/api/v1/documents/${id}/transitions`, body);
          assert.equal(res.statusCode, 200, res.body);
        }
        return id;
      };
      t.setNow(NEW_YEAR_NOW);
      newYearDocId = await publish(NEW_YEAR_TITLE, '2025-12-30');
      t.setNow(PINNED_NOW);
      docId = await publish(TITLE, '2026-11-20');
    });
    after(async () => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
      await app?.close();
      await t?.cleanup();
    });

    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
      return res;
    };
    /** The China date is shown and the UTC date is not. */
    const showsChinaDate = (body: string, where: string, forms: [string, string] = [CN, PINNED_UTC_DATE]) => {
      assert.ok(body.includes(forms[0]), `${where} shows ${forms[0]}`);
      assert.ok(!body.includes(forms[1]), `${where} does not show ${forms[1]}`);
    };

    for (const zone of ZONES) {
      it(`shows ${CN} everywhere with the server in ${zone}`, async () => {
        process.env.TZ = zone;
        assert.equal(new Date(PINNED_NOW).getDate(), 25, `the process really runs in ${zone}`);
        assert.equal((await admin.request('GET', `/api/v1/documents/${docId}`)).json().publishedAt, PINNED_NOW.toISOString());

        const page = (await get(`/org/changping/documents/${docId}`)).body;
        assert.match(page, new RegExp(`发布日期</th><td>${CN}</td>`));
        showsChinaDate(page, 'the document page');
        const catalogue = (await get('/org/changping/open/catalogue')).body;
        assert.ok(catalogue.includes(TITLE));
        showsChinaDate(catalogue, 'the catalogue');
        const in2026 = (await get('/org/changping/open/catalogue?year=2026')).body;
        const in2025 = (await get('/org/changping/open/catalogue?year=2025')).body;
        for (const title of [TITLE, NEW_YEAR_TITLE]) {
          assert.ok(in2026.includes(title), `the 2026 filter finds ${title}`);
          assert.ok(!in2025.includes(title), `the 2025 filter does not find ${title}`);
        }
        const newYearPage = (await get(`/org/changping/documents/${newYearDocId}`)).body;
        assert.match(newYearPage, /发布日期<\/th><td>2026-01-01<\/td>/);
        const statutory = (await get('/org/changping/open/statutory')).body;
        assert.ok(statutory.includes(TITLE));
        showsChinaDate(statutory, '法定主动公开内容');
        const search = (await get(`/org/changping/search?q=${encodeURIComponent('凌晨发布')}`)).body;
        assert.ok(search.includes('凌晨'), 'search finds the document');
        showsChinaDate(search, 'the search results');
        const searchIn = async (year: number) => (await get(`/api/v1/search?q=${encodeURIComponent('凌晨发布')}&agency=changping&year=${year}`)).json().total;
        assert.equal(await searchIn(2026), 2, 'search by year 2026 finds both');
        assert.equal(await searchIn(2025), 0, 'search by year 2025 finds neither');
        const reports = (await get('/org/changping/open/annual-reports')).body;
        assert.match(reports, new RegExp(`发布于 <time datetime="${CN}">${CN}</time>`));

        showsChinaDate((await get('/org/changping/feed.atom')).body, 'the Atom feed', ['2026-11-26T02:00:00+08:00', 'T18:00:00']);
        showsChinaDate((await get('/org/changping/feed.rss')).body, 'the RSS feed', ['Thu, 26 Nov 2026 02:00:00 +0800', '25 Nov 2026']);
        const sitemap = (await get('/sitemap.xml')).body;
        const part = /<loc>[^<]*(\/sitemaps\/\d+)<\/loc>/.exec(sitemap)?.[1];
        showsChinaDate(part ? (await get(part)).body : sitemap, 'the sitemap', ['2026-11-26T02:00:00+08:00', PINNED_UTC_DATE]);

        for (const channel of ['wechat', 'board']) {
          const res = await admin.request('GET', `/api/v1/documents/${docId}/channels/${channel}`);
          assert.equal(res.statusCode, 200);
          showsChinaDate(res.body, `the ${channel} rendering`, [CN_WORDS, UTC_WORDS]);
        }
        showsChinaDate((await get('/org/changping/annual-reports/2025')).body, 'the report HTML export', [CN_WORDS, UTC_WORDS]);
        const docx = readZip((await get('/org/changping/annual-reports/2025.docx')).rawPayload).get('word/document.xml')!.toString('utf8');
        showsChinaDate(docx, 'the report DOCX export', [CN_WORDS, UTC_WORDS]);
      });
    }
  });
}
