import { test } from 'node:test';
import assert from 'node:assert/strict';

import { phoneProblem } from '../../../src/domain/scan/index.ts';

test('mobile, landline with area code, service and foreign numbers are accepted as written', () => {
  for (const phone of [
    '13912345678',
    '139 1234 5678',
    '139-1234-5678',
    '+86 139 1234 5678',
    '+8613912345678',
    '008613912345678',
    '8613912345678',
    '１３９１２３４５６７８',
    '0712-2345678',
    '010-12345678',
    '(0712)2345678',
    '（0712）2345678',
    '0551 1234567',
    '07122345678',
    '400-123-4567',
    '800 123 4567',
    '+852 2123 4567',
    '+1 202 555 0143',
  ]) {
    assert.equal(phoneProblem(phone), null, phone);
  }
});

test('a 7- or 8-digit number without its area code is refused, saying so', () => {
  assert.equal(phoneProblem('2345678'), '缺少区号：固定电话请连同区号填写，如 0712-2345678');
  assert.equal(phoneProblem('234-5678'), '缺少区号：固定电话请连同区号填写，如 0712-2345678');
  assert.equal(phoneProblem('12345678'), '手机号码应为11位，现为8位');
  assert.equal(phoneProblem('82345678'), '缺少区号：固定电话请连同区号填写，如 0712-2345678');
});

test('wrong lengths and characters are told apart', () => {
  assert.equal(phoneProblem('1391234567'), '手机号码应为11位，现为10位');
  assert.equal(phoneProblem('139123456789'), '手机号码应为11位，现为12位');
  assert.equal(phoneProblem('12912345678'), '手机号码第二位应为3至9');
  assert.equal(phoneProblem('0712-23456'), '固定电话应为区号加7至8位号码（共10至12位），现为9位');
  assert.equal(phoneProblem('0712-234567890'), '固定电话应为区号加7至8位号码（共10至12位），现为13位');
  assert.equal(phoneProblem('139l2345678'), '只能由数字组成（可含空格、“-”、括号和开头的“+”）');
  assert.equal(phoneProblem('0712-2345678转801'), '只能由数字组成（可含空格、“-”、括号和开头的“+”）');
  assert.equal(phoneProblem('+1 555'), '国际号码（以“+”开头）应为7至15位数字，现为4位');
  assert.equal(phoneProblem('12345'), '手机号码应为11位，现为5位');
  assert.equal(phoneProblem('95588'), '应为11位手机号码或带区号的固定电话，现为5位');
  assert.equal(phoneProblem('+86 2345678'), '缺少区号：固定电话请连同区号填写，如 0712-2345678');
});
