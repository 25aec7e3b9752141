/**
 * Sensitive-data scan of a document's text, run before 保密审查 of a document to be published
 * proactively and on imported legacy documents. It finds candidates for a human reviewer; it
 * does not decide anything.
 */

import { isPlausibleBankCard } from './bank-card.ts';
import { findClassifiedMarkings } from './classified-marking.ts';
import { contextWithMasks, maskSpans } from './context.ts';
import { foldForScan } from './fold.ts';
import { idNumberProblem } from './id-number.ts';

/** `id_number_suspect`: ID-shaped but failing its checks, with "身份证" or "证件号" close by. */
export type ScanKind = 'id_number' | 'id_number_suspect' | 'mobile' | 'bank_card' | 'classified_marking';

export interface ScanHit {
  kind: ScanKind;
  /** The matched text exactly as written in the input (full-width digits stay full-width). */
  match: string;
  /** UTF-16 offsets into the input: `text.slice(start, end) === match`. */
  start: number;
  end: number;
  /**
   * About 20 characters either side, whitespace collapsed, the match marked as 【…】. Every other
   * hit and every other long number in it is masked; the match itself is left for the caller.
   */
  context: string;
  /** What the hit looks like, in Chinese, e.g. "疑似公民身份号码". */
  message: string;
}

/** Short Chinese names of the kinds, for filters and column headings. */
export const SCAN_KIND_LABELS: Readonly<Record<ScanKind, string>> = {
  id_number: '公民身份号码',
  id_number_suspect: '公民身份号码（未通过校验）',
  mobile: '手机号码',
  bank_card: '银行卡号',
  classified_marking: '密级标志',
};

// All patterns run on the folded text (see fold.ts), so full-width digits, colons and spaces are
// matched like ASCII ones while offsets stay those of the original.
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g;
// 6-8-4 (area, birth date, sequence and check) with one consistent separator: 110101 19900307 7774.
const ID_GROUPED =
  /(?<![0-9])(?<![0-9][ -])[0-9]{6}([ -])[0-9]{8}\1[0-9]{3}[0-9Xx](?![0-9])(?![ -][0-9])/g;
// The words that make a failing ID-shaped number worth a look, within a few characters of it.
const ID_KEYWORD = /身份证|证件号|身份号码/;
const KEYWORD_BEFORE = 10;
const KEYWORD_AFTER = 6;
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
  // The words beside it say what the number is, even if it would pass as a card.
  id_number_suspect: 1,
  bank_card: 2,
  mobile: 3,
  classified_marking: 4,
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

  for (const re of [ID_NUMBER, ID_GROUPED]) {
    for (const m of folded.matchAll(re)) {
      const end = m.index + m[0].length;
      // "…0023X" would be a 19-character ID-like token, not an ID number followed by text.
      if (/[0-9]/.test(m[0].charAt(m[0].length - 1)) && /[Xx]/.test(folded.charAt(end))) continue;
      const candidate = idCandidate(folded, m.index, end, m[0].replace(/[ -]/g, ''));
      if (candidate) candidates.push(candidate);
    }
  }

  for (const re of [CARD_PLAIN, CARD_GROUPED]) {
    for (const m of folded.matchAll(re)) {
      const digits = m[0].replace(/[ -]/g, '');
      // An 18-digit valid ID number can pass Luhn by chance; it is reported as an ID number.
      if (isPlausibleBankCard(digits) && idNumberProblem(digits) !== null) {
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

  const masks = maskSpans(text, folded, accepted, covered);
  return accepted.map((c) => ({
    kind: c.kind,
    match: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    context: contextWithMasks(text, c.start, c.end, masks),
    message: c.message,
  }));
}

/** An ID number, a suspect one, or nothing, for the 18 characters `digits` at folded[start, end). */
function idCandidate(folded: string, start: number, end: number, digits: string): Candidate | null {
  const problem = idNumberProblem(digits);
  if (problem === null) return { kind: 'id_number', start, end, message: '疑似公民身份号码' };
  const keyword =
    ID_KEYWORD.exec(folded.slice(Math.max(0, start - KEYWORD_BEFORE), start)) ??
    ID_KEYWORD.exec(folded.slice(end, end + KEYWORD_AFTER));
  if (!keyword) return null;
  return {
    kind: 'id_number_suspect',
    start,
    end,
    message: `疑似公民身份号码（${problem}，但附近有“${keyword[0]}”字样，请核实）`,
  };
}
