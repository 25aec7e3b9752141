import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SITEMAP_MAX_URLS,
  renderAtomFeed,
  renderRssFeed,
  renderSitemap,
  renderSitemapIndex,
  renderSitemaps,
  rfc3339,
  rfc822,
  toInstant,
  type SitemapUrl,
} from '../../../src/views/channels/index.ts';
import { HOSTILE_DOC, HOSTILE_TITLE, SAMPLE_DOC } from './fixtures.ts';
import { child, childrenNamed, parseXml, XmlError } from './xml.ts';

const agency = SAMPLE_DOC.agency;
const options = {
  selfUrl: 'https://gk.example.gov.cn/org/changping/feed.atom?a=1&b=2',
  siteUrl: 'https://gk.example.gov.cn/org/changping/',
  updated: '2024-03-15T01:30:00.000Z',
};
const docs = [
  SAMPLE_DOC,
  {
    ...SAMPLE_DOC,
    url: `${SAMPLE_DOC.url}0`,
    publishedAt: '2024-03-01',
    updatedAt: '2024-03-02T10:00:00+08:00',
  },
  HOSTILE_DOC,
];
/** The hostile title as it must come back out of the XML: only the forbidden control char is gone. */
const HOSTILE_TITLE_IN_XML = HOSTILE_TITLE.replace('\u0001', '');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

describe('the test XML reader itself', () => {
  for (const bad of [
    '<a><b></a></b>',
    '<a>x & y</a>',
    '<a>]]></a>',
    '<a x="1" x="2"/>',
    '<a>\u0001</a>',
    '<a/><b/>',
    '<a x=1/>',
    '<a>&nbsp;</a>',
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseXml(bad), XmlError));
  }
  it('reads a well-formed document', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<a x="1 &amp; 2"><b>t&lt;x&#x4E00;</b><c/></a>\n',
    );
    assert.equal(root.attrs.x, '1 & 2');
    assert.equal(child(root, 'b').text, 't<x一');
  });
});

describe('dates', () => {
  it('reads dates as China time and writes RFC 3339 / RFC 822', () => {
    assert.equal(rfc3339('2024-03-15'), '2024-03-15T00:00:00+08:00');
    assert.equal(rfc3339('2024-03-15T01:30:00.000Z'), '2024-03-15T09:30:00+08:00');
    assert.equal(rfc3339('2024-03-15 09:30:00'), '2024-03-15T09:30:00+08:00');
    assert.equal(rfc822('2024-03-15T01:30:00.000Z'), 'Fri, 15 Mar 2024 09:30:00 +0800');
    // Just before midnight UTC is already the next day in China.
    assert.equal(rfc822('2024-12-31T16:00:00Z'), 'Wed, 01 Jan 2025 00:00:00 +0800');
    assert.equal(
      Date.parse(rfc822('2024-03-15T01:30:00.000Z')),
      Date.parse('2024-03-15T01:30:00.000Z'),
    );
    assert.throws(() => toInstant('15/03/2024'), RangeError);
    assert.throws(() => toInstant('2024-02-30'), RangeError);
    assert.throws(() => toInstant('2023-02-29T10:00:00Z'), RangeError);
    assert.equal(toInstant('2024-02-29T23:30:00-05:00').toISOString(), '2024-03-01T04:30:00.000Z');
  });
});

