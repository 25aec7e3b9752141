import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_PAGES,
  MAX_REQUESTS_PER_MONTH,
  perPageFee,
  perRequestFeeForBatch,
  perRequestFeeForNth,
  perRequestFeeTotal,
  perRequestUnitPrice,
  type FeeQuote,
  type FeeResult,
} from '../../../src/domain/fees/index.ts';

function value(r: FeeResult): FeeQuote {
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.value;
}
function errors(r: FeeResult): readonly string[] {
  assert.equal(r.ok, false);
  return r.ok ? [] : r.errors;
}

describe('按件计收: charge for the n-th request of the month', () => {
  const table: [number, number][] = [
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [35, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [91, 800],
    [100, 800],
    [101, 900],
  ];
  for (const [n, yuan] of table) {
    it(`request no. ${n} → ${yuan}元`, () => {
      assert.equal(perRequestUnitPrice(n), yuan);
      const q = value(perRequestFeeForNth(n));
      assert.equal(q.totalYuan, yuan);
      assert.equal(q.lines.length, 1);
      assert.equal(q.lines[0]!.unitPriceYuan, yuan);
      assert.equal(q.method, 'perRequest');
    });
  }
  it('labels the 35th request', () => {
    const q = value(perRequestFeeForNth(35));
    assert.equal(q.summary, '同一申请人本自然月第35件申请，按件计收信息处理费200元');
    assert.equal(q.lines[0]!.description, '第31—40件每件200元：本月第35件，共1件，小计200元');
    assert.match(q.basis, /国办函〔2020〕109号）第四条/);
  });
});

describe('按件计收: total for n requests in a month', () => {
  const table: [number, number][] = [
    [0, 0],
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 2000],
    [31, 2200],
    [35, 3000],
    [40, 4000],
    [41, 4300],
    [50, 7000],
    [60, 11000],
  ];
  for (const [n, yuan] of table) {
    it(`${n} requests → ${yuan}元`, () =>
      assert.equal(value(perRequestFeeTotal(n)).totalYuan, yuan));
  }
  it('equals the sum of the per-request charges', () => {
    let sum = 0;
    for (let n = 1; n <= 250; n++) {
      sum += perRequestUnitPrice(n);
      assert.equal(value(perRequestFeeTotal(n)).totalYuan, sum, `n=${n}`);
    }
  });
  it('breaks 35 requests down by tier for the 收费通知书', () => {
    const q = value(perRequestFeeTotal(35));
    assert.deepEqual(
      q.lines.map((l) => [
        l.tierLabel,
        l.firstItem,
        l.lastItem,
        l.quantity,
        l.unitPriceYuan,
        l.amountYuan,
      ]),
      [
        ['第1—10件', 1, 10, 10, 0, 0],
        ['第11—30件', 11, 30, 20, 100, 2000],
        ['第31—40件', 31, 35, 5, 200, 1000],
      ],
    );
    assert.deepEqual(
      q.lines.map((l) => l.description),
      [
        '第1—10件免收：共10件',
        '第11—30件每件100元：共20件，小计2000元',
        '第31—40件每件200元：本月第31—35件，共5件，小计1000元',
      ],
    );
    assert.equal(q.summary, '同一申请人本自然月累计申请35件，按件计收信息处理费共计3000元');
    assert.ok(q.notes.some((n) => n.includes('以10件为一档')));
    assert.deepEqual(value(perRequestFeeTotal(0)).lines, []);
  });
});

describe('按件计收: a batch after earlier requests this month', () => {
  const table: [number, number, number][] = [
    [0, 35, 3000],
    [5, 3, 0],
    [9, 2, 100], // 10th free, 11th 100
    [29, 3, 500], // 30th 100, 31st and 32nd 200 each
    [35, 1, 200], // the 36th
    [40, 10, 3000],
  ];
  for (const [prior, count, yuan] of table) {
    it(`${prior} before, ${count} now → ${yuan}元`, () => {
      const q = value(perRequestFeeForBatch(prior, count));
      assert.equal(q.totalYuan, yuan);
      assert.equal(q.lines[0]!.firstItem, prior + 1);
      assert.equal(q.lines.at(-1)!.lastItem, prior + count);
    });
  }
  it('says which requests of the month these are', () => {
    assert.equal(
      value(perRequestFeeForBatch(29, 3)).summary,
      '同一申请人本自然月此前已申请29件，本次3件（本月第30—32件），按件计收信息处理费共计500元',
    );
  });
});

