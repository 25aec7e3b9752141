import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  maskBankCard,
  maskGeneric,
  maskIdNumber,
  maskMobile,
} from '../../../src/domain/scan/index.ts';

test('maskIdNumber keeps area code and last four', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  assert.equal(maskIdNumber('11010519491231002x'), '110105********002X');
  assert.equal(maskIdNumber('１１０１０５１９４９１２３１００２Ｘ'), '110105********002X');
  assert.equal(maskIdNumber(' 110105 19491231 002X '), '110105********002X');
  assert.equal(maskIdNumber('110105491231002'), '110105******002'); // 15-digit legacy number
});

test('maskMobile', () => {
  assert.equal(maskMobile('13812345678'), '138****5678');
  assert.equal(maskMobile('138-1234-5678'), '138****5678');
  assert.equal(maskMobile('+86 138 1234 5678'), '+86 138****5678');
  assert.equal(maskMobile('8613812345678'), '+86 138****5678');
  assert.equal(maskMobile('１３８１２３４５６７８'), '138****5678');
});

test('maskBankCard keeps first and last four', () => {
  assert.equal(maskBankCard('6222021234567890123'), '6222***********0123');
  assert.equal(maskBankCard('6222 0212 3456 7890'), '6222********7890');
});

test('malformed values are still mostly hidden', () => {
  assert.equal(maskIdNumber('1101051949'), '11******49');
  assert.equal(maskMobile('12345'), '1***5');
  assert.equal(maskBankCard('abc'), '***');
  assert.equal(maskGeneric(''), '');
  assert.equal(maskGeneric('张三'), '**');
  for (const v of ['1', '12', '1234567', '0712-2345678', '110105194912310']) {
    const masked = maskMobile(v);
    const shown = Array.from(masked).filter((c) => c !== '*').length;
    assert.ok(shown * 2 <= Array.from(masked).length, `${v} → ${masked}`);
  }
});
