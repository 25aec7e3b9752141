import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.ts';
import type { ServiceDeps } from './context.ts';

/**
 * A captcha that needs no outside service: an arithmetic question written in Chinese numerals,
 * answered in digits, readable by screen readers. The answer is bound to a signed, expiring
 * token; the secret lives in the database so every server process shares it.
 *
 * It is friction, not a barrier (docs/decisions/011): a program can read the question, and
 * answers lie between 0 and 18. What it does guarantee: a token is used up by the first answer
 * given for it, right or wrong, so each guess costs a new question (and a request, which the
 * per-address rate limits count).
 */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const TTL_MS = 20 * 60_000;

export interface CaptchaChallenge {
  token: string;
  question: string;
}

async function secret(deps: ServiceDeps): Promise<Buffer> {
  const row = await deps.db.selectFrom('settings').select('value').where('key', '=', 'captcha_secret').executeTakeFirst();
  if (row) return Buffer.from(row.value, 'base64');
  const value = randomBytes(32).toString('base64');
  await deps.db.insertInto('settings').values({ key: 'captcha_secret', value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const stored = await deps.db.selectFrom('settings').select('value').where('key', '=', 'captcha_secret').executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64');
}

const sign = (key: Buffer, id: string, exp: number, answer: string): string =>
  createHmac('sha256', key).update(`${id}|${exp}|${answer}`).digest('base64url');

export async function newCaptcha(deps: ServiceDeps): Promise<CaptchaChallenge> {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  // Subtraction only when it stays positive.
  const plus = randomInt(2) === 0 || a <= b;
  const answer = String(plus ? a + b : a - b);
  const id = randomBytes(12).toString('base64url');
  const exp = deps.now().getTime() + TTL_MS;
  const mac = sign(await secret(deps), id, exp, answer);
  return {
    token: `${id}.${exp}.${mac}`,
    question: `${DIGITS[a]}${plus ? '加' : '减'}${DIGITS[b]}等于多少？（请填写阿拉伯数字）`,
  };
}

const CAPTCHA_WRONG = (): AppError => new AppError('CAPTCHA_INVALID', '验证码错误或已过期，请重新作答', 400);

export async function verifyCaptcha(deps: ServiceDeps, token: string, answer: string): Promise<void> {
  const [id, expText, mac] = (token ?? '').split('.');
  const exp = Number(expText);
  const now = deps.now().getTime();
  // A forged expiry far ahead would keep its used-up row forever; real tokens expire within TTL_MS.
  if (!id || !mac || !Number.isFinite(exp) || exp < now || exp > now + TTL_MS) throw CAPTCHA_WRONG();
  // Used up first, whatever the answer: a wrong guess cannot be followed by another on this token.
  await deps.db.deleteFrom('captcha_uses').where('expires_at', '<', deps.now().toISOString()).execute();
  const used = await deps.db
    .insertInto('captcha_uses')
    .values({ token_id: id, expires_at: new Date(exp).toISOString() })
    .onConflict((oc) => oc.column('token_id').doNothing())
    .executeTakeFirst();
  if (Number(used.numInsertedOrUpdatedRows ?? 0) === 0) throw CAPTCHA_WRONG(); // already answered
  const expected = Buffer.from(sign(await secret(deps), id, exp, String(answer ?? '').trim()));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw CAPTCHA_WRONG();
}
