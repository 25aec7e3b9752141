/**
 * Atom 1.0 (RFC 4287) and RSS 2.0 feeds of an agency's published documents, and sitemaps
 * (sitemaps.org 0.9). Every value goes through escapeXml; entry bodies are HTML carried as
 * escaped text (Atom type="html", RSS <description>), never CDATA, so a "]]>" in a title or
 * body cannot end anything.
 */
import { html, unsafeHtml } from '../html.ts';
import { sanitizeDocumentHtml } from '../sanitize.ts';
import { chineseDate, escapeXml as x, formatSize, rfc3339, rfc822 } from './format.ts';
import { VALIDITY_LABELS, type ChannelAgency, type PublishedDocumentView } from './model.ts';

export interface FeedOptions {
  /** Absolute URL of the feed itself (rel="self"). */
  readonly selfUrl: string;
  /** Absolute URL of the agency's portal home page. */
  readonly siteUrl: string;
  /** When the feed last changed: usually the newest document's publishedAt/updatedAt. */
  readonly updated: string | Date;
}

const feedTitle = (agency: ChannelAgency): string => `${agency.name} · 政府信息公开`;
const feedSubtitle = (agency: ChannelAgency): string => `${agency.name}主动公开的政府信息`;

/** The entry body as HTML: metadata, the sanitised body, attachment links. */
function entryHtml(doc: PublishedDocumentView): string {
  const rows: [string, string | null][] = [
    ['索引号', doc.indexNo],
    ['发布机构', doc.issuer],
    ['文号', doc.docNo],
    ['成文日期', doc.writtenAt ? chineseDate(doc.writtenAt) : null],
    ['发布日期', chineseDate(doc.publishedAt)],
    ['主题分类', doc.topic],
    ['有效性', VALIDITY_LABELS[doc.validity]],
  ];
  // prettier-ignore
  return html`<table>${rows.map(([k, v]) => (v ? html`<tr><th>${k}</th><td>${v}</td></tr>` : ''))}</table>
${unsafeHtml(sanitizeDocumentHtml(doc.bodyHtml))}
${
  doc.attachments.length
    ? html`<p>附件：</p><ul>${doc.attachments.map(
        (a) => html`<li><a href="${a.url}">${a.name}</a>（${formatSize(a.sizeBytes)}）</li>`,
      )}</ul>`
    : ''
}`.value;
}

/** Plain-text summary line: 文号 · 发布机构 · 发布日期. */
function summary(doc: PublishedDocumentView): string {
  return [doc.docNo, doc.issuer, `${chineseDate(doc.publishedAt)}发布`].filter(Boolean).join(' · ');
}

const updatedOf = (doc: PublishedDocumentView): string => doc.updatedAt || doc.publishedAt;

