/**
 * PDF → lines of cells for the report reader. pdf.js (through unpdf) gives positioned pieces of
 * text; a line is the pieces at one height, and a wide gap between two pieces of a line is a
 * cell border. Table rows thus come out as cells, a header printed in narrow columns as strips
 * of pieces (parse merges them), and a paragraph's wrapped lines are joined again.
 * Runs only in the parse worker (services/untrusted): a PDF's cost is the sender's choice.
 */

interface Piece {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly right: number;
  readonly size: number;
}

interface PdfLine {
  readonly y: number;
  readonly size: number;
  readonly pieces: Piece[];
}

/** A gap wider than this many character widths separates cells. */
const CELL_GAP = 1.5;

function toLines(pieces: readonly Piece[]): PdfLine[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfLine[] = [];
  for (const p of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - p.y) <= Math.max(line.size, p.size) * 0.5) line.pieces.push(p);
    else lines.push({ y: p.y, size: p.size, pieces: [p] });
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x - b.x);
  return lines;
}

interface CellBox {
  text: string;
  readonly left: number;
  readonly right: number;
}

interface BoxLine {
  readonly y: number;
  readonly size: number;
  readonly cells: CellBox[];
}

function boxesOf(line: PdfLine): BoxLine {
  const cells: CellBox[] = [];
  let prev: Piece | undefined;
  for (const p of line.pieces) {
    const gap = prev ? p.x - prev.right : 0;
    const last = cells.at(-1);
    if (!prev || !last || gap > CELL_GAP * Math.max(p.size, prev.size)) {
      cells.push({ text: p.str, left: p.x, right: p.right });
    } else {
      // Latin words keep their space; Chinese pieces join without one.
      last.text += gap > p.size * 0.2 && /[A-Za-z0-9]$/.test(prev.str) ? ` ${p.str}` : p.str;
      cells[cells.length - 1] = { text: last.text, left: last.left, right: p.right };
    }
    prev = p;
  }
  const kept = cells.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text !== '');
  return { y: line.y, size: line.size, cells: kept };
}

const overlaps = (a: CellBox, b: CellBox): boolean => a.left < b.right && b.left < a.right;

/**
 * A header printed in narrow columns: the next line holds the rest of some of its cells, each
 * piece under exactly one cell of this line, no cell taking two pieces.
 */
function continuesStrip(top: BoxLine, next: BoxLine): boolean {
  if (top.cells.length < 3 || next.cells.length === 0) return false;
  if (top.y - next.y > top.size * 1.8) return false;
  if (!top.cells.every((c) => /^\p{Script=Han}+$/u.test(c.text))) return false;
  if (!next.cells.every((c) => /^\p{Script=Han}{1,4}$/u.test(c.text))) return false;
  const owners = next.cells.map((c) => top.cells.filter((t) => overlaps(t, c)));
  if (owners.some((o) => o.length !== 1)) return false;
  return new Set(owners.map((o) => o[0])).size === owners.length;
}

/** Rows of one page; a one-cell line reaching the right margin continues on the next line. */
function pageRows(pieces: readonly Piece[]): string[][] {
  const lines: BoxLine[] = [];
  for (const l of toLines(pieces).map(boxesOf)) {
    if (l.cells.length === 0) continue;
    const top = lines.at(-1);
    if (top && continuesStrip(top, l)) {
      for (const c of l.cells) top.cells.find((t) => overlaps(t, c))!.text += c.text;
      lines[lines.length - 1] = { ...top, y: l.y };
      continue;
    }
    lines.push(l);
  }
  if (lines.length === 0) return [];
  const right = (l: BoxLine): number => l.cells.at(-1)!.right;
  const margin = Math.max(...lines.map(right));
  const leftMargin = Math.min(...lines.map((l) => l.cells[0]!.left));
  const rows: string[][] = [];
  let wrapping = false;
  for (const l of lines) {
    const single = l.cells.length === 1;
    const text = l.cells.map((c) => c.text);
    const last = rows.at(-1);
    const opensBlock = /^(?:[一二三四五六][、.]|[（(][一二三四五六七八九十][)）]|第二十条)/.test(
      text[0]!,
    );
    if (wrapping && single && last && !opensBlock && l.cells[0]!.left - leftMargin < 4)
      last[0] = `${last[0] ?? ''}${text[0]}`;
    else rows.push(text);
    wrapping = single && margin - right(l) < 24 && !/[。；！？:：]$/.test(text[0]!);
  }
  return rows;
}

/** PDF to table rows on this thread: only for the parse worker. Null if it is no readable PDF. */
export async function pdfRowsInProcess(bytes: Uint8Array): Promise<string[][] | null> {
  try {
    const { getDocumentProxy } = await import('unpdf');
    // pdf.js may transfer (detach) the array it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      stopAtErrors: false,
    });
    try {
      const rows: string[][] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        const pieces: Piece[] = [];
        for (const item of content.items) {
          // pdf.js puts a space piece in wide gaps: the gap itself is what separates cells.
          if (!('str' in item) || item.str.trim() === '') continue;
          const [a, b, , d, x, y] = item.transform as number[];
          const size = Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || item.height || 10;
          pieces.push({ str: item.str, x: x ?? 0, y: y ?? 0, right: (x ?? 0) + item.width, size });
        }
        page.cleanup();
        rows.push(...pageRows(pieces));
      }
      return rows;
    } finally {
      await pdf.destroy();
    }
  } catch {
    return null;
  }
}
