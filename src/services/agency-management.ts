/**
 * Creating and arranging agencies: within the hierarchy's rules (domain/agencies/hierarchy.ts)
 * and within the actor's reach. A new agency goes under an agency the actor administers (or at
 * the top, for the platform operator and the CLI), and its creator becomes its admin.
 */
import type { Agency, AgencyLevel } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { agencyLevels, ancestorsOf, creditCodeProblem, placementProblem, subtreeOf, type AgencyNode } from '../domain/agencies/hierarchy.ts';
import { AppError, forbidden } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { ensureCategories, getAgency, listAllAgencies, presentAgency, type PublicAgency } from './agencies.ts';
import { agencyIdsInReach, scopeFor } from './policy.ts';

export interface AgencyInput {
  code: string;
  /** Short name (常平乡). */
  name: string;
  /** Formal name (常平乡人民政府); defaults to the short name. */
  fullName?: string | undefined;
  creditCode?: string | undefined;
  level: AgencyLevel;
  parentId: number | null;
}

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);
const node = (a: Agency): AgencyNode => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id });

/** Field problems of an agency's own data, all at once. */
export function agencyInputProblems(input: Omit<AgencyInput, 'parentId'>): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_-]{2,40}$/.test(input.code.trim())) problems.push('机构代码须为 2–40 位字母、数字、下划线或连字符');
  const name = input.name.trim();
  if (!name || name.length > 60) problems.push('机构简称须为 1–60 个字符');
  if (input.fullName !== undefined && (input.fullName.trim().length === 0 || input.fullName.trim().length > 100)) problems.push('机构全称须为 1–100 个字符');
  if (!(input.level in agencyLevels)) problems.push(`机构层级“${String(input.level)}”无效，可选：${Object.keys(agencyLevels).join('、')}`);
  const credit = input.creditCode?.trim();
  if (credit) {
    const p = creditCodeProblem(credit);
    if (p) problems.push(p);
  }
  return problems;
}

async function assertPlacement(tx: Tx, child: { id?: number; name: string; level: AgencyLevel }, parentId: number | null): Promise<void> {
  if (parentId === null) {
    const p = placementProblem(child, null);
    if (p) throw new AppError('INVALID_AGENCY_TREE', p, 409);
    return;
  }
  const all = await listAllAgencies(tx);
  const byId = new Map(all.map((a) => [a.id, node(a)]));
  const parent = byId.get(parentId);
  if (!parent) throw new AppError('NOT_FOUND', '上级机构不存在', 404);
  const p = placementProblem(child, parent, ancestorsOf(parentId, byId));
  if (p) throw new AppError('INVALID_AGENCY_TREE', p, 409);
}

/** Only the platform operator (or the CLI) places an agency at the top of the tree. */
async function assertMayPlaceAtTop(tx: Tx, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return;
  const me = await tx.selectFrom('users').select('platform_operator').where('id', '=', actor.userId).executeTakeFirst();
  if (me?.platform_operator !== 1) throw forbidden('只有平台运维人员可以创建或移动顶级机构');
}

export async function createAgency(deps: ServiceDeps, actor: Actor, input: AgencyInput): Promise<PublicAgency> {
  const problems = agencyInputProblems(input);
  if (problems.length) throw new AppError('INVALID_AGENCY', problems.join('；'), 400, { problems });
  const code = input.code.trim();
  return deps.db.transaction().execute(async (tx) => {
    if (input.parentId !== null) await scopeFor(tx, actor, input.parentId, 'agencies.manage');
    else await assertMayPlaceAtTop(tx, actor);
    await assertPlacement(tx, { name: input.name.trim(), level: input.level }, input.parentId);
    const dup = await tx.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst();
    if (dup) throw new AppError('AGENCY_CODE_TAKEN', `机构代码 ${code} 已存在`, 409);
    const row = await tx
      .insertInto('agencies')
      .values({
        code,
        name: input.name.trim(),
        full_name: input.fullName?.trim() || null,
        credit_code: input.creditCode?.trim() || null,
        level: input.level,
        parent_id: input.parentId,
        closed_at: null,
        created_at: deps.now().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ensureCategories(tx, row.id);
    // The creator runs what they created, even where their own grant does not reach.
    if (actor.kind === 'user') await tx.insertInto('user_roles').values({ user_id: actor.userId, agency_id: row.id, role: 'admin', scope: 'agency' }).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: row.id, action: 'agency.create', entity: 'agency', entityId: row.id, after: row });
    return presentAgency(row);
  });
}

export interface AgencyPatch {
  name?: string | undefined;
  fullName?: string | undefined;
  creditCode?: string | null | undefined;
  parentId?: number | null | undefined;
  closed?: boolean | undefined;
}

