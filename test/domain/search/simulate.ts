/**
 * A simulated FTS5 matcher over a document string from toFts5Document: the string is split on
 * spaces, a multi-token term matches where its tokens appear consecutively, a one-token term
 * where the token appears anywhere — what FTS5 does with `"t1 t2 …" AND "…"`.
 */

import { termTokens, type ParsedQuery } from '../../../src/domain/search/index.ts';

export function phraseMatch(fts5Document: string, parsed: ParsedQuery): boolean {
  if (parsed.terms.length === 0) return false;
  const tokens = fts5Document === '' ? [] : fts5Document.split(' ');
  return parsed.terms.every((term) => {
    const phrase = termTokens(term);
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((t, j) => tokens[i + j] === t)) return true;
    }
    return false;
  });
}
