import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  maskBankCard,
  maskGeneric,
  maskIdNumber,
  maskMobile,
  maskName,
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

/** A lone surrogate: half of a character outside the BMP. */
const HALF = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('masking never cuts a character in two: emoji, ZWJ sequences, flags, combining marks', () => {
  const family = '👨‍👩‍👧‍👦'; // seven code points joined by ZWJ: one character
  // Four emoji of two code units each: one kept at each end, one star for each hidden one.
  assert.equal(maskGeneric('😀😁😂🤣'), '😀**🤣');
  assert.equal(maskGeneric(`${family}张三李四`), `${family}***四`);
  assert.equal(maskGeneric(`张${family}`), '**');
  // A flag is two regional indicators; a thumbs-up with a skin tone is two code points.
  assert.equal(maskGeneric('🇨🇳一二三四五六👍🏽'), '🇨🇳一****六👍🏽');
  // e and a combining acute accent are one character.
  assert.equal(maskGeneric('e\u0301abcdefg'), 'e\u0301a****fg');
  for (const value of ['😀', '😀😀', `${family}${family}${family}`, '𠮷野家🍜🍜🍜🍜', '13812345678😀', `110105${family}`, '🇨🇳🇨🇳🇨🇳🇨🇳🇨🇳']) {
    for (const masked of [maskGeneric(value), maskIdNumber(value), maskMobile(value), maskBankCard(value)]) {
      assert.ok(!HALF.test(masked), `${value} → ${masked}: half a surrogate pair`);
      assert.ok(!/\u200d\*|\*\u200d/.test(masked), `${value} → ${masked}: a ZWJ sequence cut`);
      // Regional indicators come in pairs: an odd count is a flag cut in half.
      assert.equal((masked.match(/[\u{1f1e6}-\u{1f1ff}]/gu) ?? []).length % 2, 0, `${value} → ${masked}: a flag cut`);
    }
  }
});

test('maskName keeps the first character, and from three on the last, whole', () => {
  assert.equal(maskName('张三丰'), '张*丰');
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('张'), '张');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskName('😀小明'), '😀*明');
  assert.equal(maskName('小明👨‍👩‍👧'), '小*👨‍👩‍👧');
  assert.equal(maskName('𠮷田'), '𠮷*');
  assert.ok(!HALF.test(maskName('🇨🇳王')));
});
