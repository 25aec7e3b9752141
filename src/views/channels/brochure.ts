/**
 * The agency's printable brochure (宣传册): its 公开指南, how to apply, contacts, QR codes to the
 * portal and the online request form, and the year's figures from its published annual report.
 * Same approach as the notice-board sheet: one self-contained page, no scripts, no external
 * resources, @page sized A4 or A5; on screen it shows the sheet, and on a phone it reflows.
 */
import type { PublicContact } from '../../capabilities/records/contract.ts';
import type { SiteSettings } from '../../capabilities/agencies/site-settings-contract.ts';
import type { BrochureFigure } from '../../domain/report/brochure-figures.ts';
import { html, unsafeHtml } from '../html.ts';
import { sanitizeDocumentHtml } from '../sanitize.ts';
import { qrSvg } from './qr.ts';

export type BrochureSize = 'a4' | 'a5';

export interface BrochureView {
  agency: { code: string; name: string };
  size: BrochureSize;
  year: number;
  guide: { title: string; bodyHtml: string } | null;
  settings: SiteSettings;
  contact: PublicContact | null;
  /** Null when no report of the year is published. */
  figures: BrochureFigure[] | null;
  homeUrl: string;
  requestUrl: string;
}

const SERIF = `"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif`;
const SANS = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", sans-serif`;

// A5 is the folded leaflet: smaller type and margins, so the same content fits in fewer pages.
const SHEET = {
  a4: { page: 'A4', width: '210mm', minHeight: '297mm', margin: '18mm 18mm', base: '12pt', qr: '30mm' },
  a5: { page: 'A5', width: '148mm', minHeight: '210mm', margin: '12mm 12mm', base: '9.5pt', qr: '24mm' },
} as const;

function css(size: BrochureSize): string {
  const s = SHEET[size];
  return `
@page { size: ${s.page}; margin: ${s.margin}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; background: #fff; font-family: ${SERIF}; font-size: ${s.base}; line-height: 1.6; }
.sheet { margin: 0 auto; }
header { border-bottom: 2pt solid #a61b1b; margin: 0 0 4mm; padding-bottom: 2mm; }
header .kind { font-family: ${SANS}; color: #a61b1b; font-size: .9em; letter-spacing: .3em; margin: 0; }
h1 { font-family: ${SANS}; font-size: 1.9em; line-height: 1.3; margin: 1mm 0 0; }
h2 { font-family: ${SANS}; font-size: 1.2em; margin: 5mm 0 2mm; padding-left: 2mm; border-left: 3pt solid #a61b1b; break-after: avoid; page-break-after: avoid; }
.guide p { margin: 0 0 1.5mm; text-indent: 2em; }
.guide h2, .guide h3, .guide h4 { font-size: 1.05em; border: 0; padding: 0; margin: 3mm 0 1mm; }
.guide table { border-collapse: collapse; width: 100%; }
.guide th, .guide td { border: .75pt solid #000; padding: 1mm 1.5mm; }
.guide a { color: inherit; text-decoration: none; }
.guide a::after { content: "（" attr(href) "）"; font-size: .85em; word-break: break-all; }
.guide img { max-width: 100%; height: auto; }
.empty { color: #555; }
.ways { margin: 0; padding-left: 1.5em; }
.ways li { margin: 0 0 1mm; }
.qrs { display: flex; flex-wrap: wrap; justify-content: space-around; gap: 4mm; margin: 3mm 0 0; break-inside: avoid; page-break-inside: avoid; }
.qr { text-align: center; font-size: .85em; line-height: 1.4; max-width: 60mm; }
.qr svg { display: block; margin: 0 auto 1mm; }
.qr .url { font-family: "Noto Sans Mono", monospace; font-size: .8em; word-break: break-all; color: #333; }
dl.contacts { display: grid; grid-template-columns: max-content 1fr; gap: .5mm 3mm; margin: 0; }
dl.contacts dt { font-family: ${SANS}; color: #333; }
dl.contacts dd { margin: 0; word-break: break-all; }
.figures { border-collapse: collapse; width: 100%; break-inside: avoid; page-break-inside: avoid; }
.figures th, .figures td { border: .75pt solid #666; padding: 1mm 2mm; }
.figures th { text-align: left; font-weight: 400; }
.figures td { text-align: right; font-family: ${SANS}; font-weight: 700; white-space: nowrap; }
.figures caption { text-align: left; font-size: .85em; color: #333; caption-side: bottom; padding-top: 1mm; }
.source { font-size: .85em; color: #333; }
footer { margin-top: 5mm; padding-top: 2mm; border-top: .75pt solid #999; font-size: .8em; color: #444; }
@media screen {
  body { background: #e9e9e9; padding: 8mm 0; }
  .sheet { width: ${s.width}; min-height: ${s.minHeight}; padding: ${s.margin}; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,.25); }
}
@media screen and (max-width: 600px) {
  body { padding: 0; font-size: 15px; }
  .sheet { width: auto; min-height: 0; padding: 16px; box-shadow: none; }
}
`;
}