export function renderAtomFeed(
  agency: ChannelAgency,
  docs: readonly PublishedDocumentView[],
  options: FeedOptions,
): string {
  const entries = docs.map(
    (doc) => `  <entry>
    <id>${x(doc.url)}</id>
    <title type="text">${x(doc.title)}</title>
    <link rel="alternate" type="text/html" href="${x(doc.url)}"/>
    <published>${rfc3339(doc.publishedAt)}</published>
    <updated>${rfc3339(updatedOf(doc))}</updated>
    <author><name>${x(doc.issuer || agency.name)}</name></author>
    <category term="${x(doc.category)}" label="${x(doc.category)}"/>
    <summary type="text">${x(summary(doc))}</summary>
    <content type="html">${x(entryHtml(doc))}</content>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${x(options.selfUrl)}</id>
  <title type="text">${x(feedTitle(agency))}</title>
  <subtitle type="text">${x(feedSubtitle(agency))}</subtitle>
  <link rel="self" type="application/atom+xml" href="${x(options.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${x(options.siteUrl)}"/>
  <updated>${rfc3339(options.updated)}</updated>
  <author><name>${x(agency.name)}</name></author>
  <generator>Gongkai</generator>
${entries.join('')}</feed>
`;
}

export function renderRssFeed(
  agency: ChannelAgency,
  docs: readonly PublishedDocumentView[],
  options: FeedOptions,
): string {
  const items = docs.map(
    (doc) => `    <item>
      <title>${x(doc.title)}</title>
      <link>${x(doc.url)}</link>
      <guid isPermaLink="true">${x(doc.url)}</guid>
      <pubDate>${rfc822(doc.publishedAt)}</pubDate>
      <category>${x(doc.category)}</category>
      <description>${x(entryHtml(doc))}</description>
    </item>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${x(feedTitle(agency))}</title>
    <link>${x(options.siteUrl)}</link>
    <description>${x(feedSubtitle(agency))}</description>
    <language>zh-cn</language>
    <lastBuildDate>${rfc822(options.updated)}</lastBuildDate>
    <atom:link href="${x(options.selfUrl)}" rel="self" type="application/rss+xml"/>
    <generator>Gongkai</generator>
${items.join('')}  </channel>
</rss>
`;
}

/** sitemaps.org: at most 50,000 URLs (and 50 MB) per sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  readonly loc: string;
  /** Same forms as PublishedDocumentView.publishedAt; written as RFC 3339 (W3C Datetime). */
  readonly lastmod?: string | Date | null;
}

function urlList(tag: 'url' | 'sitemap', urls: readonly SitemapUrl[]): string {
  return urls
    .map(
      (u) =>
        `  <${tag}><loc>${x(u.loc)}</loc>${u.lastmod ? `<lastmod>${rfc3339(u.lastmod)}</lastmod>` : ''}</${tag}>\n`,
    )
    .join('');
}

/** One sitemap file. Throws RangeError above SITEMAP_MAX_URLS: use renderSitemaps to split. */
export function renderSitemap(urls: readonly SitemapUrl[]): string {
  if (urls.length > SITEMAP_MAX_URLS) {
    throw new RangeError(
      `一个 sitemap 最多 ${SITEMAP_MAX_URLS} 个网址，现有 ${urls.length} 个，请用 renderSitemaps 拆分`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urlList('url', urls)}</urlset>
`;
}

/** A sitemap index pointing at sitemap files. */
export function renderSitemapIndex(sitemaps: readonly SitemapUrl[]): string {
  if (sitemaps.length > SITEMAP_MAX_URLS) {
    throw new RangeError(
      `一个 sitemap 索引最多 ${SITEMAP_MAX_URLS} 个 sitemap，现有 ${sitemaps.length} 个`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urlList('sitemap', sitemaps)}</sitemapindex>
`;
}

export interface SitemapSet {
  /** null when everything fits in one sitemap: serve `sitemaps[0]` as the sitemap itself. */
  readonly index: string | null;
  readonly sitemaps: readonly string[];
}

/**
 * Any number of URLs as sitemaps of at most `perFile` (default and maximum SITEMAP_MAX_URLS)
 * URLs each, plus an index when more than one is needed. `sitemapUrl(i)` is the absolute URL
 * where sitemaps[i] will be served (i from 0).
 */
export function renderSitemaps(
  urls: readonly SitemapUrl[],
  sitemapUrl: (i: number) => string,
  perFile: number = SITEMAP_MAX_URLS,
): SitemapSet {
  const size = Math.max(1, Math.min(Math.floor(perFile), SITEMAP_MAX_URLS));
  if (urls.length <= size) return { index: null, sitemaps: [renderSitemap(urls)] };
  const sitemaps: string[] = [];
  const entries: SitemapUrl[] = [];
  for (let i = 0; i * size < urls.length; i++) {
    const chunk = urls.slice(i * size, (i + 1) * size);
    sitemaps.push(renderSitemap(chunk));
    const newest = chunk.reduce<number | null>((max, u) => {
      if (!u.lastmod) return max;
      const t = new Date(rfc3339(u.lastmod)).getTime();
      return max === null || t > max ? t : max;
    }, null);
    entries.push({ loc: sitemapUrl(i), lastmod: newest === null ? null : new Date(newest) });
  }
  return { index: renderSitemapIndex(entries), sitemaps };
}
