import { readFileSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';

import {
  checkReport,
  parseReport,
  type AnnualReport,
  type Finding,
  type ParseResult,
} from '../../../src/domain/report/index.ts';

export const FIXTURES = new URL('../../fixtures/reports/', import.meta.url);
export const SEED_FILE = 'changping-township-2025-annual-report.txt';

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The published excerpts (odd-numbered files). */
export function excerptFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => /^\d\d_.*\.txt$/.test(f))
    .sort();
}

export function parsed(text: string | { rows: string[][] }): AnnualReport {
  const r: ParseResult = parseReport(text);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.report;
}

export function check(text: string | { rows: string[][] }): Finding[] {
  return checkReport(parsed(text));
}

/** Rule ids of the findings, sorted (duplicates kept). */
export function rules(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule).sort();
}

export function explain(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.severity} ${f.rule}: ${f.message} @ ${f.location.text}`)
    .join('\n');
}
