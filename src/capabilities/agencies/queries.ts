/**
 * Reads of the agencies capability: the agencies of a session and of the 机构管理 screen, an
 * agency's settings and its audit log.
 */
import type { Agency } from '../../storage/schema.ts';
import { agencyLevels, ancestorsOf } from '../../domain/agencies/hierarchy.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { agencyIdsInReach, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { grantsOf } from '../users/sql.ts';
import type { AuditEntry, PublicAgency, SelfReviewSetting, SessionAgency } from './contract.ts';
import { agencyNode, auditRows, listAllAgencies, selfReviewValue } from './sql.ts';

/** The agency's notice settings (read by its staff; notices print them). */
export { noticeSettingRows as getNoticeSettings } from './sql.ts';

export const presentAgency = (a: Agency): PublicAgency => ({
  id: a.id,
  code: a.code,
  name: a.name,
  fullName: a.full_name ?? a.name,
  creditCode: a.credit_code,
  level: a.level,
  levelLabel: agencyLevels[a.level],
  parentId: a.parent_id,
  closed: a.closed_at !== null,
});

/**
 * The agencies in which the user holds a role, directly or through a subtree grant above them,
 * each with the roles the user holds there (what the workspace shows and enables). The reach
 * comes from the policy; the agencies' own facts are the public directory.
 */
export async function agenciesOfUser(tx: Tx, userId: number): Promise<SessionAgency[]> {
  const ids = new Set(await agencyIdsInReach(tx, userId));
  if (ids.size === 0) return [];
  const all = await listAllAgencies(tx);
  const byId = new Map(all.map((a) => [a.id, agencyNode(a)]));
  const grants = await grantsOf(tx, userId);
  return all
    .filter((a) => ids.has(a.id))
    .map((a) => {
      const above = new Set(ancestorsOf(a.id, byId).map((n) => n.id));
      const roles = grants.filter((g) => g.agencyId === a.id || (g.scope === 'subtree' && above.has(g.agencyId))).map((g) => g.role);
      return { ...presentAgency(a), myRoles: [...new Set(roles)].sort() };
    });
}

/** The agencies an actor administers (directly or below a subtree grant), for the 机构管理 screen. */
export async function manageableAgencies(deps: ServiceDeps, actor: Actor): Promise<PublicAgency[]> {
  const all = await listAllAgencies(deps.db);
  if (actor.kind === 'system') return all.map(presentAgency);
  const ids = new Set(await agencyIdsInReach(deps.db, actor.userId, 'admin'));
  return all.filter((a) => ids.has(a.id)).map(presentAgency);
}

export async function getSelfReview(tx: Tx, scope: AgencyScope): Promise<SelfReviewSetting> {
  const value = await selfReviewValue(tx, scope);
  if (value === null) return { allowed: false, reason: null, by: null, at: null };
  const v = JSON.parse(value) as { reason: string; by: number | null; at: string };
  return { allowed: true, reason: v.reason, by: v.by, at: v.at };
}

export async function listAudit(deps: ServiceDeps, actor: Actor, agencyId: number, options: { limit: number; beforeId?: number | undefined }): Promise<AuditEntry[]> {
  return auditRows(deps.db, await scopeFor(deps.db, actor, agencyId, 'audit.read'), options);
}