describe('Atom feed', () => {
  const xml = renderAtomFeed(agency, docs, options);
  const feed = parseXml(xml);

  it('is well-formed Atom 1.0 with the required feed elements', () => {
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n'));
    assert.equal(feed.name, 'feed');
    assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom');
    assert.equal(child(feed, 'id').text, options.selfUrl);
    assert.equal(child(feed, 'title').text, '常平乡人民政府 · 政府信息公开');
    assert.match(child(feed, 'updated').text, RFC3339);
    const links = childrenNamed(feed, 'link');
    assert.deepEqual(
      links.map((l) => [l.attrs.rel, l.attrs.href]),
      [
        ['self', options.selfUrl],
        ['alternate', options.siteUrl],
      ],
    );
  });

  it('has one entry per document with id, title, updated, link and escaped HTML content', () => {
    const entries = childrenNamed(feed, 'entry');
    assert.equal(entries.length, 3);
    for (const [n, e] of entries.entries()) {
      assert.equal(child(e, 'id').text, docs[n]!.url);
      assert.equal(child(e, 'link').attrs.href, docs[n]!.url);
      assert.match(child(e, 'updated').text, RFC3339);
      assert.match(child(e, 'published').text, RFC3339);
      assert.equal(child(e, 'content').attrs.type, 'html');
    }
    assert.equal(child(entries[1]!, 'published').text, '2024-03-01T00:00:00+08:00');
    assert.equal(child(entries[1]!, 'updated').text, '2024-03-02T10:00:00+08:00');
    const content = child(entries[0]!, 'content').text;
    assert.match(content, /<th>文号<\/th><td>常民〔2024〕5号<\/td>/);
    assert.match(content, /<td colspan="3"><p style="text-align:center">合计<\/p><\/td>/);
    assert.match(
      content,
      /<a href="https:\/\/gk\.example\.gov\.cn\/org\/changping\/documents\/17\/attachments\/3">2024年第一季度拟新增低保对象名单\.xlsx<\/a>/,
    );
    assert.doesNotMatch(content, /<script|class=/);
  });

  it('escapes hostile titles, names and bodies', () => {
    assert.ok(!xml.includes(']]>'), 'no raw CDATA terminator anywhere');
    assert.ok(!xml.includes('<script'), 'no raw markup from data');
    const entry = childrenNamed(feed, 'entry')[2]!;
    assert.equal(child(entry, 'title').text, HOSTILE_TITLE_IN_XML);
    assert.equal(child(entry, 'category').attrs.term, 'a<b>&c');
    assert.equal(child(entry, 'id').text, HOSTILE_DOC.url);
    const content = child(entry, 'content').text; // decoded once: this is the HTML
    assert.doesNotMatch(content, /<script|onerror|<img/);
    assert.match(content, /名单&lt;script&gt;\.xlsx/);
    assert.match(content, /<td>&lt;b&gt;号&lt;\/b&gt;<\/td>/);
    assert.match(content, /正文 \]\]&gt; &amp;/);
  });
});

describe('RSS feed', () => {
  const xml = renderRssFeed(agency, docs, {
    ...options,
    selfUrl: options.selfUrl.replace('atom', 'rss'),
  });
  const rss = parseXml(xml);
  const channel = child(rss, 'channel');

  it('is well-formed RSS 2.0 with the required channel elements', () => {
    assert.equal(rss.attrs.version, '2.0');
    assert.equal(child(channel, 'title').text, '常平乡人民政府 · 政府信息公开');
    assert.equal(child(channel, 'link').text, options.siteUrl);
    assert.ok(child(channel, 'description').text.length > 0);
    assert.match(child(channel, 'lastBuildDate').text, RFC822);
    assert.equal(child(channel, 'atom:link').attrs.rel, 'self');
  });

  it('items carry link, permalink guid, RFC 822 pubDate and escaped HTML description', () => {
    const items = childrenNamed(channel, 'item');
    assert.equal(items.length, 3);
    for (const [n, item] of items.entries()) {
      assert.equal(child(item, 'link').text, docs[n]!.url);
      assert.equal(child(item, 'guid').attrs.isPermaLink, 'true');
      assert.match(child(item, 'pubDate').text, RFC822);
    }
    assert.equal(child(items[0]!, 'pubDate').text, 'Fri, 15 Mar 2024 09:30:00 +0800');
    assert.equal(child(items[2]!, 'title').text, HOSTILE_TITLE_IN_XML);
    assert.doesNotMatch(child(items[2]!, 'description').text, /<script|onerror/);
    assert.ok(!xml.includes(']]>'));
  });

  it('an empty feed is still valid', () => {
    const empty = parseXml(renderRssFeed(agency, [], options));
    assert.equal(childrenNamed(child(empty, 'channel'), 'item').length, 0);
    assert.equal(childrenNamed(parseXml(renderAtomFeed(agency, [], options)), 'entry').length, 0);
  });
});

