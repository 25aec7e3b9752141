/**
 * Contact phone numbers as applicants write them: a mainland mobile (11 digits, 1[3-9]…, with an
 * optional +86/0086/86), a landline with its area code (0 and 2–3 digits, then a 7–8 digit
 * number: 10–12 digits in all), a 400/800 service number, or a foreign number in "+" form.
 *
 * A 7- or 8-digit number alone is refused: without the area code the agency cannot call it, and
 * a mobile number missing digits looks the same. No extensions: the last four digits of the
 * number are the tracking secret, and an extension would take their place.
 */

import { foldForScan } from './fold.ts';

/** The number as stored: ASCII digits and a leading "+", without spaces, hyphens and brackets. */
export function normalisePhone(raw: string): string {
  return foldForScan(raw).replace(/[\s()-]/g, '');
}

/**
 * What is wrong with `raw` as a contact phone number, as a Chinese phrase to follow "联系电话",
 * or null when it is usable.
 */
export function phoneProblem(raw: string): string | null {
  const compact = normalisePhone(raw);
  if (!/^\+?[0-9]+$/.test(compact)) return '只能由数字组成（可含空格、“-”、括号和开头的“+”）';
  if (compact.startsWith('+') && !compact.startsWith('+86')) {
    const n = compact.length - 1;
    return n >= 7 && n <= 15 ? null : `国际号码（以“+”开头）应为7至15位数字，现为${n}位`;
  }
  const national = compact.replace(/^(?:\+86|0086)/, '').replace(/^86(?=1[0-9]{10}$)/, '');
  const n = national.length;
  if (national.startsWith('1')) {
    if (n !== 11) return `手机号码应为11位，现为${n}位`;
    return /^1[3-9]/.test(national) ? null : '手机号码第二位应为3至9';
  }
  if (national.startsWith('0')) {
    return n >= 10 && n <= 12 ? null : `固定电话应为区号加7至8位号码（共10至12位），现为${n}位`;
  }
  if (/^[48]00[0-9]{7}$/.test(national)) return null;
  if (n === 7 || n === 8) return '缺少区号：固定电话请连同区号填写，如 0712-2345678';
  return `应为11位手机号码或带区号的固定电话，现为${n}位`;
}
