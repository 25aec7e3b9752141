import { createHash, randomBytes } from 'node:crypto';
import type { Role, User } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { rolesAllow, type Permission } from './policy.ts';

export const SESSION_HOURS = 12;
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
  roles: { agencyId: number; role: Role }[];
}

export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function rolesOf(tx: Tx, userId: number): Promise<{ agencyId: number; role: Role }[]> {
  const rows = await tx
    .selectFrom('user_roles')
    .select(['agency_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('agency_id')
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role }));
}

async function present(tx: Tx, user: User): Promise<PublicUser> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    mustChangePassword: user.must_change_password === 1,
    disabled: user.disabled === 1,
    lockedUntil: user.locked_until,
    roles: await rolesOf(tx, user.id),
  };
}

/** Throws FORBIDDEN unless the actor holds a role granting `permission` in `agencyId`. */
export async function authorize(
  tx: Tx,
  actor: Actor,
  agencyId: number,
  permission: Permission,
): Promise<void> {
  if (actor.kind === 'system') return;
  const roles = (await rolesOf(tx, actor.userId))
    .filter((r) => r.agencyId === agencyId)
    .map((r) => r.role);
  if (!rolesAllow(roles, permission)) throw forbidden();
}

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

function validateUsername(username: string): void {
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username)) {
    throw new AppError('INVALID_USERNAME', '用户名须为 3–40 位字母、数字、下划线、点或连字符');
  }
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  /** When absent a one-time password is generated and returned once. */
  password?: string;
  roles: { agencyId: number; role: Role }[];
}

export async function createUser(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: PublicUser; oneTimePassword: string | null }> {
  validateUsername(input.username);
  const displayName = input.displayName.trim();
  if (!displayName) throw new AppError('INVALID_DISPLAY_NAME', '姓名不能为空');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError('WEAK_PASSWORD', problem);
  }
  const oneTimePassword = input.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  return deps.db.transaction().execute(async (tx) => {
    for (const r of input.roles) await authorize(tx, actor, r.agencyId, 'users.manage');
    const existing = await tx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (existing) throw new AppError('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, 409);
    const now = deps.now().toISOString();
    const { id } = await tx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: displayName,
        password_hash: passwordHash,
        must_change_password: oneTimePassword ? 1 : 0,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of input.roles) {
      await ensureAgency(tx, r.agencyId);
      await tx.insertInto('user_roles').values({ user_id: id, agency_id: r.agencyId, role: r.role }).execute();
    }
    const user = await present(tx, await getUserRow(tx, id));
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actorId(actor),
      agencyId: input.roles[0]?.agencyId ?? null,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: user,
    });
    return { user, oneTimePassword };
  });
}

async function ensureAgency(tx: Tx, agencyId: number): Promise<void> {
  const row = await tx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!row) throw notFound('机构');
}

async function getUserRow(tx: Tx, id: number): Promise<User> {
  const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return row;
}

export async function findUserByUsername(deps: ServiceDeps, username: string): Promise<PublicUser | null> {
  const row = await deps.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? present(deps.db, row) : null;
}

/** Users holding any role in the agency. */
export async function listUsers(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<PublicUser[]> {
  await authorize(deps.db, actor, agencyId, 'users.manage');
  const rows = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', deps.db.selectFrom('user_roles').select('user_id').where('agency_id', '=', agencyId))
    .orderBy('id')
    .execute();
  return Promise.all(rows.map((r) => present(deps.db, r)));
}

/** Replaces the user's roles within one agency. */
export async function setUserRoles(
  deps: ServiceDeps,
  actor: Actor,
  userId: number,
  agencyId: number,
  roles: Role[],
): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    await authorize(tx, actor, agencyId, 'users.manage');
    await ensureAgency(tx, agencyId);
    const before = await present(tx, await getUserRow(tx, userId));
    if (actor.kind === 'user' && actor.userId === userId && !roles.includes('admin')) {
      const adminElsewhere = before.roles.some((r) => r.role === 'admin' && r.agencyId === agencyId);
      if (adminElsewhere) {
        throw new AppError('CANNOT_DROP_OWN_ADMIN', '不能撤销自己在本机构的管理员角色', 409);
      }
    }
    await tx.deleteFrom('user_roles').where('user_id', '=', userId).where('agency_id', '=', agencyId).execute();
    for (const role of new Set(roles)) {
      await tx.insertInto('user_roles').values({ user_id: userId, agency_id: agencyId, role }).execute();
    }
    const after = await present(tx, await getUserRow(tx, userId));
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actorId(actor),
      agencyId,
      action: 'user.roles',
      entity: 'user',
      entityId: userId,
      before: before.roles,
      after: after.roles,
    });
    return after;
  });
}

