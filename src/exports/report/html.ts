/**
 * The annual report as a printable A4 HTML document in the official layout (国办公开办函〔2021〕30号):
 * title, preamble, sections 一–六 with their headings, and tables 二, 三, 四 with the official
 * merged header cells. Fonts follow the 公文 habit (GB/T 9704): 仿宋 body, 小标宋/宋体 title,
 * 黑体 section headings, 宋体 tables; each falls back to the Noto CJK fonts on Linux.
 */
import type { AnnualReport } from '../../domain/report/index.ts';
import { html, unsafeHtml, type SafeHtml } from '../../views/html.ts';
import {
  PAGE_MM,
  TEXT_WIDTH_MM,
  reportBlocks,
  reportTitle,
  type BlockOptions,
  type LayoutCell,
  type LayoutRow,
  type ReportBlock,
  type TableLayout,
} from './layout.ts';

export type RenderHtmlOptions = BlockOptions;

const FANGSONG = `"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const SONG = `"宋体", SimSun, STSong, "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const TITLE = `"方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, ${SONG}`;
const HEI = `"黑体", SimHei, STHeiti, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`;
const MARGIN = `${PAGE_MM.top}mm ${PAGE_MM.right}mm ${PAGE_MM.bottom}mm ${PAGE_MM.left}mm`;

// Static and trusted: no interpolated user data.
const CSS = `
@page { size: A4; margin: ${MARGIN}; }
html { background: #e9e9e9; }
body { margin: 0; color: #000; font-family: ${FANGSONG}; font-size: 16pt; line-height: 28pt; }
.page { box-sizing: border-box; width: ${PAGE_MM.width}mm; min-height: ${PAGE_MM.height}mm;
  margin: 6mm auto; padding: ${MARGIN}; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
h1.title { font-family: ${TITLE}; font-size: 22pt; line-height: 1.45; font-weight: normal;
  text-align: center; margin: 0 0 28pt; }
h2 { font-family: ${HEI}; font-size: 16pt; line-height: 28pt; font-weight: normal; margin: 0;
  text-indent: 2em; break-after: avoid; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.signature { text-indent: 0; text-align: right; }
p.signature:first-of-type { margin-top: 28pt; }
table { width: ${TEXT_WIDTH_MM}mm; max-width: 100%; border-collapse: collapse; table-layout: fixed;
  font-family: ${SONG}; font-size: 10.5pt; line-height: 1.35; margin: 6pt 0 14pt; }
/* 表三 is set a little tighter so that it fits on one A4 page with its heading. */
table.requests { font-size: 10pt; line-height: 1.25; }
table.requests th, table.requests td { padding: 1pt 2pt; }
table.appeals { font-size: 10pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 2.5pt; text-align: center; vertical-align: middle;
  font-weight: normal; word-break: break-all; overflow-wrap: anywhere; }
th.left, td.left { text-align: left; }
th.marker { background: #f2f2f2; }
th.note { font-size: 9.5pt; }
td.value { font-family: "Times New Roman", ${SONG}; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
/* Each table fits on one A4 page: keep it whole (should it ever break, 表三's header repeats). */
table { break-inside: avoid; page-break-inside: avoid; }
/* On a phone the A4 sheet reflows to the screen's width (printing still gets A4). */
@media screen and (max-width: 820px) {
  html { background: #fff; }
  body { font-size: 12pt; line-height: 1.75; }
  .page { width: auto; min-height: 0; margin: 0; padding: 12px; box-shadow: none; }
  h1.title { font-size: 16pt; margin-bottom: 14pt; }
  h2 { font-size: 12pt; line-height: 1.75; }
  table, table.requests, table.appeals { width: 100%; font-size: 8pt; line-height: 1.25; }
  th, td, table.requests th, table.requests td { padding: 1pt; }
}
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;

// The templates below are kept as written: prettier would re-indent the embedded HTML.

function cellHtml(c: LayoutCell): SafeHtml {
  const cls = [c.role, c.align === 'left' ? 'left' : ''].filter((x) => x).join(' ');
  const rs = c.rowSpan > 1 ? html` rowspan="${c.rowSpan}"` : '';
  const cs = c.colSpan > 1 ? html` colspan="${c.colSpan}"` : '';
  // prettier-ignore
  if (c.role === 'value') return html`<td class="${cls}"${rs}${cs}>${c.text}</td>`;
  const scope = c.role === 'label' ? 'row' : c.colSpan > 1 ? 'colgroup' : 'col';
  // prettier-ignore
  return html`<th class="${cls}" scope="${scope}"${rs}${cs}>${c.text}</th>`;
}

function tableHtml(t: TableLayout): SafeHtml {
  const total = t.widthsMm.reduce((a, b) => a + b, 0);
  // prettier-ignore
  const cols = t.widthsMm.map((w) => html`<col style="width:${((w / total) * 100).toFixed(3)}%">`);
  // prettier-ignore
  const rows = (list: readonly LayoutRow[]): SafeHtml[] =>
    list.map((r) => html`<tr>${r.cells.map(cellHtml)}</tr>\n`);
  const head = t.rows.filter((r) => r.header);
  const body = t.rows.filter((r) => !r.header);
  // prettier-ignore
  return html`<table class="${t.id}" aria-label="${t.name}">
<colgroup>${cols}</colgroup>
${head.length > 0 ? html`<thead>\n${rows(head)}</thead>\n` : ''}<tbody>
${rows(body)}</tbody>
</table>
`;
}

function blockHtml(b: ReportBlock): SafeHtml | SafeHtml[] {
  // prettier-ignore
  switch (b.kind) {
    case 'title': return html`<h1 class="title">${b.text}</h1>\n`;
    case 'paragraph': return html`<p>${b.text}</p>\n`;
    case 'heading': return html`<h2 id="section-${b.section}">${b.text}</h2>\n`;
    case 'table': return tableHtml(b.table);
    case 'signature': return b.lines.map((l) => html`<p class="signature">${l}</p>\n`);
  }
}

/**
 * The report's content alone, for a page of the portal that has its own header and styles:
 * its title becomes `headingLevel` (the page's h1 by default) and section headings one below.
 */
export function renderReportArticle(report: AnnualReport, options: RenderHtmlOptions = {}): SafeHtml {
  // prettier-ignore
  return html`<article class="report-sheet" aria-label="${reportTitle(report)}">
${reportBlocks(report, options).flatMap(blockHtml)}</article>
`;
}

/** A complete HTML document (UTF-8, lang zh-CN) for screen and A4 print. */
export function renderReportHtml(report: AnnualReport, options: RenderHtmlOptions = {}): string {
  const parts = reportBlocks(report, options).flatMap(blockHtml);
  // prettier-ignore
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${reportTitle(report)}</title>
<style>${unsafeHtml(CSS)}</style>
</head>
<body>
<main class="page">
${parts}</main>
</body>
</html>
`.toString();
}
