/**
 * The scan's reach (issue 18, item 4): ID-shaped numbers that fail their checks beside the words
 * 身份证/证件号, IDs written in groups, and contexts that never repeat another number in full.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { maskIdNumber, maskMobile, type ScanHit } from '../../../src/domain/scan/index.ts';
import { kinds, scan } from './helpers.ts';
import { groups, makeCard, makeId, toFullWidth, withWrongCheck } from './fixtures.ts';

const ID = makeId('110101', '19900307', '777');
const BAD = withWrongCheck(ID);

// ---- suspect ID numbers -----------------------------------------------------------------------

test('a wrong check character beside 身份证 or 证件号 is a suspect ID, for the reviewer', () => {
  for (const [text, word] of [
    [`申请人身份证号：${BAD}。`, '身份证'],
    [`身份证号码为${BAD}`, '身份证'],
    [`证件号码：${BAD}，住址某村`, '证件号'],
    [`公民身份号码 ${BAD}`, '身份号码'],
    [`${BAD}（身份证）`, '身份证'],
  ] as const) {
    const hits = scan(text);
    assert.deepEqual(kinds(hits), [`id_number_suspect:${BAD}`], text);
    assert.equal(hits[0]!.message, `疑似公民身份号码（校验位不符，但附近有“${word}”字样，请核实）`);
  }
});

test('a suspect ID names what failed: the date, the area code', () => {
  const badDate = makeId('110101', '19901341', '777');
  assert.match(scan(`身份证号${badDate}`)[0]!.message, /出生日期/);
  const badArea = makeId('910101', '19900307', '777');
  assert.match(scan(`证件号${badArea}`)[0]!.message, /地区码/);
});

test('without the words close by, a failing number is still no hit', () => {
  assert.deepEqual(scan(`编号${BAD}`), []);
  assert.deepEqual(scan(`订单号：${BAD}`), []);
  // The words too far away: more than a few characters before, or after the number's sentence.
  assert.deepEqual(scan(`身份证复印件一份已收到，经办人核对无误，档案编号${BAD}`), []);
  assert.deepEqual(scan(`编号${BAD}，此后另附申请人的身份证`), []);
});

test('a valid ID beside the words stays an ID number, not a suspect', () => {
  assert.deepEqual(kinds(scan(`身份证号：${ID}`)), [`id_number:${ID}`]);
});

test('a suspect ID that passes as a bank card is reported as a suspect ID, once', () => {
  const card18 = makeCard('622202', 18, 3);
  assert.deepEqual(kinds(scan(`身份证号：${card18}`)), [`id_number_suspect:${card18}`]);
  assert.deepEqual(kinds(scan(`账号：${card18}`)), [`bank_card:${card18}`]);
});

// ---- IDs written in groups --------------------------------------------------------------------

test('IDs written in 6-8-4 groups, with spaces, hyphens or full-width forms', () => {
  for (const written of [
    `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`,
    `${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}`,
    toFullWidth(`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`),
    `${ID.slice(0, 6)}\u3000${ID.slice(6, 14)}\u3000${ID.slice(14)}`, // ideographic spaces
  ]) {
    const hits = scan(`申请人王某，${written}，住址某村。`);
    assert.deepEqual(kinds(hits), [`id_number:${written}`], written);
    assert.equal(hits[0]!.message, '疑似公民身份号码');
  }
  const spaced = `${BAD.slice(0, 6)} ${BAD.slice(6, 14)} ${BAD.slice(14)}`;
  assert.deepEqual(kinds(scan(`身份证：${spaced}`)), [`id_number_suspect:${spaced}`]);
  assert.deepEqual(scan(`编号：${spaced}`), []);
});

test('groups that are not an ID: mixed separators, longer runs, another grouping', () => {
  const [a, b, c] = [ID.slice(0, 6), ID.slice(6, 14), ID.slice(14)];
  for (const text of [`${a} ${b}-${c}`, `${a} ${b} ${c} 12`, `9 ${a} ${b} ${c}`, `${a}  ${b}  ${c}`, `${a} ${b}${c}`]) {
    assert.deepEqual(scan(`号码${text}`), [], text);
  }
});

// ---- context masks every other number ---------------------------------------------------------

test('the context of a hit masks the other hits and other long numbers in it', () => {
  const mobile = '13912345678';
  const card = makeCard('622848', 19, 42);
  const text = `王某，身份证${ID}，电话${mobile}，卡号${groups(card, ' ')}，座机0712-7654321。`;
  const hits = scan(text);
  assert.deepEqual(
    hits.map((h) => h.kind),
    ['id_number', 'mobile', 'bank_card'],
  );
  const [id, phone, bank] = hits as [ScanHit, ScanHit, ScanHit];
  // Each context shows its own match in full (the caller masks it) and nothing else in full.
  assert.ok(id.context.includes(`【${ID}】`));
  assert.ok(id.context.includes(maskMobile(mobile)), id.context);
  assert.ok(!id.context.includes(mobile), id.context);
  assert.ok(phone.context.includes(maskIdNumber(ID)), phone.context);
  assert.ok(!phone.context.includes(ID), phone.context);
  assert.ok(phone.context.includes('6228'), phone.context);
  assert.ok(!phone.context.includes(groups(card, ' ')), phone.context);
  assert.ok(!bank.context.includes('7654321'), bank.context);
  for (const h of hits) {
    const others = [ID, mobile, groups(card, ' '), '7654321'].filter((n) => n !== h.match);
    for (const n of others) assert.ok(!h.context.includes(n), `${h.kind}: ${h.context} shows ${n}`);
  }
});

test('a number cut by the context window is masked whole, and dates stay readable', () => {
  const mobile = '13912345678';
  // The ID starts 20 characters before the mobile's end: a window cut would leave its tail.
  const text = `${ID}${'啊'.repeat(12)}电话${mobile}，2024-01-05登记`;
  const phone = scan(text).find((h) => h.kind === 'mobile')!;
  assert.ok(phone.context.startsWith(maskIdNumber(ID)), phone.context);
  assert.ok(!phone.context.includes(ID.slice(6, 14)), phone.context);
  assert.ok(phone.context.includes('2024-01-05'), phone.context);
});

test('a failing ID beside a hit is masked in its context though it is no hit itself', () => {
  const mobile = '13912345678';
  const text = `编号${BAD}，电话${mobile}`;
  const hits = scan(text);
  assert.deepEqual(kinds(hits), [`mobile:${mobile}`]);
  assert.ok(!hits[0]!.context.includes(BAD), hits[0]!.context);
  assert.ok(hits[0]!.context.includes(BAD.slice(0, 4)), 'masked, not removed');
});

test('a run joined to a hit by a space is masked apart from the hit', () => {
  const mobile = '13912345678';
  const text = `身份证${ID}，电话${mobile} 7654321（备用）`;
  const id = scan(text)[0]!;
  assert.ok(!id.context.includes('7654321'), id.context);
  assert.ok(!id.context.includes(mobile), id.context);
});
