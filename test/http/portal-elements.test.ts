import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const VALID = {
  sponsor: '常平乡人民政府',
  organizer: '常平乡党政综合办公室',
  siteCode: '3412250001',
  icp: '皖ICP备12345678号-1',
  policeRecord: '皖公网安备 34122502000001号',
  phone: '0558-1234567',
  email: 'gongkai@changping.example.gov.cn',
  address: '常平乡人民路 1 号',
  postcode: '236600',
  officeHours: '工作日 8:30—12:00，14:30—17:30',
  head: '王主任',
};

const hrefs = (htmlText: string): string[] => [...htmlText.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
const section = (htmlText: string, start: string, end: string): string => htmlText.slice(htmlText.indexOf(start), htmlText.indexOf(end, htmlText.indexOf(start)));

for (const dialect of DIALECTS) {
  describe(`portal mandatory elements (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const list = (await admin.request('GET', '/api/v1/agencies')).json() as { items: { id: number; code: string }[] };
      agencyId = list.items.find((a) => a.code === 'changping')!.id;
      const box = await admin.request('POST', '/api/v1/mailboxes', { agencyId, name: '乡长信箱' });
      assert.equal(box.statusCode, 201, box.body);
    });
    after(async () => t.close());

    it('refuses malformed 网站标识码, ICP and 公安 numbers with a Chinese error on each field, and keeps nothing', async () => {
      const res = await admin.request('PUT', `/api/v1/agencies/${agencyId}/site-settings`, { ...VALID, siteCode: '34122500', icp: 'ICP备12345678号', policeRecord: '皖公网安备 3412号', postcode: '2366', email: 'not-mail' });
      assert.equal(res.statusCode, 400);
      const body = res.json() as { error: { code: string; message: string; details: { fields: { field: string; code: string; message: string }[] } } };
      assert.equal(body.error.code, 'SITE_SETTINGS_INVALID');
      const byField = Object.fromEntries(body.error.details.fields.map((f) => [f.field, f]));
      assert.deepEqual(Object.keys(byField).sort(), ['email', 'icp', 'policeRecord', 'postcode', 'siteCode']);
      assert.equal(byField.siteCode!.code, 'SITE_CODE_FORMAT');
      assert.match(byField.siteCode!.message, /^网站标识码格式不对/);
      assert.match(byField.icp!.message, /^ICP备案号格式不对/);
      assert.match(byField.policeRecord!.message, /^公安机关备案号格式不对/);
      const stored = await admin.request('GET', `/api/v1/agencies/${agencyId}/site-settings`);
      assert.deepEqual(stored.json(), {});
    });

    it('saves the settings, and every portal page footer shows them with the 联系我们, 网站地图 and 隐私声明 links', async () => {
      const before = await t.app.inject({ method: 'GET', url: '/org/changping/' });
      assert.doesNotMatch(before.body, /网站标识码/);
      const res = await admin.request('PUT', `/api/v1/agencies/${agencyId}/site-settings`, { ...VALID, head: '  ' });
      assert.equal(res.statusCode, 200, res.body);
      const { head: _omitted, ...expected } = VALID;
      assert.deepEqual(res.json(), expected);
      assert.deepEqual((await admin.request('GET', `/api/v1/agencies/${agencyId}/site-settings`)).json(), expected);
      for (const url of ['/org/changping/', '/org/changping/open/guide', '/org/changping/contact', '/org/changping/no-such-page']) {
        const page = await t.app.inject({ method: 'GET', url });
        const footer = section(page.body, '<footer', '</footer>');
        for (const text of ['主办单位：常平乡人民政府', '承办单位：常平乡党政综合办公室', '网站标识码：3412250001', 'ICP备案号：皖ICP备12345678号-1', '公安机关备案号：皖公网安备 34122502000001号']) {
          assert.ok(footer.includes(text), `${url}: ${text}`);
        }
        assert.ok(hrefs(footer).includes('/org/changping/contact') && hrefs(footer).includes('/org/changping/sitemap') && hrefs(footer).includes('/privacy'), url);
        assert.doesNotMatch(page.body, /<!--site-info-->/);
      }
      // The home page's 机构概况 comes from the same settings; a blank 负责人 is left out.
      const profile = section((await t.app.inject({ method: 'GET', url: '/org/changping/' })).body, 'id="profile-title"', '</section>');
      for (const text of ['<td>常平乡人民政府</td>', '<td>常平乡人民路 1 号</td>', '<td>工作日 8:30—12:00，14:30—17:30</td>', '<td>0558-1234567</td>', '<td>236600</td>']) assert.ok(profile.includes(text), text);
      assert.doesNotMatch(profile, /负责人/);
      const audit = (await admin.request('GET', `/api/v1/audit?agencyId=${agencyId}`)).json() as { items: { action: string; actionLabel: string }[] };
      assert.equal(audit.items.find((e) => e.action === 'agency.site-settings')?.actionLabel, '修改网站设置');
    });

    it('联系我们 lists the contacts, office hours, the request form and each mailbox', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/org/changping/contact' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>联系我们<\/h1>/);
      for (const text of ['0558-1234567', '工作日 8:30—12:00，14:30—17:30', '常平乡人民路 1 号', '236600']) assert.ok(res.body.includes(text), text);
      const links = hrefs(section(res.body, '<main', '</main>'));
      assert.ok(links.includes('/org/changping/open/request'));
      const mailboxes = (await t.app.inject({ method: 'GET', url: '/org/changping/open/interaction' })).body;
      const boxLinks = hrefs(mailboxes).filter((h) => /\/open\/interaction\/mailbox\/\d+$/.test(h));
      assert.equal(boxLinks.length, 1);
      for (const box of boxLinks) assert.ok(links.includes(box), box);
      assert.equal((await t.app.inject({ method: 'GET', url: '/org/nobody/contact' })).statusCode, 404);
    });

    it('网站地图 lists every link of the column navigation and the footer, and each of its links answers', async () => {
      const home = await t.app.inject({ method: 'GET', url: '/org/changping/' });
      const nav = hrefs(section(home.body, '<nav class="column-nav"', '</nav>'));
      const footer = hrefs(section(home.body, '<footer', '</footer>'));
      assert.ok(nav.length >= 8);
      const map = await t.app.inject({ method: 'GET', url: '/org/changping/sitemap' });
      assert.equal(map.statusCode, 200);
      const listed = hrefs(section(map.body, '<main', '</main>'));
      for (const link of [...nav, ...footer]) assert.ok(listed.includes(link), link);
      for (const link of listed.filter((l) => l.startsWith('/'))) {
        const res = await t.app.inject({ method: 'GET', url: link });
        assert.equal(res.statusCode, 200, link);
      }
    });

    it('隐私声明 says what the forms collect, who sees it and that there are no third-party trackers', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/privacy' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="zh-CN">/);
      assert.match(res.body, /<h1>隐私声明<\/h1>/);
      for (const text of ['身份证件号码', '留言', '张*丰', '留下记录', '第三方统计', 'gk_large']) assert.ok(res.body.includes(text), text);
      assert.doesNotMatch(res.body, /<script/);
    });

    it('大字版 is a cookie set without JavaScript, kept across pages, names the mode, and makes text 1.5× larger', async () => {
      const plain = await t.app.inject({ method: 'GET', url: '/org/changping/contact' });
      assert.match(plain.body, /<html lang="zh-CN">/);
      const on = await t.app.inject({ method: 'GET', url: '/a11y/text-size?large=1', headers: { host: 'gk.example', referer: 'http://gk.example/org/changping/contact' } });
      assert.equal(on.statusCode, 302);
      assert.equal(on.headers.location, '/org/changping/contact');
      const cookie = on.cookies.find((c) => c.name === 'gk_large');
      assert.equal(cookie?.value, '1');
      for (const url of ['/org/changping/contact', '/org/changping/sitemap', '/privacy', '/org/changping/open/guide']) {
        const page = await t.app.inject({ method: 'GET', url, headers: { cookie: 'gk_large=1' } });
        assert.match(page.body, /<html lang="zh-CN" class="large-text">/, url);
        assert.match(page.body, /当前：大字版/, url);
      }
      const off = await t.app.inject({ method: 'GET', url: '/a11y/text-size?large=0', headers: { cookie: 'gk_large=1' } });
      assert.equal(off.cookies.find((c) => c.name === 'gk_large')?.value, '0');
      const back = await t.app.inject({ method: 'GET', url: '/privacy', headers: { cookie: 'gk_large=0' } });
      assert.match(back.body, /<html lang="zh-CN">/);
      const css = (await t.app.inject({ method: 'GET', url: '/assets/portal.css' })).body;
      const sizes = [...css.matchAll(/html\.large-text \{ font-size: (\d+)px; \}/g)].map((m) => Number(m[1]));
      const base = Number(/:root \{[^}]*font-size: (\d+)px/.exec(css)![1]);
      assert.ok(sizes.at(-1)! >= 1.5 * base, `${sizes.at(-1)} vs ${base}`);
    });
  });
}
