import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { createDocument } from '../../src/capabilities/documents/commands.ts';
import { systemActor } from '../../src/services/context.ts';

// Issue 12 item 1: the portal of a platform. The home lists the agencies by level, a
// government's home the agencies below it, and the site search reaches one agency, an agency
// and everything below it, or the whole platform (decision 027).

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
const isElement = (n: Node): n is Element => 'tagName' in n;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
function all(root: Node, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if (isElement(n) && test(n)) out.push(n);
    for (const c of 'childNodes' in n ? n.childNodes : []) walk(c);
    if (isElement(n) && n.tagName === 'template') walk((n as DefaultTreeAdapterTypes.Template).content);
  };
  walk(root);
  return out;
}
const text = (n: Node): string => ('value' in n && n.nodeName === '#text' ? n.value : 'childNodes' in n ? n.childNodes.map(text).join('') : '');
/** The section a heading names (aria-labelledby), or undefined. */
function region(doc: Node, name: string): Element | undefined {
  return all(doc, (el) => el.tagName === 'section').find((s) => {
    const id = attr(s, 'aria-labelledby');
    return id !== undefined && all(doc, (el) => attr(el, 'id') === id).some((h) => text(h) === name);
  });
}
/** Each h3 of a section with the link texts of the list that follows it (not those folded in <details>). */
function groups(section: Element): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const el of section.childNodes.filter(isElement)) {
    if (el.tagName === 'h3') out.push([text(el), []]);
    else if (el.tagName === 'ul' && out.length > 0) {
      const items = el.childNodes.filter(isElement).filter((li) => li.tagName === 'li');
      out[out.length - 1]![1].push(...items.map((li) => text(li.childNodes.filter(isElement).find((c) => c.tagName === 'a')!)));
    }
  }
  return out;
}

const TERM = '桥梁维修';

