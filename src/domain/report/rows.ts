/**
 * Published text into rows of cells, whatever the layout the report came in. Tables reach the
 * checker as tab-separated lines, `规章 | 0 | 0 | 0 |` pipe rows, Markdown tables, one cell per
 * line (with or without a trailing pipe, blank cells as lines of pipes), header cells broken over
 * lines (`商业` / `企业`), PDF headers in vertical strips (`结果 结果 其他 尚未 总` /
 * `维持 纠正 结果 审结 计`), space-separated rows copied from a PDF, or a whole report as one
 * paragraph. All of them become the same rows here, so the table readers see one layout.
 */
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KIND_LABELS,
  PROACTIVE_BLOCKS,
  TABLE_LAYOUTS,
  TRIAL_PROACTIVE_LABELS,
} from './taxonomy.ts';
import { fold, labelCore, matchScore, readCell } from './text.ts';

/** A row of cells, with the source line it starts at. */
interface RawRow {
  /** 1-based line of the source text (or row of the extracted rows). */
  no: number;
  cells: string[];
  /** The source line ended with `|`: a pipe terminates each cell. */
  terminated: boolean;
  /** The line held nothing but pipes. */
  pipesOnly: boolean;
}

// ---- known labels -------------------------------------------------------------------------------

const KNOWN_LABELS: readonly string[] = [
  ...Object.values(TABLE_LAYOUTS).flatMap((l) => l.map((e) => e.label)),
  ...PROACTIVE_BLOCKS.flatMap((b) => b.columns.map((c) => c.label)),
  ...TRIAL_PROACTIVE_LABELS,
  ...Object.values(APPEAL_COLUMN_LABELS),
  ...Object.values(APPEAL_KIND_LABELS),
  '信息内容',
  '申请人情况',
  '行政复议',
  '行政诉讼',
  '总计',
];
const KNOWN_CORES = new Set(KNOWN_LABELS.map(labelCore).filter((c) => c !== ''));
const COLUMN_CORES = [
  ...PROACTIVE_BLOCKS.flatMap((b) => b.columns.map((c) => labelCore(c.label))),
  ...TRIAL_PROACTIVE_LABELS.map(labelCore),
];

function isKnown(cell: string): boolean {
  return KNOWN_CORES.has(labelCore(cell));
}

/** A known label, or one that differs from it in form only (cut, a word added). */
function nearKnown(cell: string): boolean {
  const core = labelCore(cell);
  if (core.length < 2) return false;
  if (KNOWN_CORES.has(core)) return true;
  for (const k of KNOWN_CORES) if (matchScore(core, k) !== undefined) return true;
  return false;
}

function isColumnHeader(cell: string): boolean {
  const core = labelCore(cell);
  return COLUMN_CORES.some((c) => matchScore(core, c) !== undefined);
}

const isText = (c: string): boolean => readCell(c).kind === 'text';
const nonEmpty = (cells: readonly string[]): string[] => cells.filter((c) => c.trim() !== '');

// ---- lines into rows ----------------------------------------------------------------------------

const MARKDOWN_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** One text line into cells: tabs, else pipes, else the line. */
function splitLine(line: string, no: number): RawRow {
  if (line.includes('\t')) {
    return { no, cells: line.split('\t'), terminated: false, pipesOnly: false };
  }
  if (!line.includes('|') && !line.includes('｜')) {
    return { no, cells: [line], terminated: false, pipesOnly: false };
  }
  const s = line.replace(/｜/g, '|');
  const parts = s.split('|').map((p) => p.trim());
  const pipesOnly = parts.every((p) => p === '');
  const terminated = /\|\s*$/.test(s);
  if (pipesOnly) {
    // "|" is one blank cell and "|||" three, when each cell ends with a pipe.
    return { no, cells: parts.slice(1), terminated: true, pipesOnly: true };
  }
  if (/^\s*\|/.test(s)) parts.shift();
  if (terminated) parts.pop();
  return { no, cells: parts, terminated, pipesOnly: false };
}

/** Where a report written as one paragraph starts a new line. */
const PARAGRAPH_BREAKS =
  /\s+(?=[一二三四五六][、.]\s*\S)|\s+(?=[(（][一二三四五六七八九十][)）])|\s*(?=第二十条\s*第)|\s*(?=[(（]本列数据)/g;
const TABLE_START = /^(?:第二十条\s*第|信息内容|[(（]本列数据|申请人情况)/;

/** A part's heading inside a line of text: "…总结如下： 一、总体情况 （一）…". */
const INLINE_PART =
  /\s[一二三四五六]、\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)/;

/** Lines at the headings and tables of a long paragraph. */
function unfold(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const line of paragraphs) {
    for (const part of line.split(PARAGRAPH_BREAKS)) {
      const t = part.trim();
      if (!t) continue;
      if (/^[一二三四五六][、.]/.test(t)) inTable = false;
      if (TABLE_START.test(t)) inTable = true;
      // Inside a table, the cells were separated by spaces.
      if (inTable) out.push(...t.split(/\s+/));
      else out.push(t);
    }
  }
  return out;
}

