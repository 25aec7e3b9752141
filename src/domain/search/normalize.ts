/**
 * Text normalisation shared by indexing, query parsing, the reference matcher and highlighting.
 *
 * Normalisation works code point by code point: NFKC (full-width → half-width, ① → 1,
 * compatibility ideographs → unified ones), lower case, then diacritics removed (NFD, drop
 * combining marks), so "Ｃａｆé" and "cafe" are the same word. Doing it per code point rather than
 * on the whole string lets {@link normalizeWithMap} say which input characters each output unit
 * came from, which highlighting needs. It is idempotent.
 */

/** Han characters that form runs: CJK Unified Ideographs, Extension A, and 〇. */
export const HAN_CLASS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\u3007';

/** Segments of normalised text: a Han run, or a Latin/digit word. Everything else is a gap. */
export const SEGMENT = new RegExp(`([${HAN_CLASS}]+)|[a-z0-9]+`, 'g');

const HAN_ONLY = new RegExp(`^[${HAN_CLASS}]+$`);

export function isHanRun(s: string): boolean {
  return HAN_ONLY.test(s);
}

// Characters normalisation may change: upper-case ASCII and everything outside ASCII and the two
// Han blocks. The rest (most of a Chinese document) is copied unchanged, which keeps this fast.
const CHANGEABLE = /[A-Z]|[^\p{ASCII}\u3400-\u4dbf\u4e00-\u9fff]/gu;

// Memo of normalised code points; the set of distinct characters seen is small.
const cache = new Map<string, string>();

function normalizeCodePoint(cp: string): string {
  let out = cache.get(cp);
  if (out === undefined) {
    out = cp
      .normalize('NFKC')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .normalize('NFC')
      .replace(/ß/g, 'ss');
    cache.set(cp, out);
  }
  return out;
}

/** The normalised form of `text`. */
export function normalizeText(text: string): string {
  return text.replace(CHANGEABLE, normalizeCodePoint);
}

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`: offset in the input of the code point it came from. */
  sourceStart: Int32Array;
  /** For each UTF-16 unit of `text`: end offset in the input of that code point. */
  sourceEnd: Int32Array;
}

/** The normalised form of `text` with a map back to input offsets. */
export function normalizeWithMap(text: string): NormalizedText {
  const normalized = normalizeText(text);
  const sourceStart = new Int32Array(normalized.length);
  const sourceEnd = new Int32Array(normalized.length);
  let from = 0; // next input offset
  let to = 0; // next output offset
  const copyUpTo = (end: number): void => {
    for (; from < end; from++, to++) {
      sourceStart[to] = from;
      sourceEnd[to] = from + 1;
    }
  };
  for (const m of text.matchAll(CHANGEABLE)) {
    copyUpTo(m.index);
    const end = m.index + m[0].length;
    for (let n = normalizeCodePoint(m[0]).length; n > 0; n--, to++) {
      sourceStart[to] = m.index;
      sourceEnd[to] = end;
    }
    from = end;
  }
  copyUpTo(text.length);
  return { text: normalized, sourceStart, sourceEnd };
}
