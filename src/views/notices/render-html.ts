/**
 * A notice as a complete, self-contained A4 HTML document (print CSS after GB/T 9704-2012:
 * 版心 156×225 mm, 22 lines of 28 characters, 仿宋 三号 body, 小标宋 二号 title).
 */
import { html, unsafeHtml, type SafeHtml } from '../html.ts';
import { buildNoticeDocument, type Block, type NoticeDocument } from './content.ts';
import type { Notice } from './model.ts';

// Margins: 天头 37 mm, 订口 28 mm; the rest follows from the 156×225 mm 版心 on 210×297 mm.
// Line pitch 225 mm / 22 lines ≈ 28.95 pt. Fonts fall back from the 公文 fonts to what the
// reader's system has (华文/Windows/Noto names), never to a sans face.
const STYLE = unsafeHtml(`
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: "宋体", SimSun, "Songti SC", "Noto Serif CJK SC", serif;
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
  }
}
:root {
  --body-font: "仿宋_GB2312", "仿宋", FangSong, "FangSong_GB2312", STFangsong, "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  --title-font: "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "宋体", SimSun, "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  --line: 28.95pt;
}
html { background: #e9e9e9; }
body { margin: 0; color: #000; font-family: var(--body-font); font-size: 16pt; line-height: var(--line); }
.sheet {
  box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto;
  padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, .25);
}
h1 {
  margin: 0; font-family: var(--title-font); font-size: 22pt; font-weight: normal;
  line-height: 1.45; text-align: center; letter-spacing: 0;
}
h1 span { display: block; }
p { margin: 0; text-align: justify; text-indent: 2em; overflow-wrap: anywhere; }
.doc-number { text-align: center; text-indent: 0; }
.head { margin-bottom: var(--line); }
.addressee { text-indent: 0; }
table.detail {
  width: 100%; margin: 4pt 0; border-collapse: collapse; font-size: 14pt; line-height: 1.5;
  break-inside: avoid;
}
table.detail th, table.detail td { border: 1px solid #000; padding: 2pt 6pt; text-align: center; font-weight: normal; }
table.detail td:last-child, table.detail th:last-child { text-align: right; }
table.detail tfoot td { font-weight: bold; }
.attachments { margin-top: var(--line); }
.attachments p { text-indent: 0; padding-left: 5em; }
.attachments p:first-child { padding-left: 2em; }
/* The signature never stands on a page of its own: it keeps the closing sentence with it. */
.closing { break-inside: avoid; page-break-inside: avoid; }
/* The blank band above the signature is the seal area (印章 presses on name and date). */
.signature { margin-top: calc(var(--line) * 2); }
.signature p { text-indent: 0; text-align: right; white-space: nowrap; }
.note { text-indent: 2em; text-align: left; }
.break { word-break: break-all; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`);

/**
 * A long Latin run inside Chinese text (a URL) may break anywhere instead of overflowing the line
 * or stretching it; shorter ones (phone numbers, query codes) break only at their hyphens.
 */
function runs(text: string): SafeHtml {
  const parts: (string | SafeHtml)[] = [];
  let last = 0;
  for (const m of text.matchAll(/[!-~]{21,}/g)) {
    parts.push(text.slice(last, m.index), html`<span class="break">${m[0]}</span>`);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

function block(b: Block): SafeHtml {
  if (b.type === 'paragraph') return html`<p>${runs(b.text)}</p>`;
  return html`<table class="detail">
    <thead>
      <tr>
        ${b.header.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${b.rows.map(
        (r) =>
          html`<tr>
            ${r.map((c) => html`<td>${c}</td>`)}
          </tr>`,
      )}
    </tbody>
    ${
      b.total
        ? html`<tfoot>
            <tr>
              ${b.total.map((c) => html`<td>${c}</td>`)}
            </tr>
          </tfoot>`
        : ''
    }
  </table>`;
}

/** Em offsets as CSS lengths; the numbers come from the layout, not from user data. */
const em = (n: number): string => `${Number(n.toFixed(2))}em`;

function documentHtml(doc: NoticeDocument, pageTitle: string): string {
  const sig = doc.signature;
  const attachments =
    doc.attachments.length > 0
      ? html`<div class="attachments">${doc.attachments.map((a) => html`<p>${a}</p>`)}</div>`
      : '';
  return (
    '<!doctype html>\n' +
    html`<html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${pageTitle}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <article class="sheet">
          <header class="head">
            <h1>${doc.titleLines.map((l) => html`<span>${l}</span>`)}</h1>
            ${doc.docNumber ? html`<p class="doc-number">${doc.docNumber}</p>` : ''}
          </header>
          <p class="addressee">${doc.addressee}：</p>
          ${doc.body.slice(0, -1).map(block)}
          <div class="closing">
            ${doc.body.slice(-1).map(block)} ${attachments}
            <div class="signature">
              <p style="margin-right: ${em(sig.nameRightEm)}">${sig.name}</p>
              <p style="margin-right: ${em(sig.dateRightEm)}">${sig.date}</p>
            </div>
            ${doc.note ? html`<p class="note">${runs(doc.note)}</p>` : ''}
          </div>
        </article>
      </body>
    </html> `.value
  );
}

/**
 * The notice as a complete HTML document (`<!doctype html>`, lang="zh-CN", inline print CSS).
 * Throws NoticeDataError when a required field is missing.
 */
export function renderNoticeHtml(notice: Notice): string {
  const doc = buildNoticeDocument(notice);
  return documentHtml(doc, doc.titleLines.join(''));
}
