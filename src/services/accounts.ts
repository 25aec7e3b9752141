/**
 * Signing in and out, sessions and one's own password. They stay in services/: an account
 * belongs to no agency (the users capability manages accounts and their roles on agencies).
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../storage/audit.ts';
import { ONE_TIME_PASSWORD_HOURS, type PublicUser } from '../capabilities/users/contract.ts';
import { present } from '../capabilities/users/queries.ts';
import { userRow } from '../capabilities/users/sql.ts';
import { AppError } from './errors.ts';
import type { ServiceDeps } from './context.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { newCaptcha, verifyCaptcha, type CaptchaChallenge } from './captcha.ts';
import { captchaNeeded, clearFailures, failureCounts, recordFailure } from './login-throttle.ts';

export const SESSION_HOURS = 12;

export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Changes the user's own password. A wrong current password counts as a failed sign-in from this
 * address; once that address would need a captcha to sign in, the session that guessed is ended
 * (someone holding a stolen session cannot go on guessing without the captcha). Success ends
 * every other session of the user (a stolen session dies with the old password), keeping the
 * one that made the change.
 */
export async function changePassword(
  deps: ServiceDeps,
  userId: number,
  currentPassword: string,
  newPassword: string,
  keepSessionToken?: string | null,
  address = 'local',
): Promise<void> {
  const user = await userRow(deps.db, userId);
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    const counts = await recordFailure(deps, { username: user.username, address, userId, action: 'auth.change-password-failed' });
    if (captchaNeeded(counts)) {
      if (keepSessionToken) await deps.db.deleteFrom('sessions').where('token_hash', '=', hashToken(keepSessionToken)).execute();
      throw new AppError('SIGNED_OUT_AFTER_FAILURES', '当前密码错误次数过多，已退出登录。请重新登录（需回答验证题）', 401);
    }
    throw new AppError('WRONG_PASSWORD', '当前密码不正确', 400);
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('WEAK_PASSWORD', problem);
  if (newPassword === currentPassword) throw new AppError('PASSWORD_UNCHANGED', '新密码不能与当前密码相同');
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, one_time_expires_at: null, updated_at: deps.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    let others = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionToken) others = others.where('token_hash', '!=', hashToken(keepSessionToken));
    const ended = await others.executeTakeFirst();
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: userId,
      agencyId: null,
      action: 'user.change-password',
      entity: 'user',
      entityId: userId,
      after: { otherSessionsEnded: Number(ended.numDeletedRows) },
    });
  });
}

export interface LoginInput {
  username: string;
  password: string;
  /** The sender's address (behind a proxy, as GONGKAI_TRUST_PROXY allows reading it). */
  address: string;
  captchaToken?: string | undefined;
  captchaAnswer?: string | undefined;
}

/**
 * Verifies credentials. Failures are counted per name as typed and per address (login-throttle.ts);
 * past the threshold the attempt must carry a captcha answer, checked before the password, and
 * each error then carries a fresh question in `details.captcha`. Unknown and existing names get
 * the same answers, the same counting and the same work (a dummy hash is checked).
 */
export async function login(deps: ServiceDeps, input: LoginInput): Promise<{ token: string; session: SessionInfo }> {
  const now = deps.now();
  const withCaptcha = async (): Promise<{ captcha: CaptchaChallenge }> => ({ captcha: await newCaptcha(deps) });
  if (captchaNeeded(await failureCounts(deps, input.username, input.address))) {
    if (!input.captchaToken || !input.captchaAnswer) {
      throw new AppError('CAPTCHA_REQUIRED', '登录失败次数较多，请先回答验证题', 401, await withCaptcha());
    }
    try {
      await verifyCaptcha(deps, input.captchaToken, input.captchaAnswer);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CAPTCHA_INVALID') throw new AppError('CAPTCHA_INVALID', '验证题回答错误或已过期，请回答新的验证题', 401, await withCaptcha());
      throw err;
    }
  }
  const user = await deps.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  // Same work for unknown names, so timing does not reveal which usernames exist.
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled === 1) {
    const counts = await recordFailure(deps, { username: input.username, address: input.address, userId: user?.id ?? null, action: 'auth.login-failed' });
    if (user && ok && user.disabled === 1) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员', 403);
    throw new AppError('LOGIN_FAILED', '用户名或密码不正确', 401, captchaNeeded(counts) ? await withCaptcha() : undefined);
  }
  if (user.must_change_password === 1 && user.one_time_expires_at && user.one_time_expires_at <= now.toISOString()) {
    throw new AppError('ONE_TIME_PASSWORD_EXPIRED', `一次性密码已超过 ${ONE_TIME_PASSWORD_HOURS} 小时有效期，请联系管理员重新设置`, 401);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('sessions')
      .values({ token_hash: hashToken(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt, last_seen_at: now.toISOString() })
      .execute();
    await appendAudit(tx, { at: now, actorUserId: user.id, agencyId: null, action: 'auth.login', entity: 'user', entityId: user.id });
  });
  await clearFailures(deps, input.username, input.address);
  const fresh = await userRow(deps.db, user.id);
  return { token, session: { user: await present(deps.db, fresh), csrfToken, expiresAt } };
}

export async function resolveSession(deps: ServiceDeps, token: string): Promise<SessionInfo | null> {
  const now = deps.now().toISOString();
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.token_hash'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.disabled === 1) return null;
  const { csrf_token, expires_at, token_hash: _hash, ...user } = row;
  return { user: await present(deps.db, user), csrfToken: csrf_token, expiresAt: expires_at };
}

export async function logout(deps: ServiceDeps, token: string): Promise<void> {
  const hash = hashToken(token);
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sessions').select('user_id').where('token_hash', '=', hash).executeTakeFirst();
    if (!row) return;
    await tx.deleteFrom('sessions').where('token_hash', '=', hash).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: row.user_id, agencyId: null, action: 'auth.logout', entity: 'user', entityId: row.user_id });
  });
}