describe('sitemaps', () => {
  const urls = (n: number): SitemapUrl[] =>
    Array.from({ length: n }, (_, i) => ({
      loc: `https://gk.example.gov.cn/org/changping/documents/${i}?a=1&b=2`,
      lastmod: i % 2 ? `2024-03-${String((i % 28) + 1).padStart(2, '0')}` : null,
    }));

  it('renders a well-formed sitemap 0.9 with escaped locations', () => {
    const xml = renderSitemap(urls(3));
    const set = parseXml(xml);
    assert.equal(set.name, 'urlset');
    assert.equal(set.attrs.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const entries = childrenNamed(set, 'url');
    assert.equal(entries.length, 3);
    assert.equal(
      child(entries[0]!, 'loc').text,
      'https://gk.example.gov.cn/org/changping/documents/0?a=1&b=2',
    );
    assert.equal(childrenNamed(entries[0]!, 'lastmod').length, 0);
    assert.equal(child(entries[1]!, 'lastmod').text, '2024-03-02T00:00:00+08:00');
    assert.ok(xml.includes('?a=1&amp;b=2'));
  });

  it('refuses more than 50,000 URLs in one file', () => {
    assert.equal(SITEMAP_MAX_URLS, 50_000);
    assert.doesNotThrow(() => renderSitemap(urls(SITEMAP_MAX_URLS)));
    assert.throws(() => renderSitemap(urls(SITEMAP_MAX_URLS + 1)), RangeError);
  });

  it('fits up to the limit in one sitemap without an index', () => {
    const set = renderSitemaps(urls(10), (i) => `https://x/sitemap-${i}.xml`);
    assert.equal(set.index, null);
    assert.equal(set.sitemaps.length, 1);
  });

  it('splits above the limit into sitemaps plus an index', () => {
    const set = renderSitemaps(
      urls(SITEMAP_MAX_URLS + 1),
      (i) => `https://gk.example.gov.cn/sitemap-${i}.xml`,
    );
    assert.equal(set.sitemaps.length, 2);
    assert.equal(childrenNamed(parseXml(set.sitemaps[0]!), 'url').length, SITEMAP_MAX_URLS);
    assert.equal(childrenNamed(parseXml(set.sitemaps[1]!), 'url').length, 1);
    const index = parseXml(set.index!);
    assert.equal(index.name, 'sitemapindex');
    const maps = childrenNamed(index, 'sitemap');
    assert.deepEqual(
      maps.map((m) => child(m, 'loc').text),
      ['https://gk.example.gov.cn/sitemap-0.xml', 'https://gk.example.gov.cn/sitemap-1.xml'],
    );
    // The only URL in the second file has no lastmod, so neither does its index entry.
    assert.match(child(maps[0]!, 'lastmod').text, RFC3339);
    assert.equal(childrenNamed(maps[1]!, 'lastmod').length, 0);
  });

  it('can split into smaller files and takes the newest lastmod per file', () => {
    const set = renderSitemaps(urls(7), (i) => `https://x/s${i}.xml`, 3);
    assert.equal(set.sitemaps.length, 3);
    const maps = childrenNamed(parseXml(set.index!), 'sitemap');
    assert.equal(child(maps[0]!, 'lastmod').text, '2024-03-02T00:00:00+08:00');
    assert.equal(child(maps[1]!, 'lastmod').text, '2024-03-06T00:00:00+08:00');
    assert.doesNotThrow(() => parseXml(renderSitemapIndex([{ loc: 'https://x/a&b' }])));
  });
});