const dash = (v: number | null): string => (v === null ? '—' : String(v));

function figuresBlock(v: BrochureView) {
  if (!v.figures) {
    return html`<p class="empty">${v.agency.name}${v.year}年政府信息公开工作年度报告尚未发布，暂无该年度数据。</p>`;
  }
  return html`<table class="figures">
<caption>数据来源：${v.agency.name}${v.year}年政府信息公开工作年度报告</caption>
<tbody>${v.figures.map((f) => html`<tr><th scope="row">${f.label}</th><td data-figure="${f.key}">${dash(f.value)} ${f.unit}</td></tr>`)}</tbody>
</table>`;
}

function contactsBlock(v: BrochureView) {
  const s = v.settings;
  const rows: [string, string | undefined][] = [
    ['地址', s.address && (s.postcode ? `${s.address}（邮编 ${s.postcode}）` : s.address)],
    ['电话', s.phone],
    ['办公时间', s.officeHours],
    ['电子邮箱', s.email],
    ['政务公开联系人', v.contact ? [v.contact.name, v.contact.post].filter(Boolean).join('，') : undefined],
    ['联系人电话', v.contact?.officePhone],
    ['联系人邮箱', v.contact?.email],
  ];
  const shown = rows.filter((r): r is [string, string] => Boolean(r[1]?.trim()));
  if (shown.length === 0) return html`<p class="empty">联系方式请见网站“联系我们”页面。</p>`;
  return html`<dl class="contacts">${shown.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl>`;
}

function qrBlock(url: string, size: string, label: string, caption: string) {
  return html`<div class="qr">${unsafeHtml(qrSvg(url, size, label))}<div>${caption}</div><div class="url">${url}</div></div>`;
}

/** The complete HTML page of the brochure. */
export function renderBrochure(v: BrochureView): string {
  const qr = (url: string, label: string, caption: string) => qrBlock(url, SHEET[v.size].qr, label, caption);
  const where = v.settings.address ? `（${v.settings.address}）` : '';
  // prettier-ignore
  return (
    '<!doctype html>\n' +
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${v.agency.name}政府信息公开宣传册（${v.year}年）</title>
<style>${unsafeHtml(css(v.size))}</style>
</head>
<body>
<main class="sheet">
<header><p class="kind">政府信息公开宣传册</p><h1>${v.agency.name}</h1></header>
<section aria-labelledby="b-guide"><h2 id="b-guide">${v.guide?.title || '政府信息公开指南'}</h2>
${v.guide ? html`<div class="guide">${unsafeHtml(sanitizeDocumentHtml(v.guide.bodyHtml))}</div>` : html`<p class="empty">公开指南正在编制中，请访问网站查看最新内容。</p>`}
</section>
<section aria-labelledby="b-apply"><h2 id="b-apply">如何申请政府信息公开</h2>
<ul class="ways">
<li><strong>网上申请：</strong>扫描下方二维码，或访问 ${v.requestUrl} 填写申请表，提交后凭查询码查询办理进度。</li>
<li><strong>信函申请：</strong>将填写完整的申请表邮寄至本机关${where}，请在信封左下角注明“政府信息公开申请”字样。</li>
<li><strong>当面申请：</strong>在办公时间到本机关${where}填写申请表并当面提交。</li>
</ul>
<div class="qrs">
${qr(v.homeUrl, `${v.agency.name}门户网站二维码`, '扫码访问门户网站')}
${qr(v.requestUrl, `${v.agency.name}网上申请二维码`, '扫码在线申请信息公开')}
</div>
</section>
<section aria-labelledby="b-contact"><h2 id="b-contact">联系我们</h2>
${contactsBlock(v)}
</section>
<section aria-labelledby="b-figures"><h2 id="b-figures">${v.year}年政府信息公开数据</h2>
${figuresBlock(v)}
</section>
<footer>${v.agency.name} · 网址 ${v.homeUrl}</footer>
</main>
</body>
</html>
`.value
  );
}
