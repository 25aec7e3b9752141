import { html, unsafeHtml, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import type { PublicDocument, PublicListItem } from '../../services/publications.ts';
import { validityLabels } from '../../domain/documents/catalogue.ts';
import { chinaDateOrEmpty } from '../../domain/calendar/china-time.ts';
import { documentNotes, interpretationList, interpretationMedia } from './interpretation-parts.ts';
import { contactBlock } from './records-contact.ts';
import { searchScopeSelect } from './directory-parts.ts';
import type { SearchScope } from '../../domain/agencies/directory.ts';
import type { PublicContact } from '../../capabilities/records/contract.ts';

// Stored instants are UTC; the portal shows the date in China whatever the server's zone.
const day = chinaDateOrEmpty;

function pager(base: string, params: Record<string, string | number | undefined>, page: number, total: number, pageSize: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const link = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
    q.set('page', String(p));
    return `${base}?${q}`;
  };
  return html`<nav class="pager" aria-label="分页">
  ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">上一页</a>` : ''}
  <span>第 ${page} / ${pages} 页，共 ${total} 条</span>
  ${page < pages ? html`<a href="${link(page + 1)}" rel="next">下一页</a>` : ''}
</nav>`;
}

export function documentList(agency: PortalAgency, items: PublicListItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="empty">暂无符合条件的信息。</p>`;
  return html`<ul class="doc-list">${items.map(
    (d) => html`<li><a href="${agencyBase(agency)}/documents/${d.id}">${d.title}</a><span class="doc-meta">${d.docNo ? html`${d.docNo} · ` : ''}<time datetime="${day(d.publishedAt)}">${day(d.publishedAt)}</time></span></li>`,
  )}</ul>`;
}

export interface CatalogueView {
  categories: { code: string; name: string; parent_id: number | null; id: number }[];
  filters: { category?: string | undefined; year?: number | undefined; validity?: string | undefined };
  years: number[];
  page: number;
  pageSize: number;
  total: number;
  items: PublicListItem[];
}

export function cataloguePage(agency: PortalAgency, v: CatalogueView): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '公开目录',
    agency,
    active: 'catalogue',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › 公开目录</nav>
<h1>公开目录</h1>
<form class="filters" method="get" action="${base}/open/catalogue" aria-label="筛选">
  <div class="field"><label for="c-category">类别</label><select id="c-category" name="category"><option value="">全部类别</option>${v.categories.map(
    (c) => html`<option value="${c.code}"${v.filters.category === c.code ? html` selected` : ''}>${c.parent_id ? '　' : ''}${c.name}</option>`,
  )}</select></div>
  <div class="field"><label for="c-year">年份</label><select id="c-year" name="year"><option value="">全部年份</option>${v.years.map(
    (y) => html`<option value="${y}"${v.filters.year === y ? html` selected` : ''}>${y} 年</option>`,
  )}</select></div>
  <div class="field"><label for="c-validity">有效性</label><select id="c-validity" name="validity"><option value="">全部</option>${Object.entries(validityLabels).map(
    ([k, label]) => html`<option value="${k}"${v.filters.validity === k ? html` selected` : ''}>${label}</option>`,
  )}</select></div>
  <button type="submit">筛选</button>
