/**
 * Managing accounts. An agency admin manages a user only if the admin administers every agency
 * where that user holds a role: granting someone a role in one's own agency must never hand over
 * their account in another (the cross-agency takeover found in the security test). Admins see
 * users only through the agencies they administer, and only those agencies' role assignments.
 * A platform operator (granted by the CLI) manages every account; only an operator manages an
 * operator.
 */
import type { Role, RoleScope } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { getUserRow, ONE_TIME_PASSWORD_HOURS, present, type PublicUser } from './accounts.ts';
import { agencyIdsInReach, scopeFor } from './policy.ts';
import { subtreeIds } from './agency-management.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';
import { clearAllFailures } from './login-throttle.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

/** What an actor may do over accounts: everything (system, operator), or through the agencies it administers. */
interface ManagementScope {
  all: boolean;
  adminOf: ReadonlySet<number>;
}

async function managementScope(tx: Tx, actor: Actor): Promise<ManagementScope> {
  if (actor.kind === 'system') return { all: true, adminOf: new Set() };
  const me = await getUserRow(tx, actor.userId);
  // An admin grant with the subtree scope administers every agency below it too.
  const adminOf = new Set(await agencyIdsInReach(tx, actor.userId, 'admin'));
  return { all: me.platform_operator === 1, adminOf };
}

const visibleIn = (scope: ManagementScope) => (agencyId: number) => scope.all || scope.adminOf.has(agencyId);

/**
 * The target as the actor may see it. A user who holds no role in any agency the actor
 * administers does not exist for the actor (404, so ids cannot be probed for accounts).
 */
async function visibleTarget(tx: Tx, scope: ManagementScope, userId: number): Promise<PublicUser> {
  const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('用户');
  const full = await present(tx, row);
  if (!scope.all && !full.roles.some((r) => scope.adminOf.has(r.agencyId))) throw notFound('用户');
  return full;
}

/** Throws unless the actor may change the account itself (name, status, password). */
async function assertManages(tx: Tx, scope: ManagementScope, userId: number): Promise<PublicUser> {
  if (!scope.all && scope.adminOf.size === 0) throw forbidden('只有管理员可以管理账号');
  const target = await visibleTarget(tx, scope, userId);
  if (scope.all) return target;
  if (target.platformOperator) throw forbidden('平台运维账号只能由平台运维人员管理');
  if (!target.roles.every((r) => scope.adminOf.has(r.agencyId))) {
    throw forbidden('该用户在您不管理的机构也有角色，只能由同时管理这些机构的管理员或平台运维人员修改');
  }
  return target;
}

function validateUsername(username: string): void {
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username)) {
    throw new AppError('INVALID_USERNAME', '用户名须为 3–40 位字母、数字、下划线、点或连字符');
  }
}

async function ensureAgency(tx: Tx, agencyId: number): Promise<void> {
  const row = await tx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!row) throw notFound('机构');
}

const oneTimeExpiry = (deps: ServiceDeps): string => new Date(deps.now().getTime() + ONE_TIME_PASSWORD_HOURS * 3600_000).toISOString();

export interface CreateUserInput {
  username: string;
  displayName: string;
  /** When absent a one-time password is generated and returned once. */
  password?: string;
  roles: { agencyId: number; role: Role; scope?: RoleScope | undefined }[];
}

export async function createUser(deps: ServiceDeps, actor: Actor, input: CreateUserInput): Promise<{ user: PublicUser; oneTimePassword: string | null }> {
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
    for (const r of input.roles) await scopeFor(tx, actor, r.agencyId, 'users.manage');
    const existing = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (existing) throw new AppError('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, 409);
    const now = deps.now().toISOString();
    const { id } = await tx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: displayName,
        password_hash: passwordHash,
        must_change_password: oneTimePassword ? 1 : 0,
        one_time_expires_at: oneTimePassword ? oneTimeExpiry(deps) : null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of input.roles) {
      await ensureAgency(tx, r.agencyId);
      await tx.insertInto('user_roles').values({ user_id: id, agency_id: r.agencyId, role: r.role, scope: r.scope ?? 'agency' }).execute();
    }
    const user = await present(tx, await getUserRow(tx, id));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: input.roles[0]?.agencyId ?? null, action: 'user.create', entity: 'user', entityId: id, after: user });
    return { user, oneTimePassword };
  });
}

export async function findUserByUsername(deps: ServiceDeps, username: string): Promise<PublicUser | null> {
  const row = await deps.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? present(deps.db, row) : null;
}

