/**
 * Search queries: parsing user input into terms, the FTS5 query string, the token list for an
 * array index, and the brute-force reference matcher.
 *
 * Every segment of the normalised input is a term and all terms are ANDed: spaces (half- or
 * full-width) separate terms, and so does any other character that is neither Han nor a
 * Latin letter/digit. "2025年" therefore becomes the word 2025 AND the character 年, and
 * "医疗，救助" the phrases 医疗 AND 救助. Quotes, *, ^, :, parentheses, + and - never reach the
 * FTS5 query: they are gaps. Operator words (AND, OR, NOT, NEAR) become quoted lower-case words.
 */

import { isHanRun, normalizeText, SEGMENT } from './normalize.ts';

export type QueryTerm =
  /** One Han character: matched through the unigram tokens. */
  | { kind: 'han_char'; text: string }
  /** Two or more Han characters: matched as the adjacent phrase of `bigrams`. */
  | { kind: 'han_phrase'; text: string; bigrams: string[] }
  /** A Latin/digit word (lower case): matched as a whole token. */
  | { kind: 'word'; text: string };

export interface ParsedQuery {
  /** Distinct terms in input order, all required. Empty when the input had nothing searchable. */
  terms: QueryTerm[];
  /** True when terms beyond `maxTerms` were dropped. */
  truncated: boolean;
}

/** Parses user input. At most `maxTerms` (default 32) distinct terms are kept. */
export function parseQuery(q: string, options: { maxTerms?: number } = {}): ParsedQuery {
  const maxTerms = options.maxTerms ?? 32;
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const m of normalizeText(q).matchAll(SEGMENT)) {
    const text = m[0];
    const term = termOf(text);
    const key = `${term.kind}:${text}`;
    if (seen.has(key)) continue;
    if (terms.length >= maxTerms) {
      truncated = true;
      break;
    }
    seen.add(key);
    terms.push(term);
  }
  return { terms, truncated };
}

function termOf(segment: string): QueryTerm {
  if (!isHanRun(segment)) return { kind: 'word', text: segment };
  if (segment.length === 1) return { kind: 'han_char', text: segment };
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < segment.length; i++) bigrams.push(segment.slice(i, i + 2));
  return { kind: 'han_phrase', text: segment, bigrams };
}

/** The index tokens a term stands for, in phrase order. */
export function termTokens(term: QueryTerm): string[] {
  return term.kind === 'han_phrase' ? term.bigrams : [term.text];
}

/**
 * The FTS5 MATCH expression, e.g. `"医疗 疗救 救助" AND "低保"`, for a column filled with
 * `toFts5Document`. Returns '' when there are no terms: such a query matches nothing and must
 * not be sent (FTS5 rejects an empty MATCH).
 */
export function toFts5Query(parsed: ParsedQuery): string {
  return parsed.terms.map((t) => `"${termTokens(t).join(' ').replace(/"/g, '""')}"`).join(' AND ');
}

/**
 * All distinct tokens the query needs, for array containment (`tokens @> $1`) on a column
 * filled with `toTokenArray`. A candidate filter only: recheck with {@link matchesAll}.
 */
export function queryTokenArray(parsed: ParsedQuery): string[] {
  return [...new Set(parsed.terms.flatMap(termTokens))];
}

/**
 * Brute-force reference matcher: true iff every term occurs in the normalised `text` — a Han
 * term as a substring, a word as a whole Latin/digit word (FTS tokens are whole words, so
 * "2025" does not match "20250"). False for a query without terms. The FTS5 index built with
 * `toFts5Document` and queried with `toFts5Query` returns exactly the texts this accepts.
 */
export function matchesAll(text: string, parsed: ParsedQuery): boolean {
  if (parsed.terms.length === 0) return false;
  const normalized = normalizeText(text);
  let words: Set<string> | undefined;
  for (const term of parsed.terms) {
    if (term.kind === 'word') {
      words ??= new Set(Array.from(normalized.matchAll(SEGMENT), (m) => m[0]));
      if (!words.has(term.text)) return false;
    } else if (!normalized.includes(term.text)) {
      return false;
    }
  }
  return true;
}
