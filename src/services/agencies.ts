import type { Agency, AgencyLevel } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { authorize, rolesOf } from './accounts.ts';
import { art20Items } from '../domain/documents/catalogue.ts';

export const agencyLevels: Record<AgencyLevel, string> = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇',
  department: '部门',
};

export interface PublicAgency {
  id: number;
  code: string;
  name: string;
  level: AgencyLevel;
  levelLabel: string;
  parentId: number | null;
}

export const presentAgency = (a: Agency): PublicAgency => ({
  id: a.id,
  code: a.code,
  name: a.name,
  level: a.level,
  levelLabel: agencyLevels[a.level],
  parentId: a.parent_id,
});

export async function getAgency(tx: Tx, id: number): Promise<Agency> {
  const row = await tx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('机构');
  return row;
}

/** Finds an agency by its code or exact name (CLI arguments accept either). */
export async function findAgency(tx: Tx, codeOrName: string): Promise<Agency | undefined> {
  return tx
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName)]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function listAllAgencies(tx: Tx): Promise<Agency[]> {
  return tx.selectFrom('agencies').selectAll().orderBy('id').execute();
}

/** The agencies in which the user holds at least one role. */
export async function agenciesOfUser(tx: Tx, userId: number): Promise<PublicAgency[]> {
  const ids = [...new Set((await rolesOf(tx, userId)).map((r) => r.agencyId))];
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('agencies').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return rows.map(presentAgency);
}

export interface CreateAgencyInput {
  code: string;
  name: string;
  level: AgencyLevel;
  parentId: number | null;
}

/** Creates an agency. A user may create one only under an agency they administer. */
export async function createAgency(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateAgencyInput,
): Promise<PublicAgency> {
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Za-z0-9_-]{2,40}$/.test(code)) {
    throw new AppError('INVALID_AGENCY_CODE', '机构代码须为 2–40 位字母、数字、下划线或连字符');
  }
  if (!name || name.length > 100) throw new AppError('INVALID_AGENCY_NAME', '机构名称须为 1–100 个字符');
  if (!(input.level in agencyLevels)) throw new AppError('INVALID_AGENCY_LEVEL', '机构层级无效');
  return deps.db.transaction().execute(async (tx) => {
    if (input.parentId !== null) {
      await getAgency(tx, input.parentId);
      await authorize(tx, actor, input.parentId, 'agencies.manage');
    } else if (actor.kind !== 'system') {
      throw new AppError('FORBIDDEN', '只有平台运维可以创建顶级机构', 403);
    }
    const dup = await tx.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst();
    if (dup) throw new AppError('AGENCY_CODE_TAKEN', `机构代码 ${code} 已存在`, 409);
    const row = await tx
      .insertInto('agencies')
      .values({ code, name, level: input.level, parent_id: input.parentId, created_at: deps.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ensureCategories(tx, row.id);
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      agencyId: row.id,
      action: 'agency.create',
      entity: 'agency',
      entityId: row.id,
      after: row,
    });
    return presentAgency(row);
  });
}

export async function listAudit(
  deps: ServiceDeps,
  actor: Actor,
  agencyId: number,
  options: { limit: number; beforeId?: number | undefined },
) {
  await authorize(deps.db, actor, agencyId, 'audit.read');
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
