import { createHash, randomBytes } from 'node:crypto';
import { chinaDateTime } from '../domain/calendar/china-time.ts';
import type { Role, RoleScope, User } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, notFound } from './errors.ts';
import type { ServiceDeps, Tx } from './context.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export const SESSION_HOURS = 12;
/** A one-time password (new account, reset) stops working this long after it was issued. */
export const ONE_TIME_PASSWORD_HOURS = 24;
/** Failures allowed before the account locks; each further failure doubles the lock. */
export const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  /** Granted only by the CLI: may change the shared working calendar and manage any account. */
  platformOperator: boolean;
  roles: { agencyId: number; role: Role; scope: RoleScope }[];
}

export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The user's grants as stored: a role on an agency, for that agency or its whole subtree. */
export async function rolesOf(tx: Tx, userId: number): Promise<{ agencyId: number; role: Role; scope: RoleScope }[]> {
  const rows = await tx
    .selectFrom('user_roles')
    .select(['agency_id', 'role', 'scope'])
    .where('user_id', '=', userId)
    .orderBy('agency_id')
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role, scope: r.scope }));
}

/** The account as the API shows it; `visibleAgency` hides roles held in agencies the viewer does not administer. */
export async function present(tx: Tx, user: User, visibleAgency: (agencyId: number) => boolean = () => true): Promise<PublicUser> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    mustChangePassword: user.must_change_password === 1,
    disabled: user.disabled === 1,
    lockedUntil: user.locked_until,
    platformOperator: user.platform_operator === 1,
    roles: (await rolesOf(tx, user.id)).filter((r) => visibleAgency(r.agencyId)),
  };
}

export async function getUserRow(tx: Tx, id: number): Promise<User> {
  const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return row;
}

/**
 * Counts one failed password check (login, or the current password on change-password) and
 * locks the account after FAILURES_BEFORE_LOCK of them, the lock doubling up to an hour.
 */
async function recordPasswordFailure(deps: ServiceDeps, user: User, action: string): Promise<void> {
  const now = deps.now();
  const failures = user.failed_logins + 1;
  const lockMinutes = failures >= FAILURES_BEFORE_LOCK ? Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FAILURES_BEFORE_LOCK)) : 0;
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: failures, locked_until: lockMinutes ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : user.locked_until })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(tx, { at: now, actorUserId: null, agencyId: null, action, entity: 'user', entityId: user.id, after: { failures, lockMinutes } });
  });
}

function assertNotLocked(user: User, now: Date): void {
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('ACCOUNT_LOCKED', `密码错误次数过多，账号已临时锁定，请于 ${chinaDateTime(user.locked_until)} 后再试`, 429, { lockedUntil: user.locked_until });
  }
}

/**
 * Changes the user's own password. A wrong current password counts toward the lockout like a
 * failed login; success ends every other session of the user (a stolen session dies with the
 * old password), keeping the one that made the change.
 */
export async function changePassword(deps: ServiceDeps, userId: number, currentPassword: string, newPassword: string, keepSessionToken?: string | null): Promise<void> {
  const user = await getUserRow(deps.db, userId);
  assertNotLocked(user, deps.now());
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    await recordPasswordFailure(deps, user, 'auth.change-password-failed');
    throw new AppError('WRONG_PASSWORD', '当前密码不正确', 400);
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('WEAK_PASSWORD', problem);
  if (newPassword === currentPassword) throw new AppError('PASSWORD_UNCHANGED', '新密码不能与当前密码相同');
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, one_time_expires_at: null, failed_logins: 0, locked_until: null, updated_at: deps.now().toISOString() })
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

const LOGIN_FAILED = (): AppError => new AppError('LOGIN_FAILED', '用户名或密码不正确', 401);

/**
 * Verifies credentials with lockout: after FAILURES_BEFORE_LOCK consecutive failures the
 * account locks for 1 minute, doubling with each further failure up to an hour.
 */
export async function login(deps: ServiceDeps, input: { username: string; password: string }): Promise<{ token: string; session: SessionInfo }> {
  const now = deps.now();
  const user = await deps.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    // Same work as a real check, so timing does not reveal which usernames exist.
    await verifyPassword(input.password, DUMMY_HASH);
    throw LOGIN_FAILED();
  }
  assertNotLocked(user, now);
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok || user.disabled === 1) {
    await recordPasswordFailure(deps, user, 'auth.login-failed');
    if (ok && user.disabled === 1) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员', 403);
    throw LOGIN_FAILED();
  }
  if (user.must_change_password === 1 && user.one_time_expires_at && user.one_time_expires_at <= now.toISOString()) {
    throw new AppError('ONE_TIME_PASSWORD_EXPIRED', `一次性密码已超过 ${ONE_TIME_PASSWORD_HOURS} 小时有效期，请联系管理员重新设置`, 401);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await tx
      .insertInto('sessions')
      .values({ token_hash: hashToken(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt, last_seen_at: now.toISOString() })
      .execute();
    await appendAudit(tx, { at: now, actorUserId: user.id, agencyId: null, action: 'auth.login', entity: 'user', entityId: user.id });
  });
  const fresh = await getUserRow(deps.db, user.id);
  return { token, session: { user: await present(deps.db, fresh), csrfToken, expiresAt } };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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
