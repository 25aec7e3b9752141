import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  canPublish,
  checkPublishedReport,
  checkReport,
  parseReport,
  valueAt,
} from '../../../src/domain/report/index.ts';
import { SEED_FILE, explain, fixture, parsed, rules } from './helpers.ts';

const seed = fixture(SEED_FILE);

test('seed: 常平乡 2025, all six sections, not truncated', () => {
  const r = parsed(seed);
  assert.equal(r.agency.name, '常平乡');
  assert.equal(r.agency.level, 'township');
  assert.equal(r.year, 2025);
  assert.equal(r.template, '2021');
  assert.equal(r.truncated, false);
  assert.deepEqual(
    r.sections.map((s) => s.heading),
    [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ],
  );
  assert.match(r.sections[5]!.text, /未收取政府信息公开处理费/);
  assert.ok(r.sections[0]!.text.startsWith('（一）主动公开'));
  assert.equal(r.sections[1]!.text, '', 'table lines are not narrative');
});

test('seed: tables read, all zero; table 三 has no 总计 column; table 四 has 15 cells', () => {
  const r = parsed(seed);
  assert.equal(valueAt(r, 'proactive', 'rules', 'repealed'), 0);
  assert.equal(valueAt(r, 'proactive', 'fees', 'amount'), 0);
  assert.equal(valueAt(r, 'requests', 'new', 'natural_person'), 0);
  assert.equal(valueAt(r, 'requests', 'carried_out', 'other_org'), 0);
  assert.equal(r.requests.rows.new?.total, undefined);
  for (const kind of [
    'reconsideration',
    'litigation_direct',
    'litigation_after_reconsideration',
  ] as const) {
    for (const col of ['upheld', 'corrected', 'other', 'pending', 'total'] as const) {
      assert.equal(valueAt(r, 'appeals', kind, col), 0, `${kind}.${col}`);
    }
  }
});

test('seed: no error, exactly the two template deviations as warnings', () => {
  const findings = checkReport(parsed(seed));
  assert.deepEqual(
    rules(findings),
    ['template.header', 'template.missing-column'],
    explain(findings),
  );
  assert.ok(findings.every((f) => f.severity === 'warning'));
  assert.ok(canPublish(findings));
  const header = findings.find((f) => f.rule === 'template.header')!;
  assert.match(header.message, /本年度止件数/);
  assert.match(header.message, /本年废止件数/);
  assert.equal(header.location.table, 'proactive');
  assert.equal(header.location.column, 'item1.repealed');
  const column = findings.find((f) => f.rule === 'template.missing-column')!;
  assert.equal(column.location.table, 'requests');
  assert.equal(column.location.column, 'total');
  assert.match(column.message, /总计/);
});

test('seed: the checker JSON shape', () => {
  const r = checkPublishedReport(seed);
  assert.ok(r.ok);
  const json = JSON.parse(JSON.stringify(r.json)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json).sort(), [
    'agency',
    'findings',
    'level',
    'sections',
    'tables',
    'template',
    'truncated',
    'year',
  ]);
  assert.equal(json.agency, '常平乡');
  assert.equal(json.year, 2025);
  assert.equal(json.template, '2021');
  const findings = json.findings as {
    rule: string;
    severity: string;
    message: string;
    location: unknown;
  }[];
  assert.deepEqual(Object.keys(findings[0]!).sort(), ['location', 'message', 'rule', 'severity']);
  const tables = json.tables as {
    id: string;
    raw: unknown[];
    rows: { row: string; cells: { raw: string }[] }[];
  }[];
  assert.deepEqual(
    tables.map((t) => t.id),
    ['proactive', 'requests', 'appeals'],
  );
  const requests = tables[1]!;
  assert.equal(requests.rows.length, 25);
  assert.equal(requests.rows[0]!.cells.length, 6, 'no 总计 cell');
  assert.equal(requests.rows[0]!.cells[0]!.raw, '0');
  assert.ok(requests.raw.length >= 28);
  assert.equal(r.publishable, true);
});

test('seed given as rows of cells reads the same', () => {
  const rows = seed.split('\n').map((l) => l.split('\t'));
  const r = parseReport({ rows });
  assert.ok(r.ok);
  assert.deepEqual(rules(checkReport(r.report)), ['template.header', 'template.missing-column']);
});

test('seed with CRLF line ends, a BOM and full-width digits in the tables reads the same', () => {
  const variant = '\uFEFF' + seed.replace(/\n/g, '\r\n').replace(/\t0/g, '\t０');
  const findings = checkReport(parsed(variant));
  assert.deepEqual(
    rules(findings),
    ['template.header', 'template.missing-column'],
    explain(findings),
  );
});