/** Renames, moves, closes or reopens an agency. Moving needs admin rights over both the agency and its new parent. */
export async function updateAgency(deps: ServiceDeps, actor: Actor, agencyId: number, patch: AgencyPatch): Promise<PublicAgency> {
  return deps.db.transaction().execute(async (tx) => {
    await scopeFor(tx, actor, agencyId, 'agencies.manage');
    const before = await getAgency(tx, agencyId);
    const next = {
      code: before.code,
      name: patch.name ?? before.name,
      fullName: patch.fullName ?? before.full_name ?? undefined,
      creditCode: patch.creditCode === undefined ? (before.credit_code ?? undefined) : (patch.creditCode ?? undefined),
      level: before.level,
    };
    const problems = agencyInputProblems(next);
    if (problems.length) throw new AppError('INVALID_AGENCY', problems.join('；'), 400, { problems });
    if (patch.parentId !== undefined && patch.parentId !== before.parent_id) {
      if (patch.parentId === null) await assertMayPlaceAtTop(tx, actor);
      else await scopeFor(tx, actor, patch.parentId, 'agencies.manage');
      await assertPlacement(tx, { id: agencyId, name: next.name.trim(), level: before.level }, patch.parentId);
    }
    await tx
      .updateTable('agencies')
      .set({
        name: next.name.trim(),
        full_name: next.fullName?.trim() || null,
        credit_code: next.creditCode?.trim() || null,
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        ...(patch.closed === undefined ? {} : { closed_at: patch.closed ? (before.closed_at ?? deps.now().toISOString()) : null }),
      })
      .where('id', '=', agencyId)
      .execute();
    const after = await getAgency(tx, agencyId);
    const action = patch.closed === true && !before.closed_at ? 'agency.close' : patch.closed === false && before.closed_at ? 'agency.reopen' : patch.parentId !== undefined && patch.parentId !== before.parent_id ? 'agency.move' : 'agency.update';
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action, entity: 'agency', entityId: agencyId, before, after });
    return presentAgency(after);
  });
}

/** The agencies an actor administers (directly or below a subtree grant), for the 机构管理 screen. */
export async function manageableAgencies(deps: ServiceDeps, actor: Actor): Promise<PublicAgency[]> {
  const all = await listAllAgencies(deps.db);
  if (actor.kind === 'system') return all.map(presentAgency);
  const ids = new Set(await agencyIdsInReach(deps.db, actor.userId, 'admin'));
  return all.filter((a) => ids.has(a.id)).map(presentAgency);
}

export interface ImportedAgencyRow extends Omit<AgencyInput, 'parentId'> {
  parentCode: string | null;
  line: number;
}

/**
 * Imports agencies from parsed CSV rows: the whole file is validated first (fields, codes, the
 * tree it builds with the agencies already there), then everything is created in one
 * transaction, or nothing. Returns the created agencies, or throws with every bad line.
 */
export async function importAgencies(deps: ServiceDeps, actor: Actor, rows: readonly ImportedAgencyRow[]): Promise<PublicAgency[]> {
  return deps.db.transaction().execute(async (tx) => {
    const existing = await listAllAgencies(tx);
    const byCode = new Map<string, AgencyNode & { code: string }>(existing.map((a) => [a.code, { ...node(a), code: a.code }]));
    const errors: string[] = [];
    let nextId = -1;
    for (const r of rows) {
      const at = `第 ${r.line} 行`;
      for (const p of agencyInputProblems(r)) errors.push(`${at}：${p}`);
      if (byCode.has(r.code.trim())) {
        errors.push(`${at}：机构代码 ${r.code} 已存在`);
        continue;
      }
      const parent = r.parentCode ? byCode.get(r.parentCode) : null;
      if (r.parentCode && !parent) errors.push(`${at}：上级机构代码 ${r.parentCode} 不存在（上级须在前面的行或已在系统中）`);
      else if (r.level in agencyLevels) {
        const p = placementProblem({ name: r.name, level: r.level }, parent ?? null);
        if (p) errors.push(`${at}：${p}`);
      }
      byCode.set(r.code.trim(), { id: nextId--, name: r.name, level: r.level, parentId: parent?.id ?? null, code: r.code.trim() });
    }
    if (errors.length) throw new AppError('INVALID_AGENCY_FILE', `导入文件有 ${errors.length} 处错误，未导入任何机构：\n${errors.join('\n')}`, 400, { problems: errors });
    const created: PublicAgency[] = [];
    const idOf = new Map(existing.map((a) => [a.code, a.id]));
    for (const r of rows) {
      const parentId = r.parentCode ? idOf.get(r.parentCode)! : null;
      if (parentId === null) await assertMayPlaceAtTop(tx, actor);
      else await scopeFor(tx, actor, parentId, 'agencies.manage');
      const row = await tx
        .insertInto('agencies')
        .values({ code: r.code.trim(), name: r.name.trim(), full_name: r.fullName?.trim() || null, credit_code: r.creditCode?.trim() || null, level: r.level, parent_id: parentId, closed_at: null, created_at: deps.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ensureCategories(tx, row.id);
      idOf.set(row.code, row.id);
      await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: row.id, action: 'agency.create', entity: 'agency', entityId: row.id, after: row });
      created.push(presentAgency(row));
    }
    return created;
  });
}

/** `agencyId` and every agency below it. */
export async function subtreeIds(tx: Tx, agencyId: number): Promise<number[]> {
  return subtreeOf(agencyId, (await listAllAgencies(tx)).map(node));
}