/**
 * A report whose text is one or two long paragraphs, or whose body is one long line among lines
 * of page furniture (metadata, a title): lines at its headings and tables.
 */
function unfoldParagraphs(lines: string[]): string[] {
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length <= 3 && filled.some((l) => l.length > 300)) return unfold(filled);
  const long = (l: string): boolean => l.length > 300 && INLINE_PART.test(l);
  if (!lines.some(long)) return lines;
  return lines.flatMap((l) => (long(l) ? unfold([l]) : [l]));
}

// ---- space-separated rows and vertical strips -----------------------------------------------------

const isNumberToken = (t: string): boolean => readCell(t).kind !== 'text';

/**
 * "规章 0 0 0" or "0 0 0 0 0 0 0" in one cell (text copied from a PDF) into cells. Only a known
 * label, or a short label before two or more numbers: a sentence with a number stays whole.
 */
function splitSpaced(cells: string[]): string[] {
  const filled = nonEmpty(cells);
  if (filled.length !== 1) return cells;
  const tokens = filled[0]!.trim().split(/\s+/);
  if (tokens.length < 2) return cells;
  let k = tokens.length;
  while (k > 0 && isNumberToken(tokens[k - 1]!) && readCell(tokens[k - 1]!).kind === 'number') k--;
  const values = tokens.slice(k);
  if (values.length === 0) return cells;
  if (k === 0) return values.length >= 2 ? values : cells;
  const label = tokens.slice(0, k).join('');
  if (/[，。；,;：:]/.test(label.replace(/[(（][^)）]*[)）]/g, ''))) return cells;
  if (nearKnown(label) || (values.length >= 2 && label.length <= 40)) return [label, ...values];
  return cells;
}

function stripTokens(row: RawRow): string[] | undefined {
  const filled = nonEmpty(row.cells);
  const tokens =
    filled.length === 1 ? filled[0]!.trim().split(/\s+/) : row.cells.map((c) => c.trim());
  if (tokens.length < 3) return undefined;
  // Short Han pieces only; blank positions (a PDF column with a shorter header) are allowed.
  if (!tokens.every((t) => t === '' || /^\p{Script=Han}{1,4}$/u.test(t))) return undefined;
  return tokens;
}

/**
 * Header cells printed in narrow columns come out of a PDF as strips, one line per line of
 * print. Two or three such lines with as many pieces, whose pieces joined column by column are
 * the table's labels, are one row of those labels.
 */
function stripAt(rows: readonly RawRow[], i: number): { row: RawRow; depth: number } | undefined {
  const first = stripTokens(rows[i]!);
  if (!first) return undefined;
  for (const depth of [3, 2]) {
    const group = rows.slice(i, i + depth).map(stripTokens);
    if (group.length < depth || group.some((g) => !g || g.length !== first.length)) continue;
    const merged = first.map((_, k) => group.map((g) => g![k]).join(''));
    const known = merged.filter((m) => m !== '' && isKnown(m)).length;
    const knownAlone = first.filter((t) => t !== '' && isKnown(t)).length;
    if (known >= Math.ceil(first.length / 2) && known > knownAlone) {
      return {
        row: { no: rows[i]!.no, cells: merged, terminated: false, pipesOnly: false },
        depth,
      };
    }
  }
  return undefined;
}

function mergeStrips(rows: readonly RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < rows.length;) {
    const strip = stripAt(rows, i);
    out.push(strip ? strip.row : rows[i]!);
    i += strip ? strip.depth : 1;
  }
  return out;
}

/**
 * "商业 | 科研 | 社会公益组织 | …" then "企业 | 机构 |": header cells broken over two rows, the
 * second holding only the broken cells' ends. The ends join the cells they complete when every
 * join is a label of the format that neither piece is alone.
 */
function continuationAt(prev: RawRow, row: RawRow): RawRow | undefined {
  const ends = nonEmpty(row.cells).map((c) => c.trim());
  const cells = prev.cells.map((c) => c.trim());
  if (ends.length === 0 || ends.length >= nonEmpty(cells).length || row.pipesOnly) return undefined;
  if (!ends.every((t) => /^\p{Script=Han}{1,4}$/u.test(t) && !isKnown(t))) return undefined;
  for (let o = 0; o + ends.length <= cells.length; o++) {
    const joined = ends.map((t, k) => cells[o + k]! + t);
    if (joined.every((j, k) => isKnown(j) && !isKnown(cells[o + k]!))) {
      const merged = [...cells];
      joined.forEach((j, k) => (merged[o + k] = j));
      return { ...prev, cells: merged };
    }
  }
  return undefined;
}

function mergeContinuations(rows: readonly RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (const row of rows) {
    const prev = out.at(-1);
    const merged = prev && nonEmpty(prev.cells).length > 1 ? continuationAt(prev, row) : undefined;
    if (merged) out[out.length - 1] = merged;
    else out.push(row);
  }
  return out;
}

