/**
 * The reader never crashes: every fixture cut at many random offsets, pieces of fixtures,
 * shuffled lines, random character damage, and random garbage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  RULES,
  canPublish,
  checkPublishedReport,
  type CheckResult,
} from '../../../src/domain/report/index.ts';
import { SEED_FILE, excerptFiles, fixture } from './helpers.ts';

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(input: string | { rows: string[][] }): CheckResult {
  const r = checkPublishedReport(input);
  if (!r.ok) {
    assert.equal(r.reason, 'not-a-report');
    return r;
  }
  for (const f of r.findings) {
    assert.ok(f.rule in RULES, f.rule);
    assert.equal(f.severity, RULES[f.rule].severity);
    assert.ok(f.message.length > 0 && f.location.text.length > 0);
  }
  assert.doesNotThrow(() => JSON.stringify(r.json));
  return r;
}

const files = [SEED_FILE, ...excerptFiles()];

test('every fixture cut at 60 random offsets, and pieces of it', () => {
  const rnd = random(20250131);
  for (const file of files) {
    const text = fixture(file);
    for (let k = 0; k < 60; k++) {
      const i = Math.floor(rnd() * (text.length + 1));
      const j = i + Math.floor(rnd() * 600);
      run(text.slice(0, i));
      run(text.slice(i));
      run(text.slice(i, j));
    }
  }
});

test('a prefix of the seed that stops before section 六 can never be published', () => {
  const seed = fixture(SEED_FILE);
  const six = seed.indexOf('六、其他需要报告的事项');
  const rnd = random(7);
  for (let k = 0; k < 150; k++) {
    const cut = Math.floor(rnd() * six);
    const r = run(seed.slice(0, cut));
    if (r.ok)
      assert.equal(
        canPublish(r.findings),
        false,
        `cut at ${cut}: ${JSON.stringify(seed.slice(cut - 20, cut))}`,
      );
  }
  // Every line boundary too.
  let at = seed.indexOf('\n');
  while (at >= 0 && at < six) {
    const r = run(seed.slice(0, at));
    if (r.ok) assert.equal(canPublish(r.findings), false, `cut at line end ${at}`);
    at = seed.indexOf('\n', at + 1);
  }
});

test('shuffled lines, damaged characters, dropped or doubled tabs', () => {
  const rnd = random(42);
  for (const file of files) {
    const text = fixture(file);
    const lines = text.split('\n');
    for (let k = 0; k < 8; k++) {
      run(
        lines
          .map((l) => [rnd(), l] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, l]) => l)
          .join('\n'),
      );
      run(
        [...text]
          .map((c) => (rnd() < 0.03 ? String.fromCharCode(Math.floor(rnd() * 0xffff)) : c))
          .join(''),
      );
      run(text.replace(/\t/g, () => (rnd() < 0.5 ? '' : '\t\t')));
      run({ rows: lines.map((l) => l.split('\t').filter(() => rnd() < 0.9)) });
    }
  }
});

test('random garbage from a report-like alphabet', () => {
  const rnd = random(99);
  const alphabet =
    '一二三四五六七、（）()【】〔〕\t\n\r 0123456789.,，。；总计自然人其他规章第二十条项信息内容行政复议诉讼结果维持纠正尚未审结统计期限年月日国办公开函发号<>&;@*余贵办政府信息公开工作年度报告申请不予处理费—-';
  for (let k = 0; k < 1500; k++) {
    let s = '';
    const len = Math.floor(rnd() * 500);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    run(s);
    run({ rows: s.split('\n').map((l) => l.split('\t')) });
  }
});

// No time is asserted (tests carry no timed assertions): a pattern that backtracks
// catastrophically on these inputs does not finish at all, and the runner's timeout reports it.
test('odd inputs and long runs finish', { timeout: 300_000 }, () => {
  for (const input of [
    '',
    '\n\t\n',
    '\uFEFF',
    '一、',
    '政府信息公开',
    '一、总体情况',
    '\t'.repeat(1000),
  ])
    run(input);
  assert.equal(checkPublishedReport(undefined as never).ok, false);
  assert.equal(checkPublishedReport({ rows: [[null, 3], 'x'] } as never).ok, false);
  const head = '常平乡2025年政府信息公开工作年度报告\n一、总体情况\n';
  run(`${head}统计${'1'.repeat(100_000)}日`);
  run(`${head}${'1'.repeat(100_000)}余条`);
  run(`${head}${'<'.repeat(50_000)}${'>'.repeat(50_000)}`);
  run(`${head}${'收到申请'.repeat(20_000)}`);
  run(fixture(SEED_FILE).repeat(40));
});