</form>
<p class="result-count" role="status">共 ${v.total} 条</p>
${documentList(agency, v.items)}
${pager(`${base}/open/catalogue`, { category: v.filters.category, year: v.filters.year, validity: v.filters.validity }, v.page, v.total, v.pageSize)}`,
  });
}

/** Where the view count goes; filled in per request so the rest of the page can be cached. */
export const VIEW_COUNT_SLOT = '<!--gk:views-->';

/** `consultation`: the 意见征集 on the document's draft, linked both ways (decision 024). */
export function documentPage(agency: PortalAgency, d: Omit<PublicDocument, 'viewCount'>, consultation: { id: number; title: string } | null = null): string {
  const views = unsafeHtml(VIEW_COUNT_SLOT);
  const base = agencyBase(agency);
  const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return portalPage({
    title: d.title,
    agency,
    active: 'catalogue',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › <a href="${base}/open/catalogue">公开目录</a>${d.category ? html` › <a href="${base}/open/catalogue?category=${d.category.code}">${d.category.name}</a>` : ''}</nav>
<table class="meta doc-meta-table">
  <caption class="visually-hidden">文件信息</caption>
  <tr><th scope="row">索引号</th><td>${d.indexNo}</td><th scope="row">主题分类</th><td>${d.topic ?? d.category?.name ?? ''}</td></tr>
  <tr><th scope="row">发布机构</th><td>${d.issuer}</td><th scope="row">成文日期</th><td>${d.writtenAt ?? ''}</td></tr>
  <tr><th scope="row">文号</th><td>${d.docNo ?? ''}</td><th scope="row">发布日期</th><td>${day(d.publishedAt)}</td></tr>
  <tr><th scope="row">有效性</th><td>${d.validityLabel}${d.invalidFrom ? html`（${d.invalidFrom} 起）` : ''}</td><th scope="row">${d.docKindLabel ? '文件类型' : '浏览次数'}</th><td>${d.docKindLabel ?? views}</td></tr>
</table>
${documentNotes(agency, d)}
<article class="doc">
  <h1 class="doc-title">${d.title}</h1>
  <div class="doc-body">${unsafeHtml(d.bodyHtml)}</div>
  ${interpretationMedia(agency, d)}
  ${interpretationList(agency, d)}
  ${consultation ? html`<p class="doc-consultation">征求意见：<a href="${base}/open/interaction/consultations/${String(consultation.id)}">${consultation.title}</a>（含意见采纳情况）</p>` : ''}
  ${
    d.attachments.length
      ? html`<section aria-labelledby="att"><h2 id="att">附件</h2><ul>${d.attachments.map(
          (a) => html`<li><a href="${base}/documents/${d.id}/attachments/${a.id}">${a.name}</a>（${kb(a.sizeBytes)}）</li>`,
        )}</ul></section>`
      : ''
  }
  <p class="doc-footer">浏览次数：<span data-testid="view-count">${views}</span></p>
</article>`,
  });
}

export interface SearchView {
  q: string;
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  /** `agency`: the publishing agency, named when it is not the page's own (a subtree or platform search). */
  items: { docId: number; titleHtml: string; snippetHtml: string; publishedAt: string; agency?: PortalAgency | undefined }[];
  /** The agency's annual reports and 公开指南 / 公开制度 that match (page 1 only). */
  pages?: { path: string; kindLabel: string; titleHtml: string; snippetHtml: string }[] | undefined;
  filters: { category?: string | undefined; year?: number | undefined; validity?: string | undefined };
  categories: { code: string; name: string }[];
  error?: string | undefined;
  /** The reach chosen, offered only where the agency has agencies below it. */
  scope?: SearchScope | undefined;
}

/** The search page of an agency, or with `agency` null the whole platform's (/search). */
export function searchPage(agency: PortalAgency | null, v: SearchView): string {
  const base = agency ? agencyBase(agency) : '';
  const itemBase = (i: SearchView['items'][number]) => (i.agency ? agencyBase(i.agency) : base);
  const otherAgency = (i: SearchView['items'][number]) => (i.agency && i.agency.code !== agency?.code ? html`${i.agency.name} · ` : '');
  return portalPage({
    title: v.q ? `搜索：${v.q}` : '搜索',
    agency,
    body: html`<h1>${agency ? '站内搜索' : '全平台搜索'}</h1>
<form class="search-box" role="search" action="${base}/search" method="get">
  <label for="q">搜索</label>
  <input id="q" name="q" type="search" value="${v.q}" placeholder="请输入关键词，多个关键词用空格分隔">
  ${v.scope ? searchScopeSelect(v.scope) : ''}
  ${v.categories.length > 0 ? html`<select name="category" aria-label="类别"><option value="">全部类别</option>${v.categories.map((c) => html`<option value="${c.code}"${v.filters.category === c.code ? html` selected` : ''}>${c.name}</option>`)}</select>` : ''}
  <select name="validity" aria-label="有效性"><option value="">全部</option>${Object.entries(validityLabels).map(([k, l]) => html`<option value="${k}"${v.filters.validity === k ? html` selected` : ''}>${l}</option>`)}</select>
  <button type="submit">搜索</button>
</form>
${v.error ? html`<div class="errors" role="alert"><p>${v.error}</p></div>` : ''}
${
  v.q
    ? html`${
        v.pages?.length
          ? html`<section aria-labelledby="page-hits"><h2 id="page-hits">年度报告与公开指南</h2><ul class="search-results">${v.pages.map(
              (p) => html`<li><a href="${base}${p.path}">${unsafeHtml(p.titleHtml)}</a><p>${unsafeHtml(p.snippetHtml)}</p><span class="doc-meta">${p.kindLabel}</span></li>`,
            )}</ul></section><h2>文件</h2>`
          : ''
      }<p class="result-count" role="status">找到 ${v.totalCapped ? `${v.total.toLocaleString('zh-CN')}+` : v.total} 条结果</p>
<ol class="search-results">${v.items.map(
        (i) => html`<li><a href="${itemBase(i)}/documents/${i.docId}">${unsafeHtml(i.titleHtml)}</a><p>${unsafeHtml(i.snippetHtml)}</p><span class="doc-meta">${otherAgency(i)}${day(i.publishedAt)}</span></li>`,
      )}</ol>
${pager(`${base}/search`, { q: v.q, scope: v.scope, category: v.filters.category, validity: v.filters.validity }, v.page, v.total, v.pageSize)}`
    : ''
}`,
  });
}