// ---- one cell per line ----------------------------------------------------------------------------

/** A line holding at most one cell: a one-cell-per-line table is a run of these. */
function isSingle(row: RawRow): boolean {
  if (row.pipesOnly) return true;
  const filled = nonEmpty(row.cells);
  return filled.length === 1 && filled[0]!.trim().length <= 60;
}

/** "商业" then "企业": the second piece of a label broken over lines. */
function continuesLabel(prev: string, cell: string): boolean {
  if (isKnown(prev) && !isKnown(prev + cell)) return false;
  const joined = labelCore(prev + cell);
  if (KNOWN_CORES.has(joined)) return true;
  if (joined.length < 4 || prev.length > 12) return false;
  for (const k of KNOWN_CORES) if (k.length > joined.length && k.startsWith(joined)) return true;
  return false;
}

const startsHeader = (cell: string): boolean => fold(cell).startsWith('信息内容');

/**
 * Rebuilds rows from a run of one-cell lines: a label starts a row, the numbers and blanks after
 * it are its cells, header cells after 信息内容 belong to its row, and a label broken over lines
 * is joined. Lines of pipes are blank cells when every cell ends with a pipe; when cells carry
 * no pipe, they only separate cells.
 */
function regroup(run: readonly RawRow[]): RawRow[] {
  const content = run.filter((r) => !r.pipesOnly);
  const pipeBlanks = content.filter((r) => r.terminated).length * 2 >= content.length;
  const out: RawRow[] = [];
  let cur: RawRow | undefined;
  let hasValues = false;
  for (const r of run) {
    if (r.pipesOnly) {
      if (pipeBlanks && cur) {
        cur.cells.push(...r.cells.map(() => ''));
        hasValues = true;
      }
      continue;
    }
    const filled = nonEmpty(r.cells);
    const cell = (filled[0] ?? '').trim();
    const blanks = r.cells.length - filled.length;
    if (!isText(cell)) {
      if (cur) {
        cur.cells.push(cell, ...(pipeBlanks ? Array<string>(blanks).fill('') : []));
        hasValues = true;
      } else {
        out.push({ ...r, cells: [cell] });
      }
      continue;
    }
    if (cur && !hasValues) {
      const last = cur.cells[cur.cells.length - 1]!;
      if (continuesLabel(last, cell)) {
        cur.cells[cur.cells.length - 1] = last + cell;
        continue;
      }
      if (startsHeader(cur.cells[0]!) && isColumnHeader(cell)) {
        cur.cells.push(cell);
        continue;
      }
    }
    cur = { no: r.no, cells: [cell], terminated: false, pipesOnly: false };
    hasValues = false;
    out.push(cur);
  }
  return out;
}

/** Runs of one-cell lines that hold a table (labels of the format among them) are regrouped. */
function regroupRuns(rows: readonly RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < rows.length;) {
    if (!isSingle(rows[i]!)) {
      out.push(rows[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && isSingle(rows[j]!)) j++;
    const run = rows.slice(i, j);
    const labels = run.filter((r) => !r.pipesOnly && nearKnown(nonEmpty(r.cells)[0] ?? '')).length;
    out.push(...(run.length >= 4 && labels >= 2 ? regroup(run) : run));
    i = j;
  }
  return out;
}

// ---- the whole text -------------------------------------------------------------------------------

export interface TextRow {
  /** 1-based line in the source (the first line of a row rebuilt from several). */
  readonly no: number;
  readonly cells: readonly string[];
}

/**
 * Text (lines; tables in any of the layouts above) or extracted rows (HTML, DOCX, PDF) into
 * rows of cells. Empty lines are dropped; every row keeps the line number it started at.
 */
export function toRows(input: string | readonly (readonly string[])[]): TextRow[] {
  let raw: RawRow[];
  if (typeof input === 'string') {
    const lines = unfoldParagraphs(input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\u2028|\u2029/));
    raw = lines
      .map((l, i) => splitLine(l, i + 1))
      .filter((r) => !MARKDOWN_RULE.test(r.cells.join('|')) || r.pipesOnly);
  } else {
    raw = input.map((cells, i) => ({
      no: i + 1,
      cells: [...cells],
      terminated: false,
      pipesOnly: false,
    }));
  }
  raw = raw
    .map((r) => ({
      ...r,
      cells: r.pipesOnly
        ? r.cells
        : r.cells.map((c) => c.replace(/^[\s\u200b\ufeff\u00a0]+|[\s\u200b\ufeff\u00a0]+$/g, '')),
    }))
    .filter((r) => r.pipesOnly || nonEmpty(r.cells).length > 0);
  raw = mergeContinuations(
    mergeStrips(raw).map((r) => (r.pipesOnly ? r : { ...r, cells: splitSpaced(r.cells) })),
  );
  return regroupRuns(raw).map((r) => ({ no: r.no, cells: r.cells }));
}
