import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  indexTokens,
  matchesAll,
  normalizeText,
  parseQuery,
  queryTokenArray,
  SEPARATOR_TOKEN,
  toFts5Document,
  toFts5Query,
  toTokenArray,
  type ParsedQuery,
} from '../../../src/domain/search/index.ts';
import { CORPUS, IDS } from './corpus.ts';
import { phraseMatch } from './simulate.ts';

const S = SEPARATOR_TOKEN;

test('indexTokens: bigrams per Han run, separators between runs, words lower-cased', () => {
  assert.deepEqual(indexTokens('医疗救助'), {
    bigrams: ['医疗', '疗救', '救助'],
    unigrams: ['医', '疗', '救', '助'],
  });
  assert.deepEqual(indexTokens('专项资金（金额见附件）').bigrams, [
    '专项',
    '项资',
    '资金',
    S,
    '金额',
    '额见',
    '见附',
    '附件',
  ]);
  // A one-character run emits no bigram but still separates the runs around it.
  assert.deepEqual(indexTokens('低保，年，扶贫').bigrams, ['低保', S, '扶贫']);
  assert.deepEqual(indexTokens('低保，年，扶贫').unigrams, ['低', '保', '年', '扶', '贫']);
  // A word between runs already separates them.
  assert.deepEqual(indexTokens('低保COVID-19扶贫').bigrams, ['低保', 'covid', '19', '扶贫']);
  assert.deepEqual(indexTokens('２０２５年').bigrams, ['2025']);
  assert.deepEqual(indexTokens('二〇二五年').bigrams, ['二〇', '〇二', '二五', '五年']);
  assert.deepEqual(indexTokens(''), { bigrams: [], unigrams: [] });
  assert.deepEqual(indexTokens('，。！'), { bigrams: [], unigrams: [] });
});

test('the separator token cannot be produced from text', () => {
  for (const text of ['x〇', 'X〇', 'ｘ〇', 'x 〇', 'ax〇b', S]) {
    assert.equal(indexTokens(text).bigrams.includes(S), false, text);
    assert.equal(
      parseQuery(text).terms.some((t) => t.text === S),
      false,
      text,
    );
  }
});

test('toFts5Document: stream, then separator and unigrams', () => {
  assert.equal(toFts5Document('医疗救助'), `医疗 疗救 救助 ${S} 医 疗 救 助`);
  assert.equal(toFts5Document('Open Data 2025'), 'open data 2025');
  assert.equal(toFts5Document('年'), `${S} 年`);
  assert.equal(toFts5Document(''), '');
});

test('toTokenArray: distinct tokens without separator', () => {
  assert.deepEqual(toTokenArray('低保，低保 Data'), ['低保', 'data', '低', '保']);
});

test('parseQuery: phrases, single characters, words, AND on spaces', () => {
  assert.deepEqual(parseQuery('医疗救助').terms, [
    { kind: 'han_phrase', text: '医疗救助', bigrams: ['医疗', '疗救', '救助'] },
  ]);
  assert.deepEqual(parseQuery('低保').terms, [
    { kind: 'han_phrase', text: '低保', bigrams: ['低保'] },
  ]);
  assert.deepEqual(parseQuery('年').terms, [{ kind: 'han_char', text: '年' }]);
  assert.deepEqual(
    parseQuery('医疗　救助 低保').terms.map((t) => t.text),
    ['医疗', '救助', '低保'],
  );
  assert.deepEqual(parseQuery('2025年').terms, [
    { kind: 'word', text: '2025' },
    { kind: 'han_char', text: '年' },
  ]);
  assert.deepEqual(
    parseQuery('ＣＯＶＩＤ－１９').terms.map((t) => t.text),
    ['covid', '19'],
  );
  assert.deepEqual(parseQuery('低保 低保 ，').terms.length, 1);
  assert.deepEqual(parseQuery('  ，。"" ').terms, []);
});

test('parseQuery caps the number of terms', () => {
  const q = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
  const parsed = parseQuery(q, { maxTerms: 5 });
  assert.equal(parsed.terms.length, 5);
  assert.equal(parsed.truncated, true);
  assert.equal(parseQuery('低保').truncated, false);
});

test('toFts5Query quotes every term and joins with AND', () => {
  assert.equal(toFts5Query(parseQuery('医疗救助 低保')), '"医疗 疗救 救助" AND "低保"');
  assert.equal(toFts5Query(parseQuery('2025年')), '"2025" AND "年"');
  assert.equal(toFts5Query(parseQuery('')), '');
});

test('user input cannot inject FTS5 syntax', () => {
  for (const q of [
    '"低保" OR "扶贫"',
    'NEAR(低保 扶贫, 3)',
    'title:低保*',
    '^低保 -扶贫 +医疗',
    '低保" OR 1=1 --',
    'a AND b NOT c',
    "'; DROP TABLE doc; --",
    '{col1 col2}: 低保',
  ]) {
    const fts = toFts5Query(parseQuery(q));
    // Only quoted phrases of Han/[a-z0-9] tokens, joined by the AND we put in.
    assert.match(
      fts,
      /^("[\u3400-\u4dbf\u4e00-\u9fff\u3007a-z0-9 ]+"( AND "[\u3400-\u4dbf\u4e00-\u9fff\u3007a-z0-9 ]+")*)?$/u,
      q,
    );
  }
  assert.equal(toFts5Query(parseQuery('"低保" OR 扶贫')), '"低保" AND "or" AND "扶贫"');
});

