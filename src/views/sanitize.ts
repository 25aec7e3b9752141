/**
 * The one gate for rich-text document bodies (HTML typed in the editor or pasted from Word/WPS)
 * before they are stored, shown on the portal or sent to other channels. An allow-list: anything
 * not named here is removed, and its text kept unless the element only ever holds code or markup
 * (script, style, forms, embedded objects…).
 */
import sanitizeHtml from 'sanitize-html';

const SAFE_HREF = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
const SAFE_IMG_SRC =
  /^(?:https?:\/\/[^\s]+|data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+)$/i;
const SPAN_COUNT = /^[1-9][0-9]{0,2}$/;
const IMG_SIZE = /^[1-9][0-9]{0,3}$/;

/**
 * Inline styles that carry meaning in a government document: centred titles and signatures,
 * right-aligned dates, the two-character first-line indent of Chinese body text.
 */
const TEXT_STYLES: Record<string, RegExp[]> = {
  'text-align': [/^(?:left|right|center|justify)$/i],
  'text-indent': [/^-?(?:\d{1,3}(?:\.\d{1,3})?)(?:em|pt|px|%)$|^0$/i],
};

/** Elements whose content is code, markup or controls: removed together with their text. */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'button',
  'form',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'title',
  'head',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'xml',
];

/**
 * Strips what browsers ignore inside URLs (tabs, newlines, other controls, zero-width characters:
 * "java\tscript:" is javascript: to a browser) and encodes inner spaces.
 */
function cleanUrl(value: string | undefined): string {
  return (
    (value ?? '')
      .trim()
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
      .replace(/ /g, '%20')
  );
}

/** Word writes align="center" on paragraphs; carry it over as the equivalent style. */
function withAlign(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  let style = attribs.style ?? '';
  const align = (attribs.align ?? '').toLowerCase();
  if (/^(?:left|right|center|justify)$/.test(align) && !/text-align/i.test(style)) {
    style = `text-align:${align};${style}`;
  }
  if (style) out.style = style;
  return out;
}

function cell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out = withAlign(attribs);
  for (const key of ['colspan', 'rowspan'] as const) {
    const v = attribs[key]?.trim();
    if (v && SPAN_COUNT.test(v) && v !== '1') out[key] = v;
  }
  return { tagName, attribs: out };
}

/** The elements a document body may contain (the WeChat renderer allows the same). */
export const DOCUMENT_TAGS: string[] = [
  'p',
  'div',
  'br',
  'h2',
  'h3',
  'h4',
  'strong',
  'b',
  'em',
  'u',
  'sub',
  'sup',
  'span',
  'ol',
  'ul',
  'li',
  'blockquote',
  'a',
  'img',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: DOCUMENT_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    p: ['style'],
    div: ['style'],
    span: ['style'],
    h2: ['style'],
    h3: ['style'],
    h4: ['style'],
  },
  allowedStyles: {
    p: TEXT_STYLES,
    div: TEXT_STYLES,
    span: TEXT_STYLES,
    h2: TEXT_STYLES,
    h3: TEXT_STYLES,
    h4: TEXT_STYLES,
    td: { 'text-align': TEXT_STYLES['text-align']! },
    th: { 'text-align': TEXT_STYLES['text-align']! },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  nonTextTags: DROP_WITH_CONTENT,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page title is the h1; body headings start one level down.
    h1: (_tag, attribs) => ({ tagName: 'h2', attribs: withAlign(attribs) }),
    h2: (tag, attribs) => ({ tagName: tag, attribs: withAlign(attribs) }),
    h3: (tag, attribs) => ({ tagName: tag, attribs: withAlign(attribs) }),
    h4: (tag, attribs) => ({ tagName: tag, attribs: withAlign(attribs) }),
    h5: (_tag, attribs) => ({ tagName: 'h4', attribs: withAlign(attribs) }),
    h6: (_tag, attribs) => ({ tagName: 'h4', attribs: withAlign(attribs) }),
    p: (tag, attribs) => ({ tagName: tag, attribs: withAlign(attribs) }),
    div: (tag, attribs) => ({ tagName: tag, attribs: withAlign(attribs) }),
    i: () => ({ tagName: 'em', attribs: {} }),
    td: (tag, attribs) => cell(tag, attribs),
    th: (tag, attribs) => cell(tag, attribs),
    a: (_tag, attribs) => {
      const href = cleanUrl(attribs.href);
      // Links elsewhere (relative, #anchors from a Word TOC, javascript:) keep their text only.
      if (!SAFE_HREF.test(href)) return { tagName: 'span', attribs: {} };
      const out: sanitizeHtml.Attributes = { href, rel: 'noopener noreferrer' };
      if (attribs.title) out.title = attribs.title;
      return { tagName: 'a', attribs: out };
    },
    img: (tag, attribs) => {
      const src = cleanUrl(attribs.src);
      const out: sanitizeHtml.Attributes = {};
      if (SAFE_IMG_SRC.test(src)) out.src = src.replace(/\s+/g, '');
      if (attribs.alt) out.alt = attribs.alt;
      for (const key of ['width', 'height'] as const) {
        const v = attribs[key]?.trim();
        if (v && IMG_SIZE.test(v)) out[key] = v;
      }
      return { tagName: tag, attribs: out };
    },
  },
  exclusiveFilter: (frame) => {
    if (frame.tag === 'img' && !frame.attribs.src) return true;
    // Word wraps almost every run in a styled span; once the styles are gone the span is noise.
    // (`frame.tag` is the name before transformTags, so unsafe links turned into spans are 'a'.)
    if ((frame.tag === 'span' || frame.tag === 'a') && Object.keys(frame.attribs).length === 0) {
      return 'excludeTag';
    }
    return false;
  },
};

