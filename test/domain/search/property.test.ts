import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  indexTokens,
  matchesAll,
  normalizeText,
  parseQuery,
  SEPARATOR_TOKEN,
  toFts5Document,
} from '../../../src/domain/search/index.ts';
import { randomQuery, randomText, rng } from './random.ts';
import { phraseMatch } from './simulate.ts';

test('simulated index phrase matching equals matchesAll on random strings', () => {
  const next = rng(20250101);
  const docs = Array.from({ length: 400 }, () => randomText(next, 30));
  let positives = 0;
  let checks = 0;
  for (let q = 0; q < 400; q++) {
    const source = docs[Math.floor(next() * docs.length)] ?? '';
    const query = randomQuery(next, source);
    const parsed = parseQuery(query);
    for (const doc of docs) {
      const expected = matchesAll(doc, parsed);
      assert.equal(
        phraseMatch(toFts5Document(doc), parsed),
        expected,
        `doc ${JSON.stringify(doc)} query ${JSON.stringify(query)}`,
      );
      checks++;
      if (expected) positives++;
    }
  }
  // The generator must exercise both outcomes substantially.
  assert.ok(positives > checks / 50, `only ${positives} of ${checks} matched`);
  assert.ok(positives < checks / 2);
});

test('a Han term of two or more characters matches iff it is a substring of the normalised text', () => {
  const next = rng(7);
  for (let i = 0; i < 3000; i++) {
    const doc = randomText(next, 25);
    const term = randomText(next, 4);
    const parsed = parseQuery(term);
    for (const t of parsed.terms) {
      if (t.kind !== 'han_phrase') continue;
      const single = { terms: [t], truncated: false };
      const norm = normalizeText(doc);
      assert.equal(matchesAll(doc, single), norm.includes(t.text));
      assert.equal(phraseMatch(toFts5Document(doc), single), norm.includes(t.text), doc);
    }
  }
});

test('token invariants on random strings', () => {
  const next = rng(99);
  for (let i = 0; i < 3000; i++) {
    const doc = randomText(next, 40);
    const { bigrams, unigrams } = indexTokens(doc);
    for (let j = 0; j < bigrams.length; j++) {
      const tok = bigrams[j]!;
      assert.notEqual(tok, '');
      assert.doesNotMatch(tok, /\s/);
      // Never two separators in a row, never a separator at either end.
      if (tok === SEPARATOR_TOKEN) {
        assert.ok(j > 0 && j < bigrams.length - 1, doc);
        assert.notEqual(bigrams[j + 1], SEPARATOR_TOKEN);
      }
    }
    assert.equal(new Set(unigrams).size, unigrams.length);
    const norm = normalizeText(doc);
    assert.equal(normalizeText(norm), norm, 'normalisation is idempotent');
  }
});