/** Ids of corpus documents matched by `q`, checked three ways: reference, simulated index, array. */
function hits(q: string): string[] {
  const parsed = parseQuery(q);
  const reference = IDS.filter((id) => matchesAll(CORPUS[id]!, parsed));
  const viaIndex = IDS.filter((id) => phraseMatch(toFts5Document(CORPUS[id]!), parsed));
  assert.deepEqual(viaIndex, reference, `index vs reference for ${q}`);
  const needed = queryTokenArray(parsed);
  const candidates = IDS.filter((id) => {
    const tokens = new Set(toTokenArray(CORPUS[id]!));
    return needed.length > 0 && needed.every((t) => tokens.has(t));
  });
  for (const id of reference) assert.ok(candidates.includes(id), `array filter misses ${id}`);
  return reference;
}

test('two-character terms', () => {
  assert.deepEqual(hits('低保'), ['d2', 'd4']);
  assert.deepEqual(hits('扶贫'), ['d3', 'd12']);
  assert.deepEqual(hits('救助'), ['d4', 'd5', 'd9']);
  assert.deepEqual(hits('衔接'), ['d5', 'd10']);
  assert.deepEqual(hits('保障'), ['d1', 'd5']);
});

test('single characters', () => {
  assert.deepEqual(hits('低'), ['d1', 'd2', 'd4', 'd11']);
  assert.deepEqual(hits('年'), ['d1', 'd3', 'd8']);
  assert.deepEqual(hits('〇'), ['d8']);
  assert.deepEqual(hits('贫'), ['d3', 'd10', 'd12']);
});

test('three- and four-character terms, and longer', () => {
  assert.deepEqual(hits('困难群'), ['d2']);
  assert.deepEqual(hits('资金额'), ['d6']); // not d7: "资金（金额" is not "资金额"
  assert.deepEqual(hits('医疗救助'), ['d4']); // not d5: "医疗，救助"
  assert.deepEqual(hits('特困人员'), ['d4']);
  assert.deepEqual(hits('应保尽保'), ['d2']);
  assert.deepEqual(hits('二〇二五'), ['d8']);
  assert.deepEqual(hits('最低生活保障'), ['d1']);
  assert.deepEqual(hits('乡村振兴局'), ['d3']);
  assert.deepEqual(hits('低保边缘家庭'), ['d4']);
  assert.deepEqual(hits('医疗保障与医疗救助'), []);
});

test('words, digits and full-width forms', () => {
  assert.deepEqual(hits('2025'), ['d1']);
  assert.deepEqual(hits('2024'), ['d3']); // written ２０２４ in the document
  assert.deepEqual(hits('２０２４'), ['d3']);
  assert.deepEqual(hits('covid'), ['d9']);
  assert.deepEqual(hits('ＣＯＶＩＤ'), ['d9']);
  assert.deepEqual(hits('COVID-19'), ['d9']);
  assert.deepEqual(hits('v2'), ['d13']);
  assert.deepEqual(hits('applic'), []); // whole words only
  assert.deepEqual(hits('202'), []);
});

test('multi-term AND queries', () => {
  assert.deepEqual(hits('低保 对象'), ['d4']);
  assert.deepEqual(hits('乡村振兴 衔接'), ['d10']);
  assert.deepEqual(hits('医疗　救助'), ['d4', 'd5']);
  assert.deepEqual(hits('医疗，救助'), ['d4', 'd5']);
  assert.deepEqual(hits('2025年'), ['d1']);
  assert.deepEqual(hits('扶贫 2024 资金'), ['d3']);
  assert.deepEqual(hits('低保 扶贫'), []);
  assert.deepEqual(hits('低 保'), ['d1', 'd2', 'd4', 'd11']); // d1: 最低生活保障
  assert.deepEqual(hits('专项资金 资金额度'), ['d6']);
});

test('queries without terms match nothing', () => {
  const empty: ParsedQuery = parseQuery(' ，');
  assert.equal(matchesAll('任何文本', empty), false);
  assert.deepEqual(hits(''), []);
});

test('normalisation: NFKC, case, diacritics; idempotent', () => {
  assert.equal(normalizeText('ＡＢＣ１２３　Café'), 'abc123 cafe');
  assert.equal(normalizeText('Zhōngguó'), 'zhongguo');
  assert.equal(normalizeText('⼀'), '一'); // Kangxi radical → unified ideograph
  for (const s of ['ＡＢＣ１２３　Café', '①㈠㍻ﬁ', 'İǜⅧß', '医疗救助〇𠮷']) {
    assert.equal(normalizeText(normalizeText(s)), normalizeText(s));
  }
});
