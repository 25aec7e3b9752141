import { test } from 'node:test';
import assert from 'node:assert/strict';

import { idNumberCheckChar, idNumberProblem, isValidIdNumber } from '../../../src/domain/scan/index.ts';
import { checkChar, makeId, withWrongCheck } from './fixtures.ts';

test('the GB 11643 example number is valid', () => {
  assert.equal(isValidIdNumber('11010519491231002X'), true);
  assert.equal(isValidIdNumber('11010519491231002x'), true);
  assert.equal(idNumberCheckChar('11010519491231002'), 'X');
});

test('check character agrees with the ISO 7064 definition on many numbers', () => {
  let x = 12345;
  for (let i = 0; i < 2000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const first17 =
      String(x).padStart(10, '0') +
      String(i * 7919)
        .padStart(7, '0')
        .slice(-7);
    assert.equal(idNumberCheckChar(first17), checkChar(first17), first17);
  }
});

test('idNumberCheckChar rejects input that is not 17 digits', () => {
  assert.throws(() => idNumberCheckChar('1101051949123100'), RangeError);
  assert.throws(() => idNumberCheckChar('1101051949123100A'), RangeError);
});

test('valid numbers across areas and dates', () => {
  for (const [area, birth] of [
    ['110105', '19491231'],
    ['310101', '19800615'],
    ['440305', '20000229'], // leap day
    ['510107', '19000101'],
    ['650102', '20991231'],
    ['230103', '19960430'],
  ] as const) {
    const id = makeId(area, birth, '123');
    assert.equal(isValidIdNumber(id), true, id);
    assert.equal(isValidIdNumber(withWrongCheck(id)), false, withWrongCheck(id));
  }
});

test('invalid dates, centuries and area codes are rejected even with a correct check character', () => {
  for (const [area, birth] of [
    ['110105', '19490230'],
    ['110105', '19491301'],
    ['110105', '19490001'],
    ['110105', '19490100'],
    ['110105', '19000229'], // 1900 is not a leap year
    ['110105', '18991231'],
    ['110105', '21000101'],
    ['010105', '19800101'],
    ['710105', '19800101'],
    ['810000', '19800101'],
    ['910105', '19800101'],
  ] as const) {
    assert.equal(isValidIdNumber(makeId(area, birth, '123')), false, area + birth);
  }
});

test('shape is exact: 18 ASCII characters, X only last', () => {
  const id = makeId('110105', '19800101', '123');
  assert.equal(isValidIdNumber(id.slice(0, 17)), false);
  assert.equal(isValidIdNumber(id + '0'), false);
  assert.equal(isValidIdNumber(` ${id}`), false);
  assert.equal(isValidIdNumber('X' + id.slice(1)), false);
});

test('idNumberProblem says what is wrong, length first, the check character last', () => {
  const id = makeId('110105', '19800101', '123');
  assert.equal(idNumberProblem(id), null);
  assert.equal(idNumberProblem(id.slice(0, 17)), '应为18位，现为17位');
  assert.equal(idNumberProblem(id.slice(0, 15)), '应为18位，现为15位');
  assert.equal(idNumberProblem(id + '1'), '应为18位，现为19位');
  // A wrong length is told as such even when the digits there would also fail the check.
  assert.equal(idNumberProblem(withWrongCheck(id).slice(0, 16)), '应为18位，现为16位');
  assert.equal(idNumberProblem(''), '应为18位，现为0位');
  assert.equal(idNumberProblem('11010519800101123A'), '只能由数字组成，最后一位可以是X');
  assert.equal(idNumberProblem('1101051980010112３X'), '只能由数字组成，最后一位可以是X');
  assert.equal(idNumberProblem(makeId('910105', '19800101', '123')), '前6位地区码无效');
  assert.equal(idNumberProblem(makeId('110105', '19800230', '123')), '第7至14位不是有效的出生日期');
  assert.equal(idNumberProblem(makeId('110105', '18991231', '123')), '第7至14位不是有效的出生日期');
  assert.equal(idNumberProblem(withWrongCheck(id)), '校验位不符');
});
