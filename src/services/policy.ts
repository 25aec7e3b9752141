/**
 * The one place that decides access. A service reads or writes an agency's data only with an
 * AgencyScope, and only scopeFor() makes one: from the actor's grants on the agency and the
 * subtree grants (本机关及下级) on the agencies above it, checked against the permission table
 * in domain/access/policy.ts.
 */
import type { Role } from '../storage/schema.ts';
import { allRoles, rolesAllow, whoMay, type Permission } from '../domain/access/policy.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, Tx } from './context.ts';

export { allRoles, roleLabels, rolesAllow, scopeLabels, type Permission } from '../domain/access/policy.ts';

declare const scopeMark: unique symbol;

/** Proof that the policy let `actor` act in `agencyId` with these roles. Made only by scopeFor(). */
export interface AgencyScope {
  readonly agencyId: number;
  readonly roles: readonly Role[];
  readonly actor: Actor;
  readonly [scopeMark]: true;
}

/** The agency and every agency above it, nearest first (UNION, so a cycle in stored data ends). */
async function chainUp(tx: Tx, agencyId: number): Promise<number[]> {
  const rows = await tx
    .withRecursive('up(id, parent_id)', (db) =>
      db
        .selectFrom('agencies')
        .select(['id', 'parent_id'])
        .where('id', '=', agencyId)
        .union((qb) => qb.selectFrom('agencies').innerJoin('up', 'up.parent_id', 'agencies.id').select(['agencies.id', 'agencies.parent_id'])),
    )
    .selectFrom('up')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The roles the actor holds in the agency: granted on it, or on an agency above it with the subtree scope. */
export async function effectiveRoles(tx: Tx, actor: Actor, agencyId: number): Promise<Role[]> {
  if (actor.kind === 'system') return [...allRoles];
  const chain = await chainUp(tx, agencyId);
  if (chain.length === 0) return [];
  const rows = await tx
    .selectFrom('user_roles')
    .select(['role', 'agency_id', 'scope'])
    .where('user_id', '=', actor.userId)
    .where('agency_id', 'in', chain)
    .execute();
  return [...new Set(rows.filter((r) => r.agency_id === agencyId || r.scope === 'subtree').map((r) => r.role))].sort();
}

/**
 * The scope to act in `agencyId` under `permission`, or FORBIDDEN: "not staff of this agency"
 * when the actor holds no role there (an unknown agency looks the same), otherwise who may.
 */
export async function scopeFor(tx: Tx, actor: Actor, agencyId: number, permission: Permission = 'agency.read'): Promise<AgencyScope> {
  const roles = await effectiveRoles(tx, actor, agencyId);
  if (roles.length === 0) throw forbidden('您不是该机构的工作人员');
  if (!rolesAllow(roles, permission)) throw forbidden(`此操作须由${whoMay(permission)}进行`);
  return { agencyId, roles, actor } as unknown as AgencyScope;
}

/** Whether a scope (made for one permission) also allows another action in the same agency. */
export function allows(scope: AgencyScope, permission: Permission): boolean {
  return rolesAllow(scope.roles, permission);
}

/** Every agency in which the user holds some role (or `role`): direct grants and everything below a subtree grant. */
export async function agencyIdsInReach(tx: Tx, userId: number, role?: Role): Promise<number[]> {
  let q = tx.selectFrom('user_roles').select(['agency_id', 'scope']).where('user_id', '=', userId);
  if (role) q = q.where('role', '=', role);
  const grants = await q.execute();
  const ids = new Set(grants.map((g) => g.agency_id));
  const roots = [...new Set(grants.filter((g) => g.scope === 'subtree').map((g) => g.agency_id))];
  if (roots.length) {
    const rows = await tx
      .withRecursive('down(id)', (db) =>
        db
          .selectFrom('agencies')
          .select('id')
          .where('id', 'in', roots)
          .union((qb) => qb.selectFrom('agencies').innerJoin('down', 'down.id', 'agencies.parent_id').select('agencies.id')),
      )
      .selectFrom('down')
      .select('id')
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * The scope of a citizen's submission to an agency's public form: no roles, the public actor, and
 * only for an agency that exists and is open. Made here so that storage still receives a scope
 * from the policy, never a bare agency id.
 */
export async function publicIntakeScope(tx: Tx, agencyId: number): Promise<AgencyScope> {
  const agency = await tx.selectFrom('agencies').select(['id', 'closed_at']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('机构');
  if (agency.closed_at) throw new AppError('AGENCY_CLOSED', '该机构已撤销，不再受理申请', 409);
  return { agencyId, roles: [], actor: { kind: 'system', label: 'public' } } as unknown as AgencyScope;
}

/**
 * The scope of an applicant who proved one request's query code and secret on the tracking page:
 * no roles, the public actor, the request's own agency. Made here so that storage still receives a
 * scope from the policy; the caller uses it for that one request only (supplement, its 答复书).
 */
export function applicantScope(agencyId: number): AgencyScope {
  return { agencyId, roles: [], actor: { kind: 'system', label: 'applicant' } } as unknown as AgencyScope;
}

declare const platformMark: unique symbol;

/**
 * Proof that the actor runs the whole platform: the system (CLI, scheduler) or a platform
 * operator (granted by the CLI). What no agency scope covers needs it: an agency at the top of
 * the tree. Made only by platformScope().
 */
export interface PlatformScope {
  readonly actor: Actor;
  readonly [platformMark]: true;
}

/** Whether the actor is the system or a platform operator. */
export async function isPlatformOperator(tx: Tx, actor: Actor): Promise<boolean> {
  if (actor.kind === 'system') return true;
  const me = await tx.selectFrom('users').select('platform_operator').where('id', '=', actor.userId).executeTakeFirst();
  return me?.platform_operator === 1;
}

/** The platform scope, or FORBIDDEN with `refusal` (what only an operator may do, in Chinese). */
export async function platformScope(tx: Tx, actor: Actor, refusal: string): Promise<PlatformScope> {
  if (!(await isPlatformOperator(tx, actor))) throw forbidden(refusal);
  return { actor } as unknown as PlatformScope;
}
