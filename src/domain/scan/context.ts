/**
 * The context quoted around a scan hit. A reviewer sees it next to the hit, and it is stored with
 * the finding, so it must not carry in full the other personal numbers that stand close by: every
 * other hit in it is masked by its kind, and so is every other run of 7 or more digits (a number
 * that failed its checks, a landline, a cut-off card number).
 */

import { maskGeneric, maskScanMatch } from './mask.ts';
import type { ScanKind } from './scan.ts';

const CONTEXT_CHARS = 20;
// Seven or more digits, possibly grouped by single spaces or hyphens ("0712-2345678").
const DIGIT_RUN = /[0-9](?:[ -]?[0-9]){6,}/g;
// A written date is no personal number.
const DATE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/;

export interface MaskSpan {
  readonly start: number;
  readonly end: number;
  readonly masked: string;
}

/**
 * What to mask in any context, sorted and disjoint: the hits that are numbers, and the digit runs
 * of `folded` that no hit covers (`covered` marks the units of accepted hits).
 */
export function maskSpans(
  text: string,
  folded: string,
  hits: readonly { kind: ScanKind; start: number; end: number }[],
  covered: Uint8Array,
): MaskSpan[] {
  const spans: MaskSpan[] = hits
    .filter((h) => h.kind !== 'classified_marking')
    .map((h) => ({ start: h.start, end: h.end, masked: maskScanMatch(h.kind, text.slice(h.start, h.end)) }));
  const addRuns = (from: number, to: number): void => {
    for (const m of folded.slice(from, to).matchAll(DIGIT_RUN)) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (!covered.subarray(start, end).includes(1)) {
        if (!DATE.test(m[0])) spans.push({ start, end, masked: maskGeneric(text.slice(start, end)) });
        continue;
      }
      // A run joined to a hit by a space: the parts outside the hit are looked at on their own.
      let at = start;
      while (at < end) {
        while (at < end && covered[at] === 1) at++;
        let stop = at;
        while (stop < end && covered[stop] !== 1) stop++;
        if (stop > at) addRuns(at, stop);
        at = stop;
      }
    }
  };
  addRuns(0, folded.length);
  return spans.sort((a, b) => a.start - b.start);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** First span whose end is after `from` (spans are sorted and disjoint, so ends are sorted too). */
function firstEndingAfter(spans: readonly MaskSpan[], from: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end > from) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** About 20 characters either side of text[start, end), the match marked 【…】, `spans` masked. */
export function contextWithMasks(text: string, start: number, end: number, spans: readonly MaskSpan[]): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  // Never cut a surrogate pair (rare Han characters outside the BMP) in half.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const first = firstEndingAfter(spans, from);
  const inside: MaskSpan[] = [];
  for (let i = first; i < spans.length && spans[i]!.start < to; i++) {
    const s = spans[i]!;
    if (s.start === start) continue; // the hit itself
    inside.push(s);
  }
  // A number cut by the window's edge is taken whole, so that it is masked whole.
  if (inside[0] && inside[0].start < from) from = inside[0].start;
  const last = inside[inside.length - 1];
  if (last && last.end > to) to = last.end;

  const squash = (s: string): string => s.replace(/\s+/g, ' ');
  const piece = (a: number, b: number): string => {
    let out = '';
    let at = a;
    for (const s of inside) {
      if (s.end <= a || s.start >= b) continue;
      out += squash(text.slice(at, s.start)) + s.masked;
      at = s.end;
    }
    return out + squash(text.slice(at, b));
  };
  return (
    (from > 0 ? '…' : '') +
    piece(from, start) +
    '【' +
    squash(text.slice(start, end)) +
    '】' +
    piece(end, to) +
    (to < text.length ? '…' : '')
  );
}
