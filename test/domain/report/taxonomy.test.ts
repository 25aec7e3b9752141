import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  APPLICANT_TYPES,
  OUTCOMES,
  OUTCOME_CODES,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REQUEST_ROW_LABELS,
  RULES,
  SECTIONS,
  TABLE_LAYOUTS,
  isOutcomeCode,
  outcomeDef,
} from '../../../src/domain/report/index.ts';

test('six sections with the official headings, in order', () => {
  assert.deepEqual(
    SECTIONS.map((s) => s.heading),
    [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ],
  );
});

test('table 二: items (一)(五)(六)(八) with the official labels', () => {
  assert.deepEqual(
    PROACTIVE_BLOCKS.map((b) => [
      b.marker,
      b.columns.map((c) => c.label),
      b.rows.map((r) => r.label),
    ]),
    [
      [
        '第二十条第（一）项',
        ['本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '行政规范性文件'],
      ],
      ['第二十条第（五）项', ['本年处理决定数量'], ['行政许可']],
      ['第二十条第（六）项', ['本年处理决定数量'], ['行政处罚', '行政强制']],
      ['第二十条第（八）项', ['本年收费金额（单位：万元）'], ['行政事业性收费']],
    ],
  );
});

test('table 三: 7 numeric columns, rows 一 二 21 leaves (七) 四', () => {
  assert.equal(APPLICANT_TYPES.length, 6);
  assert.equal(REQUEST_COLUMNS.length, 7);
  assert.equal(OUTCOME_CODES.length, 21);
  assert.equal(REQUEST_ROWS.length, 25);
  assert.equal(REQUEST_ROW_LABELS.new, '一、本年新收政府信息公开申请数量');
  assert.equal(REQUEST_ROW_LABELS.carried_out, '四、结转下年度继续办理');
  assert.equal(outcomeDef('withheld.state_secret').fullLabel, '（三）不予公开 1.属于国家秘密');
  assert.equal(outcomeDef('unable.not_held').label, '1.本机关不掌握相关政府信息');
  assert.equal(
    outcomeDef('other.fee_not_paid').label,
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  );
  assert.equal(outcomeDef('other.other').label, '3.其他');
  // Codes are unique and each group's leaves are numbered 1..n.
  assert.equal(new Set(OUTCOME_CODES).size, 21);
  const counts: Record<string, number> = {};
  for (const o of OUTCOMES) {
    if (!o.group) continue;
    counts[o.group] = (counts[o.group] ?? 0) + 1;
    assert.ok(o.label.startsWith(`${counts[o.group]}.`), o.label);
  }
  assert.deepEqual(counts, { withheld: 8, unavailable: 3, not_processed: 5, other: 3 });
  assert.ok(isOutcomeCode('partially_disclosed'));
  assert.ok(!isOutcomeCode('withheld'));
});

test('table 四: 15 columns in three groups', () => {
  assert.deepEqual(APPEAL_KINDS, [
    'reconsideration',
    'litigation_direct',
    'litigation_after_reconsideration',
  ]);
  assert.deepEqual(APPEAL_COLUMNS, ['upheld', 'corrected', 'other', 'pending', 'total']);
  assert.equal(TABLE_LAYOUTS.appeals.filter((e) => e.required).length, 15);
});

test('every rule has a severity', () => {
  for (const [id, r] of Object.entries(RULES))
    assert.ok(r.severity === 'error' || r.severity === 'warning', id);
  assert.equal(RULES['template.header'].severity, 'warning');
  assert.equal(RULES['template.missing-column'].severity, 'warning');
  assert.equal(RULES['requests.balance'].severity, 'error');
});