describe('按量计收: pages of one request', () => {
  const table: [number, number][] = [
    [0, 0],
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
    [1000, 34700],
  ];
  for (const [pages, yuan] of table) {
    it(`${pages} pages → ${yuan}元`, () => assert.equal(value(perPageFee(pages)).totalYuan, yuan));
  }
  it('breaks 250 pages down by tier', () => {
    const q = value(perPageFee(250));
    assert.equal(q.method, 'perPage');
    assert.deepEqual(
      q.lines.map((l) => [l.tierLabel, l.quantity, l.unitPriceYuan, l.amountYuan]),
      [
        ['第1—30页', 30, 0, 0],
        ['第31—100页', 70, 10, 700],
        ['第101—200页', 100, 20, 2000],
        ['第201页及以上', 50, 40, 2000],
      ],
    );
    assert.equal(q.lines[3]!.tierTo, undefined);
    assert.equal(q.lines[3]!.description, '第201页及以上每页40元：第201—250页，共50页，小计2000元');
    assert.equal(q.summary, '本件申请共250页，按量计收信息处理费共计4700元');
    assert.match(q.basis, /第五条/);
  });
  it('a partial tier names its pages', () => {
    assert.equal(
      value(perPageFee(45)).lines[1]!.description,
      '第31—100页每页10元：第31—45页，共15页，小计150元',
    );
  });
});

describe('invalid input', () => {
  const table: [string, FeeResult, RegExp][] = [
    ['negative total', perRequestFeeTotal(-1), /本月累计申请件数不能为负数/],
    ['fractional total', perRequestFeeTotal(3.5), /应为整数/],
    ['NaN', perRequestFeeTotal(Number.NaN), /应为数字/],
    ['string', perRequestFeeTotal('35' as unknown as number), /应为数字/],
    ['0th request', perRequestFeeForNth(0), /本月申请序号应不小于1/],
    ['negative request', perRequestFeeForNth(-3), /应不小于1/],
    ['too many', perRequestFeeTotal(MAX_REQUESTS_PER_MONTH + 1), /过大/],
    ['negative pages', perPageFee(-1), /页数不能为负数/],
    ['fractional pages', perPageFee(30.5), /页数应为整数/],
    ['infinite pages', perPageFee(Number.POSITIVE_INFINITY), /页数应为整数/],
    ['too many pages', perPageFee(MAX_PAGES + 1), /页数.*过大/],
    ['batch: negative prior', perRequestFeeForBatch(-1, 2), /本月此前已申请件数不能为负数/],
    ['batch: zero count', perRequestFeeForBatch(3, 0), /本次申请件数应不小于1/],
    [
      'batch: sum too large',
      perRequestFeeForBatch(MAX_REQUESTS_PER_MONTH, 1),
      /本月累计件数.*过大/,
    ],
  ];
  for (const [why, result, message] of table) {
    it(why, () => assert.match(errors(result).join('\n'), message));
  }
  it('perRequestUnitPrice throws a RangeError', () => {
    assert.throws(() => perRequestUnitPrice(0), RangeError);
  });
  it('a large month stays fast and exact', () => {
    const q = value(perRequestFeeTotal(MAX_REQUESTS_PER_MONTH));
    // 20×100 for 11–30, then 10 requests per band at 200+100b元 each.
    let expected = 2000;
    for (let b = 0; 31 + 10 * b <= MAX_REQUESTS_PER_MONTH; b++) expected += 10 * (200 + 100 * b);
    assert.equal(q.totalYuan, expected);
    assert.ok(Number.isSafeInteger(q.totalYuan));
  });
});
