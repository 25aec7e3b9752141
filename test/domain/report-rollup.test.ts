/**
 * The pure roll-up (汇总): each cell of tables 二, 三 and 四 equals a sum computed here, cell by
 * cell, from the members' reports; a missing member adds nothing and is marked; a member whose
 * figures break a cross-check is listed with its finding and still summed; the sum is checked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  APPLICANT_TYPES,
  OUTCOME_CODES,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  ROLLUP_CELLS,
  computeReport,
  rollUp,
  valueAt,
  withCell,
  type AnnualReport,
  type ReportFacts,
  type RequestFact,
} from '../../src/domain/report/index.ts';

/** A member's report from facts: `seed` varies its requests, appeals and section 二. */
function member(name: string, level: 'department' | 'township', seed: number): AnnualReport {
  const requests: RequestFact[] = OUTCOME_CODES.slice(0, 3 + seed).map((outcome, i) => ({
    id: `R${seed}-${i}`,
    applicantType: APPLICANT_TYPES[(i + seed) % APPLICANT_TYPES.length]!,
    receivedDate: '2025-03-01',
    closedDate: '2025-03-20',
    outcome,
  }));
  requests.push({ id: `O${seed}`, applicantType: 'natural_person', receivedDate: '2025-12-20' });
  const facts: ReportFacts = {
    agency: { name, level },
    year: 2025,
    proactive: {
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normative: { issued: seed, repealed: 0, inForce: 3 * seed },
      licensing: 10 * seed + 1,
      penalty: seed,
      enforcement: 0,
      feesYuan: 1234.56 * seed,
    },
    requests,
    appeals: [{ id: `A${seed}`, kind: seed % 2 ? 'reconsideration' : 'litigation_direct', filedDate: '2025-05-01', ...(seed > 1 ? { closedDate: '2025-08-01', result: 'upheld' as const } : {}) }],
    narrative: { overview: '概述', problems: '问题', other: '其他' },
    feeCharged: 0,
  };
  const r = computeReport(facts);
  assert.ok(r.ok);
  return r.report;
}

describe('annual report roll-up', () => {
  const a = member('甲局', 'department', 1);
  const b = member('乙镇', 'township', 2);
  const c = member('丙乡', 'township', 3);

  test('every cell of the sum equals the cell-by-cell sum of the published members', () => {
    const result = rollUp({ name: '某县', level: 'county', year: 2025, members: [{ id: 1, name: '甲局', report: a }, { id: 2, name: '乙镇', report: b }, { id: 3, name: '丙乡', report: c }, { id: 4, name: '丁乡', report: null }] });
    // The cells, listed from the taxonomy here rather than from ROLLUP_CELLS.
    const cells: [string, string, string][] = [
      ...(['rules', 'normative'] as const).flatMap((r) => (['issued', 'repealed', 'inForce'] as const).map((col): [string, string, string] => ['proactive', r, col])),
      ['proactive', 'licensing', 'decisions'],
      ['proactive', 'penalty', 'decisions'],
      ['proactive', 'enforcement', 'decisions'],
      ['proactive', 'fees', 'amount'],
      ...REQUEST_ROWS.flatMap((r) => REQUEST_COLUMNS.map((col): [string, string, string] => ['requests', r, col])),
      ...APPEAL_KINDS.flatMap((k) => APPEAL_COLUMNS.map((col): [string, string, string] => ['appeals', k, col])),
    ];
    assert.equal(cells.length, ROLLUP_CELLS.length);
    let nonZero = 0;
    for (const [t, r, col] of cells) {
      const expected = [a, b, c].reduce((s, rep) => s + (valueAt(rep, t as 'requests', r, col) ?? 0), 0);
      const got = valueAt(result.sum, t as 'requests', r, col);
      if (col === 'amount') assert.ok(Math.abs(got! - expected) < 1e-9, `${t}.${r}.${col}`);
      else assert.equal(got, expected, `${t}.${r}.${col}`);
      if (expected) nonZero++;
    }
    assert.ok(nonZero > 20, 'the members differ, so the sum is not trivially zero');
    assert.equal(valueAt(result.sum, 'proactive', 'licensing', 'decisions'), 11 + 21 + 31);
    assert.equal(valueAt(result.sum, 'proactive', 'fees', 'amount'), 0.740736);
    // Drill-down: each member's figure per cell.
    assert.deepEqual(result.members.map((m) => m.figures['proactive.licensing.decisions']), [11, 21, 31, undefined]);
    assert.deepEqual(result.members.map((m) => m.missing), [false, false, false, true]);
    assert.deepEqual(result.sumFindings, []);
    assert.ok(result.members.every((m) => m.findings.length === 0));
  });

  test('a member breaking a cross-check is listed and summed; the sum shows the same break', () => {
    const broken = withCell(b, 'requests', 'new', 'total', (valueAt(b, 'requests', 'new', 'total') ?? 0) + 5);
    const result = rollUp({ name: '某县', level: 'county', year: 2025, members: [{ id: 1, name: '甲局', report: a }, { id: 2, name: '乙镇', report: broken }] });
    const listed = result.members.filter((m) => m.findings.some((f) => f.severity === 'error'));
    assert.deepEqual(listed.map((m) => m.name), ['乙镇']);
    assert.ok(listed[0]!.findings.some((f) => f.rule === 'requests.total-row'), JSON.stringify(listed[0]!.findings));
    assert.equal(valueAt(result.sum, 'requests', 'new', 'total'), (valueAt(a, 'requests', 'new', 'total') ?? 0) + (valueAt(broken, 'requests', 'new', 'total') ?? 0));
    assert.ok(result.sumFindings.some((f) => f.rule === 'requests.total-row'));
  });

  test('a township reporting 规章 is listed by the level rule; a blank cell is listed and adds nothing', () => {
    const ruled = withCell(c, 'proactive', 'rules', 'inForce', 2);
    const blank = withCell(a, 'proactive', 'penalty', 'decisions', null);
    const result = rollUp({ name: '某县', level: 'county', year: 2025, members: [{ id: 1, name: '甲局', report: blank }, { id: 3, name: '丙乡', report: ruled }] });
    assert.ok(result.members[1]!.findings.some((f) => f.rule === 'level.rule-making'));
    assert.ok(result.members[0]!.findings.some((f) => f.rule === 'cells.blank'));
    assert.equal(result.members[0]!.figures['proactive.penalty.decisions'], null);
    assert.equal(valueAt(result.sum, 'proactive', 'penalty', 'decisions'), 3);
  });

  test('with no published member the sum is all zero and every member is missing', () => {
    const result = rollUp({ name: '某县', level: 'county', year: 2025, members: [{ id: 4, name: '丁乡', report: null }] });
    assert.ok(ROLLUP_CELLS.every((c) => valueAt(result.sum, c.table, c.row, c.column) === 0));
    assert.deepEqual(result.sumFindings, []);
    assert.equal(result.sum.title, '某县2025年政府信息公开工作年度报告汇总');
  });
});
