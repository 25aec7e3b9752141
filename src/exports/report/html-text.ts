/**
 * HTML → lines of cells for the report reader (parseReport takes rows of cells).
 *
 * Published reports come as hand-written CMS pages, Word "save as web page" output and
 * mammoth's conversion of DOCX, often malformed. So this is a small tolerant tokenizer and tree
 * builder, not a conforming HTML parser: unclosed <p>/<li>/<td>/<tr> are closed implicitly,
 * stray end tags are ignored, scripts, styles and hidden elements are dropped, entities decoded.
 *
 * Output: each block (paragraph, heading, list item, <br>-separated line) is a row with one
 * cell; each table row is a row with one cell per grid column. A merged cell's text sits at its
 * top-left position and the positions it covers are left empty, which is how a table copied
 * out of Word reads and what the report parser expects.
 */

// ---- entities -----------------------------------------------------------------------------------

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwsp: '\u200b',
  zwnj: '\u200c',
  zwj: '\u200d',
  shy: '\u00ad',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  plusmn: '±',
  deg: '°',
  permil: '‰',
  percnt: '%',
  yen: '¥',
  cny: '¥',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  para: '¶',
  le: '≤',
  ge: '≥',
  ne: '≠',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  hyphen: '‐',
  dash: '‐',
  lowast: '∗',
  lpar: '(',
  rpar: ')',
  colon: ':',
  comma: ',',
  period: '.',
  semi: ';',
  excl: '!',
  quest: '?',
  num: '#',
  sol: '/',
  bsol: '\\',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
};

const CP1252: Readonly<Record<number, string>> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

/** Decodes named and numeric character references; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g,
    (m, dec, hex, name) => {
      if (dec !== undefined || hex !== undefined) {
        const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
        // Windows-1252 bytes written as references (&#147;) are common in Word output.
        return CP1252[code] ?? String.fromCodePoint(code);
      }
      const v = NAMED_ENTITIES[(name as string).toLowerCase()];
      // Without the semicolon only the classic ones count (&nbsp &amp …), as browsers do.
      if (v === undefined) return m;
      if (
        !m.endsWith(';') &&
        !['amp', 'lt', 'gt', 'quot', 'nbsp'].includes((name as string).toLowerCase())
      ) {
        return m;
      }
      return v;
    },
  );
}

// ---- tokenizer ----------------------------------------------------------------------------------

type Token =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'start';
      readonly name: string;
      readonly attrs: ReadonlyMap<string, string>;
      readonly selfClosing: boolean;
    }
  | { readonly type: 'end'; readonly name: string };

/** Elements whose content is not markup: skipped up to their end tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'template',
  'noscript',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

function parseAttrs(src: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of src.matchAll(re)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const lower = src.toLowerCase();
  let i = 0;
  let text = '';
  const flushText = (): void => {
    if (text) tokens.push({ type: 'text', text: decodeEntities(text) });
    text = '';
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      text += src.slice(i);
      break;
    }
    text += src.slice(i, lt);
    i = lt;
    const next = src[i + 1] ?? '';
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype, CDATA, Word's <![if …]> and processing instructions.
      const end = src.indexOf('>', i + 2);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameStart = isEnd ? i + 2 : i + 1;
    const nameMatch = /^[A-Za-z][A-Za-z0-9:_-]*/.exec(src.slice(nameStart, nameStart + 64));
    if (!nameMatch) {
      // A lone '<' in text ("a < b").
      text += '<';
      i++;
      continue;
    }
    // Find the tag's end, skipping quoted attribute values.
    let j = nameStart + nameMatch[0].length;
    let quote: string | undefined;
    for (; j < src.length; j++) {
      const ch = src[j];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") {
        // Only a quote that opens an attribute value counts; a stray one in a tag does not.
        if (/=\s*$/.test(src.slice(Math.max(nameStart, j - 8), j))) quote = ch;
      } else if (ch === '>') break;
    }
    const inner = src.slice(nameStart + nameMatch[0].length, j);
    i = j < src.length ? j + 1 : src.length;
    flushText();
    const name = nameMatch[0].toLowerCase();
    if (isEnd) {
      tokens.push({ type: 'end', name });
      continue;
    }
    const selfClosing = /\/\s*$/.test(inner);
    tokens.push({ type: 'start', name, attrs: parseAttrs(inner), selfClosing });
    if (RAW_TEXT.has(name) && !selfClosing) {
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? src.length : close;
    }
  }
  flushText();
  return tokens;
}

// ---- tree ---------------------------------------------------------------------------------------

export interface HtmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: (HtmlElement | string)[];
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'basefont',
  'bgsound',
  'frame',
  'keygen',
]);

const HEAD_CONTENT = new Set([
  'meta',
  'link',
  'title',
  'style',
  'script',
  'base',
  'noscript',
  'template',
  'object',
]);