export function statutoryPage(agency: PortalAgency, items: { item: number; code: string; name: string; total: number; items: PublicListItem[] }[]): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '法定主动公开内容',
    agency,
    active: 'statutory',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › 法定主动公开内容</nav>
<h1>法定主动公开内容</h1>
<p class="intro">按《中华人民共和国政府信息公开条例》第二十条应当主动公开的政府信息。</p>
${items.map(
  (s) => html`<section class="statutory-item" aria-labelledby="s-${s.item}"><h2 id="s-${s.item}">（${s.item}）${s.name}</h2>
${documentList(agency, s.items)}
${s.total > s.items.length ? html`<p><a href="${base}/open/catalogue?category=${s.code}">查看全部 ${s.total} 条 ›</a></p>` : ''}</section>`,
)}`,
  });
}

export function editablePage(agency: PortalAgency, slug: 'guide' | 'rules', page: { title: string; body_html: string; updated_at: string } | undefined, contact: PublicContact | null = null): string {
  const base = agencyBase(agency);
  const label = slug === 'guide' ? '公开指南' : '公开制度';
  return portalPage({
    title: label,
    agency,
    active: slug,
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › ${label}</nav>
<h1>${page?.title ?? label}</h1>
${page ? html`<div class="doc-body">${unsafeHtml(page.body_html)}</div><p class="doc-meta">更新日期：${day(page.updated_at)}</p>` : html`<p class="empty">本栏目内容正在编制中。</p>`}
${contactBlock(contact)}
${slug === 'guide' ? html`<p class="doc-meta"><a href="${base}/brochure">打印宣传册（A4）</a> · <a href="${base}/brochure?size=a5">A5</a></p>` : ''}`,
  });
}

export function annualReportsPage(agency: PortalAgency, reports: { year: number; published_at: string | null }[]): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '政府信息公开年报',
    agency,
    active: 'annual-reports',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › 政府信息公开年报</nav>
<h1>政府信息公开工作年度报告</h1>
<p><a href="${base}/open/annual-reports/check">年报体检：上传或粘贴任一份年度报告，检查表格和格式 ›</a></p>
${
  reports.length === 0
    ? html`<p class="empty">暂无已发布的年度报告。</p>`
    : html`<ul class="doc-list">${reports.map(
        (r) => html`<li><span><a href="${base}/annual-reports/${r.year}">${agency.name}${r.year}年政府信息公开工作年度报告</a></span>
<span class="doc-meta">${r.published_at ? html`发布于 <time datetime="${day(r.published_at)}">${day(r.published_at)}</time> · ` : ''}下载：<a href="${base}/annual-reports/${r.year}.docx" aria-label="${r.year}年报告 DOCX 格式">DOCX</a> <a href="${base}/annual-reports/${r.year}.xlsx" aria-label="${r.year}年报告 XLSX 格式">XLSX</a> <a href="${base}/annual-reports/${r.year}.json" aria-label="${r.year}年报告 JSON 格式">JSON</a></span></li>`,
      )}</ul>`
}`,
  });
}
