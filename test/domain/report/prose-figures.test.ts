/**
 * The two prose rules added with the second round of collected reports: a stated share must be
 * the part over the whole within the rounding written (narrative.share), and a word written
 * twice in a row is a slip (text.repeated), with the look-alikes that are not.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkShares } from '../../../src/domain/report/figures.ts';
import { checkRepeated, type TextUnit } from '../../../src/domain/report/text-rules.ts';

const unit = (text: string): TextUnit[] => [{ section: 'overview', label: '一、总体情况', text }];
const messages = (f: readonly { message: string }[]): string[] => f.map((x) => x.message);

describe('narrative.share', () => {
  test('a share that is not the part over the whole, as written in c26', () => {
    const f = checkShares(unit('累计公开信息80条,主动公开80条。其中,信息公开年报1条,占比1.1%;部门工作动态信息54条,占比67.5%;领导信息11条,占比13.8%。'));
    assert.deepEqual(messages(f), ['占比与数字不符：共80条，其中“1条,占比1.1%”，按数字应为1.25%']);
    assert.equal(f[0]!.rule, 'narrative.share');
  });
  test('either rounding of a half is right, and whole percents are read as written', () => {
    assert.deepEqual(checkShares(unit('共发布80条，其中政策文件1条，占比1.2%，解读1条，占比1.3%，动态78条，占比98%。')), []);
  });
  test('shares of another unit, or with no whole before 其中, are not compared', () => {
    assert.deepEqual(checkShares(unit('共发布80条，其中微信公众号文章3篇，占比50%。')), []);
    assert.deepEqual(checkShares(unit('其中政策文件1条，占比50%。')), []);
  });
});

describe('text.repeated', () => {
  test('a doubled word', () => {
    const f = checkRepeated(unit('(五)完善监督保障保障机制'));
    assert.deepEqual(messages(f), ['“保障保障”：“保障”重复了一次']);
  });
  test('single characters, numerals and a name before a word that starts the same way are not slips', () => {
    const ok = '做到件件有回应、事事有落实。连生乡人民政府政府信息公开工作情况。十一十一月。政务公开工作工作人员3名。';
    assert.deepEqual(checkRepeated(unit(ok)), []);
  });
});
