/**
 * Managing accounts and their roles: who may is decided in queries.ts (managementScope), each
 * agency's role grants are written with that agency's scope.
 */
import type { Role, RoleScope } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { scopeFor } from '../../services/policy.ts';
import { generatePassword, hashPassword, passwordProblem } from '../../services/passwords.ts';
import { clearAllFailures } from '../../services/login-throttle.ts';
import { agencyRow, subtreeIds } from '../agencies/sql.ts';
import { ONE_TIME_PASSWORD_HOURS, type CreateUserInput, type PublicUser } from './contract.ts';
import { addGrant, endSessions, insertUser, replaceGrants, updateUserRow, userByUsername, userRow } from './sql.ts';
import { assertManages, managementScope, present, visibleIn, visibleTarget } from './queries.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

function validateUsername(username: string): void {
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username)) {
    throw new AppError('INVALID_USERNAME', '用户名须为 3–40 位字母、数字、下划线、点或连字符');
  }
}

const oneTimeExpiry = (deps: ServiceDeps): string => new Date(deps.now().getTime() + ONE_TIME_PASSWORD_HOURS * 3600_000).toISOString();

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
    const grants = [];
    for (const r of input.roles) grants.push({ ...r, in: await scopeFor(tx, actor, r.agencyId, 'users.manage') });
    if (await userByUsername(tx, input.username)) throw new AppError('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, 409);
    const now = deps.now().toISOString();
    const id = await insertUser(tx, {
      username: input.username,
      display_name: displayName,
      password_hash: passwordHash,
      must_change_password: oneTimePassword ? 1 : 0,
      one_time_expires_at: oneTimePassword ? oneTimeExpiry(deps) : null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    });
    for (const g of grants) {
      await agencyRow(tx, g.in); // the system actor's scope does not prove that the agency exists
      await addGrant(tx, g.in, id, g.role, g.scope ?? 'agency');
    }
    const user = await present(tx, await userRow(tx, id));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: input.roles[0]?.agencyId ?? null, action: 'user.create', entity: 'user', entityId: id, after: user });
    return { user, oneTimePassword };
  });
}

/**
 * Replaces the user's roles within one agency the actor administers. The user must already be
 * visible to the actor (a role in an agency the actor administers): bringing in someone from an
 * agency one does not administer is for a platform operator or an admin of both.
 */
export async function setUserRoles(deps: ServiceDeps, actor: Actor, userId: number, agencyId: number, roles: Role[], roleScope: RoleScope = 'agency'): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'users.manage');
    await agencyRow(tx, scope);
    const reach = await managementScope(tx, actor);
    // A subtree grant reaches every agency below: the granting admin must administer all of them.
    if (roleScope === 'subtree' && !reach.all && !(await subtreeIds(tx, scope)).every((id) => reach.adminOf.has(id))) {
      throw forbidden('只有管理本机关及全部下级机构的管理员才能授予“本机关及下级”范围的角色');
    }
    const before = await visibleTarget(tx, reach, userId);
    if (actor.kind === 'user' && actor.userId === userId && !roles.includes('admin') && before.roles.some((r) => r.role === 'admin' && r.agencyId === agencyId)) {
      throw new AppError('CANNOT_DROP_OWN_ADMIN', '不能撤销自己在本机构的管理员角色', 409);
    }
    await replaceGrants(tx, scope, userId, roles, roleScope);
    const after = await present(tx, await userRow(tx, userId));
    const inAgency = (u: PublicUser) => u.roles.filter((r) => r.agencyId === agencyId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'user.roles', entity: 'user', entityId: userId, before: inAgency(before), after: inAgency(after) });
    return present(tx, await userRow(tx, userId), visibleIn(reach));
  });
}

export async function updateUser(deps: ServiceDeps, actor: Actor, userId: number, patch: { displayName?: string; disabled?: boolean }): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await assertManages(tx, await managementScope(tx, actor), userId);
    if (patch.disabled && actor.kind === 'user' && actor.userId === userId) throw new AppError('CANNOT_DISABLE_SELF', '不能停用自己的账号', 409);
    const displayName = patch.displayName?.trim();
    if (patch.displayName !== undefined && !displayName) throw new AppError('INVALID_DISPLAY_NAME', '姓名不能为空');
    await updateUserRow(tx, userId, {
      ...(displayName ? { display_name: displayName } : {}),
      ...(patch.disabled === undefined ? {} : { disabled: patch.disabled ? 1 : 0 }),
      updated_at: deps.now().toISOString(),
    });
    if (patch.disabled) await endSessions(tx, userId);
    const after = await present(tx, await userRow(tx, userId));
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
    const target = await assertManages(tx, await managementScope(tx, actor), userId);
    await updateUserRow(tx, userId, { password_hash: passwordHash, must_change_password: 1, one_time_expires_at: oneTimeExpiry(deps), updated_at: deps.now().toISOString() });
    await clearAllFailures(tx, target.username);
    await endSessions(tx, userId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: null, action: 'user.reset-password', entity: 'user', entityId: userId });
  });
  return { oneTimePassword };
}

/** Grants or revokes the platform-operator permission. Only the CLI calls this (system actor). */
export async function setPlatformOperator(deps: ServiceDeps, actor: Actor & { kind: 'system' }, userId: number, operator: boolean): Promise<PublicUser> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await userRow(tx, userId);
    await updateUserRow(tx, userId, { platform_operator: operator ? 1 : 0, updated_at: deps.now().toISOString() });
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
    return present(tx, await userRow(tx, userId));
  });
}
