/**
 * Expectations for the fourth round of collected reports (c55-c72, issue 13): each was saved and a
 * careful reader's notes written (test/fixtures/reports/collected/README.md) before the checker
 * was run on it; the rules changed after that run are in docs/decisions/028.
 */
import assert from 'node:assert/strict';

import { message, type Expectation } from './collected-helpers.ts';

export const FOURTH_ROUND: Record<string, Expectation> = {
  // The pre-2019 heading "一、政府信息公开工作的基本情况" is read as part 一 and reported; its
  // sub-items "1.主动公开…" are not taken for parts. 130 = 1+1+25+98+2+2+1 and 23 = 14+9 add up.
  'c55_hengshanzhen_longyou_2023.txt': {
    agency: '龙游县横山镇',
    year: 2023,
    level: 'township',
    findings: ['structure.heading'],
    more: (_r, f) => assert.match(message(f, 'structure.heading'), /政府信息公开工作的基本情况/),
  },
  // Breadcrumb, 索引号 table, 发布日期 line and "点击查看解读" are the page's.
  'c56_xiagezhen_xianju_2023.txt': {
    agency: '下各镇',
    year: 2023,
    level: 'township',
    publishedOn: '2024-01-16',
    findings: [],
  },
  // "由高淳区人民政府办公室汇总编制": the office drafted the district's report. The shares of 130
  // are cut off, not rounded (59 of 130 = 45.38 % written 45.3 %), which is not an error.
  'c57_gaochunqu_2022.txt': {
    agency: '高淳区人民政府',
    year: 2022,
    level: 'county',
    findings: [],
  },
  // "现将物流区2022年政府信息公开工作年度报告总结如下": a place name before the year.
  'c58_wuliuqu_lintong_2022.txt': {
    agency: '物流区',
    year: 2022,
    findings: [],
  },
  'c59_nongyenongcunju_qingshui_2023.txt': {
    agency: '清水县农业农村局',
    year: 2023,
    level: 'department',
    findings: [],
  },
  // The 电子版 link is a 2022 address (no rule reads it).
  'c60_nongyenongcunju_quzhou_2023.txt': {
    agency: '衢州市农业农村局',
    year: 2023,
    level: 'department',
    publishedOn: '2024-01-08',
    findings: [],
  },
  // The mirror's "德赢VWIN" is injected in the portal's name; the county is not named otherwise.
  'c61_nongyenongcunju_qingchuan_mirror_2023.txt': {
    agency: null,
    year: 2023,
    level: 'department',
    findings: [],
  },
  // "……其他需要报告的事项，报告中所涉数据的统计期自……": the clause after the sixth part is not a
  // seventh part. A sub-heading broken over two lines.
  'c62_anzhenjiedao_xishan_2024.txt': {
    agency: '安镇街道',
    year: 2024,
    level: 'township',
    findings: [],
  },
  // "请与金坑乡人民政府党建办联系": the office is dropped.
  'c63_jinkengxiang_shaowu_2025.txt': {
    agency: '金坑乡人民政府',
    year: 2025,
    level: 'township',
    findings: [],
  },
  // "2025年,在县委、县政府的坚强领导下,在县政府办公室的带领下,鱼鳞乡全面贯彻……": the subject
  // after the 在…下 clauses. Sub-items of (三) numbered "一、二、三、" (no rule reads it).
  'c64_yulinxiang_wuxi_2025.txt': {
    agency: '鱼鳞乡',
    year: 2025,
    level: 'township',
    findings: [],
  },
  // The 2019 notice cited by its title alone for 2024.
  'c65_dizhangjiedao_xixian_2024.txt': {
    agency: '西咸新区底张街道办事处',
    year: 2024,
    level: 'township',
    findings: ['citation.format'],
  },
  // "共公开各类信息1559条，其中……1549条，……15条": the parts add up to 1564.
  'c66_nongyenongcunju_xingguo_2023.txt': {
    agency: '兴国县农业农村局',
    year: 2023,
    level: 'department',
    findings: ['narrative.part-exceeds-whole'],
    more: (_r, f) => assert.match(message(f, 'narrative.part-exceeds-whole'), /1564/),
  },
  // The outline's 依申请公开政府信息情况 and 改进措施 are old wordings, read as the parts.
  'c67_weishengjiankangju_changan_2021.txt': {
    agency: '长安区卫生健康局',
    year: 2021,
    level: 'department',
    findings: [],
  },
  // "2022年我镇收到依申请公开申请事项0件" in the report on 2023.
  'c68_shahuzhen_xiantao_2023.txt': {
    agency: '沙湖镇人民政府',
    year: 2023,
    level: 'township',
    findings: ['text.stale-year'],
    more: (_r, f) => assert.match(message(f, 'text.stale-year'), /2022年我镇收到/),
  },
  // Cites 《2021年政府公开工作要求》 for the 要点 (国办发〔2021〕12号); no rule reads titles of
  // other documents.
  'c69_weijianwei_zhangzhou_2021.txt': {
    agency: '漳州市卫生健康委员会',
    year: 2021,
    level: 'department',
    findings: [],
  },
  // Traditional script (mirror), no title, parts as paragraphs without numbers. "宣传广州农村农村
  // 重点工作成果": a word doubled (农业农村 meant). The bureau is not named in the part read.
  'c70_nongyenongcunju_guangzhou_mirror_traditional_2020.txt': {
    agency: null,
    year: 2020,
    level: 'department',
    findings: ['text.repeated'],
    more: (_r, f) => assert.match(message(f, 'text.repeated'), /农村农村/),
  },
  // Opens with "一、总体情况"; "我局" (an 审计局) is never named; "事项." with an ASCII stop.
  'c71_shenjiju_yangling_2022.txt': {
    agency: null,
    year: 2022,
    level: 'department',
    findings: [],
  },
  // A metadata table in pipes (索引号, 发布日期 2023-01-30), one cell per line ending " |".
  // 566 = 38+168+45+13+4+298 adds up.
  'c72_maopinghuizuzhen_zhenan_2022.txt': {
    agency: '茅坪回族镇',
    year: 2022,
    level: 'township',
    publishedOn: '2023-01-30',
    findings: [],
  },
};
