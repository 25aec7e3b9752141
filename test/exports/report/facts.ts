/**
 * Report facts for the export tests, copied from test/domain/report/compute.test.ts: a county
 * department with one request per outcome, carry-over and appeals, and 常平乡 2025 with all-zero
 * figures and the narrative of the real published report.
 */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

import {
  APPLICANT_TYPES,
  OUTCOME_CODES,
  computeReport,
  parseReport,
  processingFeeStatement,
  type AnnualReport,
  type AppealFact,
  type ReportFacts,
  type RequestFact,
} from '../../../src/domain/report/index.ts';

export function compute(facts: ReportFacts): AnnualReport {
  const r = computeReport(facts);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.report;
}

export const ZERO_PROACTIVE = {
  rules: { issued: 0, repealed: 0, inForce: 0 },
  normative: { issued: 0, repealed: 0, inForce: 0 },
  licensing: 0,
  penalty: 0,
  enforcement: 0,
  feesYuan: 0,
};

const requests: RequestFact[] = [
  ...OUTCOME_CODES.map((outcome, i): RequestFact => ({
    id: `R${i + 1}`,
    applicantType: APPLICANT_TYPES[i % 6]!,
    receivedDate: '2025-02-03',
    closedDate: '2025-03-03',
    outcome,
  })),
  {
    id: 'C1',
    applicantType: 'commercial',
    receivedDate: '2024-12-20',
    closedDate: '2025-01-10',
    outcome: 'disclosed',
  },
  { id: 'C2', applicantType: 'natural_person', receivedDate: '2024-11-01' },
  {
    id: 'X1',
    applicantType: 'natural_person',
    receivedDate: '2024-12-01',
    closedDate: '2024-12-28',
    outcome: 'disclosed',
  },
  { id: 'N1', applicantType: 'legal_service', receivedDate: '2025-12-25' },
  {
    id: 'N2',
    applicantType: 'natural_person',
    receivedDate: '2025-12-30',
    closedDate: '2026-01-05',
    outcome: 'partially_disclosed',
  },
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
  {
    id: 'A2',
    kind: 'litigation_direct',
    filedDate: '2024-10-08',
    closedDate: '2025-02-20',
    result: 'corrected',
  },
  { id: 'A3', kind: 'litigation_after_reconsideration', filedDate: '2025-11-03' },
  {
    id: 'X3',
    kind: 'reconsideration',
    filedDate: '2024-03-01',
    closedDate: '2024-06-01',
    result: 'other',
  },
];

export const departmentFacts: ReportFacts = {
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

export const SEED_TEXT = readFileSync(
  new URL('../../fixtures/reports/changping-township-2025-annual-report.txt', import.meta.url),
  'utf8',
);

/** 常平乡 2025: all-zero facts with the narrative of the published seed report. */
export function changpingFacts(): ReportFacts {
  const seed = parseReport(SEED_TEXT);
  assert.ok(seed.ok);
  const text = (key: string): string => seed.report.sections.find((s) => s.key === key)!.text;
  return {
    agency: { name: '常平乡', level: 'township' },
    year: 2025,
    proactive: ZERO_PROACTIVE,
    requests: [],
    appeals: [],
    narrative: { overview: text('overview'), problems: text('problems'), other: text('other') },
    feeCharged: 0,
  };
}
