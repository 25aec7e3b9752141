/**
 * The portal's page of one published annual report: the site's header and column bar, the report
 * itself, its downloads, and, once corrected, the 更正说明 and the versions it replaced (each
 * still reachable at /annual-reports/YYYY-vN).
 */
import { html } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import { chinaDateOrEmpty } from '../../domain/calendar/china-time.ts';
import { chineseDate } from '../../exports/report/layout.ts';
import { renderReportArticle } from '../../exports/report/html.ts';
import type { PublishedReport } from '../../capabilities/reports/queries.ts';

/** The address of one version's page or file: the current version has the plain year. */
export function reportFile(year: number, version: number | null, ext = ''): string {
  return `${year}${version === null ? '' : `-v${version}`}${ext ? `.${ext}` : ''}`;
}

/** `signer` is the agency's full name, printed with the publication date at the end (落款). */
export function annualReportPage(agency: PortalAgency, year: number, p: PublishedReport, signer: string): string {
  const base = `${agencyBase(agency)}/annual-reports/`;
  const current = p.version === p.currentVersion;
  const file = (ext: string) => base + reportFile(year, current ? null : p.version, ext);
  const title = `${agency.name}${year}年政府信息公开工作年度报告`;
  const cn = (iso: string) => chineseDate(chinaDateOrEmpty(iso));
  const body = html`<nav class="breadcrumb" aria-label="当前位置"><a href="${agencyBase(agency)}/">首页</a> › <a href="${agencyBase(agency)}/open/annual-reports">政府信息公开年报</a> › ${year}年度${current ? '' : `（第${p.version}版）`}</nav>
${
  current
    ? ''
    : html`<p class="notice report-superseded" role="note">这是本报告更正前的第${p.version}版${p.publishedDate ? `（${chineseDate(p.publishedDate)}发布）` : ''}，已被更正。<a href="${base}${year}">查看现行版本（第${p.currentVersion}版）</a></p>`
}
${
  p.correction
    ? html`<section class="notice report-correction" aria-labelledby="correction-title"><h2 id="correction-title">更正说明</h2>
<p>本报告于${chineseDate(p.correction.date)}更正，现为第${p.version}版。${p.correction.reason}</p></section>`
    : ''
}
<p class="report-downloads">下载${current ? '' : `第${p.version}版`}：<a href="${file('docx')}">DOCX</a> · <a href="${file('xlsx')}">XLSX</a> · <a href="${file('json')}">JSON</a> · <a href="${file('html')}">打印版（A4）</a></p>
${renderReportArticle(p.report, { signer, ...(p.publishedDate ? { date: p.publishedDate } : {}) })}
${
  p.versions.length > 1
    ? html`<section class="report-versions" aria-labelledby="versions-title"><h2 id="versions-title">版本记录</h2>
<ol>${p.versions.map(
        (v) =>
          html`<li>${v.version === p.version ? html`<strong>第${v.version}版</strong>` : html`<a href="${base}${reportFile(year, v.current ? null : v.version)}">第${v.version}版</a>`}，${cn(v.publishedAt)}发布${v.current ? '（现行）' : '（已更正）'}${v.reason ? html`：更正原因：${v.reason}` : ''}</li>`,
      )}</ol></section>`
    : ''
}`;
  return portalPage({ title: current ? title : `${title}（第${p.version}版，已更正）`, agency, active: 'annual-reports', body });
}
