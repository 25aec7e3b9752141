const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Answers the portal's arithmetic question, as a person would. */
export function solveCaptcha(question: string): string {
  const m = /^(.)(加|减)(.)等于多少/.exec(question);
  if (!m) throw new Error(`unexpected captcha: ${question}`);
  const a = DIGITS.indexOf(m[1]!);
  const b = DIGITS.indexOf(m[3]!);
  return String(m[2] === '加' ? a + b : a - b);
}
