/**
 * A document as HTML to paste into the 微信公众号 editor. The editor keeps inline `style`
 * attributes and simple blocks but drops classes, <style>, <link>, scripts and (in the published
 * article) links, so: inline styles only, no links (URLs are printed as text), and a QR code
 * image for readers to reach the portal page with the attachments.
 */
import sanitizeHtml from 'sanitize-html';
import { html, unsafeHtml } from '../html.ts';
import { DOCUMENT_TAGS, sanitizeDocumentHtml } from '../sanitize.ts';
import { chineseDate, formatSize } from './format.ts';
import { VALIDITY_LABELS, type PublishedDocumentView } from './model.ts';
import { qrPngDataUrl } from './qr.ts';

const BRAND = '#a61b1b';
const TEXT = 'font-size:16px;line-height:1.75;color:#333333;';

/** Inline style per element of the sanitised body; the body's own text-align/indent is kept after it. */
const BODY_STYLES: Record<string, string> = {
  p: `margin:0 0 16px;${TEXT}`,
  div: `margin:0 0 8px;${TEXT}`,
  h2: `margin:24px 0 12px;font-size:18px;line-height:1.6;font-weight:bold;color:${BRAND};`,
  h3: 'margin:20px 0 10px;font-size:17px;line-height:1.6;font-weight:bold;color:#1f1f1f;',
  h4: 'margin:16px 0 8px;font-size:16px;line-height:1.6;font-weight:bold;color:#1f1f1f;',
  ul: `margin:0 0 16px;padding-left:2em;${TEXT}`,
  ol: `margin:0 0 16px;padding-left:2em;${TEXT}`,
  li: 'margin:0 0 4px;',
  blockquote: `margin:0 0 16px;padding:8px 12px;border-left:3px solid #d9d9d9;background-color:#fafafa;color:#555555;font-size:15px;line-height:1.75;`,
  table:
    'width:100%;border-collapse:collapse;margin:0 0 16px;font-size:14px;line-height:1.6;color:#333333;',
  caption: 'padding:0 0 6px;font-size:14px;font-weight:bold;text-align:center;',
  th: 'border:1px solid #bfbfbf;padding:6px 8px;background-color:#f2f2f2;font-weight:bold;text-align:center;vertical-align:middle;',
  td: 'border:1px solid #bfbfbf;padding:6px 8px;vertical-align:top;',
  img: 'display:block;max-width:100%;height:auto;margin:0 auto 16px;',
};

/** Inside table cells, paragraphs and lists keep only their alignment: the cell sets the size. */
const CELL_STYLES: Record<string, string> = {
  p: 'margin:0;',
  div: 'margin:0;',
  ul: 'margin:0;padding-left:1.5em;',
  ol: 'margin:0;padding-left:1.5em;',
};

function withStyle(
  base: string,
  tagName: string,
  attribs: sanitizeHtml.Attributes,
): sanitizeHtml.Tag {
  const own = attribs.style ? attribs.style.replace(/;?\s*$/, ';') : '';
  return { tagName, attribs: { ...attribs, style: base + own } };
}

/**
 * Second pass over an already sanitised body: same elements, every block given its inline style.
 * Only `style` values produced here or kept by sanitizeDocumentHtml's allow-list reach it.
 * Built per call because it tracks whether the parser is inside a table cell.
 */
