import { html, type SafeHtml } from '../html.ts';
import type { Directory } from '../../domain/agencies/directory.ts';
import { searchScopes, type SearchScope } from '../../domain/agencies/directory.ts';
import type { AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { agencyBase, type PortalAgency } from './layout.ts';

/** An agency as the directory shows it: a link to its own 政府信息公开 column. */
export type DirectoryAgency = AgencyNode & PortalAgency & { closed: boolean };

const link = (a: DirectoryAgency): SafeHtml => html`<a href="${agencyBase(a)}/">${a.name}</a>${a.closed ? html`<span class="doc-meta">（已撤销）</span>` : ''}`;

const departmentList = (list: readonly DirectoryAgency[]): SafeHtml => html`<ul class="agency-list">${list.map((d) => html`<li>${link(d)}</li>`)}</ul>`;

/**
 * The agencies below a government (or the whole platform's) by level: each level a heading, each
 * government a link with its departments folded under it (a `<details>`, so no script is needed).
 */
export function directorySection(directory: Directory<DirectoryAgency>, heading: string, id: string): SafeHtml {
  if (directory.departments.length === 0 && directory.levels.length === 0) return html``;
  return html`<section class="directory" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>
${directory.departments.length > 0 ? html`<h3>部门</h3>${departmentList(directory.departments)}` : ''}
${directory.levels.map(
  (level) => html`<h3>${level.label}</h3><ul class="directory-governments">${level.governments.map(
    (g) =>
      html`<li>${link(g.agency)}${
        g.departments.length > 0
          ? html`<details><summary>${g.agency.name}所属部门（${g.departments.length}）</summary>${departmentList(g.departments)}</details>`
          : ''
      }</li>`,
  )}</ul>`,
)}
</section>`;
}

/** The site search's reach, offered where the agency has agencies below it. */
export function searchScopeSelect(selected: SearchScope): SafeHtml {
  return html`<select name="scope" aria-label="搜索范围">${(Object.keys(searchScopes) as SearchScope[]).map(
    (s) => html`<option value="${s}"${s === selected ? html` selected` : ''}>${searchScopes[s]}</option>`,
  )}</select>`;
}
