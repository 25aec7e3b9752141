/** Deterministic random strings for the property tests. */

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  // mulberry32
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A few Han characters so that repeats and near-misses are frequent; 〇 and an Extension A
// character; punctuation and spaces of both widths; Latin letters and digits of both widths;
// characters that NFKC expands or maps (①, ㍻, ⼀) and one outside the BMP (𠮷, a gap).
const HAN = ['低', '保', '扶', '贫', '医', '疗', '救', '助', '〇', '㐀', '一', '平'];
const OTHER = [' ', '　', '，', '。', '"', '*', '(', ':', '-', '\n', '①', '㍻', '⼀', '𠮷'];
const LATIN = ['a', 'B', 'ａ', 'Ｂ', '1', '２', 'é', 'x'];

export function randomText(next: () => number, maxLen: number): string {
  const len = Math.floor(next() * (maxLen + 1));
  let s = '';
  for (let i = 0; i < len; i++) {
    const r = next();
    const pool = r < 0.65 ? HAN : r < 0.85 ? OTHER : LATIN;
    s += pool[Math.floor(next() * pool.length)];
  }
  return s;
}

/**
 * A query: often a piece of `source` (so that there are hits), sometimes such a piece with its
 * gaps removed (a Han term spanning punctuation in the document: the case the separator token
 * exists for), otherwise random text.
 */
export function randomQuery(next: () => number, source: string): string {
  const chars = Array.from(source);
  const r = next();
  if (chars.length > 0 && r < 0.75) {
    const from = Math.floor(next() * chars.length);
    const piece = chars.slice(from, from + 1 + Math.floor(next() * 8));
    return r < 0.4 ? piece.join('') : piece.filter((c) => HAN.includes(c)).join('');
  }
  return randomText(next, 6);
}