/** Users holding any role in the agency, with only the role assignments the actor may see. */
export async function listUsers(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<PublicUser[]> {
  await scopeFor(deps.db, actor, agencyId, 'users.manage');
  const scope = await managementScope(deps.db, actor);
  const rows = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', deps.db.selectFrom('user_roles').select('user_id').where('agency_id', '=', agencyId))
    .orderBy('id')
    .execute();
  return Promise.all(rows.map((r) => present(deps.db, r, visibleIn(scope))));
}

/**
 * Replaces the user's roles within one agency the actor administers. The user must already be
 * visible to the actor (a role in an agency the actor administers): bringing in someone from an
 * agency one does not administer is for a platform operator or an admin of both.
 */
export async function setUserRoles(deps: ServiceDeps, actor: Actor, userId: number, agencyId: number, roles: Role[], roleScope: RoleScope = 'agency'): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    await scopeFor(tx, actor, agencyId, 'users.manage');
    await ensureAgency(tx, agencyId);
    const scope = await managementScope(tx, actor);
    // A subtree grant reaches every agency below: the granting admin must administer all of them.
    if (roleScope === 'subtree' && !scope.all && !(await subtreeIds(tx, agencyId)).every((id) => scope.adminOf.has(id))) {
      throw forbidden('只有管理本机关及全部下级机构的管理员才能授予“本机关及下级”范围的角色');
    }
    const before = await visibleTarget(tx, scope, userId);
    if (actor.kind === 'user' && actor.userId === userId && !roles.includes('admin') && before.roles.some((r) => r.role === 'admin' && r.agencyId === agencyId)) {
      throw new AppError('CANNOT_DROP_OWN_ADMIN', '不能撤销自己在本机构的管理员角色', 409);
    }
    await tx.deleteFrom('user_roles').where('user_id', '=', userId).where('agency_id', '=', agencyId).execute();
    for (const role of new Set(roles)) await tx.insertInto('user_roles').values({ user_id: userId, agency_id: agencyId, role, scope: roleScope }).execute();
    const after = await present(tx, await getUserRow(tx, userId));
    const inAgency = (u: PublicUser) => u.roles.filter((r) => r.agencyId === agencyId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'user.roles', entity: 'user', entityId: userId, before: inAgency(before), after: inAgency(after) });
    return present(tx, await getUserRow(tx, userId), visibleIn(scope));
  });
}

export async function updateUser(deps: ServiceDeps, actor: Actor, userId: number, patch: { displayName?: string; disabled?: boolean }): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await managementScope(tx, actor);
    const before = await assertManages(tx, scope, userId);
    if (patch.disabled && actor.kind === 'user' && actor.userId === userId) throw new AppError('CANNOT_DISABLE_SELF', '不能停用自己的账号', 409);
    const displayName = patch.displayName?.trim();
    if (patch.displayName !== undefined && !displayName) throw new AppError('INVALID_DISPLAY_NAME', '姓名不能为空');
    await tx
      .updateTable('users')
      .set({ ...(displayName ? { display_name: displayName } : {}), ...(patch.disabled === undefined ? {} : { disabled: patch.disabled ? 1 : 0 }), updated_at: deps.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    if (patch.disabled) await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const after = await present(tx, await getUserRow(tx, userId));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: null, action: 'user.update', entity: 'user', entityId: userId, before, after });
    return after;
  });
}

/**
 * Sets a fresh one-time password (valid for ONE_TIME_PASSWORD_HOURS), forgets the name's failed
 * sign-ins (no captcha asked at the next one) and ends its sessions.
 */
export async function resetPassword(deps: ServiceDeps, actor: Actor, userId: number): Promise<{ oneTimePassword: string }> {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await deps.db.transaction().execute(async (tx) => {
    await assertManages(tx, await managementScope(tx, actor), userId);
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 1, one_time_expires_at: oneTimeExpiry(deps), updated_at: deps.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    await clearAllFailures(tx, (await tx.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow()).username);
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: null, action: 'user.reset-password', entity: 'user', entityId: userId });
  });
  return { oneTimePassword };
}

/** Grants or revokes the platform-operator permission. Only the CLI calls this (system actor). */
export async function setPlatformOperator(deps: ServiceDeps, actor: Actor & { kind: 'system' }, userId: number, operator: boolean): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await getUserRow(tx, userId);
    await tx.updateTable('users').set({ platform_operator: operator ? 1 : 0, updated_at: deps.now().toISOString() }).where('id', '=', userId).execute();
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: null,
      agencyId: null,
      action: operator ? 'user.grant-operator' : 'user.revoke-operator',
      entity: 'user',
      entityId: userId,
      before: { platformOperator: before.platform_operator === 1, by: actor.label },
      after: { platformOperator: operator },
    });
    return present(tx, await getUserRow(tx, userId));
  });
}
