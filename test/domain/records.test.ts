/**
 * The pure 绩效考核 checks and totals: weights must sum to exactly 100 (in tenths, so 33.3 + 33.3
 * + 33.4 passes), a self-score lies in 0..weight, totals appear only once every item is scored.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assessmentProblems, assessmentTotals, scoreProblem } from '../../src/domain/records/assessment.ts';

const item = (name: string, weight: number, selfScore: number | null = null, superiorScore: number | null = null) => ({ name, weight, selfScore, superiorScore });

describe('assessment totals', () => {
  test('sums weights and scores in tenths and leaves a total open until every item is scored', () => {
    const items = [item('主动公开', 33.3, 30.1, 29.9), item('依申请公开', 33.3, 33.3, null), item('平台建设', 33.4, 20.2, 18)];
    const t = assessmentTotals(items);
    assert.equal(t.weightTotal, 100);
    assert.equal(t.selfTotal, 83.6);
    assert.equal(t.superiorTotal, null);
    assert.deepEqual([t.selfScored, t.superiorScored, t.items], [3, 2, 3]);
    items[1]!.superiorScore = 30.5;
    assert.equal(assessmentTotals(items).superiorTotal, 78.4);
  });

  test('an empty list has no totals', () => {
    assert.deepEqual(assessmentTotals([]), { weightTotal: 0, selfTotal: null, superiorTotal: null, selfScored: 0, superiorScored: 0, items: 0 });
  });
});

describe('assessment problems', () => {
  test('weights summing to 100 with scores within them pass', () => {
    assert.deepEqual(assessmentProblems([item('主动公开', 33.3, 33.3), item('依申请公开', 33.3, 0), item('监督保障', 33.4, null)]), []);
  });

  test('weights not summing to 100 are refused with the sum', () => {
    const p = assessmentProblems([item('主动公开', 60), item('依申请公开', 30)]);
    assert.deepEqual(p.map((x) => [x.field, x.code]), [['items', 'WEIGHTS_NOT_100']]);
    assert.match(p[0]!.message, /合计应为 100 分，现为 90 分/);
  });

  test('each bad item is named by its place and field', () => {
    const p = assessmentProblems([item('', 50), item('培训', 50, 51), item('培训', -1), item('其他', 1.25)]);
    assert.deepEqual(
      p.map((x) => [x.field, x.code]),
      [
        ['items.0.name', 'INVALID_ITEM_NAME'],
        ['items.1.selfScore', 'INVALID_SELF_SCORE'],
        ['items.2.name', 'DUPLICATE_ITEM'],
        ['items.2.weight', 'INVALID_WEIGHT'],
        ['items.3.weight', 'INVALID_WEIGHT'],
        ['items', 'WEIGHTS_NOT_100'],
      ],
    );
    assert.match(p[1]!.message, /第 2 项自评分应在 0 至 50 分之间/);
  });

  test('no items at all is refused', () => {
    assert.deepEqual(assessmentProblems([]).map((x) => x.code), ['NO_ITEMS']);
  });

  test('a score is checked against its weight, to one decimal', () => {
    assert.equal(scoreProblem(null, 10, '上级评分'), null);
    assert.equal(scoreProblem(10, 10, '上级评分'), null);
    assert.equal(scoreProblem(0, 10, '上级评分'), null);
    assert.match(scoreProblem(10.5, 10, '上级评分')!, /上级评分应在 0 至 10 分之间/);
    assert.match(scoreProblem(7.25, 10, '上级评分')!, /最多一位小数/);
  });
});
