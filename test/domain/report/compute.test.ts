import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  APPLICANT_TYPES,
  OUTCOME_CODES,
  canPublish,
  cellAt,
  checkReport,
  computeReport,
  processingFeeStatement,
  valueAt,
  withCell,
  type AnnualReport,
  type AppealFact,
  type ReportFacts,
  type RequestFact,
} from '../../../src/domain/report/index.ts';
import { SEED_FILE, explain, fixture, parsed, rules } from './helpers.ts';

function compute(facts: ReportFacts): AnnualReport {
  const r = computeReport(facts);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.report;
}

const ZERO_PROACTIVE = {
  rules: { issued: 0, repealed: 0, inForce: 0 },
  normative: { issued: 0, repealed: 0, inForce: 0 },
  licensing: 0,
  penalty: 0,
  enforcement: 0,
  feesYuan: 0,
};

// A county department with one request per outcome, carry-over in and out, and appeals.
const requests: RequestFact[] = [
  ...OUTCOME_CODES.map((outcome, i): RequestFact => ({
    id: `R${i + 1}`,
    applicantType: APPLICANT_TYPES[i % 6]!,
    receivedDate: '2025-02-03',
    closedDate: '2025-03-03',
    outcome,
  })),
  // 上年结转, closed this year.
  {
    id: 'C1',
    applicantType: 'commercial',
    receivedDate: '2024-12-20',
    closedDate: '2025-01-10',
    outcome: 'disclosed',
  },
  // 上年结转, still open: also 结转下年度.
  { id: 'C2', applicantType: 'natural_person', receivedDate: '2024-11-01' },
  // Closed last year: not in this report.
  {
    id: 'X1',
    applicantType: 'natural_person',
    receivedDate: '2024-12-01',
    closedDate: '2024-12-28',
    outcome: 'disclosed',
  },
  // Received late in the year, open or closed after 12-31: 结转下年度.
  { id: 'N1', applicantType: 'legal_service', receivedDate: '2025-12-25' },
  {
    id: 'N2',
    applicantType: 'natural_person',
    receivedDate: '2025-12-30',
    closedDate: '2026-01-05',
    outcome: 'partially_disclosed',
  },
  // Next year: not in this report.
  { id: 'X2', applicantType: 'natural_person', receivedDate: '2026-01-05' },
];

const appeals: AppealFact[] = [
  {
    id: 'A1',
    kind: 'reconsideration',
    filedDate: '2025-03-10',
    closedDate: '2025-05-10',
    result: 'upheld',
  },
  // Last year's pending case, decided this year.
  {
    id: 'A2',
    kind: 'litigation_direct',
    filedDate: '2024-10-08',
    closedDate: '2025-02-20',
    result: 'corrected',
  },
  { id: 'A3', kind: 'litigation_after_reconsideration', filedDate: '2025-11-03' },
  // Decided last year: not in this report.
  {
    id: 'X3',
    kind: 'reconsideration',
    filedDate: '2024-03-01',
    closedDate: '2024-06-01',
    result: 'other',
  },
];

const departmentFacts: ReportFacts = {
  agency: { name: '某县自然资源局', level: 'department' },
  year: 2025,
  proactive: {
    ...ZERO_PROACTIVE,
    normative: { issued: 2, repealed: 1, inForce: 12 },
    licensing: 182,
    penalty: 10,
    feesYuan: 40_430,
  },
  requests,
  appeals,
  narrative: {
    preamble:
      '本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。',
    overview:
      '（一）主动公开。全年制发行政规范性文件2件，废止行政规范性文件1件，主动公开行政事业性收费项目，全年收取行政事业性收费4.043万元。\n（二）依申请公开。2025年收到政府信息公开申请23件，结转下年度继续办理3件。因政府信息公开引发行政复议1件、行政诉讼2件。',
    problems: '存在问题：依申请公开答复的说理还不够充分。改进情况：组织专题培训。',
    other: processingFeeStatement(2025, 400),
  },
  feeCharged: 400,
  previous: { normativeInForce: 11, requestsCarriedOut: 2 },
};

