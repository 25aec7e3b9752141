/** Small text helpers shared by the notice builders and renderers. */
import { formatChineseDate, type IsoDate } from '../../domain/calendar/index.ts';

/**
 * Characters XML 1.0 forbids (a DOCX with one of them does not open) and that mean nothing in a
 * printed notice either: C0 controls other than tab/newline, lone surrogates, U+FFFE/U+FFFF.
 */
const INVALID_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for one line of a notice: invalid characters removed, whitespace runs collapsed. */
export function inline(text: string): string {
  return text.replace(INVALID_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** Free text (e.g. staff's reasons) as paragraphs: one per non-empty line. */
export function paragraphsOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .replace(INVALID_CHARS, '')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(inline)
    .filter((line) => line.length > 0);
}

/** Trailing sentence punctuation removed, so staff text can sit inside a sentence or quotes. */
export function clause(text: string): string {
  return inline(text).replace(/[\s。．.，,；;：:！!？?、]+$/u, '');
}

/** '2025年3月3日': the Arabic-numeral style of GB/T 9704-2012 for 成文日期, used throughout. */
export function chineseDate(date: IsoDate): string {
  return formatChineseDate(date);
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const UNITS = ['', '拾', '佰', '仟'] as const;
const SECTIONS = ['', '万', '亿'] as const;

function sectionInWords(section: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(section / 10 ** pos) % 10;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    out += DIGITS[d]! + UNITS[pos]!;
    pendingZero = false;
  }
  return out;
}

/**
 * An integer amount of 元 in financial capitals (大写), as written on fee documents:
 * 4700 → '肆仟柒佰元整', 1010 → '壹仟零壹拾元整', 100005 → '壹拾万零伍元整'.
 */
export function yuanInWords(yuan: number): string {
  if (!Number.isSafeInteger(yuan) || yuan < 0 || yuan >= 1e12) {
    throw new RangeError(`金额“${yuan}”无效：应为0至999999999999之间的整数元`);
  }
  if (yuan === 0) return '零元整';
  const sections = [yuan % 10_000, Math.floor(yuan / 10_000) % 10_000, Math.floor(yuan / 1e8)];
  let out = '';
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    if (s === 0) {
      if (out !== '') gap = true;
      continue;
    }
    // A zero is read where a whole section is skipped or a section has no thousands digit.
    if (out !== '' && (gap || s < 1000)) out += '零';
    out += sectionInWords(s) + SECTIONS[i]!;
    gap = false;
  }
  return `${out}元整`;
}

/**
 * Width in em of a line set in a CJK font: full-width characters 1, ASCII 0.5. Used to centre
 * the signature over the date in DOCX, where nothing shrink-wraps.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2e80 ? 0.5 : 1;
  return w;
}

/** '〔2025〕': GB/T 9704 encloses the year of a 发文字号 in 六角括号; fix common look-alikes. */
export function normalizeDocNumber(docNumber: string): string {
  return inline(docNumber).replace(/[[［【(（]\s*(\d{4})\s*[\]］】)）]/u, '〔$1〕');
}
