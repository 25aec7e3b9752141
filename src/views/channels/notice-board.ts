/**
 * A printable A4 sheet for the village notice board (公告栏): the document as it would be posted
 * on paper, read standing a metre away, so large type; a QR code leads to the online version
 * with the attachments. No navigation, no scripts, no external resources: it prints the same
 * offline as online.
 */
import { html, unsafeHtml } from '../html.ts';
import { sanitizeDocumentHtml } from '../sanitize.ts';
import { chineseDate } from './format.ts';
import { VALIDITY_LABELS, type PublishedDocumentView } from './model.ts';
import { qrSvg } from './qr.ts';

// Serif CJK (宋/仿宋 look) as on a printed 红头 document; Noto Serif CJK is what a Linux print
// server has, the others are what Windows/macOS offices have.
const SERIF = `"FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif`;
const TITLE_FONT = `"FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif`;

const CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${SERIF}; font-size: 16pt; line-height: 1.65; }
.sheet { max-width: 170mm; margin: 0 auto; }
h1 { font-family: ${TITLE_FONT}; font-size: 24pt; line-height: 1.4; font-weight: 700; text-align: center; margin: 0 0 6mm; }
.meta { text-align: center; font-size: 12pt; color: #333; margin: 0 0 6mm; padding-bottom: 3mm; border-bottom: 1.5pt solid #a61b1b; }
.meta span + span::before { content: "|"; margin: 0 .8em; color: #999; }
.status { text-align: center; font-size: 14pt; font-weight: 700; color: #a61b1b; border: 1.5pt solid #a61b1b; padding: 2mm; margin: 0 0 6mm; }
.body p { margin: 0 0 2mm; text-indent: 2em; }
.body div { margin: 0 0 2mm; }
.body p[style*="text-align:center"], .body p[style*="text-align:right"], .body li, .body li p { text-indent: 0; }
.body td p, .body th p { margin: 0; text-indent: 0; }
/* Paper has no links: print where they lead. */
.body a { color: inherit; text-decoration: none; }
.body a::after { content: "（" attr(href) "）"; font-size: 12pt; word-break: break-all; }
.body h2, .body h3, .body h4 { font-size: 16pt; font-weight: 700; margin: 4mm 0 2mm; }
.body h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: 400; }
.body h3 { font-family: "KaiTi", "楷体", "STKaiti", ${SERIF}; font-weight: 400; }
.body ul, .body ol { margin: 0 0 2mm; padding-left: 2em; }
.body table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 13pt; line-height: 1.4; page-break-inside: auto; }
.body tr { page-break-inside: avoid; break-inside: avoid; }
.body th, .body td { border: 1pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-indent: 0; }
.body th { font-weight: 700; text-align: center; }
.body img { max-width: 100%; height: auto; }
.body blockquote { margin: 0 0 2mm 2em; }
.attachments { margin: 4mm 0 0; }
.attachments p { margin: 0; text-indent: 0; }
.attachments .label { display: inline-block; }
.period { margin: 6mm 0 0; padding: 3mm 4mm; border: 1.5pt solid #000; font-size: 16pt; font-weight: 700; break-inside: avoid; }
.foot { display: flex; justify-content: space-between; align-items: flex-end; gap: 10mm; margin-top: 12mm; break-inside: avoid; page-break-inside: avoid; }
.qr { text-align: center; font-size: 10.5pt; line-height: 1.4; color: #333; }
.qr svg { display: block; margin: 0 auto 1mm; }
.qr .url { font-family: "Noto Sans Mono", monospace; font-size: 8pt; word-break: break-all; max-width: 60mm; }
.sign { text-align: right; font-size: 16pt; line-height: 1.8; }
.index { margin-top: 8mm; font-size: 9pt; color: #666; text-align: left; }
@media screen {
  body { background: #e9e9e9; padding: 10mm 0; }
  .sheet { width: 210mm; max-width: none; min-height: 297mm; padding: 22mm 20mm 20mm; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,.25); }
}
`;

/** The complete HTML page (A4, print-ready) for the 公告栏. */
export function renderNoticeBoardSheet(doc: PublishedDocumentView): string {
  const published = chineseDate(doc.publishedAt);
  const meta = [
    doc.issuer ? html`<span>发布机构：${doc.issuer}</span>` : '',
    doc.docNo ? html`<span>文号：${doc.docNo}</span>` : '',
    html`<span>发布日期：${published}</span>`,
  ];
  // prettier-ignore
  return (
    '<!doctype html>\n' +
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.title}</title>
<style>${unsafeHtml(CSS)}</style>
</head>
<body>
<main class="sheet">
<h1>${doc.title}</h1>
<p class="meta">${meta}</p>
${
  doc.validity === 'valid'
    ? ''
    : html`<p class="status">本文件已${VALIDITY_LABELS[doc.validity]}，仅供查阅</p>`
}
<div class="body">
${unsafeHtml(sanitizeDocumentHtml(doc.bodyHtml))}
</div>
${
  doc.attachments.length
    ? html`<div class="attachments">${doc.attachments.map(
        (a, i) =>
          html`<p><span class="label"${i > 0 ? html` style="visibility:hidden"` : ''}>附件：</span>${doc.attachments.length > 1 ? `${i + 1}. ` : ''}${a.name}</p>`,
      )}<p>（附件内容请扫描下方二维码查看）</p></div>`
    : ''
}
${doc.noticePeriod ? html`<p class="period">公示期：${doc.noticePeriod}</p>` : ''}
<div class="foot">
<div class="qr">${unsafeHtml(qrSvg(doc.url, '32mm', '原文二维码'))}<div>扫码查看网上原文</div><div class="url">${doc.url}</div></div>
<div class="sign"><div>${doc.agency.name}</div><div>${published}</div></div>
</div>
<p class="index">索引号：${doc.indexNo}</p>
</main>
</body>
</html>
`.value
  );
}
