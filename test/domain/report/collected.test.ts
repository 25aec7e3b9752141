/**
 * Real reports collected from agencies' sites (test/fixtures/reports/collected, sources in its
 * README), in the layouts they were published in. Expectations written by hand from reading
 * each file: every excerpt is an opening (structure.truncated), plus what a careful reader sees.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  REQUEST_COLUMNS,
  checkPublishedReport,
  valueAt,
  type AnnualReport,
  type Finding,
} from '../../../src/domain/report/index.ts';
import { explain, rules } from './helpers.ts';

const DIR = new URL('../../fixtures/reports/collected/', import.meta.url);

interface Expectation {
  agency: string | null;
  /** null: no year in the part read. */
  year: number | null;
  level?: 'township' | 'department' | 'county' | 'city';
  publishedOn?: string;
  /** Rule ids besides structure.truncated. */
  findings: string[];
  more?: (r: AnnualReport, f: readonly Finding[]) => void;
}

const message = (f: readonly Finding[], rule: string): string =>
  f
    .filter((x) => x.rule === rule)
    .map((x) => x.message)
    .join('\n');

/** A table-三 row, column by column. */
const ZEROS = (r: AnnualReport, row: string): (number | undefined)[] =>
  REQUEST_COLUMNS.map((c) => valueAt(r, 'requests', row, c));

