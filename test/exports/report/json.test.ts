/** JSON export: shape, stable codes, the JSON Schema (checked with ajv and by hand), the docs. */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Ajv2020 } from 'ajv/dist/2020.js';

import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  SECTIONS,
  parseReport,
} from '../../../src/domain/report/index.ts';
import {
  REPORT_JSON_SCHEMA,
  reportToJson,
  type ReportJson,
} from '../../../src/exports/report/index.ts';
import { SEED_TEXT, changpingFacts, compute, departmentFacts } from './facts.ts';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_JSON_SCHEMA);

function assertValid(json: unknown): void {
  const ok = validate(json);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

/** A minimal hand-written check of the shape, independent of the schema. */
function checkShape(j: ReportJson): void {
  assert.equal(j.schemaVersion, 1);
  assert.deepEqual(Object.keys(j).sort(), [
    'agency',
    'preamble',
    'processingFeeYuan',
    'schemaVersion',
    'sections',
    'tables',
    'template',
    'title',
    'year',
  ]);
  assert.deepEqual(
    j.sections.map((s) => [s.key, s.numeral, s.heading]),
    SECTIONS.map((d) => [d.key, d.numeral, d.heading]),
  );
  const isCell = (v: unknown): boolean => v === null || typeof v === 'number';
  for (const b of PROACTIVE_BLOCKS) {
    for (const r of b.rows) {
      const row = j.tables.proactive.rows[r.key] as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(row),
        b.columns.map((c) => c.key),
      );
      for (const v of Object.values(row)) assert.ok(isCell(v));
    }
  }
  assert.deepEqual(Object.keys(j.tables.requests.rows), [...REQUEST_ROWS]);
  for (const r of REQUEST_ROWS) {
    assert.deepEqual(Object.keys(j.tables.requests.rows[r]), [...REQUEST_COLUMNS]);
    for (const v of Object.values(j.tables.requests.rows[r])) assert.ok(isCell(v));
  }
  assert.deepEqual(Object.keys(j.tables.appeals.rows), [...APPEAL_KINDS]);
  for (const k of APPEAL_KINDS) {
    assert.deepEqual(Object.keys(j.tables.appeals.rows[k]), [...APPEAL_COLUMNS]);
  }
}

test('computed department report: figures by stable codes, valid against the schema', () => {
  const j = reportToJson(compute(departmentFacts));
  checkShape(j);
  assertValid(JSON.parse(JSON.stringify(j)));
  assert.deepEqual(j.agency, { name: '某县自然资源局', level: 'department' });
  assert.equal(j.year, 2025);
  assert.equal(j.title, '某县自然资源局2025年政府信息公开工作年度报告');
  assert.equal(j.template, '2021');
  assert.equal(j.tables.requests.rows['withheld.state_secret'].research, 1);
  assert.equal(j.tables.requests.rows['withheld.state_secret'].natural_person, 0);
  assert.equal(j.tables.requests.rows.new.total, 23);
  assert.equal(j.tables.requests.rows.carried_out.total, 3);
  assert.equal(j.tables.appeals.rows.litigation_after_reconsideration.pending, 1);
  assert.deepEqual(j.tables.proactive.rows.normative, { issued: 2, repealed: 1, inForce: 12 });
  assert.deepEqual(j.tables.proactive.rows.fees, { amount: 4.043 });
  assert.equal(j.processingFeeYuan, 400);
  assert.ok(j.sections.every((s) => s.present));
  assert.match(j.sections[0]!.text, /^（一）主动公开。[\s\S]*\n（二）依申请公开/);
  assert.equal(j.sections[1]!.text, '');
  // No record ids leak into the export.
  assert.doesNotMatch(JSON.stringify(j), /"ids"|"R1"|"C2"/);
});

test('常平乡 and a parsed report (blank 总计 column → null) are valid too', () => {
  const c = reportToJson(compute(changpingFacts()));
  checkShape(c);
  assertValid(c);
  const parsed = parseReport(SEED_TEXT);
  assert.ok(parsed.ok);
  const p = reportToJson(parsed.report);
  checkShape(p);
  assertValid(p);
  assert.equal(p.tables.requests.rows.new.total, null);
  assert.equal(p.tables.requests.rows.new.natural_person, 0);
  assert.equal(p.processingFeeYuan, null);
});

test('the schema rejects a missing code, an unknown key, a text cell and another version', () => {
  const base = JSON.parse(JSON.stringify(reportToJson(compute(departmentFacts)))) as Record<
    string,
    any
  >;
  const broken = (edit: (j: Record<string, any>) => void): boolean => {
    const j = structuredClone(base);
    edit(j);
    return validate(j);
  };
  assert.equal(
    broken(() => {}),
    true,
  );
  assert.equal(
    broken((j) => delete j.tables.requests.rows['withheld.state_secret'].natural_person),
    false,
  );
  assert.equal(
    broken((j) => (j.tables.requests.rows.new.unknown_column = 1)),
    false,
  );
  assert.equal(
    broken((j) => (j.tables.appeals.rows.reconsideration.total = '1')),
    false,
  );
  assert.equal(
    broken((j) => (j.schemaVersion = 2)),
    false,
  );
  assert.equal(
    broken((j) => j.sections.reverse()),
    false,
  );
});

test('docs/report-json-schema.md documents every row and column code', () => {
  const doc = readFileSync(new URL('../../../docs/report-json-schema.md', import.meta.url), 'utf8');
  const codes = [
    ...SECTIONS.map((d) => d.key),
    ...PROACTIVE_BLOCKS.flatMap((b) => [
      ...b.rows.map((r) => r.key),
      ...b.columns.map((c) => c.key),
    ]),
    ...REQUEST_ROWS,
    ...REQUEST_COLUMNS,
    ...APPEAL_KINDS,
    ...APPEAL_COLUMNS,
  ];
  for (const code of codes) assert.ok(doc.includes(`\`${code}\``), code);
  assert.match(doc, /schemaVersion/);
  assert.match(doc, /2020-12/);
});
