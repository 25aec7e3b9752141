import { test } from 'node:test';
import assert from 'node:assert/strict';

import { findHits, highlight, parseQuery, snippet } from '../../../src/domain/search/index.ts';
import { randomText, rng } from './random.ts';

const terms = (q: string) => parseQuery(q).terms;

test('highlight escapes HTML and marks every occurrence', () => {
  assert.equal(
    highlight('<b>低保</b> & 低保户', terms('低保')),
    '&lt;b&gt;<mark>低保</mark>&lt;/b&gt; &amp; <mark>低保</mark>户',
  );
  assert.equal(highlight(`"'`, []), '&quot;&#39;');
});

test('highlight of input that tries to inject markup', () => {
  const q = '<script>alert(1)</script>';
  const out = highlight(`搜索：${q}`, terms(q));
  assert.equal(
    out,
    '搜索：&lt;<mark>script</mark>&gt;<mark>alert</mark>(<mark>1</mark>)&lt;/<mark>script</mark>&gt;',
  );
  assert.doesNotMatch(out, /<script/);
});

test('highlight matches after normalisation and marks the original characters', () => {
  assert.equal(highlight('２０２５年度', terms('2025')), '<mark>２０２５</mark>年度');
  assert.equal(highlight('ＣＯＶＩＤ-19', terms('covid')), '<mark>ＣＯＶＩＤ</mark>-19');
  assert.equal(highlight('Covid', terms('ＣＯＶＩＤ')), '<mark>Covid</mark>');
  // ㍻ normalises to 平成: a hit inside it marks the whole character.
  assert.equal(highlight('㍻元年', ['平']), '<mark>㍻</mark>元年');
  assert.equal(highlight('𠮷低保', terms('低保')), '𠮷<mark>低保</mark>');
});

test('word terms are whole words, string terms are substrings', () => {
  assert.equal(highlight('20250 2025', terms('2025')), '20250 <mark>2025</mark>');
  assert.equal(highlight('ABC abcd', ['abc']), '<mark>ABC</mark> <mark>abc</mark>d');
});

test('overlapping and touching hits are marked once', () => {
  assert.equal(highlight('医疗救助对象', terms('医疗救助 救助对象')), '<mark>医疗救助对象</mark>');
  assert.equal(highlight('医疗救助', terms('医疗 救助')), '<mark>医疗救助</mark>');
  assert.equal(highlight('保保保', terms('保保')), '<mark>保保保</mark>');
  assert.equal(highlight('医疗，救助', terms('医疗 救助')), '<mark>医疗</mark>，<mark>救助</mark>');
});

test('custom markers', () => {
  assert.equal(
    highlight('低保', terms('低保'), { before: '<em class="hit">', after: '</em>' }),
    '<em class="hit">低保</em>',
  );
});

const LONG =
  '为进一步做好城乡居民最低生活保障工作，切实保障困难群众基本生活，根据《社会救助暂行办法》' +
  '和省有关规定，结合本市实际，现就有关事项通知如下。一、严格认定条件。二、规范审核确认程序。' +
  '三、加强动态管理，对不再符合条件的及时停发低保金。四、强化监督检查。五、本通知自印发之日起施行。';

test('snippet: a window around the first hit, within maxLen', () => {
  const s = snippet(LONG, terms('审核确认'), 40);
  assert.ok(Array.from(s).length <= 40, s);
  assert.ok(s.includes('审核确认'), s);
  assert.ok(s.startsWith('…') && s.endsWith('…'), s);
  // About a quarter of the room is before the hit.
  const lead = s.indexOf('审核确认') - 1;
  assert.ok(lead >= 5 && lead <= 12, s);
});

test('snippet near the end and without hits', () => {
  const end = snippet(LONG, terms('施行'), 30);
  assert.ok(end.startsWith('…') && end.endsWith('施行。'), end);
  assert.equal(Array.from(end).length, 30);
  const none = snippet(LONG, terms('扶贫'), 20);
  assert.equal(none, `${LONG.slice(0, 19)}…`);
  assert.equal(snippet('短文本', terms('扶贫'), 20), '短文本');
});

test('snippet collapses whitespace and counts code points', () => {
  assert.equal(snippet('第一行\n\n  第二行 低保', terms('低保'), 100), '第一行 第二行 低保');
  const s = snippet(`${'𠮷'.repeat(50)}低保${'𠮷'.repeat(50)}`, terms('低保'), 21);
  assert.equal(Array.from(s).length, 21);
  assert.ok(s.includes('低保'));
  assert.equal(snippet('abcdef', [], 2), 'ab');
});

test('snippet finds the first hit in long texts (property)', () => {
  const next = rng(31337);
  for (let i = 0; i < 60; i++) {
    const text = randomText(next, 20000) + randomText(next, 30);
    const source = Array.from(text);
    const from = Math.floor(next() * source.length);
    const terms = parseQuery(source.slice(from, from + 3).join('')).terms;
    const limit = 10 + Math.floor(next() * 60);
    const s = snippet(text, terms, limit);
    assert.ok(Array.from(s).length <= limit);
    const squashed = text.replace(/\s+/g, ' ').trim();
    const body = s.replace(/^…/, '').replace(/…$/, '');
    assert.ok(squashed.includes(body));
    const first = findHits(squashed, terms)[0];
    if (first && first[1] - first[0] <= limit - 2) {
      // The window holds the first hit: it starts at or before it and ends at or after it.
      const at = squashed.indexOf(body, Math.max(0, first[0] - 2 * limit));
      assert.ok(at <= first[0] && at + body.length >= first[1], `${limit} ${JSON.stringify(s)}`);
    }
  }
});