const EXPECTED: Record<string, Expectation> = {
  // One cell per line, each ending in " |"; merged cells as lines of pipes.
  'c01_lianshengxiang_suibin_2024.txt': {
    agency: '连生乡人民政府',
    year: 2024,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [0, 0, 0],
      );
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
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [5, 12, 8],
      );
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
  // Third round (c35-c50), read before any rule was changed for them.
  // "2022年01月18日来源:1" is page furniture that dates the page. Missed: "受理……向市政府及市政府
  // 办公室提出的政府信息公开申请5件", a city's sentence in a 街道's report (no rule reads it).
  'c35_yingbinlujiedao_syyh_2021.txt': {
    agency: '迎宾路街道',
    year: 2021,
    level: 'township',
    publishedOn: '2022-01-18',
    findings: [],
  },
  // One cell per line ending " |", merged cells " |||"; a 街道 named "…街".
  'c36_jiarongliijie_beichen_2021.txt': {
    agency: '佳荣里街',
    year: 2021,
    level: 'township',
    findings: [],
    more: (r) => {
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [0, 0, 0],
      );
      assert.equal(valueAt(r, 'proactive', 'licensing', 'decisions'), 0);
    },
  },
  'c37_xingdongjiedao_tongzhou_traditional_2021.txt': {
    agency: '南通市通州区兴东街道办事处',
    year: 2021,
    level: 'township',
    findings: [],
  },
  // "七个部分" with "2022年工作思路" among them.
  'c38_luoyangjiedao_luqiao_2021.txt': {
    agency: '螺洋街道',
    year: 2021,
    level: 'township',
    findings: ['structure.outline'],
    more: (_r, f) => assert.match(message(f, 'structure.outline'), /2022年工作思路/),
  },
  // Title on two lines, year first. "共计收到……申请共计169件" is not read by any rule.
  'c39_wanxinjiedao_dongli_mirror_2021.txt': {
    agency: '万新街道',
    year: 2021,
    level: 'township',
    findings: [],
  },
  // "收到14件……已办结12件，2件结转下年办理" balances (the carried-forward count before 结转).
  'c40_longyouxian_zhengfubangongshi_2023.txt': {
    agency: '龙游县人民政府办公室',
    year: 2023,
    level: 'department',
    findings: [],
  },
  // "4042条，其中……1495条，……2918条": the parts add up to 4413.
  'c41_mianxian_2023.txt': {
    agency: '勉县人民政府',
    year: 2023,
    level: 'county',
    findings: ['narrative.part-exceeds-whole'],
    more: (_r, f) => assert.match(message(f, 'narrative.part-exceeds-whole'), /1495\+2918=4413条/),
  },
  // No title: the bureau is the subject of a sentence ("2022年宜城市教育局全面贯彻……").
  'c42_jiaoyuju_yicheng_2022.txt': {
    agency: '宜城市教育局',
    year: 2022,
    level: 'department',
    findings: ['citation.format'],
  },
  // A mirror's pinyin "根據(jù)" is not the report's defect.
  'c43_jiaoyuju_yiwu_mirror_traditional_2022.txt': {
    agency: null,
    year: 2022,
    findings: [],
  },
  // Metadata as a "- 索引号:" list before the text.
  'c44_jiaoyuju_maiji_2022.txt': {
    agency: '天水市麦积区教育局',
    year: 2022,
    level: 'department',
    findings: [],
  },
  // "数据截止日期为20251231日"; a 镇's "全省"; "电子信箱jczdzbgs163.com"; "网站下载下载地址" (a colon
  // lost). Missed: "省、市、工作部署" (a word missing).
  'c45_jinchangzhen_dongchang_2025.txt': {
    agency: '金厂镇',
    year: 2025,
    level: 'township',
    publishedOn: '2026-01-12',
    findings: ['period.statistics', 'text.placeholder', 'text.repeated', 'text.scope'],
    more: (_r, f) => assert.match(message(f, 'period.statistics'), /20251231日/),
  },
  // "(具体网址)" left in.
  'c46_guocangzhen_wenshang_2025.txt': {
    agency: '郭仓镇人民政府',
    year: 2025,
    level: 'township',
    publishedOn: '2026-01-27',
    findings: ['text.placeholder'],
    more: (_r, f) => assert.match(message(f, 'text.placeholder'), /具体网址/),
  },
  // 444 = 118 + 294 + 32 and 118 = 70 + 48: nothing to report.
  'c47_chengguanzhen_wushan_2025.txt': {
    agency: '武山县城关镇',
    year: 2025,
    level: 'township',
    findings: [],
  },
  // "收到9件，上年转结1件，其中网络申请5件，信函申请5件": parts of the sum, not of the 1件.
  'c48_unnamedxian_huaihua_mirror_traditional_2022.txt': {
    agency: null,
    year: 2022,
    findings: [],
  },
  // "6750余条" (rounded to tens) is not an exact count with 余.
  'c49_hejiangxian_zhengfubangongshi_2023.txt': {
    agency: '合江县人民政府办公室',
    year: 2023,
    level: 'department',
    findings: [],
  },
  // Pipe rows with the applicant header broken over two rows ("商业 | 科研 |…" / "企业 | 机构 |"):
  // read as one header row; 表三 left blank but for 总计 is one finding.
  'c50_unnamedju_xuwen.txt': {
    agency: null,
    year: null,
    level: 'department',
    findings: ['cells.blank'],
    more: (r, f) => {
      assert.deepEqual(ZEROS(r, 'new'), [
        0,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        0,
      ]);
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [3, 0, 101],
      );
      assert.match(message(f, 'cells.blank'), /共9行/);
    },
  },
  // "120条，其中……" adds up to 120 exactly; "规划计划" listed twice is not read by any rule.
  'c51_unnamedju_tongxiang_2024.txt': {
    agency: null,
    year: 2024,
    level: 'department',
    findings: [],
    more: (r) =>
      assert.deepEqual(
        ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c)),
        [4, 5, 5],
      ),
  },
  // A year-first title run into the first sentence; parts in 条 and 件 that add up (79603).
  'c52_lishuishi_2024.txt': {
    agency: '丽水市',
    year: 2024,
    level: 'city',
    findings: [],
  },
  // Headings 二 to 四 with no tables under them; "扫一扫在手机打开当前页" is the page's.
  'c53_wenguanglvju_jinkouhe_2024.txt': {
    agency: '乐山市金口河区文化广播电视体育和旅游局',
    year: 2024,
    level: 'department',
    findings: ['structure.missing-table', 'structure.missing-table'],
  },
  // "全年在政府网上共主动公开条": the total left out (the mirror's "365体育官网" is not the report's).
  'c54_unnamedyuanqu_mirror_2024.txt': {
    agency: null,
    year: 2024,
    findings: ['text.placeholder'],
    more: (_r, f) => assert.match(message(f, 'text.placeholder'), /共主动公开条/),
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
