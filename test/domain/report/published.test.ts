/**
 * One test per published excerpt in test/fixtures/reports (copies of /work/shared/reports).
 * Expectations written by hand from reading each file and README.md's notes: every excerpt is
 * cut off (structure.truncated), plus the defects visible in the part present.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  canPublish,
  checkReport,
  valueAt,
  type AnnualReport,
  type Finding,
} from '../../../src/domain/report/index.ts';
import { excerptFiles, explain, fixture, parsed, rules } from './helpers.ts';

interface Expectation {
  agency?: string;
  year: number;
  level?: 'township' | 'department';
  /** Rule ids besides structure.truncated, sorted. */
  findings: string[];
  more?: (r: AnnualReport, f: readonly Finding[]) => void;
}

const one = (f: readonly Finding[], rule: string): Finding => {
  const hits = f.filter((x) => x.rule === rule);
  assert.equal(hits.length, 1, rule);
  return hits[0]!;
};

const EXPECTED: Record<string, Expectation> = {
  '01_guanzhoujiedao_haizhu_2023.txt': {
    agency: '官洲街道办事处',
    year: 2023,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.equal(valueAt(r, 'proactive', 'penalty', 'decisions'), 1472);
      assert.equal(valueAt(r, 'requests', 'new', 'natural_person'), 1);
      assert.equal(valueAt(r, 'requests', 'new', 'total'), 1);
      // The last row is cut after six cells: its 总计 is missing, not blank.
      assert.equal(valueAt(r, 'requests', 'withheld.process_information', 'other_org'), 0);
      assert.equal(r.requests.rows['withheld.process_information']?.total, undefined);
      assert.equal(r.requests.cut, true);
    },
  },
  '03_donghujiedao_yuecheng_2023.txt': {
    agency: '绍兴市越城区东湖街道',
    year: 2023,
    level: 'township',
    // "本年(2023)制发件数", "本年(2023)废止件数", row "规范性文件".
    findings: ['template.header', 'template.header', 'template.header'],
    more: (r, f) => {
      const headers = f
        .filter((x) => x.rule === 'template.header')
        .map((x) => x.message)
        .join('\n');
      assert.match(headers, /本年\(2023\)制发件数/);
      assert.match(headers, /本年\(2023\)废止件数/);
      assert.match(headers, /“规范性文件”.*“行政规范性文件”/);
      // 0/1/0: last year must have had 1 in force; not provable from one year.
      assert.equal(valueAt(r, 'proactive', 'normative', 'repealed'), 1);
      assert.equal(valueAt(r, 'proactive', 'normative', 'inForce'), 0);
    },
  },
  '05_changhejiedao_binjiang_2023.txt': {
    agency: '杭州市滨江区人民政府长河街道办事处',
    year: 2023,
    level: 'township',
    findings: [],
  },
  '07_jianzhanglujiedao_xixian_2022.txt': {
    agency: '建章路街道',
    year: 2022,
    level: 'township',
    findings: [],
  },
  '09_zhongcunxiang_kaihua_2023.txt': {
    agency: '开化县中村乡人民政府',
    year: 2023,
    level: 'township',
    // The 2019 notice's title given with the 2021 number.
    findings: ['citation.format'],
    more: (_r, f) => assert.match(one(f, 'citation.format').message, /有关事项的通知/),
  },
  '11_xixiaxiang_yongjia_2023.txt': {
    year: 2023,
    level: 'township',
    findings: [],
    more: (r) => assert.match(r.sections[0]!.text, /^本年度报告根据/),
  },
  '13_duifangxiang_ningdu_2023.txt': {
    agency: '对坊乡',
    year: 2023,
    level: 'township',
    // "自20231月1日起至202312月31日止".
    findings: ['period.statistics'],
    more: (_r, f) => assert.match(one(f, 'period.statistics').message, /20231月1日/),
  },
  '15_unnamedxiang_wuyi_2023.txt': {
    year: 2023,
    level: 'township',
    // "国办发〔2021〕30号"; heading "一、2023年政务公开总体情况"; the outline's "其他报告事项".
    findings: ['citation.format', 'structure.heading', 'structure.outline'],
    more: (_r, f) => {
      assert.match(one(f, 'citation.format').message, /国办发〔2021〕30号/);
      assert.match(one(f, 'structure.heading').message, /2023年政务公开总体情况/);
      assert.match(one(f, 'structure.outline').message, /其他报告事项/);
    },
  },
  '17_taipingzhen_xixian_2022.txt': {
    agency: '太平镇人民政府',
    year: 2022,
    level: 'township',
    // Cites only the 2019 notice (60号) for a 2022 report in the 2021 tables.
    findings: ['citation.format'],
    more: (_r, f) => assert.match(one(f, 'citation.format').message, /60号/),
  },
  '19_hudongzhen_lufeng_2025.txt': {
    agency: '湖东镇',
    year: 2025,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.equal(valueAt(r, 'proactive', 'licensing', 'decisions'), 349);
      assert.equal(valueAt(r, 'proactive', 'penalty', 'decisions'), 12);
    },
  },
  '21_xisizhen_haicheng_2025.txt': {
    agency: '海城市西四镇',
    year: 2025,
    level: 'township',
    // "现行有效的规范性文件。": the number is missing.
    findings: ['text.placeholder'],
    more: (r, f) => {
      assert.match(one(f, 'text.placeholder').message, /缺少数字/);
      assert.equal(valueAt(r, 'proactive', 'normative', 'inForce'), 0);
    },
  },
  '23_meizizhen_ningshan_2024.txt': {
    agency: '宁陕县梅子镇人民政府',
    year: 2024,
    level: 'township',
    // "根据贵办《……》": the cover letter to the superior published as the report.
    findings: ['text.cover-letter'],
  },
  '25_yonganzhen_tuquan_2024.txt': {
    agency: '永安镇人民政府',
    year: 2024,
    level: 'township',
    // "全文包括 中华人民共和国政府信息公开工作年度报告格式>永安镇……".
    findings: ['text.placeholder'],
    more: (_r, f) => assert.match(one(f, 'text.placeholder').message, /网页标记/),
  },
  '27_jintunzhen_jiaxiang_2024.txt': {
    agency: '金屯镇人民政府',
    year: 2024,
    level: 'township',
    // "2024共收到".
    findings: ['text.year-typo'],
  },
  '29_longgang_qubumen_2024.txt': {
    year: 2024,
    findings: [],
    more: (r) => {
      const row = (key: string): (number | undefined)[] =>
        [
          'natural_person',
          'commercial',
          'research',
          'public_interest',
          'legal_service',
          'other_org',
          'total',
        ].map((c) => valueAt(r, 'requests', key, c));
      assert.deepEqual(row('new'), [58, 7, 0, 0, 1, 0, 66]);
      assert.deepEqual(row('carried_in'), [2, 0, 0, 0, 0, 0, 2]);
      assert.deepEqual(row('disclosed'), [2, 1, 0, 0, 0, 0, 3]);
      assert.deepEqual(row('partially_disclosed'), [16, 1, 0, 0, 0, 0, 17]);
      assert.deepEqual(row('withheld.internal_affairs'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(row('withheld.law_enforcement_file'), [0, 0, 0, 0, 0, 0, undefined]);
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [5, 1, 25],
      );
    },
  },
  '31_lunanjiedao_luqiao_2024.txt': {
    agency: '路南街道',
    year: 2024,
    level: 'township',
    // Phone "057********58".
    findings: ['text.placeholder'],
    more: (_r, f) => assert.match(one(f, 'text.placeholder').message, /057\*+58/),
  },
  '33_dongtingjiedao_xishan_2024.txt': {
    agency: '东亭街道',
    year: 2024,
    level: 'township',
    // "- 政府信息管理情况": the sub-heading lost its (三).
    findings: ['structure.subheading'],
  },
  '35_linyouxian_ziranziyuanju_2023.txt': {
    agency: '麟游县自然资源局',
    year: 2023,
    level: 'department',
    findings: [],
  },
  '37_dazhuxian_ziranziyuanju_2023.txt': {
    agency: '大竹县自然资源局',
    year: 2023,
    level: 'department',
    // Table 二 without its heading; "374余条".
    findings: ['structure.heading', 'text.approximate-count'],
    more: (r, f) => {
      assert.match(one(f, 'structure.heading').message, /缺少标题/);
      assert.equal(one(f, 'structure.heading').location.section, 'proactive');
      assert.equal(r.proactive.present, true);
      // "规 章⇥0⇥0": read despite the space; the cut third cell is missing, not blank.
      assert.equal(valueAt(r, 'proactive', 'rules', 'repealed'), 0);
      assert.equal(r.proactive.rows.rules?.inForce, undefined);
    },
  },
  '39_dongyangshi_ziranziyuanheguihuaju_2023.txt': {
    // From the table caption "单位: 东阳市自然资源和规划局 2023年度".
    agency: '东阳市自然资源和规划局',
    year: 2023,
    level: 'department',
    findings: [],
  },
  '41_abagaqi_ziranziyuanju_2023.txt': {
    agency: '阿巴嘎旗自然资源局',
    year: 2023,
    level: 'department',
    findings: [],
    more: (r) => {
      assert.equal(valueAt(r, 'proactive', 'licensing', 'decisions'), 182);
      assert.equal(valueAt(r, 'proactive', 'penalty', 'decisions'), 10);
      assert.equal(valueAt(r, 'proactive', 'fees', 'amount'), 18.871);
      assert.equal(r.proactive.rows.fees?.amount?.raw, '18.8710');
    },
  },
  '43_xinjiuzhen_yanbian_2021.txt': {
    agency: '盐边县新九镇人民政府',
    year: 2021,
    level: 'township',
    // Header "现行有效件".
    findings: ['template.header'],
    more: (_r, f) => assert.match(one(f, 'template.header').message, /“现行有效件”/),
  },
  '45_yixingzhen_jiange_2021.txt': {
    agency: '剑阁县义兴镇人民政府',
    year: 2021,
    level: 'township',
    // "全文包括概述、……、载体建设情况等": the pre-2019 outline.
    findings: ['template.outdated'],
  },
  '47_xinqiaozhen_luqiao_2021.txt': {
    year: 2021,
    level: 'township',
    // "246余条".
    findings: ['text.approximate-count'],
  },
};

describe('published excerpts', () => {
  test('every excerpt in the folder has an expectation', () => {
    assert.deepEqual(excerptFiles(), Object.keys(EXPECTED).sort());
  });

  for (const [file, e] of Object.entries(EXPECTED)) {
    test(file, () => {
      const r = parsed(fixture(file));
      const f = checkReport(r);
      assert.equal(r.truncated, true);
      assert.deepEqual(rules(f), [...e.findings, 'structure.truncated'].sort(), explain(f));
      assert.equal(canPublish(f), false);
      assert.equal(r.year, e.year);
      if (e.agency) assert.equal(r.agency.name, e.agency);
      if (e.level) assert.equal(r.agency.level, e.level);
      // A cut-off text is not reported as missing the sections after the cut.
      assert.ok(!f.some((x) => x.rule === 'structure.missing-section'), explain(f));
      e.more?.(r, f);
    });
  }
});
