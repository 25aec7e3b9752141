import { html } from '../html.ts';
import { agencyBase, openColumns, portalPage, type OpenColumnSlug, type PortalAgency } from './layout.ts';

const columnIntro: Record<OpenColumnSlug, string> = {
  guide: '政府信息公开指南说明本机关政府信息公开的范围、方式、程序和受理机构。',
  rules: '本机关政府信息公开工作制度，包括保密审查、主动公开、依申请公开等制度。',
  statutory: '按《中华人民共和国政府信息公开条例》第二十条、第二十一条应当主动公开的政府信息。',
  catalogue: '本机关主动公开的政府信息目录，可按类别、年份和有效性筛选。',
  'annual-reports': '本机关历年政府信息公开工作年度报告。',
  request: '公民、法人或者其他组织可以向本机关申请获取相关政府信息。',
  interaction: '留言咨询、意见建议和调查征集。',
};

export function agencyHomePage(agency: PortalAgency, others: PortalAgency[], below: PortalAgency[] = []): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '政府信息公开',
    agency,
    active: 'home',
    body: html`<h1>${agency.name}政府信息公开专栏</h1>
<form class="search-box" role="search" action="${base}/search" method="get">
  <label for="q">站内搜索</label>
  <input id="q" name="q" type="search" placeholder="请输入关键词，多个关键词用空格分隔">
  <button type="submit">搜索</button>
</form>
<ul class="column-grid">
  ${openColumns.map(
    (c) => html`<li><a href="${base}/open/${c.slug}"><strong>${c.label}</strong><span>${columnIntro[c.slug]}</span></a></li>`,
  )}
</ul>
${
  below.length > 0
    ? html`<section aria-labelledby="below"><h2 id="below">下级机构</h2><ul class="agency-list">${below.map(
        (o) => html`<li><a href="${agencyBase(o)}/">${o.name}</a></li>`,
      )}</ul></section>`
    : ''
}${
  others.length > 0
    ? html`<section aria-labelledby="others"><h2 id="others">其他机构</h2><ul class="agency-list">${others.map(
        (o) => html`<li><a href="${agencyBase(o)}/">${o.name}</a></li>`,
      )}</ul></section>`
    : ''
}`,
  });
}

export function columnPage(agency: PortalAgency, slug: OpenColumnSlug): string {
  const column = openColumns.find((c) => c.slug === slug)!;
  return portalPage({
    title: column.label,
    agency,
    active: slug,
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${agencyBase(agency)}/">首页</a> › ${column.label}</nav>
<h1>${column.label}</h1>
<p class="intro">${columnIntro[slug]}</p>
<p class="empty">本栏目暂无内容。</p>`,
  });
}

export function notFoundPage(agency: PortalAgency | null): string {
  return portalPage({
    title: '页面不存在',
    agency,
    body: html`<h1>页面不存在</h1>
<p>您访问的页面不存在或已被移除。</p>
<p><a href="/">返回首页</a></p>`,
  });
}

export function noAgencyPage(): string {
  return portalPage({
    title: '政府信息公开平台',
    agency: null,
    body: html`<h1>政府信息公开平台</h1><p>平台尚未开通任何机构。</p>`,
  });
}
