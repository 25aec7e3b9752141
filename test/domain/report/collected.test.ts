/**
 * Real reports collected from agencies' sites (test/fixtures/reports/collected, sources in its
 * README), in the layouts they were published in. Expectations written by hand from reading
 * each file: every excerpt is an opening (structure.truncated), plus what a careful reader sees.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkPublishedReport, valueAt } from '../../../src/domain/report/index.ts';
import { explain, rules } from './helpers.ts';
import { FOURTH_ROUND } from './collected-fourth.ts';
import { THIRD_ROUND } from './collected-third.ts';
import { message, NORMATIVE, ZEROS, type Expectation } from './collected-helpers.ts';

const DIR = new URL('../../fixtures/reports/collected/', import.meta.url);

const EXPECTED: Record<string, Expectation> = {
  ...THIRD_ROUND,
  ...FOURTH_ROUND,
  // One cell per line, each ending in " |"; merged cells as lines of pipes.
  'c01_lianshengxiang_suibin_2024.txt': {
    agency: '连生乡人民政府',
    year: 2024,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.deepEqual(NORMATIVE(r), [0, 0, 0]);
      // Header cells one per line are read as the header row.
      const keys = r.proactive.labels.map((l) => l.key);
      for (const k of ['item1.issued', 'item1.repealed', 'item1.inForce'])
        assert.ok(keys.includes(k), k);
    },
  },
  // One cell per line, "|" lines between cells; "商业/企业" broken; a 镇 with 6 规章 in force.
  'c02_unnamedzhen_xjnlk_2023.txt': {
    agency: null,
    year: 2023,
    level: 'township',
    findings: ['level.rule-making'],
    more: (r) => {
      assert.equal(valueAt(r, 'proactive', 'rules', 'inForce'), 6);
      assert.deepEqual(ZEROS(r, 'new'), [0, 0, 0, 0, 0, 0, 0]);
      assert.deepEqual(ZEROS(r, 'withheld.internal_affairs'), [0, 0, 0, 0, 0, 0, 0]);
    },
  },
  // Spam mirror with injected text; pipe rows; prose says 0 规范性文件 against 4/0/32; "12月31止".
  'c03_xiliuzhen_haicheng_mirror_2023.txt': {
    agency: '西柳镇人民政府',
    year: 2023,
    level: 'township',
    findings: ['narrative.table-mismatch', 'narrative.table-mismatch', 'period.statistics'],
    more: (r, f) => {
      assert.equal(valueAt(r, 'proactive', 'normative', 'inForce'), 32);
      assert.match(message(f, 'period.statistics'), /12月31止/);
    },
  },
  // Web page: site header, "来源 时间" line, a damaged title, blank-line cells, "现行有效件".
  'c04_qijiazizhen_changtu_2023.txt': {
    agency: '昌图县七家子镇',
    year: 2023,
    level: 'township',
    publishedOn: '2024-01-31',
    findings: ['structure.title', 'template.header'],
    more: (r, f) => {
      assert.equal(valueAt(r, 'proactive', 'penalty', 'decisions'), 30);
      assert.match(message(f, 'template.header'), /“现行有效件”/);
      assert.deepEqual(ZEROS(r, 'carried_in'), [0, 0, 0, 0, 0, 0, 0]);
    },
  },
  // The whole report is one paragraph.
  'c05_xieqiaozhen_haining_2023.txt': {
    agency: '斜桥镇人民政府',
    year: 2023,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.deepEqual(
        r.sections.map((s) => s.key),
        ['overview', 'proactive'],
      );
      assert.match(r.sections[0]!.text, /共收到政府信息公开申请7件/);
    },
  },
  // One paragraph; "382条，包括…微信公众号2443条".
  'c06_xintianzhen_lintao_2022.txt': {
    agency: '临洮县新添镇',
    year: 2022,
    level: 'township',
    findings: ['narrative.part-exceeds-whole'],
    more: (_r, f) => assert.match(message(f, 'narrative.part-exceeds-whole'), /382条.*2443条/),
  },
  // Page chrome; "2025111231日"; a fifth part that is not the format's.
  'c07_xingguozhen_qinan_2025.txt': {
    agency: '兴国镇人民政府',
    year: 2025,
    level: 'township',
    publishedOn: '2026-01-20',
    findings: ['period.statistics', 'structure.outline'],
    more: (_r, f) =>
      assert.match(message(f, 'structure.outline'), /第五部分应为“存在的主要问题及改进情况”/),
  },
  // Breadcrumb with ">" (not markup debris), "20241月1日".
  'c08_mutaxiang_dongzhi_2024.txt': {
    agency: '木塔乡人民政府',
    year: 2024,
    level: 'township',
    publishedOn: '2025-01-20',
    findings: ['period.statistics'],
  },
  // "国办公开办涵〔2021〕30号"; title over two lines.
  'c09_qianjinjiejiedao_xingqing_2024.txt': {
    agency: '兴庆区前进街街道办事处',
    year: 2024,
    level: 'township',
    findings: ['citation.garbled'],
    more: (_r, f) => assert.match(message(f, 'citation.garbled'), /国办公开办涵/),
  },
  // Breadcrumb; the outline's last part garbled ("其进他需要报告的事项").
  'c10_dongfenglujiedao_daye_2024.txt': {
    agency: '东风路街道',
    year: 2024,
    level: 'township',
    publishedOn: '2025-01-16',
    findings: ['structure.outline'],
    more: (_r, f) => assert.match(message(f, 'structure.outline'), /其进他/),
  },
  // A metadata table in pipes above the text; "内容1条，包括…1条，以及…2条".
  'c11_beijiejiedao_ganzhou_2025.txt': {
    agency: '北街街道',
    year: 2025,
    level: 'township',
    publishedOn: '2026-01-23',
    findings: ['narrative.part-exceeds-whole'],
  },
  // "|" lines start rows, cells end in " |"; altered header; 规章 现行有效 left blank.
  'c12_hanyangqu_zhengfubangongshi_2022.txt': {
    agency: null,
    year: 2022,
    level: 'department',
    findings: ['cells.blank', 'template.header'],
    more: (r, f) => {
      assert.match(message(f, 'template.header'), /历史累计/);
      assert.deepEqual(NORMATIVE(r), [5, 12, 8]);
      assert.deepEqual(ZEROS(r, 'new'), [8, 0, 0, 0, 0, 0, 8]);
    },
  },
  // Title on two lines, the office is the agency; cites only the 2019 notice.
  'c13_gaopingshi_zhengfubangongshi_2022.txt': {
    agency: '高平市人民政府办公室',
    year: 2022,
    level: 'department',
    findings: ['citation.format'],
  },
  // Traditional script (mirror), pipe rows, table 三's header cut after "商".
  'c14_beipozhen_suixi_traditional_2022.txt': {
    agency: '北坡镇',
    year: 2022,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.equal(valueAt(r, 'proactive', 'penalty', 'decisions'), 4);
      assert.equal(valueAt(r, 'proactive', 'fees', 'amount'), 190.457379);
    },
  },
  // Sub-items of section 一 numbered "1." are not section headings.
  'c15_chengguanzhen_longxian_2023.txt': {
    agency: '陇县城关镇人民政府',
    year: 2023,
    level: 'township',
    findings: [],
    more: (r) =>
      assert.deepEqual(
        r.sections.map((s) => s.key),
        ['overview'],
      ),
  },
  // "162条。其中……293篇".
  'c16_dapoxiang_rongan_2024.txt': {
    agency: '大坡乡人民政府',
    year: 2024,
    level: 'township',
    findings: ['narrative.part-exceeds-whole'],
  },
  'c17_erlangjiedao_jiulongpo_2022.txt': {
    agency: '重庆市九龙坡区二郎街道办事处',
    year: 2022,
    level: 'township',
    findings: [],
    more: (r) => assert.equal(valueAt(r, 'proactive', 'normative', 'inForce'), 4),
  },
  'c18_shenjiju_yangling_2022.txt': {
    agency: null,
    year: 2022,
    level: 'department',
    findings: [],
  },
  // Page chrome; "273余项".
  'c19_changxingdaojiedao_dalian_2022.txt': {
    agency: '大连长兴岛经济技术开发区长兴岛街道',
    year: 2022,
    level: 'township',
    publishedOn: '2023-01-17',
    findings: ['text.approximate-count'],
  },
  // The 2019 试行 table, with no number filled in anywhere.
  'c20_xizhen_jiaxian_2022.txt': {
    agency: '螅镇',
    year: 2022,
    level: 'township',
    publishedOn: '2023-01-31',
    findings: ['cells.blank', 'template.outdated'],
  },
  // "现行有效件"; "截至2021年底" in the 2022 report.
  'c21_yuyangzhen_qianjiang_2022.txt': {
    agency: '渔洋镇',
    year: 2022,
    level: 'township',
    publishedOn: '2023-01-16',
    findings: ['template.header', 'text.stale-year'],
  },
  // "| " lines and cells ending in "  |".
  'c22_unnamedzhen_cqsdj_2022.txt': {
    agency: null,
    year: 2022,
    level: 'township',
    findings: [],
    more: (r) => assert.equal(valueAt(r, 'proactive', 'licensing', 'decisions'), 0),
  },
  'c23_dongjiejiedao_ganzhou_2023.txt': {
    agency: '东街街道',
    year: 2023,
    level: 'township',
    publishedOn: '2024-01-26',
    findings: [],
  },
  // Added with issue 13's subordinates work: eleven more, read before any rule was changed.
  // "共受理政府信息公开申请2件" against 3 new requests in table 三; the agency is only "我局".
  'c24_tiyuju_changchun_2023.txt': {
    agency: null,
    year: 2023,
    level: 'department',
    findings: ['narrative.table-mismatch'],
    more: (_r, f) => assert.match(message(f, 'narrative.table-mismatch'), /申请2件.*为3/),
  },
  // "六部分" with five listed (复议诉讼 left out); "/" for 规章; blank cells with a 总计 of 0.
  'c25_tongjiju_unnamedqu_2023.txt': {
    agency: '区统计局',
    year: 2023,
    level: 'department',
    // Blank cells in three rows of 表三 are one finding for the table.
    findings: ['cells.blank', 'cells.dash', 'structure.outline'],
    more: (_r, f) => assert.match(message(f, 'structure.outline'), /称由6部分组成，实际列出5部分/),
  },
  // 1 of 80 items is 1.25 %, written "占比1.1%" (the other five shares are right).
  'c26_yuancunxiang_gaoping_2024.txt': {
    agency: '原村乡',
    year: 2024,
    level: 'township',
    findings: ['narrative.share'],
    more: (_r, f) =>
      assert.match(message(f, 'narrative.share'), /“1条,占比1\.1%”，按数字应为1\.25%/),
  },
  // Opens with "一、总体情况"; the agency is the subject of its first sentence. 29 = 13+2+1+1+1+2+2+3+3+1.
  'c27_yushangxiang_qingyuan_2024.txt': {
    agency: '淤上乡',
    year: 2024,
    level: 'township',
    findings: [],
  },
  'c28_changgaoxiang_beipiao_2024.txt': {
    agency: '北票市长皋乡人民政府',
    year: 2024,
    level: 'township',
    findings: [],
  },
  // Breadcrumb, 发布时间 and 来源 on one line; a township has no statutory date.
  'c29_laozhouxiang_yian_2024.txt': {
    agency: '义安区老洲乡',
    year: 2024,
    level: 'township',
    publishedOn: '2025-01-14',
    findings: [],
  },
  // The agency is an office: "办公室" is its name, not the drafting office's.
  'c30_difangzhiban_zhanjiang_2023.txt': {
    agency: '湛江市人民政府地方志办公室',
    year: 2023,
    level: 'department',
    findings: [],
  },
  // A mirror of a 局's 2023 report that cites 〔2021〕30号 and fills the 2019 trial table.
  'c31_unnamedju_mirror_2023.txt': {
    agency: null,
    year: 2023,
    level: 'department',
    findings: ['template.outdated'],
  },
  'c32_jingweijiedao_daoli_2022.txt': {
    agency: '道里区经纬街道办事处',
    year: 2022,
    level: 'township',
    findings: [],
  },
  // "(五)完善监督保障保障机制"; "236条, 其中…27条…198条…11件" adds up.
  'c33_paolijiedao_changan_2022.txt': {
    agency: '长安区砲里街道',
    year: 2022,
    level: 'township',
    findings: ['text.repeated'],
    more: (_r, f) => assert.match(message(f, 'text.repeated'), /“保障保障”/),
  },
  // Published 2023-09-09: late, but the article sets no date for a 街道.
  'c34_qingtianjiedao_binzhou_2022.txt': {
    agency: '高新区青田街道办事处',
    year: 2022,
    level: 'township',
    publishedOn: '2023-09-09',
    findings: [],
  },
};

describe('collected real reports', () => {
  test('every collected file has an expectation', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    assert.ok(files.length >= 20);
  });
  for (const [file, e] of Object.entries(EXPECTED)) {
    test(file, () => {
      const result = checkPublishedReport(readFileSync(new URL(file, DIR), 'utf8'));
      assert.ok(result.ok, result.ok ? '' : result.message);
      const { report: r, findings: f } = result;
      assert.deepEqual(rules(f), [...e.findings, 'structure.truncated'].sort(), explain(f));
      assert.equal(r.agency.name ?? null, e.agency);
      assert.equal(r.year ?? null, e.year);
      if (e.level) assert.equal(r.agency.level, e.level);
      assert.equal(r.publishedOn, e.publishedOn);
      // Page furniture never reaches the report's text.
      assert.doesNotMatch(r.preamble, /当前位置|发布时间|发表日期|索引号|字号|打印本页/);
      e.more?.(r, f);
    });
  }
});
