/**
 * The agencies capability's storage. An agency's own row, its settings (notice settings,
 * self-review) and its audit log are read and written only with the AgencyScope that
 * services/policy.ts makes, and stay within that scope's agency (or the subtree below it).
 *
 * The exception, stated at its definitions: the public directory (getAgency, findAgency,
 * listAllAgencies). An agency's code, names, level, parent and state are what the portal shows
 * every visitor (/org/CODE/), what any capability prints on its notices, and what the policy
 * itself walks to find subtree grants; reading them reveals nothing an agency keeps to itself.
 */
import { auditActionLabel, auditChanges, auditEntityLabel } from './audit-labels.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Agency, AgencyTable } from '../../storage/schema.ts';
import { art20Items } from '../../domain/documents/catalogue.ts';
import { subtreeOf, type AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { notFound } from '../../services/errors.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope, PlatformScope } from '../../services/policy.ts';
import type { AuditEntry, NoticeSettings } from './contract.ts';

export const agencyNode = (a: Agency): AgencyNode => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id });

/** Public directory: an agency by id (see the module comment). */
export async function getAgency(tx: Tx, id: number): Promise<Agency> {
  const row = await tx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('机构');
  return row;
}

/** Public directory: an agency by its code, short or full name (the portal's /org/CODE/, CLI arguments). */
export async function findAgency(tx: Tx, codeOrName: string): Promise<Agency | undefined> {
  return tx
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName), eb('full_name', '=', codeOrName)]))
    .orderBy('id')
    .executeTakeFirst();
}

/** Public directory: every agency, in creation order (the portal's list, the hierarchy's checks). */
export async function listAllAgencies(tx: Tx): Promise<Agency[]> {
  return tx.selectFrom('agencies').selectAll().orderBy('id').execute();
}

/** Whether an agency code is taken anywhere (codes are unique across the platform: they are its URLs). */
export async function agencyCodeTaken(tx: Tx, code: string): Promise<boolean> {
  return !!(await tx.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst());
}

/** The scope's agency itself. */
export async function agencyRow(tx: Tx, scope: AgencyScope): Promise<Agency> {
  return getAgency(tx, scope.agencyId);
}

/** `scope`'s agency and every agency below it. */
export async function subtreeIds(tx: Tx, scope: AgencyScope): Promise<number[]> {
  return subtreeOf(scope.agencyId, (await listAllAgencies(tx)).map(agencyNode));
}

export type NewAgencyRow = Omit<Insertable<AgencyTable>, 'id' | 'parent_id'>;

/**
 * Inserts an agency under the scope's agency, or at the top of the tree with the platform scope.
 * The creator (a user) is granted admin on it in the same write: they run what they created,
 * even where their own grant does not reach.
 */
export async function insertAgency(tx: Tx, under: AgencyScope | PlatformScope, values: NewAgencyRow): Promise<Agency> {
  const parentId = 'agencyId' in under ? under.agencyId : null;
  const row = await tx.insertInto('agencies').values({ ...values, parent_id: parentId }).returningAll().executeTakeFirstOrThrow();
  await ensureCategories(tx, row.id);
  if (under.actor.kind === 'user') await tx.insertInto('user_roles').values({ user_id: under.actor.userId, agency_id: row.id, role: 'admin', scope: 'agency' }).execute();
  return row;
}

/**
 * Changes the scope's agency. A new parent comes as its own proof: the scope of the agency it
 * moves under, or the platform scope for the top of the tree.
 */
export async function updateAgencyRow(
  tx: Tx,
  scope: AgencyScope,
  set: Omit<Updateable<AgencyTable>, 'id' | 'code' | 'level' | 'parent_id' | 'created_at'>,
  newParent?: AgencyScope | PlatformScope,
): Promise<Agency> {
  const parent = newParent === undefined ? {} : { parent_id: 'agencyId' in newParent ? newParent.agencyId : null };
  await tx.updateTable('agencies').set({ ...set, ...parent }).where('id', '=', scope.agencyId).execute();
  return agencyRow(tx, scope);
}

/**
 * Every agency's 公开目录 starts with the 15 items of Art. 20 (set up with the agency, never on a
 * read). It takes the agency's id, not a scope: it is called as the agency is created, before
 * any scope on it can exist, and it only adds the fixed items, whatever is there already.
 */
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

const NOTICE = 'notice.';
const SELF_REVIEW = 'self_review';

export async function noticeSettingRows(tx: Tx, scope: AgencyScope): Promise<NoticeSettings> {
  const rows = await tx.selectFrom('agency_settings').select(['key', 'value']).where('agency_id', '=', scope.agencyId).where('key', 'like', `${NOTICE}%`).execute();
  return Object.fromEntries(rows.map((r) => [r.key.slice(NOTICE.length), r.value]));
}

/** Sets one notice setting, or removes it when `value` is null. */
export async function writeNoticeSetting(tx: Tx, scope: AgencyScope, key: string, value: string | null): Promise<void> {
  await tx.deleteFrom('agency_settings').where('agency_id', '=', scope.agencyId).where('key', '=', `${NOTICE}${key}`).execute();
  if (value !== null) await tx.insertInto('agency_settings').values({ agency_id: scope.agencyId, key: `${NOTICE}${key}`, value }).execute();
}

/** The stored self-review permission (JSON), or null when self-review is not allowed. */
export async function selfReviewValue(tx: Tx, scope: AgencyScope): Promise<string | null> {
  const row = await tx.selectFrom('agency_settings').select('value').where('agency_id', '=', scope.agencyId).where('key', '=', SELF_REVIEW).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSelfReview(tx: Tx, scope: AgencyScope, value: string | null): Promise<void> {
  await tx.deleteFrom('agency_settings').where('agency_id', '=', scope.agencyId).where('key', '=', SELF_REVIEW).execute();
  if (value !== null) await tx.insertInto('agency_settings').values({ agency_id: scope.agencyId, key: SELF_REVIEW, value }).execute();
}

/**
 * The scope's agency's audit log, newest first: its own entries, the shared working calendar's
 * (it moves every agency's deadlines) and the account events (logins, password changes) of the
 * people who hold a role in it.
 */
export async function auditRows(tx: Tx, scope: AgencyScope, options: { limit: number; beforeId?: number | undefined }): Promise<AuditEntry[]> {
  let query = tx
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id', 'audit_log.before_json', 'audit_log.after_json', 'users.username as actor', 'users.display_name as actorName'])
    .where((eb) =>
      eb.or([
        eb('audit_log.agency_id', '=', scope.agencyId),
        eb('audit_log.entity', '=', 'calendar_year'),
        eb.and([
          eb('audit_log.entity', '=', 'user'),
          eb(
            eb.cast('audit_log.entity_id', 'text'),
            'in',
            tx
              .selectFrom('user_roles')
              .select((sub) => sub.cast<string>('user_id', 'text').as('uid'))
              .where('agency_id', '=', scope.agencyId),
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
    actorLabel: r.actor ? (r.actorName && r.actorName !== r.actor ? `${r.actorName}（${r.actor}）` : r.actor) : '系统',
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    entity: r.entity,
    entityLabel: auditEntityLabel(r.entity),
    entityId: r.entity_id,
    ...auditChanges(r.before_json ? (JSON.parse(r.before_json) as unknown) : null, r.after_json ? (JSON.parse(r.after_json) as unknown) : null),
  }));
}