describe('computed county department report', () => {
  const report = compute(departmentFacts);

  test('table 三: 一 二 三 四 with carry-over in and out', () => {
    assert.equal(valueAt(report, 'requests', 'new', 'total'), 23);
    assert.equal(valueAt(report, 'requests', 'carried_in', 'total'), 2);
    assert.equal(valueAt(report, 'requests', 'closed_total', 'total'), 22);
    assert.equal(valueAt(report, 'requests', 'carried_out', 'total'), 3);
    assert.deepEqual([...cellAt(report, 'requests', 'carried_in', 'total')!.ids].sort(), [
      'C1',
      'C2',
    ]);
    assert.deepEqual([...cellAt(report, 'requests', 'carried_out', 'total')!.ids].sort(), [
      'C2',
      'N1',
      'N2',
    ]);
    assert.deepEqual(cellAt(report, 'requests', 'carried_in', 'commercial')!.ids, ['C1']);
    // Every outcome row has its one request (disclosed also C1).
    for (const [i, code] of OUTCOME_CODES.entries()) {
      const ids = cellAt(report, 'requests', code, 'total')!.ids;
      assert.ok(ids.includes(`R${i + 1}`), code);
      assert.equal(ids.length, code === 'disclosed' ? 2 : 1, code);
    }
    assert.equal(valueAt(report, 'requests', 'withheld.state_secret', 'commercial'), 0);
    assert.equal(valueAt(report, 'requests', 'withheld.state_secret', 'natural_person'), 0);
    assert.equal(valueAt(report, 'requests', 'withheld.state_secret', 'research'), 1);
  });

  test('table 四 and table 二', () => {
    assert.equal(valueAt(report, 'appeals', 'reconsideration', 'upheld'), 1);
    assert.equal(valueAt(report, 'appeals', 'reconsideration', 'total'), 1);
    assert.equal(valueAt(report, 'appeals', 'litigation_direct', 'corrected'), 1);
    assert.equal(valueAt(report, 'appeals', 'litigation_after_reconsideration', 'pending'), 1);
    assert.deepEqual(cellAt(report, 'appeals', 'litigation_direct', 'total')!.ids, ['A2']);
    assert.equal(valueAt(report, 'proactive', 'fees', 'amount'), 4.043);
    assert.equal(valueAt(report, 'proactive', 'licensing', 'decisions'), 182);
  });

  test('every check passes', () => {
    const findings = checkReport(report);
    assert.deepEqual(findings, [], explain(findings));
    assert.ok(canPublish(findings));
  });

  test('one edited cell breaks the balance and the row total (errors, not publishable)', () => {
    const edited = withCell(report, 'requests', 'new', 'natural_person', 6);
    const findings = checkReport(edited);
    assert.deepEqual(
      rules(findings),
      ['requests.balance', 'requests.total-row'],
      explain(findings),
    );
    assert.ok(findings.every((f) => f.severity === 'error'));
    assert.equal(canPublish(findings), false);
    const balance = findings.find((f) => f.rule === 'requests.balance')!;
    assert.equal(balance.location.column, 'natural_person');
    assert.ok(balance.ids && balance.ids.includes('R1'), 'drill-down ids');
  });

  test('an edited outcome cell breaks the column total; an edited appeal total breaks table 四', () => {
    const a = checkReport(withCell(report, 'requests', 'closed_total', 'research', 9));
    assert.ok(
      a.some((f) => f.rule === 'requests.total-column' && f.location.column === 'research'),
      explain(a),
    );
    assert.ok(a.some((f) => f.rule === 'requests.balance'));
    assert.equal(canPublish(a), false);
    const b = checkReport(withCell(report, 'appeals', 'litigation_direct', 'total', 3));
    assert.ok(
      b.some((f) => f.rule === 'appeals.total' && f.severity === 'error'),
      explain(b),
    );
    // The narrative's 行政诉讼2件 now contradicts the table too.
    assert.ok(b.some((f) => f.rule === 'narrative.table-mismatch'));
    assert.equal(canPublish(b), false);
  });

  test('continuity with last year: in-force and carry-over', () => {
    const r = compute({
      ...departmentFacts,
      previous: { normativeInForce: 9, requestsCarriedOut: 5 },
    });
    const f = checkReport(r);
    assert.deepEqual(rules(f), ['continuity.carry-over', 'continuity.in-force'], explain(f));
    assert.ok(f.every((x) => x.severity === 'warning'));
  });

  test('prose contradicting the tables and a missing fee statement', () => {
    const r = compute({
      ...departmentFacts,
      feeCharged: 0,
      narrative: {
        ...departmentFacts.narrative,
        overview: '（一）主动公开。略。\n（二）依申请公开。本年度未收到政府信息公开申请。',
        other: '无。',
      },
    });
    const f = checkReport(r);
    assert.deepEqual(rules(f), ['fees.statement-missing', 'narrative.table-mismatch'], explain(f));
    const fee = compute({ ...departmentFacts, feeCharged: 0 });
    const g = checkReport(fee);
    assert.deepEqual(rules(g), ['narrative.table-mismatch'], explain(g));
    assert.match(g[0]!.message, /信息处理费400元/);
  });
});

