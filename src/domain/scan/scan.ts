/**
 * Sensitive-data scan of a document's text, run before 保密审查 of a document to be published
 * proactively and on imported legacy documents. It finds candidates for a human reviewer; it
 * does not decide anything.
 */

import { isPlausibleBankCard } from './bank-card.ts';
import { findClassifiedMarkings } from './classified-marking.ts';
import { foldForScan } from './fold.ts';
import { isValidIdNumber } from './id-number.ts';

export type ScanKind = 'id_number' | 'mobile' | 'bank_card' | 'classified_marking';

export interface ScanHit {
  kind: ScanKind;
  /** The matched text exactly as written in the input (full-width digits stay full-width). */
  match: string;
  /** UTF-16 offsets into the input: `text.slice(start, end) === match`. */
  start: number;
  end: number;
  /** About 20 characters either side, whitespace collapsed, the match marked as 【…】. */
  context: string;
  /** What the hit looks like, in Chinese, e.g. "疑似公民身份号码". */
  message: string;
}

/** Short Chinese names of the kinds, for filters and column headings. */
export const SCAN_KIND_LABELS: Readonly<Record<ScanKind, string>> = {
  id_number: '公民身份号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  classified_marking: '密级标志',
};

const CONTEXT_CHARS = 20;

// All patterns run on the folded text (see fold.ts), so full-width digits, colons and spaces are
// matched like ASCII ones while offsets stay those of the original.
const ID_NUMBER = /(?<![0-9])[1-6][0-9]{16}[0-9Xx](?![0-9])/g;
// 3-4-4 with one consistent separator (none, a space or a hyphen); optional +86 / 0086 / 86.
const MOBILE = /(?<![0-9])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9]([ -]?)[0-9]{4}\1[0-9]{4}(?![0-9])/g;
const CARD_PLAIN = /(?<![0-9])[0-9]{16,19}(?![0-9])/g;
// Groups of four with one consistent separator; a 19-digit card ends in a group of three. A
// longer grouped run ("6222 0212 3456 7890 1234 5") is not a card.
const CARD_GROUPED =
  /(?<![0-9])(?<![0-9][ -])[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,3})?(?![0-9])(?![ -][0-9])/g;

/** Lower is stronger: a weaker candidate overlapping an accepted stronger hit is dropped. */
const PRIORITY: Readonly<Record<ScanKind, number>> = {
  id_number: 0,
  bank_card: 1,
  mobile: 2,
  classified_marking: 3,
};

interface Candidate {
  kind: ScanKind;
  start: number;
  end: number;
  message: string;
}

/** All sensitive-data hits in `text`, ordered by position. Pure; safe on any input string. */
export function scanText(text: string): ScanHit[] {
  const folded = foldForScan(text);
  const candidates: Candidate[] = [];

  for (const m of folded.matchAll(ID_NUMBER)) {
    const end = m.index + m[0].length;
    // "…0023X" would be a 19-character ID-like token, not an ID number followed by text.
    if (/[0-9]/.test(m[0].charAt(17)) && /[Xx]/.test(folded.charAt(end))) continue;
    if (isValidIdNumber(m[0])) {
      candidates.push({ kind: 'id_number', start: m.index, end, message: '疑似公民身份号码' });
    }
  }

  for (const re of [CARD_PLAIN, CARD_GROUPED]) {
    for (const m of folded.matchAll(re)) {
      const digits = m[0].replace(/[ -]/g, '');
      // An 18-digit valid ID number can pass Luhn by chance; it is reported as an ID number.
      if (isPlausibleBankCard(digits) && !isValidIdNumber(digits)) {
        candidates.push({
          kind: 'bank_card',
          start: m.index,
          end: m.index + m[0].length,
          message: '疑似银行卡号',
        });
      }
    }
  }

  for (const m of folded.matchAll(MOBILE)) {
    candidates.push({
      kind: 'mobile',
      start: m.index,
      end: m.index + m[0].length,
      message: '疑似手机号码',
    });
  }

  for (const span of findClassifiedMarkings(folded)) {
    candidates.push({
      kind: 'classified_marking',
      start: span.start,
      end: span.end,
      message: `疑似密级标志（${span.level}）`,
    });
  }

  candidates.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  // Units covered by accepted hits; matches are short, so marking them is cheap and linear.
  const covered = new Uint8Array(text.length);
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (covered.subarray(c.start, c.end).includes(1)) continue;
    covered.fill(1, c.start, c.end);
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);

  return accepted.map((c) => ({
    kind: c.kind,
    match: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    context: contextOf(text, c.start, c.end),
    message: c.message,
  }));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function contextOf(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  // Never cut a surrogate pair (rare Han characters outside the BMP) in half.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const squash = (s: string): string => s.replace(/\s+/g, ' ');
  return (
    (from > 0 ? '…' : '') +
    squash(text.slice(from, start)) +
    '【' +
    squash(text.slice(start, end)) +
    '】' +
    squash(text.slice(end, to)) +
    (to < text.length ? '…' : '')
  );
}
