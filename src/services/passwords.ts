import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Node's built-in scrypt (OpenSSL) — a maintained, memory-hard KDF with no native addon to build.
const PARAMS = { N: 2 ** scryptCost(process.env.GONGKAI_PASSWORD_COST), r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * scrypt's cost as a power of two: 15 (about a quarter of a second of a core and 32 MB a hash)
 * unless GONGKAI_PASSWORD_COST says otherwise. npm test sets 10: the suite creates and signs in
 * hundreds of users, and at 15 hashing took more CPU than everything else those tests do. Each
 * stored hash carries its own parameters, so hashes made at any cost still verify.
 */
export function scryptCost(value: string | undefined): number {
  if (value === undefined || value === '') return 15;
  const cost = Number(value);
  if (!Number.isInteger(cost) || cost < 10 || cost > 20) throw new Error(`GONGKAI_PASSWORD_COST 配置无效：${value}（应为 10 至 20 的整数，默认 15，仅供测试调低）`);
  return cost;
}

/** A hash no password matches, at the current cost: an unknown name costs as much as a known one. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await derive(password, Buffer.from(saltB64, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A one-time password people can type: no 0/O/1/l/I confusion. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Rules for a password a person chooses. Returns a Chinese reason, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 200) return '密码不能超过 200 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  if (classes.length < 2) return '密码须至少包含字母、数字、符号中的两类';
  return null;
}
