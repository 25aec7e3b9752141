/**
 * Showing search hits: highlighted HTML and a text snippet around the first hit.
 *
 * Terms are found in the normalised text (see normalize.ts) and mapped back to the input, so
 * the full-width "２０２５" in a document is highlighted for the query 2025.
 */

import { normalizeText, normalizeWithMap, SEGMENT } from './normalize.ts';
import type { QueryTerm } from './query.ts';

/**
 * A term to highlight: a parsed {@link QueryTerm} (a `word` term is matched as a whole word,
 * the way the index matched it), or a plain string matched as a substring after normalisation.
 */
export type HighlightTerm = QueryTerm | string;

export interface HighlightOptions {
  /** Inserted before each hit, as is (it is markup, not escaped). Default '<mark>'. */
  before?: string;
  /** Inserted after each hit, as is. Default '</mark>'. */
  after?: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Input ranges [start, end) of all occurrences of the terms, sorted, overlaps and touches merged. */
export function findHits(text: string, terms: readonly HighlightTerm[]): Array<[number, number]> {
  const norm = normalizeWithMap(text);
  const ranges: Array<[number, number]> = [];
  const add = (s: number, e: number): void => {
    const start = norm.sourceStart[s];
    const end = norm.sourceEnd[e - 1];
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
  };
  for (const term of terms) {
    if (typeof term !== 'string' && term.kind === 'word') {
      for (const m of norm.text.matchAll(SEGMENT)) {
        if (m[0] === term.text) add(m.index, m.index + m[0].length);
      }
      continue;
    }
    const needle = typeof term === 'string' ? normalizeText(term) : term.text;
    if (needle === '') continue;
    for (let i = norm.text.indexOf(needle); i !== -1; i = norm.text.indexOf(needle, i + 1)) {
      add(i, i + needle.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * `text` HTML-escaped, with every occurrence of every term wrapped in `before`/`after`.
 * Overlapping or touching hits are wrapped once. Safe to insert into HTML element content.
 */
export function highlight(
  text: string,
  terms: readonly HighlightTerm[],
  options: HighlightOptions = {},
): string {
  const before = options.before ?? '<mark>';
  const after = options.after ?? '</mark>';
  let out = '';
  let pos = 0;
  for (const [start, end] of findHits(text, terms)) {
    out += escapeHtml(text.slice(pos, start)) + before + escapeHtml(text.slice(start, end)) + after;
    pos = end;
  }
  return out + escapeHtml(text.slice(pos));
}

/**
 * The first hit range. Searches growing prefixes so that a long document with an early hit is
 * not normalised in full: a hit ending well before the cut (by more than any term can span)
 * has the same surroundings as in the whole text, and no occurrence can start before it
 * without also ending inside the prefix.
 */
function firstHit(text: string, terms: readonly HighlightTerm[]): [number, number] | undefined {
  const longest = Math.max(0, ...terms.map((t) => (typeof t === 'string' ? t : t.text).length));
  const margin = 64 + 4 * longest;
  for (let len = 4096; len < text.length; len *= 4) {
    // Never cut a surrogate pair.
    const cut = /[\udc00-\udfff]/.test(text.charAt(len)) ? len + 1 : len;
    const hit = findHits(text.slice(0, cut), terms)[0];
    if (hit && hit[1] <= cut - margin) return hit;
  }
  return findHits(text, terms)[0];
}

function isLowSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Plain text (not HTML) of at most `maxLen` code points, '…' included, taken around the first
 * hit — about a quarter of the room before it — or from the start if no term occurs. Runs of
 * whitespace become one space. To show it highlighted: `highlight(snippet(t, terms), terms)`.
 */
export function snippet(text: string, terms: readonly HighlightTerm[], maxLen = 120): string {
  const limit = Math.max(1, Math.floor(maxLen));
  const squashed = text.replace(/\s+/g, ' ').trim();
  if (squashed.length <= limit) return squashed;

  const [hitStart, hitEnd] = firstHit(squashed, terms) ?? [0, 0];
  // Only the stretch around the hit is split into code points: 2 × limit UTF-16 units hold at
  // least `limit` code points, more than the window can use on either side.
  let from = Math.max(0, hitStart - 2 * limit);
  if (from > 0 && isLowSurrogateAt(squashed, from)) from--;
  let to = Math.min(squashed.length, hitEnd + 2 * limit);
  if (to < squashed.length && isLowSurrogateAt(squashed, to)) to++;
  const before = Array.from(squashed.slice(from, hitStart));
  const hitLen = Array.from(squashed.slice(hitStart, hitEnd)).length;
  const chars = [...before, ...Array.from(squashed.slice(hitStart, to))];
  const moreBefore = from > 0;
  const moreAfter = to < squashed.length;
  if (!moreBefore && !moreAfter && chars.length <= limit) return squashed;
  if (limit < 3) return chars.slice(0, limit).join('');

  const hit = before.length;
  let start = Math.max(0, hit - Math.floor(Math.max(0, limit - hitLen) / 4));
  let end = Math.min(chars.length, start + limit);
  if (end - start < limit) start = Math.max(0, end - limit);
  const cutBefore = (): boolean => moreBefore || start > 0;
  const cutAfter = (): boolean => moreAfter || end < chars.length;
  // Make room for the ellipses, trimming the side away from the hit where possible.
  if (cutBefore()) {
    if (start < hit) start++;
    else end--;
  }
  if (cutAfter()) end--;
  return (cutBefore() ? '…' : '') + chars.slice(start, end).join('') + (cutAfter() ? '…' : '');
}
