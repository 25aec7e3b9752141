/**
 * Expectations for the third round of collected reports (c35-c54, issue 13), each read and its
 * defects listed (test/fixtures/reports/collected/README.md) before any rule was changed for it.
 */
import assert from 'node:assert/strict';

import { valueAt } from '../../../src/domain/report/index.ts';
import { message, NORMATIVE, ZEROS, type Expectation } from './collected-helpers.ts';

export const THIRD_ROUND: Record<string, Expectation> = {
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
      assert.deepEqual(NORMATIVE(r), [0, 0, 0]);
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
      assert.deepEqual(NORMATIVE(r), [3, 0, 101]);
      assert.match(message(f, 'cells.blank'), /共9行/);
    },
  },
  // "120条，其中……" adds up to 120 exactly; "规划计划" listed twice is not read by any rule.
  'c51_unnamedju_tongxiang_2024.txt': {
    agency: null,
    year: 2024,
    level: 'department',
    findings: [],
    more: (r) => assert.deepEqual(NORMATIVE(r), [4, 5, 5]),
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