for (const dialect of DIALECTS) {
  describe(`the portal of a platform on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    const ids: Record<string, number> = {};
    // The published document of each agency, by agency code.
    const docOf: Record<string, number> = {};

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      // A department of a township (a subtree of two) and a second county at the top of the platform.
      const created = [
        { code: 'cp-nbj', name: '常平乡农办', level: 'department', parentId: ids.changping },
        { code: 'lin-county', name: '邻县', fullName: '邻县人民政府', level: 'county', parentId: null },
      ];
      for (const a of created) {
        const res = await operator.request('POST', '/api/v1/agencies', a);
        assert.equal(res.statusCode, 201, res.body);
        ids[a.code] = res.json().id;
      }
      let day = 10;
      for (const code of ['pingan', 'pingan-mzj', 'changping', 'cp-nbj', 'qingshi', 'lin-county']) {
        const doc = await createDocument(t.deps, systemActor('test'), ids[code]!, { title: `${code}关于${TERM}工程的通知`, bodyHtml: '<p>现将有关事项通知如下。</p>' }, { status: 'published', publishedAt: `2026-03-${day++}T02:00:00.000Z` });
        docOf[code] = doc.id;
      }
    });
    after(async () => t.close());

    const apiSearch = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(TERM)}${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { total: number; items: { docId: number; agencyId: number; agencyCode: string; agencyName: string }[] };
    };
    const docsOf = (...codes: string[]) => codes.map((c) => docOf[c]!).sort((a, b) => a - b);
    const found = (r: { items: { docId: number }[] }) => r.items.map((i) => i.docId).sort((a, b) => a - b);

    it('GET /api/v1/search reaches one agency, an agency and everything below it, or the whole platform', async () => {
      const everywhere = await apiSearch('');
      assert.deepEqual(found(everywhere), docsOf('pingan', 'pingan-mzj', 'changping', 'cp-nbj', 'qingshi', 'lin-county'));
      for (const item of everywhere.items) assert.equal(docOf[item.agencyCode], item.docId, 'each result names its own agency');
      assert.deepEqual(found(await apiSearch('&agency=pingan')), docsOf('pingan'));
      assert.deepEqual(found(await apiSearch('&agency=pingan&scope=agency')), docsOf('pingan'));
      assert.deepEqual(found(await apiSearch('&agency=pingan&scope=subtree')), docsOf('pingan', 'pingan-mzj', 'changping', 'cp-nbj', 'qingshi'));
      assert.deepEqual(found(await apiSearch('&agency=changping&scope=subtree')), docsOf('changping', 'cp-nbj'));
      assert.deepEqual(found(await apiSearch('&agency=qingshi&scope=subtree')), docsOf('qingshi'));
      assert.equal((await apiSearch('&agency=pingan&scope=subtree')).total, 5);
    });

    it('refuses a bad scope or agency code with a Chinese message and a stable code', async () => {
      const cases: Array<[string, string, RegExp]> = [
        ['&agency=pingan&scope=everything', 'INVALID_SEARCH_SCOPE', /搜索范围“everything”无效/],
        ['&agency=nobody', 'UNKNOWN_AGENCY', /没有代码为“nobody”的机构/],
        ['&agency=nobody&scope=subtree', 'UNKNOWN_AGENCY', /没有代码为“nobody”的机构/],
        ['&scope=subtree', 'SCOPE_NEEDS_AGENCY', /须与机构代码/],
      ];
      for (const [query, code, message] of cases) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(TERM)}${query}` });
        assert.equal(res.statusCode, 400, query);
        assert.equal(res.json().error.code, code, query);
        assert.match(res.json().error.message, message, query);
      }
      const page = await t.app.inject({ method: 'GET', url: `/org/pingan/search?q=${encodeURIComponent(TERM)}&scope=everything` });
      assert.equal(page.statusCode, 400);
      const alert = all(parse(page.body), (el) => attr(el, 'role') === 'alert');
      assert.match(text(alert[0]!), /搜索范围“everything”无效，应为 agency（仅本机关）或 subtree（本机关及下级）/);
    });

    it('the portal search links each result under its own agency and names the other agencies', async () => {
      const links = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
        const doc = parse(res.body);
        const results = all(doc, (el) => el.tagName === 'ol' && attr(el, 'class') === 'search-results')[0]!;
        return all(results, (el) => el.tagName === 'li').map((li) => ({
          href: attr(all(li, (el) => el.tagName === 'a')[0]!, 'href'),
          meta: text(all(li, (el) => attr(el, 'class') === 'doc-meta')[0]!),
        }));
      };
      const q = `q=${encodeURIComponent(TERM)}`;
      const county = await links(`/org/pingan/search?${q}&scope=subtree`);
      assert.deepEqual(
        county.map((l) => l.href).sort(),
        ['pingan', 'pingan-mzj', 'changping', 'cp-nbj', 'qingshi'].map((c) => `/org/${c}/documents/${docOf[c]}`).sort(),
      );
      const township = county.find((l) => l.href === `/org/changping/documents/${docOf.changping}`)!;
      assert.match(township.meta, /^常平乡 · /);
      assert.doesNotMatch(county.find((l) => l.href === `/org/pingan/documents/${docOf.pingan}`)!.meta, /平安县 · /);
      assert.deepEqual((await links(`/org/pingan/search?${q}`)).map((l) => l.href), [`/org/pingan/documents/${docOf.pingan}`]);
      assert.equal((await links(`/search?${q}`)).length, 6);
      // A government's home offers the choice, set to the agency and everything below it.
      const home = parse((await t.app.inject({ method: 'GET', url: '/org/pingan/' })).body);
      const scope = all(home, (el) => el.tagName === 'select' && attr(el, 'name') === 'scope')[0]!;
      assert.equal(attr(all(scope, (el) => el.tagName === 'option' && attr(el, 'selected') !== undefined)[0]!, 'value'), 'subtree');
    });

    it('lists every agency by level on the platform home, and the agencies below a government on its home', async () => {
      const page = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
        return parse(res.body);
      };
      const platform = await page('/');
      const directory = region(platform, '机构目录');
      assert.ok(directory, 'the platform home has the directory');
      assert.deepEqual(groups(directory), [
        ['县（区）', ['平安县', '邻县']],
        ['乡镇（街道）', ['常平乡', '青石镇', '柳河乡']],
      ]);
      const folded = all(directory, (el) => el.tagName === 'details').map((d) => text(d));
      assert.ok(folded.some((d) => d.includes('平安县所属部门（1）') && d.includes('平安县民政局')), folded.join('|'));
      assert.ok(folded.some((d) => d.includes('常平乡所属部门（1）') && d.includes('常平乡农办')), folded.join('|'));
      assert.equal(all(platform, (el) => el.tagName === 'form' && attr(el, 'action') === '/search').length, 1, 'one search across the platform');

      const county = await page('/org/pingan/');
      assert.deepEqual(groups(region(county, '下级机构')!), [
        ['部门', ['平安县民政局']],
        ['乡镇（街道）', ['常平乡', '青石镇', '柳河乡']],
      ]);
      const township = await page('/org/changping/');
      assert.deepEqual(groups(region(township, '下级机构')!), [['部门', ['常平乡农办']]]);
      const up = all(township, (el) => attr(el, 'aria-label') === '上级机构')[0]!;
      assert.equal(attr(all(up, (el) => el.tagName === 'a')[0]!, 'href'), '/org/pingan/');
      const leaf = await page('/org/qingshi/');
      assert.equal(region(leaf, '下级机构'), undefined);
      assert.equal(all(leaf, (el) => attr(el, 'name') === 'scope').length, 0, 'no scope choice without agencies below');
      // Each agency keeps its own column under its code.
      assert.equal((await t.app.inject({ method: 'GET', url: '/org/cp-nbj/open/catalogue' })).statusCode, 200);
    });

    it('an agency that moves takes its documents to the subtree it joins', async () => {
      const moved = await operator.request('PATCH', `/api/v1/agencies/${ids['cp-nbj']}`, { parentId: ids.qingshi });
      assert.equal(moved.statusCode, 200, moved.body);
      // Another page size: the portal keeps a search's result for 5 seconds (publications.ts).
      assert.deepEqual(found(await apiSearch('&agency=changping&scope=subtree&pageSize=50')), docsOf('changping'));
      assert.deepEqual(found(await apiSearch('&agency=qingshi&scope=subtree&pageSize=50')), docsOf('qingshi', 'cp-nbj'));
      assert.deepEqual(found(await apiSearch('&agency=pingan&scope=subtree&pageSize=50')), docsOf('pingan', 'pingan-mzj', 'changping', 'cp-nbj', 'qingshi'));
      assert.equal((await apiSearch('&pageSize=50')).total, 6);
    });
  });
}
