import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../../src/domain/report/index.ts';

const seed = readFileSync(new URL('../../fixtures/reports/changping-township-2025-annual-report.txt', import.meta.url), 'utf8').trimEnd();
const sixOf = (text: string): string => {
  const r = parseReport(text);
  assert.ok(r.ok);
  return r.ok ? r.report.sections.find((s) => s.key === 'other')!.text : '';
};

describe('the closing 落款 of a published report', () => {
  const plain = sixOf(seed);
  it('is not read as prose of section 六', () => {
    assert.equal(sixOf(`${seed}\n常平乡人民政府\n2026年1月20日`), plain);
    assert.equal(sixOf(`${seed}\n常平乡人民政府\n二〇二六年一月二十日`), plain);
    assert.equal(sixOf(`${seed}\n2026 年 1 月 20 日`), plain);
  });
  it('keeps a sentence above a date, and a date that is not the last line', () => {
    assert.ok(sixOf(`${seed}\n以上情况特此报告。\n2026年1月20日`).endsWith('以上情况特此报告。'));
    assert.ok(sixOf(`${seed}\n2026年1月20日\n以上情况特此报告。`).endsWith('2026年1月20日\n以上情况特此报告。'));
  });
});