/** The document body made safe to publish: see the allow-list above. */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const BLOCK_TAG = /^(?:p|div|h[1-6]|li|ul|ol|tr|table|thead|tbody|tfoot|caption|blockquote)$/;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] !== '#') return NAMED_ENTITIES[ent.toLowerCase()] ?? whole;
    const code =
      ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]!) : '';
}

export interface PlainTextOptions {
  /**
   * Also write out link targets and image URLs after their text. For the leak scan: an ID number
   * in a link's query string is published too. Off for search indexing.
   */
  readonly includeUrls?: boolean;
}

/**
 * The text a reader sees, for search indexing and the leak scan: block elements and table rows on
 * their own lines, table cells separated by spaces (so numbers in adjacent cells never run
 * together), entities decoded, image alt text kept. Works on the sanitised form, so text in
 * scripts or styles that will never be published is not reported.
 */
export function htmlToPlainText(html: string, options: PlainTextOptions = {}): string {
  // Sanitised markup is regular enough to split on tags: every tag is <name attr="…">, and '<',
  // '>' in text and attribute values are escaped.
  const safe = sanitizeDocumentHtml(html).replace(/\s+/g, ' ');
  let out = '';
  const links: { href: string; start: number }[] = [];
  for (const part of safe.split(/(<[^>]*>)/)) {
    const m = /^<(\/?)([a-z0-9]+)/i.exec(part);
    if (!m) {
      out += decodeEntities(part);
      continue;
    }
    const close = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (name === 'br') out += '\n';
    else if (name === 'td' || name === 'th') out += ' ';
    else if (BLOCK_TAG.test(name)) out += '\n';
    else if (name === 'img') {
      const alt = attr(part, 'alt');
      const src = options.includeUrls ? attr(part, 'src') : '';
      out += ` ${[alt, src.startsWith('data:') ? '' : src].filter(Boolean).join(' ')} `;
    } else if (name === 'a' && options.includeUrls) {
      if (!close) links.push({ href: attr(part, 'href'), start: out.length });
      else {
        const link = links.pop();
        const label = link ? out.slice(link.start).trim() : '';
        if (link && label !== link.href && label !== link.href.replace(/^mailto:/i, '')) {
          out += ` (${link.href})`;
        }
      }
    }
  }
  return out
    .replace(/[\u00a0\u3000]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
