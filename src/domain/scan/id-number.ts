/**
 * 18-digit resident identity numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit
 * birth date, 3-digit sequence, check character computed with ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-6][0-9]{5}((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})[0-9]{3}[0-9Xx]$/;

/**
 * The check character ('0'–'9' or 'X') for the first 17 digits of an ID number.
 * Throws a RangeError unless `first17` is exactly 17 ASCII digits.
 */
export function idNumberCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new RangeError(`公民身份号码本体码“${first17}”无效：应为17位数字`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/**
 * True if `value` (ASCII digits, last character possibly X/x) is a well-formed 18-digit ID number:
 * area code starting 1–6, a real birth date in 1900–2099, and a matching check character.
 *
 * The birth date is not compared with today: domain code has no clock, and a date a few years in
 * the future is as likely a typo in a real number as a random string.
 */
export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}

/**
 * What is wrong with `value` as an 18-digit ID number, as a Chinese phrase to follow the number's
 * name ("居民身份证号码" + "应为18位，现为17位"), or null when it is valid. The
 * checks go from the most basic (length, characters) to the check character, so a number of the
 * wrong length is told so, not that its check character does not match.
 */
export function idNumberProblem(value: string): string | null {
  const length = Array.from(value).length;
  if (length !== 18) return `应为18位，现为${length}位`;
  if (!/^[0-9]{17}[0-9Xx]$/.test(value)) return '只能由数字组成，最后一位可以是X';
  if (!/^[1-6]/.test(value)) return '前6位地区码无效';
  const m = SHAPE.exec(value);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return '第7至14位不是有效的出生日期';
  return idNumberCheckChar(value.slice(0, 17)) === value.charAt(17).toUpperCase()
    ? null
    : '校验位不符';
}
