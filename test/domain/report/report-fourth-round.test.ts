/**
 * Readers and rules changed for the fourth round of collected reports (c55-c69, docs/decisions/
 * 028): the outline's list ends at its sixth part, the pre-2019 heading of part 一, agencies named
 * by a place before the year, after 在…下 clauses or with any office of the government after the
 * name, a year's count given under another year, and shares whose whole stands in the sentence
 * before (cut-off decimals are right).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkShares } from '../../../src/domain/report/figures.ts';
import { checkStaleYear } from '../../../src/domain/report/dates.ts';
import { checkOutline } from '../../../src/domain/report/outline.ts';
import { cleanAgency, findAgency } from '../../../src/domain/report/identity.ts';
import type { AnnualReport } from '../../../src/domain/report/index.ts';
import type { TextUnit } from '../../../src/domain/report/text-rules.ts';
import { check, parsed } from './helpers.ts';

const unit = (text: string): TextUnit[] => [{ section: 'overview', label: '一、总体情况', text }];
const messages = (f: readonly { message: string }[]): string[] => f.map((x) => x.message);
const SIX =
  '总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项';

describe('the outline ends at its sixth part', () => {
  test('a clause after 其他需要报告的事项 is not a seventh part (c62)', () => {
    assert.deepEqual(
      checkOutline(
        unit(
          `本报告由6个部分组成,包括${SIX},报告中所涉数据的统计期自2024年1月1日至2024年12月31日止。`,
        ),
      ),
      [],
    );
  });
  test('a part after the sixth in the list is still counted', () => {
    const f = checkOutline(unit(`本报告由${SIX}、2022年工作思路等六个部分组成。`));
    assert.match(messages(f).join(), /多出“2022年工作思路”/);
  });
});

describe('the heading of part 一 in the pre-2019 wording', () => {
  test('is read as part 一 and reported by its title (c55)', () => {
    const text = [
      '某镇2023年政府信息公开工作年度报告',
      '一、政府信息公开工作的基本情况',
      '1.主动公开政府信息的情况',
      '2023年新增主动公开政府信息130条。',
      '2.依申请公开政府信息情况',
      '2023年度受理政府信息公开申请1件。',
    ].join('\n');
    const r = parsed(text);
    assert.equal(r.sections[0]?.key, 'overview');
    assert.equal(r.sections.length, 1);
    assert.match(
      messages(check(text).filter((f) => f.rule === 'structure.heading')).join(),
      /政府信息公开工作的基本情况/,
    );
  });
});

describe('the agency', () => {
  test('a place before the year, the drafting office, 在…下 clauses, any office after the name', () => {
    assert.equal(findAgency('现将物流区2022年政府信息公开工作年度报告总结如下:'), '物流区');
    assert.equal(findAgency('报告由高淳区人民政府办公室汇总编制。'), '高淳区人民政府');
    assert.equal(
      findAgency(
        '2025年,在县委、县政府的坚强领导下,在县政府办公室的带领下,鱼鳞乡全面贯彻落实《条例》。',
      ),
      '鱼鳞乡',
    );
    assert.equal(cleanAgency('金坑乡人民政府党建办'), '金坑乡人民政府');
    assert.equal(cleanAgency('横山镇党政综合办'), '横山镇');
    // A title keeps the office: it is the agency there.
    assert.equal(cleanAgency('龙游县人民政府办公室', 'keep'), '龙游县人民政府办公室');
    assert.equal(findAgency('现将我镇2023年政府信息公开工作年度报告公布如下:'), undefined);
  });
});

describe('text.stale-year: a count of this year given under another year', () => {
  const report = { year: 2023 } as AnnualReport;
  test('"2022年我镇收到……0件" in the report on 2023 (c68)', () => {
    const f = checkStaleYear(
      report,
      unit('（二）依申请公开情况。2022年我镇收到依申请公开申请事项0件。'),
    );
    assert.deepEqual(messages(f), [
      '“2022年我镇收到依申请公开申请事项0件”：本报告是2023年度报告，所述年份为2022年',
    ]);
  });
  test('this year, comparisons and carried-over requests are not', () => {
    for (const text of [
      '2023年我镇收到依申请公开申请事项2件。',
      '2022年我局收到申请较上年增长3件。',
      '2022年我局受理的申请结转2件。',
      '全年主动公开信息75条,2022年同期为60条。',
    ])
      assert.deepEqual(checkStaleYear(report, unit(text)), [], text);
  });
});

describe('narrative.share with the whole in the sentence before', () => {
  test('the parts add up to the whole: each share is checked (c57)', () => {
    const f = checkShares(
      unit(
        '全区共收到政府信息公开申请130件,同比增长103%。办复率100%,其中予以公开59件、占45.3%;不予公开32件、占42.6%;无法提供39件、占30%。',
      ),
    );
    assert.deepEqual(messages(f), [
      '占比与数字不符：共130件，其中“32件、占42.6%”，按数字应为24.62%',
    ]);
  });
  test('decimals cut off are right; parts that do not add up name no whole', () => {
    assert.deepEqual(
      checkShares(
        unit('共收到申请130件。其中予以公开59件、占45.3%;不予处理1件、占0.7%;其他70件、占53.8%。'),
      ),
      [],
    );
    assert.deepEqual(
      checkShares(unit('共收到申请130件。办复率100%,其中予以公开59件、占42.6%;其他12件、占9.2%。')),
      [],
    );
  });
});

// After the one measured run on the fresh held-out reports (docs/decisions/028), informed by it.
describe('after the fresh held-out run', () => {
  test('an outline after "编制，主要包括" without 总体情况; a part listed twice; 其他报告的事项', () => {
    const noOverview = checkOutline(
      unit(
        '本报告根据《条例》规定编制,主要包括主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等内容。',
      ),
    );
    assert.match(messages(noOverview).join(), /未列出“总体情况”/);
    const twice = checkOutline(
      unit(
        '全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议、因政府信息公开工作被申请行政复议和提起行政诉讼情况、存在的问题及改进情况、其他需要报告的事项六个部分组成。',
      ),
    );
    assert.match(messages(twice).join(), /重复列出.*称由6部分组成，实际列出7部分/);
    const sixth = checkOutline(
      unit(`本报告包括${SIX.replace('其他需要报告的事项', '其他报告的事项')}共六个部分。`),
    );
    assert.match(
      messages(sixth).join(),
      /第六部分应为“其他需要报告的事项”，报告写作“其他报告的事项”/,
    );
    // "政府信息公开行政复议、行政诉讼情况" still names one part in two items.
    assert.deepEqual(
      checkOutline(unit(`全文包括${SIX.replace('行政复议和行政诉讼', '行政复议、行政诉讼')}。`)),
      [],
    );
  });
  test('a title with digits before the name; a year opening a clause without 年; a spaced label', () => {
    const text = [
      '名 称: 湖口县大垅乡2025年政府信息公开工作年度报告',
      '2025湖口县大垅乡2025年度政府信息公开工作年度报告',
      '一、总体情况',
      '1.2025,在县委的领导下,我镇主动公开信息10条。',
    ].join('\n');
    const f = check(text);
    assert.match(
      messages(f.filter((x) => x.rule === 'structure.title')).join(),
      /2025湖口县大垅乡2025年度/,
    );
    assert.match(messages(f.filter((x) => x.rule === 'text.year-typo')).join(), /“2025，”/);
    assert.equal(parsed(text).agency.name, '湖口县大垅乡');
    assert.doesNotMatch(parsed(text).preamble, /名\s*称/);
  });
});

// After the final held-out run (docs/decisions/028), informed by it.
describe('after the final held-out run', () => {
  const body =
    '根据《中华人民共和国政府信息公开条例》编制本报告。现将信息公开工作总结如下: 一、总体情况 (一)主动公开情况。2024年,我局通过区政府门户网站主动公开政务信息217条,其中重点领域政务信息142条。 (二)依申请公开情况。2024年我局收到依申请公开申请事项31件,全部按时依法完成处理,做到依申请办理程序化、规范化、标准化,切实维护政府部门的形象。 (三)政府信息管理情况。严格落实信息发布审核制度,明确专人负责日常公开工作并协调各科室提供、审查公开的信息,确保政务公开工作范围明确、程序合法、操作规范、审查严密。 (四)政府信息公开平台建设情况。依托区政府门户网站集约化平台,及时更新政务公开专栏,做好政策解读和回应关切。 二、主动公开政';
  test('a body in one long line among metadata lines is cut at its headings, not refused', () => {
    const text = [
      '索引号: | 002590956/2025-00308 | 公开方式: | 主动公开 |',
      '发布单位: | 区市场监管局 |',
      body,
    ].join('\n');
    const r = parsed(text);
    assert.deepEqual(
      r.sections.map((s) => s.key),
      ['overview', 'proactive'],
    );
    // "二、主动公开政" where the text stops is cut, not misnamed.
    assert.deepEqual(
      check(text).filter((f) => f.rule === 'structure.heading'),
      [],
    );
  });
});
