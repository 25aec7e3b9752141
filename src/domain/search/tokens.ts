/**
 * Index tokens for Chinese full-text search.
 *
 * Chinese has no spaces, so each run of Han characters is indexed as its overlapping character
 * bigrams ("医疗救助" → 医疗 疗救 救助), and a query term of n ≥ 2 characters is looked up as the
 * phrase of its n − 1 bigrams. Consecutive bigrams of one run overlap by one character, so the
 * phrase matches exactly where the term occurs as a substring — provided the bigrams of two
 * different runs are never adjacent. Otherwise "专项资金（金额见附件）" would give "… 资金 金额 …" and
 * match the term 资金额. Hence {@link SEPARATOR_TOKEN} is put between the bigrams of two runs
 * whenever nothing else (a Latin/digit word) already stands between them.
 *
 * Single Han characters are looked up as unigrams. In the FTS5 document they follow the
 * bigram stream; being one character long they can never be confused with a bigram.
 */

import { isHanRun, normalizeText, SEGMENT } from './normalize.ts';

/**
 * Separator between Han runs. Every other token is all-Han (1–2 characters) or all [a-z0-9], so
 * this mixed token can never be produced from text; FTS5 unicode61 keeps it as one token since
 * both characters are token characters (〇 is a letter-number).
 */
export const SEPARATOR_TOKEN = 'x〇';

export interface IndexTokens {
  /**
   * The positional token stream: bigrams of each Han run in order, Latin/digit words
   * (lower-cased, whole), and {@link SEPARATOR_TOKEN} between runs. Phrase queries run on it.
   */
  bigrams: string[];
  /** The distinct Han characters, in order of first occurrence. */
  unigrams: string[];
}

/** Tokens for indexing `text`. */
export function indexTokens(text: string): IndexTokens {
  const normalized = normalizeText(text);
  const stream: string[] = [];
  const unigrams = new Set<string>();
  let lastWasBigram = false;
  for (const m of normalized.matchAll(SEGMENT)) {
    const segment = m[0];
    if (!isHanRun(segment)) {
      stream.push(segment);
      lastWasBigram = false;
      continue;
    }
    for (const ch of segment) unigrams.add(ch);
    if (segment.length < 2) continue;
    if (lastWasBigram) stream.push(SEPARATOR_TOKEN);
    // All Han characters in the class are in the BMP: one UTF-16 unit each.
    for (let i = 0; i + 1 < segment.length; i++) stream.push(segment.slice(i, i + 2));
    lastWasBigram = true;
  }
  return { bigrams: stream, unigrams: [...unigrams] };
}

/**
 * The string to store in an FTS5 column using the unicode61 tokenizer: the token stream, then
 * (after a separator) the unigrams, all joined by single spaces.
 */
export function toFts5Document(text: string): string {
  const { bigrams, unigrams } = indexTokens(text);
  if (unigrams.length === 0) return bigrams.join(' ');
  return [...bigrams, SEPARATOR_TOKEN, ...unigrams].join(' ');
}

/**
 * The distinct tokens of `text` (bigrams, words, unigrams; no separator), e.g. for a
 * PostgreSQL text[] column with a GIN index. Array containment ignores token order, so it is
 * a candidate filter only: recheck candidates with `matchesAll` for exact results.
 */
export function toTokenArray(text: string): string[] {
  const { bigrams, unigrams } = indexTokens(text);
  const set = new Set(bigrams);
  set.delete(SEPARATOR_TOKEN);
  for (const u of unigrams) set.add(u);
  return [...set];
}