describe('computed 常平乡 2025 report with all-zero facts and the seed narrative', () => {
  const seed = parsed(fixture(SEED_FILE));
  const text = (key: string): string => seed.sections.find((s) => s.key === key)!.text;
  const facts: ReportFacts = {
    agency: { name: '常平乡', level: 'township' },
    year: 2025,
    proactive: ZERO_PROACTIVE,
    requests: [],
    appeals: [],
    narrative: { overview: text('overview'), problems: text('problems'), other: text('other') },
    feeCharged: 0,
  };

  test('passes every check', () => {
    const report = compute(facts);
    assert.equal(report.title, '常平乡2025年政府信息公开工作年度报告');
    for (const col of ['natural_person', 'total'] as const) {
      assert.equal(valueAt(report, 'requests', 'new', col), 0);
      assert.equal(valueAt(report, 'requests', 'carried_out', col), 0);
    }
    const findings = checkReport(report);
    assert.deepEqual(findings, [], explain(findings));
  });

  test('a township reporting 规章 is an error', () => {
    const report = compute({
      ...facts,
      proactive: { ...ZERO_PROACTIVE, rules: { issued: 0, repealed: 0, inForce: 6 } },
    });
    const f = checkReport(report);
    assert.deepEqual(rules(f), ['level.rule-making'], explain(f));
    assert.equal(canPublish(f), false);
  });

  test('a request means the prose "未收到…申请" is contradicted', () => {
    const report = compute({
      ...facts,
      requests: [{ id: 'Q1', applicantType: 'natural_person', receivedDate: '2025-06-01' }],
    });
    const f = checkReport(report);
    assert.deepEqual(rules(f), ['narrative.table-mismatch'], explain(f));
    assert.equal(valueAt(report, 'requests', 'carried_out', 'total'), 1);
  });

  test('an empty 总体情况 is an error', () => {
    const f = checkReport(compute({ ...facts, narrative: { ...facts.narrative, overview: '' } }));
    assert.deepEqual(rules(f), ['structure.empty-section'], explain(f));
  });
});

test('invalid facts give Chinese errors', () => {
  const r = computeReport({
    agency: { name: ' ', level: 'township' },
    year: 2025.5,
    proactive: { ...ZERO_PROACTIVE, licensing: -1 },
    requests: [
      { id: 'A', applicantType: 'natural_person', receivedDate: '2025-02-30' },
      {
        id: 'A',
        applicantType: 'natural_person',
        receivedDate: '2025-02-01',
        closedDate: '2025-01-01',
        outcome: 'disclosed',
      },
      {
        id: 'B',
        applicantType: 'natural_person',
        receivedDate: '2025-02-01',
        closedDate: '2025-03-01',
      },
      {
        id: 'C',
        applicantType: 'alien' as never,
        receivedDate: '2025-02-01',
        outcome: 'bogus' as never,
      },
    ],
    appeals: [
      { id: 'P', kind: 'reconsideration', filedDate: '2025-01-01', closedDate: '2025-02-01' },
    ],
    narrative: { overview: '', problems: '', other: '' },
    feeCharged: -5,
  });
  assert.equal(r.ok, false);
  const errors = r.ok ? [] : r.errors;
  for (const needle of [
    '报告年度',
    '机关名称',
    '行政许可',
    '信息处理费',
    '“A”重复',
    '2025-02-30',
    '早于收到日期',
    '“B”已办结但没有办理结果',
    '申请人类型',
    '“bogus”无效',
    '没有有效的审理结果',
  ]) {
    assert.ok(
      errors.some((e) => e.includes(needle)),
      `${needle}\n${errors.join('\n')}`,
    );
  }
});