/** Start tags that close an open <p>. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'li',
  'dd',
  'dt',
]);

/** Elements an end tag or an implied close may not cross. */
const SCOPE = new Set(['table', 'td', 'th', 'caption', 'html', 'template']);

export function buildTree(tokens: readonly Token[]): HtmlElement {
  const root: HtmlElement = { name: '#root', attrs: new Map(), children: [] };
  const stack: HtmlElement[] = [root];
  const top = (): HtmlElement => stack[stack.length - 1]!;
  /** Index of the nearest open element named `name`, not crossing `stops`. */
  const find = (names: ReadonlySet<string>, stops: ReadonlySet<string>): number => {
    for (let k = stack.length - 1; k > 0; k--) {
      const n = stack[k]!.name;
      if (names.has(n)) return k;
      if (stops.has(n)) return -1;
    }
    return -1;
  };
  /** Like find, but the outermost match below the stop: closes a whole row, not just a cell. */
  const outermost = (names: ReadonlySet<string>, stops: ReadonlySet<string>): number => {
    let found = -1;
    for (let k = stack.length - 1; k > 0; k--) {
      const n = stack[k]!.name;
      if (stops.has(n)) break;
      if (names.has(n)) found = k;
    }
    return found;
  };
  const closeTo = (k: number): void => {
    if (k > 0) stack.length = k;
  };
  const P = new Set(['p']);
  const HEAD = new Set(['head']);
  const LI = new Set(['li']);
  const DTDD = new Set(['dt', 'dd']);
  const CELL = new Set(['td', 'th']);
  const SECTIONS = new Set(['thead', 'tbody', 'tfoot']);
  const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  const TABLE = new Set(['table']);
  const LIST_STOPS = new Set([...SCOPE, 'ul', 'ol']);
  const ROW_OR_TABLE = new Set(['tr', 'table']);
  const ROW_PARTS = new Set([...CELL, 'tr']);
  const TABLE_PARTS = new Set([...CELL, 'tr', ...SECTIONS]);

  for (const t of tokens) {
    if (t.type === 'text') {
      top().children.push(t.text);
      continue;
    }
    if (t.type === 'start') {
      const n = t.name;
      // Content without </head> (or with <body> missing) must not end up inside <head>.
      if (!HEAD_CONTENT.has(n)) closeTo(find(HEAD, SCOPE));
      if (CLOSES_P.has(n)) closeTo(find(P, SCOPE));
      if (n === 'li') closeTo(find(LI, LIST_STOPS));
      if (DTDD.has(n)) closeTo(find(DTDD, LIST_STOPS));
      if (HEADINGS.has(n) && HEADINGS.has(top().name)) stack.pop();
      if (CELL.has(n)) closeTo(outermost(CELL, ROW_OR_TABLE));
      if (n === 'tr') closeTo(outermost(ROW_PARTS, TABLE));
      if (SECTIONS.has(n)) closeTo(outermost(TABLE_PARTS, TABLE));
      const el: HtmlElement = { name: n, attrs: t.attrs, children: [] };
      top().children.push(el);
      if (!VOID.has(n) && !t.selfClosing) stack.push(el);
      continue;
    }
    // End tag.
    const n = t.name;
    if (n === 'br') {
      top().children.push({ name: 'br', attrs: new Map(), children: [] });
      continue;
    }
    let k: number;
    if (n === 'table') k = find(TABLE, new Set(['html']));
    else if (CELL.has(n)) k = find(new Set([n]), TABLE);
    else if (n === 'tr' || SECTIONS.has(n)) k = find(new Set([n]), TABLE);
    else if (HEADINGS.has(n)) k = find(HEADINGS, SCOPE);
    else k = find(new Set([n]), SCOPE);
    // Pops the element and everything opened inside it; an unmatched end tag is ignored.
    closeTo(k);
  }
  return root;
}

// ---- lines --------------------------------------------------------------------------------------

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'ul',
  'article',
  'option',
]);

/** Elements whose content is never report text. */
const SKIP = new Set([
  'head',
  'script',
  'style',
  'title',
  'template',
  'noscript',
  'svg',
  'math',
  'object',
  'iframe',
  'select',
  'button',
  'textarea',
  'audio',
  'video',
  'canvas',
  'map',
]);