function wechatOptions(): sanitizeHtml.IOptions {
  let cellDepth = 0;
  const transform = (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const base = (cellDepth > 0 ? CELL_STYLES[tagName] : undefined) ?? BODY_STYLES[tagName];
    return base === undefined ? { tagName, attribs } : withStyle(base, tagName, attribs);
  };
  return {
    allowedTags: DOCUMENT_TAGS,
    allowedAttributes: {
      '*': ['style'],
      a: ['href'],
      img: ['src', 'alt', 'style'],
      td: ['colspan', 'rowspan', 'style'],
      th: ['colspan', 'rowspan', 'style'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    // onOpenTag runs just before transformTags for the same element, so the depth is current.
    onOpenTag: (name) => {
      if (name === 'td' || name === 'th') cellDepth++;
    },
    onCloseTag: (name) => {
      if (name === 'td' || name === 'th') cellDepth = Math.max(0, cellDepth - 1);
    },
    transformTags: Object.fromEntries(Object.keys(BODY_STYLES).map((t) => [t, transform])),
  };
}

/**
 * Links become "text（URL）": the published article strips <a>, and a reader on a phone can still
 * copy the address. Works on sanitised markup, where every tag is regular.
 */
function unlink(body: string): string {
  let out = '';
  const open: { href: string; start: number }[] = [];
  for (const part of body.split(/(<\/?a\b[^>]*>)/)) {
    if (/^<a\b/.test(part)) {
      const href = (/\shref="([^"]*)"/.exec(part)?.[1] ?? '').replace(/&amp;/g, '&');
      open.push({ href, start: out.length });
    } else if (/^<\/a/.test(part)) {
      const link = open.pop();
      if (!link) continue;
      const label = out
        .slice(link.start)
        .replace(/<[^>]*>/g, '')
        .replace(/&amp;/g, '&')
        .trim();
      const shown = link.href.replace(/^mailto:/i, '');
      if (label !== shown && label !== link.href) out += html`（${shown}）`.value;
    } else out += part;
  }
  return out;
}

function styledBody(bodyHtml: string): string {
  return unlink(sanitizeHtml(sanitizeDocumentHtml(bodyHtml), wechatOptions()));
}

/** HTML for the 公众号 editor: one <section>, inline styles only, QR code to the portal page. */
export async function renderWechatArticle(doc: PublishedDocumentView): Promise<string> {
  const qr = await qrPngDataUrl(doc.url);
  const meta: [string, string | null][] = [
    ['发布机构', doc.issuer],
    ['文\u3000\u3000号', doc.docNo],
    ['发布日期', chineseDate(doc.publishedAt)],
  ];
  const small = 'margin:0;font-size:14px;line-height:1.75;color:#666666;';
  // Compact markup on purpose: whitespace between tags would show up in the WeChat editor.
  // prettier-ignore
  return html`<section style="margin:0;padding:0;${TEXT}word-wrap:break-word;">
<p style="margin:0 0 16px;font-size:20px;line-height:1.5;font-weight:bold;color:#1f1f1f;text-align:center;">${doc.title}</p>
<section style="margin:0 0 20px;padding:10px 12px;background-color:#f7f7f7;border-left:3px solid ${BRAND};">
${meta.map(([k, v]) => (v ? html`<p style="${small}">${k}：${v}</p>` : ''))}
${
  doc.validity === 'valid'
    ? ''
    : html`<p style="${small}color:${BRAND};font-weight:bold;">${'有\u2002效\u2002性'}：本文件已${VALIDITY_LABELS[doc.validity]}</p>`
}
</section>
${unsafeHtml(styledBody(doc.bodyHtml))}
${
  doc.attachments.length
    ? html`<section style="margin:24px 0 0;padding:12px 0 0;border-top:1px solid #e5e5e5;">
<p style="margin:0 0 8px;font-size:15px;line-height:1.75;font-weight:bold;color:#333333;">附件</p>
${doc.attachments.map(
  (a, i) =>
    html`<p style="margin:0 0 4px;font-size:15px;line-height:1.75;color:#333333;">${i + 1}. ${a.name}（${formatSize(a.sizeBytes)}）</p>`,
)}
<p style="margin:8px 0 0;font-size:14px;line-height:1.75;color:#666666;">附件请在政府网站查看和下载：</p>
<p style="margin:0;font-size:14px;line-height:1.75;color:#666666;word-break:break-all;">${doc.url}</p>
</section>`
    : ''
}
<section style="margin:28px 0 0;text-align:center;">
<img src="${qr}" alt="原文二维码" style="display:block;width:160px;height:160px;margin:0 auto;">
<p style="margin:4px 0 0;font-size:14px;line-height:1.6;color:#666666;text-align:center;">扫码查看原文</p>
<p style="margin:4px 0 0;font-size:12px;line-height:1.6;color:#999999;text-align:center;">${doc.agency.name} · 索引号 ${doc.indexNo}</p>
</section>
</section>`.value;
}
