import { html } from '../html.ts';
import { agencyBase, openColumns, portalPage, type OpenColumnSlug, type PortalAgency } from './layout.ts';
import type { Directory } from '../../domain/agencies/directory.ts';
import { directorySection, searchScopeSelect, type DirectoryAgency } from './directory-parts.ts';
import { latestSection, profileSection, type AgencyProfile, type HomeItem } from './home-parts.ts';

const columnIntro: Record<OpenColumnSlug, string> = {
  guide: '政府信息公开指南说明本机关政府信息公开的范围、方式、程序和受理机构。',
  rules: '本机关政府信息公开工作制度，包括保密审查、主动公开、依申请公开等制度。',
  statutory: '按《中华人民共和国政府信息公开条例》第二十条、第二十一条应当主动公开的政府信息。',
  catalogue: '本机关主动公开的政府信息目录，可按类别、年份和有效性筛选。',
  'annual-reports': '本机关历年政府信息公开工作年度报告。',
  request: '公民、法人或者其他组织可以向本机关申请获取相关政府信息。',
  interaction: '留言咨询、意见建议和调查征集。',
};

export interface HomeView {
  /** The agencies below this one by level (its townships, departments, …). */
  directory: Directory<DirectoryAgency>;
  /** The agency above, linked back; none at the top of the platform. */
  parent?: PortalAgency | undefined;
  /** The latest published documents, newest first. */
  latest: HomeItem[];
  profile: AgencyProfile;
}

/** An agency's 政府信息公开 column: its search, latest items, 机构概况, its columns, and the agencies below it. */
export function agencyHomePage(agency: PortalAgency, v: HomeView): string {
  const base = agencyBase(agency);
  const hasBelow = v.directory.departments.length > 0 || v.directory.levels.length > 0;
  return portalPage({
    title: '政府信息公开',
    agency,
    active: 'home',
    body: html`${v.parent ? html`<nav class="breadcrumb" aria-label="上级机构">上级机构：<a href="${agencyBase(v.parent)}/">${v.parent.name}</a></nav>` : ''}
<h1>${agency.name}政府信息公开专栏</h1>
<form class="search-box" role="search" action="${base}/search" method="get">
  <label for="q">站内搜索</label>
  <input id="q" name="q" type="search" placeholder="请输入关键词，多个关键词用空格分隔">
  ${hasBelow ? searchScopeSelect('subtree') : ''}
  <button type="submit">搜索</button>
</form>
<div class="home-blocks">
${latestSection(agency, v.latest)}
${profileSection(agency, v.profile)}
</div>
<h2 class="visually-hidden">公开栏目</h2>
<ul class="column-grid">
  ${openColumns.map(
    (c) => html`<li><a href="${base}/open/${c.slug}"><strong>${c.label}</strong><span>${columnIntro[c.slug]}</span></a></li>`,
  )}
</ul>
${directorySection(v.directory, '下级机构', 'below')}`,
  });
}

/** The home of a platform with several agencies at its top: every government and department by level. */
export function platformHomePage(directory: Directory<DirectoryAgency>): string {
  return portalPage({
    title: '政府信息公开平台',
    agency: null,
    active: 'home',
    body: html`<h1>政府信息公开平台</h1>
<form class="search-box" role="search" action="/search" method="get">
  <label for="q">全平台搜索</label>
  <input id="q" name="q" type="search" placeholder="请输入关键词，多个关键词用空格分隔">
  <button type="submit">搜索</button>
</form>
${directorySection(directory, '机构目录', 'directory')}`,
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
