import type { Agency, AgencyLevel, Role } from '../storage/schema.ts';
import { agencyLevels, ancestorsOf } from '../domain/agencies/hierarchy.ts';
import { rolesOf } from './accounts.ts';
import { notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { scopeFor, agencyIdsInReach } from './policy.ts';
import { art20Items } from '../domain/documents/catalogue.ts';

export { agencyLevels };

export interface PublicAgency {
  id: number;
  code: string;
  /** Short name (常平乡). */
  name: string;
  /** Formal name (常平乡人民政府); the short name when none was given. */
  fullName: string;
  creditCode: string | null;
  level: AgencyLevel;
  levelLabel: string;
  parentId: number | null;
  closed: boolean;
}

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

export async function getAgency(tx: Tx, id: number): Promise<Agency> {
  const row = await tx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('机构');
  return row;
}

/** Finds an agency by its code, short or full name (CLI arguments accept any). */
export async function findAgency(tx: Tx, codeOrName: string): Promise<Agency | undefined> {
  return tx
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName), eb('full_name', '=', codeOrName)]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function listAllAgencies(tx: Tx): Promise<Agency[]> {
  return tx.selectFrom('agencies').selectAll().orderBy('id').execute();
}

/**
 * The agencies in which the user holds a role, directly or through a subtree grant above them,
 * each with the roles the user holds there (what the workspace shows and enables).
 */
export async function agenciesOfUser(tx: Tx, userId: number): Promise<(PublicAgency & { myRoles: Role[] })[]> {
  const ids = new Set(await agencyIdsInReach(tx, userId));
  if (ids.size === 0) return [];
  const all = await listAllAgencies(tx);
  const byId = new Map(all.map((a) => [a.id, { id: a.id, name: a.name, level: a.level, parentId: a.parent_id }]));
  const grants = await rolesOf(tx, userId);
  return all
    .filter((a) => ids.has(a.id))
    .map((a) => {
      const above = new Set(ancestorsOf(a.id, byId).map((n) => n.id));
      const roles = grants.filter((g) => g.agencyId === a.id || (g.scope === 'subtree' && above.has(g.agencyId))).map((g) => g.role);
      return { ...presentAgency(a), myRoles: [...new Set(roles)].sort() };
    });
}

export async function listAudit(
  deps: ServiceDeps,
  actor: Actor,
  agencyId: number,
  options: { limit: number; beforeId?: number | undefined },
) {
  await scopeFor(deps.db, actor, agencyId, 'audit.read');
  let query = deps.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.before_json',
      'audit_log.after_json',
      'users.username as actor',
    ])
    .where((eb) =>
      eb.or([
        eb('audit_log.agency_id', '=', agencyId),
        // the shared working calendar moves every agency's deadlines: every agency sees its changes
        eb('audit_log.entity', '=', 'calendar_year'),
        // user-level events (logins, password changes) of people who work in this agency
        eb.and([
          eb('audit_log.entity', '=', 'user'),
          eb(
            eb.cast('audit_log.entity_id', 'text'),
            'in',
            deps.db
              .selectFrom('user_roles')
              .select((sub) => sub.cast<string>('user_id', 'text').as('uid'))
              .where('agency_id', '=', agencyId),
          ),
        ]),
      ]),
    )
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit);
  if (options.beforeId) query = query.where('audit_log.id', '<', options.beforeId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor ?? '系统',
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
}

/** Every agency's 公开目录 starts with the 15 items of Art. 20 (set up with the agency, never on a read). */
export async function ensureCategories(tx: Tx, agencyId: number): Promise<void> {
  const existing = await tx.selectFrom('document_categories').select('code').where('agency_id', '=', agencyId).execute();
  const have = new Set(existing.map((c) => c.code));
  const missing = art20Items.filter((i) => !have.has(i.code));
  if (missing.length === 0) return;
  await tx
    .insertInto('document_categories')
    .values(missing.map((i) => ({ agency_id: agencyId, code: i.code, name: i.name, parent_id: null, art20_item: i.item, sort: i.item })))
    .execute();
}