function hidden(el: HtmlElement): boolean {
  if (SKIP.has(el.name)) return true;
  if (el.attrs.has('hidden')) return true;
  if (el.attrs.get('aria-hidden') === 'true') return true;
  const style = el.attrs.get('style');
  return (
    style !== undefined && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
  );
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/;

/**
 * Collapses HTML whitespace. A line break between two Chinese characters is dropped rather than
 * turned into a space: source HTML wraps long Chinese lines anywhere.
 */
export function collapseWhitespace(s: string): string {
  return s
    .replace(/[ \t\n\r\f]+/g, (ws, offset: number, all: string) => {
      const before = all[offset - 1] ?? '';
      const after = all[offset + ws.length] ?? '';
      if (/[\n\r]/.test(ws) && CJK.test(before) && CJK.test(after)) return '';
      return ' ';
    })
    .replace(/[\u200b\u00ad\ufeff]/g, '');
}

class Lines {
  readonly rows: string[][] = [];
  private buf = '';
  text(s: string): void {
    this.buf += s;
  }
  /** Ends the current line (a block boundary or <br>). */
  flush(): void {
    const line = collapseWhitespace(this.buf)
      .replace(/\u00a0/g, ' ')
      .trim();
    if (line) this.rows.push([line]);
    this.buf = '';
  }
  /** Preformatted text: each source line is a line. */
  pre(s: string): void {
    const parts = s.split(/\r\n|\r|\n/);
    parts.forEach((p, k) => {
      if (k > 0) this.flush();
      // No-break spaces survive the whitespace collapsing of flush().
      this.buf += p.replace(/[ \t]/g, '\u00a0');
    });
  }
}

function walk(node: HtmlElement | string, out: Lines, inPre: boolean): void {
  if (typeof node === 'string') {
    if (inPre) out.pre(node);
    else out.text(node);
    return;
  }
  if (hidden(node)) return;
  if (node.name === 'br') {
    out.flush();
    return;
  }
  if (node.name === 'table' && !isLayoutTable(node)) {
    out.flush();
    for (const row of tableGrid(node)) out.rows.push(row);
    return;
  }
  const block = BLOCK.has(node.name);
  if (block) out.flush();
  const pre = inPre || node.name === 'pre' || node.name === 'xmp';
  for (const c of node.children) walk(c, out, pre);
  if (block) out.flush();
}

/** Text of a table cell: its lines joined by a space (the parser folds spaces in labels). */
function cellText(cell: HtmlElement): string {
  const out = new Lines();
  for (const c of cell.children) walk(c, out, false);
  out.flush();
  return out.rows.map((r) => r.join(' ')).join(' ');
}

/** Rows of a table, in order, through thead/tbody/tfoot but not into nested tables. */
function tableRows(table: HtmlElement): HtmlElement[][] {
  const rows: HtmlElement[][] = [];
  let loose: HtmlElement[] | undefined;
  const visit = (el: HtmlElement): void => {
    for (const c of el.children) {
      if (typeof c === 'string' || hidden(c)) continue;
      if (c.name === 'tr') {
        loose = undefined;
        rows.push(
          c.children.filter(
            (x): x is HtmlElement =>
              typeof x !== 'string' && (x.name === 'td' || x.name === 'th') && !hidden(x),
          ),
        );
      } else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') {
        loose = undefined;
        visit(c);
      } else if (c.name === 'td' || c.name === 'th') {
        // Cells without a <tr>: one implied row.
        if (!loose) {
          loose = [];
          rows.push(loose);
        }
        loose.push(c);
      }
    }
  };
  visit(table);
  return rows;
}

function descendants(el: HtmlElement, name: string): boolean {
  return el.children.some(
    (c) => typeof c !== 'string' && (c.name === name || descendants(c, name)),
  );
}

/** A table used for page layout: it holds other tables in its cells. Its cells read as blocks. */
function isLayoutTable(table: HtmlElement): boolean {
  return tableRows(table).some((row) => row.some((cell) => descendants(cell, 'table')));
}

function spanOf(el: HtmlElement, attr: string, max: number): number {
  const n = Number.parseInt(el.attrs.get(attr) ?? '1', 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  // rowspan="0" spans to the end of the table.
  if (n === 0) return attr === 'rowspan' ? max : 1;
  return Math.min(n, max);
}

/**
 * The table as a grid of cell texts. A merged cell's text is at its top-left position; the
 * positions it covers are empty strings.
 */
export function tableGrid(table: HtmlElement): string[][] {
  const rows = tableRows(table);
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      const row = grid[r]!;
      while (row[c] !== undefined) c++;
      const rs = spanOf(cell, 'rowspan', rows.length - r);
      const cs = spanOf(cell, 'colspan', 200);
      const text = cellText(cell);
      for (let dr = 0; dr < rs; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc] === undefined) target[c + dc] = dr === 0 && dc === 0 ? text : '';
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid
    .map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ''))
    .filter((r) => r.some((c) => c !== ''));
}

/** HTML to rows of cells: blocks as one-cell rows, tables as grids. */
export function htmlToRows(source: string): string[][] {
  const tree = buildTree(tokenize(source));
  const out = new Lines();
  walk(tree, out, false);
  out.flush();
  return out.rows;
}
