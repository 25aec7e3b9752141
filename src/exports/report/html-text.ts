/**
 * HTML → lines of cells for the report reader (parseReport takes rows of cells).
 *
 * Published reports come as hand-written CMS pages, Word "save as web page" output and
 * mammoth's conversion of DOCX, often malformed. parse5 builds the tree the way a browser does
 * (implied and stray tags, tables, entities, Word's conditional comments are comments or bogus
 * comments), so what is read here is what a reader of the page sees; scripts, styles and hidden
 * elements are dropped.
 *
 * Output: each block (paragraph, heading, list item, <br>-separated line) is a row with one
 * cell; each table row is a row with one cell per grid column. A merged cell's text sits at its
 * top-left position and the positions it covers are left empty, which is how a table copied
 * out of Word reads and what the report parser expects.
 */

import { html, parse, type DefaultTreeAdapterTypes } from 'parse5';

type HtmlNode = DefaultTreeAdapterTypes.Node;
export type HtmlElement = DefaultTreeAdapterTypes.Element;

const isElement = (n: HtmlNode): n is HtmlElement => 'tagName' in n;

function attr(el: HtmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Element children only: text between table parts is whitespace or was moved out by parse5. */
const elementChildren = (el: HtmlElement): HtmlElement[] => el.childNodes.filter(isElement);

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
  'option',
  'listing',
  'plaintext',
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
  // Shown only where frames or plugins are missing, which no browser lacks now.
  'noembed',
  'noframes',
]);

/** Preformatted: each source line is a line. */
const PRE = new Set(['pre', 'listing', 'xmp', 'plaintext']);