/** Agencies in which the actor may manage this user (any agency the user has a role in). */
async function authorizeOverUser(tx: Tx, actor: Actor, userId: number): Promise<void> {
  if (actor.kind === 'system') return;
  const roles = await rolesOf(tx, userId);
  const agencies = new Set(roles.map((r) => r.agencyId));
  for (const agencyId of agencies) {
    try {
      await authorize(tx, actor, agencyId, 'users.manage');
      return;
    } catch {
      /* try the next agency */
    }
  }
  throw forbidden();
}

export async function updateUser(
  deps: ServiceDeps,
  actor: Actor,
  userId: number,
  patch: { displayName?: string; disabled?: boolean },
): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    await authorizeOverUser(tx, actor, userId);
    const before = await present(tx, await getUserRow(tx, userId));
    if (patch.disabled && actor.kind === 'user' && actor.userId === userId) {
      throw new AppError('CANNOT_DISABLE_SELF', '不能停用自己的账号', 409);
    }
    const displayName = patch.displayName?.trim();
    if (patch.displayName !== undefined && !displayName) {
      throw new AppError('INVALID_DISPLAY_NAME', '姓名不能为空');
    }
    await tx
      .updateTable('users')
      .set({
        ...(displayName ? { display_name: displayName } : {}),
        ...(patch.disabled === undefined ? {} : { disabled: patch.disabled ? 1 : 0 }),
        updated_at: deps.now().toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    if (patch.disabled) await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const after = await present(tx, await getUserRow(tx, userId));
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actorId(actor),
      agencyId: null,
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      before,
      after,
    });
    return after;
  });
}

/** Sets a fresh one-time password, unlocks the account and ends its sessions. */
export async function resetPassword(
  deps: ServiceDeps,
  actor: Actor,
  userId: number,
): Promise<{ oneTimePassword: string }> {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await deps.db.transaction().execute(async (tx) => {
    await authorizeOverUser(tx, actor, userId);
    await getUserRow(tx, userId);
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: deps.now().toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actorId(actor),
      agencyId: null,
      action: 'user.reset-password',
      entity: 'user',
      entityId: userId,
    });
  });
  return { oneTimePassword };
}

export async function changePassword(
  deps: ServiceDeps,
  userId: number,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await getUserRow(deps.db, userId);
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    throw new AppError('WRONG_PASSWORD', '当前密码不正确', 400);
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('WEAK_PASSWORD', problem);
  if (newPassword === currentPassword) throw new AppError('PASSWORD_UNCHANGED', '新密码不能与当前密码相同');
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, updated_at: deps.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: userId,
      agencyId: null,
      action: 'user.change-password',
      entity: 'user',
      entityId: userId,
    });
  });
}

const LOGIN_FAILED = (): AppError => new AppError('LOGIN_FAILED', '用户名或密码不正确', 401);

/**
 * Verifies credentials with lockout: after FAILURES_BEFORE_LOCK consecutive failures the
 * account locks for 1 minute, doubling with each further failure up to an hour.
 */
export async function login(
  deps: ServiceDeps,
  input: { username: string; password: string },
): Promise<{ token: string; session: SessionInfo }> {
  const now = deps.now();
  const user = await deps.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    // Same work as a real check, so timing does not reveal which usernames exist.
    await verifyPassword(input.password, DUMMY_HASH);
    throw LOGIN_FAILED();
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError(
      'ACCOUNT_LOCKED',
      `登录失败次数过多，账号已临时锁定，请于 ${formatLocal(user.locked_until)} 后再试`,
      429,
      { lockedUntil: user.locked_until },
    );
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok || user.disabled === 1) {
    const failures = user.failed_logins + 1;
    const lockMinutes =
      failures >= FAILURES_BEFORE_LOCK
        ? Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FAILURES_BEFORE_LOCK))
        : 0;
    await deps.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({
          failed_logins: failures,
          locked_until: lockMinutes ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(tx, {
        at: now,
        actorUserId: null,
        agencyId: null,
        action: 'auth.login-failed',
        entity: 'user',
        entityId: user.id,
        after: { failures, lockMinutes },
      });
    });
    if (ok && user.disabled === 1) throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员', 403);
    throw LOGIN_FAILED();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await tx
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_seen_at: now.toISOString(),
      })
      .execute();
    await appendAudit(tx, {
      at: now,
      actorUserId: user.id,
      agencyId: null,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
    });
  });
  const fresh = await getUserRow(deps.db, user.id);
  return { token, session: { user: await present(deps.db, fresh), csrfToken, expiresAt } };
}

const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: row.user_id,
      agencyId: null,
      action: 'auth.logout',
      entity: 'user',
      entityId: row.user_id,
    });
  });
}

function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
