/**
 * Reads of the users capability: accounts as the API shows them, an agency's users, and who
 * manages an account.
 *
 * An agency admin manages a user only if the admin administers every agency where that user
 * holds a role: granting someone a role in one's own agency must never hand over their account
 * in another (the cross-agency takeover found in the security test). Admins see users only
 * through the agencies they administer, and only those agencies' role assignments. A platform operator (granted by the CLI) manages every account; only an operator
 * manages an operator.
 */
import type { User } from '../../storage/schema.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { forbidden, notFound } from '../../services/errors.ts';
import { agencyIdsInReach, isPlatformOperator, scopeFor } from '../../services/policy.ts';
import type { PublicUser } from './contract.ts';
import { grantsOf, userByUsername, userRow, usersIn } from './sql.ts';

/** The account as the API shows it; `visibleAgency` hides roles held in agencies the viewer does not administer. */
export async function present(tx: Tx, user: User, visibleAgency: (agencyId: number) => boolean = () => true): Promise<PublicUser> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    mustChangePassword: user.must_change_password === 1,
    disabled: user.disabled === 1,
    platformOperator: user.platform_operator === 1,
    roles: (await grantsOf(tx, user.id)).filter((r) => visibleAgency(r.agencyId)),
  };
}

/** For the CLI, which acts as the system. */
export async function findUserByUsername(deps: ServiceDeps, username: string): Promise<PublicUser | null> {
  const row = await userByUsername(deps.db, username);
  return row ? present(deps.db, row) : null;
}

/** Users holding any role in the agency, with only the role assignments the actor may see. */
export async function listUsers(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<PublicUser[]> {
  const scope = await scopeFor(deps.db, actor, agencyId, 'users.manage');
  const reach = await managementScope(deps.db, actor);
  return Promise.all((await usersIn(deps.db, scope)).map((r) => present(deps.db, r, visibleIn(reach))));
}

/** What an actor may do over accounts: everything (system, operator), or through the agencies it administers. */
export interface ManagementScope {
  all: boolean;
  adminOf: ReadonlySet<number>;
}

export async function managementScope(tx: Tx, actor: Actor): Promise<ManagementScope> {
  if (actor.kind === 'system') return { all: true, adminOf: new Set() };
  // An admin grant with the subtree scope administers every agency below it too.
  return { all: await isPlatformOperator(tx, actor), adminOf: new Set(await agencyIdsInReach(tx, actor.userId, 'admin')) };
}

export const visibleIn = (scope: ManagementScope) => (agencyId: number) => scope.all || scope.adminOf.has(agencyId);

/**
 * The target as the actor may see it. A user who holds no role in any agency the actor
 * administers does not exist for the actor (404, so ids cannot be probed for accounts).
 */
export async function visibleTarget(tx: Tx, scope: ManagementScope, userId: number): Promise<PublicUser> {
  const full = await present(tx, await userRow(tx, userId));
  if (!scope.all && !full.roles.some((r) => scope.adminOf.has(r.agencyId))) throw notFound('用户');
  return full;
}

/** Throws unless the actor may change the account itself (name, status, password). */
export async function assertManages(tx: Tx, scope: ManagementScope, userId: number): Promise<PublicUser> {
  if (!scope.all && scope.adminOf.size === 0) throw forbidden('只有管理员可以管理账号');
  const target = await visibleTarget(tx, scope, userId);
  if (scope.all) return target;
  if (target.platformOperator) throw forbidden('平台运维账号只能由平台运维人员管理');
  if (!target.roles.every((r) => scope.adminOf.has(r.agencyId))) {
    throw forbidden('该用户在您不管理的机构也有角色，只能由同时管理这些机构的管理员或平台运维人员修改');
  }
  return target;
}