function hidden(el: HtmlElement): boolean {
  // Elements parse5 put in the SVG or MathML namespace (drawings, formulas) hold no report text.
  if (SKIP.has(el.tagName) || el.namespaceURI !== html.NS.HTML) return true;
  if (attr(el, 'hidden') !== undefined) return true;
  if (attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
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

/**
 * Elements holding a <table> somewhere inside. Each table marks its ancestors up to the first one
 * already marked, so the whole document costs one pass however deeply tables nest.
 */
function tableHolders(root: HtmlNode): WeakSet<HtmlElement> {
  const holders = new WeakSet<HtmlElement>();
  const todo: HtmlNode[] = [root];
  for (let node = todo.pop(); node; node = todo.pop()) {
    if (!('childNodes' in node)) continue;
    if (isElement(node) && node.tagName === 'table') {
      for (let up = node.parentNode; up && isElement(up) && !holders.has(up); up = up.parentNode) {
        holders.add(up);
      }
    }
    // A loop, not push(...): <body> may have more children than a call takes arguments.
    for (const c of node.childNodes) todo.push(c);
  }
  return holders;
}

/**
 * Appends the text under `root` to `out`. A loop over an explicit stack, not recursion: parse5
 * nests as deep as the markup does, and a page of 100,000 unclosed <span>s must not overflow
 * the call stack. `null` on the stack marks the end of a block.
 */
function walk(root: HtmlNode, out: Lines, holders: WeakSet<HtmlElement>): void {
  const todo: ({ readonly node: HtmlNode; readonly pre: boolean } | null)[] = [
    { node: root, pre: false },
  ];
  while (todo.length > 0) {
    const item = todo.pop();
    if (!item) {
      out.flush();
      continue;
    }
    const { node, pre } = item;
    if (node.nodeName === '#text') {
      const { value } = node as DefaultTreeAdapterTypes.TextNode;
      if (pre) out.pre(value);
      else out.text(value);
      continue;
    }
    // Comments (Word's <!--[if …]> blocks too) and the doctype carry no text.
    if (node.nodeName !== '#document' && !isElement(node)) continue;
    if (isElement(node)) {
      if (hidden(node)) continue;
      if (node.tagName === 'br') {
        out.flush();
        continue;
      }
      if (node.tagName === 'table' && !isLayoutTable(node, holders)) {
        out.flush();
        for (const row of tableGrid(node, holders)) out.rows.push(row);
        continue;
      }
      if (BLOCK.has(node.tagName)) {
        out.flush();
        todo.push(null);
      }
    }
    const inPre = pre || (isElement(node) && PRE.has(node.tagName));
    const children = (node as DefaultTreeAdapterTypes.ParentNode).childNodes;
    for (let k = children.length - 1; k >= 0; k--) todo.push({ node: children[k]!, pre: inPre });
  }
}

/** Text of a table cell: its lines joined by a space (the parser folds spaces in labels). */
function cellText(cell: HtmlElement, holders: WeakSet<HtmlElement>): string {
  const out = new Lines();
  walk(cell, out, holders);
  out.flush();
  return out.rows.map((r) => r.join(' ')).join(' ');
}

/**
 * Rows of a table, in document order, through thead/tbody/tfoot but not into nested tables.
 * parse5 has already put every row in a section and every cell in a row, as browsers do.
 */
function tableRows(table: HtmlElement): HtmlElement[][] {
  const rows: HtmlElement[][] = [];
  for (const section of elementChildren(table)) {
    if (!TABLE_SECTIONS.has(section.tagName) || hidden(section)) continue;
    for (const tr of elementChildren(section)) {
      if (tr.tagName !== 'tr' || hidden(tr)) continue;
      rows.push(
        elementChildren(tr).filter((x) => (x.tagName === 'td' || x.tagName === 'th') && !hidden(x)),
      );
    }
  }
  return rows;
}

const TABLE_SECTIONS = new Set(['thead', 'tbody', 'tfoot']);

/** A table used for page layout: it holds other tables in its cells. Its cells read as blocks. */
function isLayoutTable(table: HtmlElement, holders: WeakSet<HtmlElement>): boolean {
  return tableRows(table).some((row) => row.some((cell) => holders.has(cell)));
}

function spanOf(el: HtmlElement, name: 'rowspan' | 'colspan', max: number): number {
  const n = Number.parseInt(attr(el, name) ?? '1', 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  // rowspan="0" spans to the end of the table.
  if (n === 0) return name === 'rowspan' ? max : 1;
  return Math.min(n, max);
}

/**
 * Bounds on one table's grid. A report's tables have a few dozen columns and rows; a crafted page
 * (every cell rowspan="0" colspan="1000") would otherwise ask for billions of positions and run the
 * server out of memory. Past the bounds spans count as 1 and columns are cut: such a table is no
 * report table, and the checker then says it cannot read it.
 */
const MAX_COLUMNS = 500;
const MAX_TABLE_CELLS = 1_000_000;

/**
 * The table as a grid of cell texts. A merged cell's text is at its top-left position; the
 * positions it covers are empty strings.
 */
export function tableGrid(
  table: HtmlElement,
  holders: WeakSet<HtmlElement> = tableHolders(table),
): string[][] {
  const rows = tableRows(table);
  const grid: (string | undefined)[][] = rows.map(() => []);
  let budget = MAX_TABLE_CELLS;
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      const row = grid[r]!;
      while (row[c] !== undefined) c++;
      if (c >= MAX_COLUMNS) break;
      let rs = spanOf(cell, 'rowspan', rows.length - r);
      let cs = Math.min(spanOf(cell, 'colspan', 200), MAX_COLUMNS - c);
      if (rs * cs > budget) rs = cs = 1;
      budget -= rs * cs;
      const text = cellText(cell, holders);
      for (let dr = 0; dr < rs; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc] === undefined) target[c + dc] = dr === 0 && dc === 0 ? text : '';
        }
      }
      c += cs;
    }
  });
  // Not Math.max(...): a table of a few hundred thousand rows is too many arguments.
  const widest = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const width = Math.min(
    widest,
    Math.max(1, Math.floor(MAX_TABLE_CELLS / Math.max(1, grid.length))),
  );
  return grid
    .map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ''))
    .filter((r) => r.some((c) => c !== ''));
}

/** HTML to rows of cells: blocks as one-cell rows, tables as grids. */
export function htmlToRows(source: string): string[][] {
  const doc = parse(source);
  const out = new Lines();
  walk(doc, out, tableHolders(doc));
  out.flush();
  return out.rows;
}
