/**
 * Text helpers for comparing labels and reading cells. Published reports mix half- and
 * full-width punctuation, bracket styles and stray spaces ("结果 维持"); none of that is a
 * deviation from the template, so labels are compared after folding it away.
 */

/**
 * Folds a label for comparison: NFKC (full-width ASCII → ASCII), brackets unified to (),
 * quotes and whitespace removed, numbering punctuation unified.
 */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[【〔［[〈<]/g, '(')
    .replace(/[】〕］\]〉>]/g, ')')
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/[．]/g, '.')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const NUMBERING =
  /^(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[、.,]|\d{1,2}[、.,](?!\d))/;

/** Removes a leading "(一)", "一、" or "1." from a folded label. */
export function stripNumbering(folded: string): string {
  return folded.replace(NUMBERING, '');
}

/** Folded label without numbering: the part that must match the official text. */
export function labelCore(s: string): string {
  return stripNumbering(fold(s));
}

/** True when a written label says the same as the official one (form differences aside). */
export function sameLabel(written: string, official: string): boolean {
  return labelCore(written) === labelCore(official);
}

/** Levenshtein distance, capped: returns cap + 1 as soon as the distance must exceed cap. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * How well a written label core matches an official core: 0 exact, higher worse, undefined for
 * no match. Short labels ("规章", "其他", "总计") must match exactly.
 */
export function matchScore(written: string, official: string): number | undefined {
  if (written === official) return 0;
  if (!written || !official) return undefined;
  const shorter = Math.min(written.length, official.length);
  if (shorter < 4) return undefined;
  // A sentence that mentions a label is not the label.
  if (written.length > official.length * 1.5 + 4) return undefined;
  // A label cut at a line break, or with a word added or dropped.
  if (official.startsWith(written) || written.startsWith(official)) return 1;
  if (official.includes(written) || written.includes(official)) return 2;
  const d = editDistance(written, official, 3);
  const allowed = official.length >= 8 ? 2 : 1;
  if (d <= allowed) return 2 + d;
  // A year or a note inserted in brackets: "本年(2023)制发件数".
  const unbracketed = written.replace(/\([^)]*\)/g, '');
  if (unbracketed !== written && unbracketed === official.replace(/\([^)]*\)/g, '')) return 3;
  return undefined;
}

export type CellKind = 'number' | 'blank' | 'text';

export interface ParsedCell {
  readonly kind: CellKind;
  readonly value: number | null;
}

const DASHES = /^[-—–－―─/／\\~～·.。×xX*＊无]+$/;

/**
 * Reads a table cell: a number (thousands separators and a trailing unit allowed), a blank
 * (empty or a dash standing for nothing), or text (a label).
 */
export function readCell(raw: string): ParsedCell {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return { kind: 'blank', value: null };
  const m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?(?:件|个|条|项|次|万元|元)?$/.exec(s);
  if (m) return { kind: 'number', value: Number(m[1]!.replace(/,/g, '') + (m[2] ?? '')) };
  if (DASHES.test(s)) return { kind: 'blank', value: null };
  return { kind: 'text', value: null };
}

/** True for a cell that holds a value position (number or blank) rather than a label. */
export function isValueCell(raw: string): boolean {
  return readCell(raw).kind !== 'text';
}

/** Splits text into sentences/clauses on Chinese and ASCII stops. */
export function sentences(text: string): string[] {
  return text
    .split(/[。！？!?；;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A piece of text with its offset in the text it came from. */
export interface Piece {
  readonly text: string;
  readonly index: number;
}

/** Sentences (or, with commas, clauses) with their offsets. */
export function pieces(text: string, commas: boolean): Piece[] {
  const out: Piece[] = [];
  const re = commas ? /[^。！？!?；;\n，,]+/g : /[^。！？!?；;\n]+/g;
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ text: t, index: m.index + lead });
  }
  return out;
}

/** Splits a sentence into clauses on commas as well. */
export function clauses(text: string): string[] {
  return text
    .split(/[。！？!?；;\n，,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Characters that may end a complete paragraph. */
export function endsLikeSentence(line: string): boolean {
  return /[。！？!?；;…）)」』”"】]$/.test(line.trim());
}

const CN_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numeral 一–九十九 to a number; undefined otherwise. */
export function chineseNumeral(s: string): number | undefined {
  if (/^[一二三四五六七八九]$/.test(s)) return CN_DIGITS[s];
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return undefined;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
}

/** Formats 元 as 万元 without trailing zeros (up to 6 decimals, i.e. to the 分). */
export function formatWan(yuan: number): string {
  const wan = Math.round(yuan * 100) / 1_000_000;
  return wan.toFixed(6).replace(/\.?0+$/, '');
}
