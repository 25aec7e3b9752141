/**
 * Creating and arranging agencies, and their settings: within the hierarchy's rules
 * (domain/agencies/hierarchy.ts) and within the actor's reach. A new agency goes under an agency
 * the actor administers (or at the top, for the platform operator and the CLI), and its creator
 * becomes its admin.
 */
import type { AgencyLevel } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/audit.ts';
import { agencyLevels, ancestorsOf, creditCodeProblem, placementProblem, type AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { platformScope, scopeFor, type AgencyScope, type PlatformScope } from '../../services/policy.ts';
import { noticeSettingLabels, type AgencyInput, type AgencyPatch, type ImportedAgencyRow, type NoticeSettings, type PublicAgency, type SelfReviewSetting } from './contract.ts';
import { agencyCodeTaken, agencyNode, agencyRow, insertAgency, listAllAgencies, noticeSettingRows, subtreeIds, updateAgencyRow, writeNoticeSetting, writeSelfReview } from './sql.ts';
import { reindexAgencies } from '../../services/search-index.ts';
import { getSelfReview, presentAgency } from './queries.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

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

function assertValid(input: Omit<AgencyInput, 'parentId'>): void {
  const problems = agencyInputProblems(input);
  if (problems.length) throw new AppError('INVALID_AGENCY', problems.join('；'), 400, { problems });
}

/** Only the platform operator (or the CLI) places an agency at the top of the tree. */
const topScope = (tx: Tx, actor: Actor): Promise<PlatformScope> => platformScope(tx, actor, '只有平台运维人员可以创建或移动顶级机构');

/** The proof to place an agency under `parentId`: admin there, or the platform scope for the top. */
const placementScope = (tx: Tx, actor: Actor, parentId: number | null): Promise<AgencyScope | PlatformScope> =>
  parentId === null ? topScope(tx, actor) : scopeFor(tx, actor, parentId, 'agencies.manage');

async function assertPlacement(tx: Tx, child: { id?: number; name: string; level: AgencyLevel }, parentId: number | null): Promise<void> {
  let problem: string | null;
  if (parentId === null) problem = placementProblem(child, null);
  else {
    const byId = new Map((await listAllAgencies(tx)).map((a) => [a.id, agencyNode(a)]));
    const parent = byId.get(parentId);
    if (!parent) throw new AppError('NOT_FOUND', '上级机构不存在', 404);
    problem = placementProblem(child, parent, ancestorsOf(parentId, byId));
  }
  if (problem) throw new AppError('INVALID_AGENCY_TREE', problem, 409);
}

const newRow = (deps: ServiceDeps, input: Omit<AgencyInput, 'parentId'>) => ({
  code: input.code.trim(),
  name: input.name.trim(),
  full_name: input.fullName?.trim() || null,
  credit_code: input.creditCode?.trim() || null,
  level: input.level,
  closed_at: null,
  created_at: deps.now().toISOString(),
});

export async function createAgency(deps: ServiceDeps, actor: Actor, input: AgencyInput): Promise<PublicAgency> {
  assertValid(input);
  const code = input.code.trim();
  return deps.db.transaction().execute(async (tx) => {
    const under = await placementScope(tx, actor, input.parentId);
    await assertPlacement(tx, { name: input.name.trim(), level: input.level }, input.parentId);
    if (await agencyCodeTaken(tx, code)) throw new AppError('AGENCY_CODE_TAKEN', `机构代码 ${code} 已存在`, 409);
    const row = await insertAgency(tx, under, newRow(deps, input));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: row.id, action: 'agency.create', entity: 'agency', entityId: row.id, after: row });
    return presentAgency(row);
  });
}

/** Renames, moves, closes or reopens an agency. Moving needs admin rights over both the agency and its new parent. */
export async function updateAgency(deps: ServiceDeps, actor: Actor, agencyId: number, patch: AgencyPatch): Promise<PublicAgency> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'agencies.manage');
    const before = await agencyRow(tx, scope);
    const next = {
      code: before.code,
      name: patch.name ?? before.name,
      fullName: patch.fullName ?? before.full_name ?? undefined,
      creditCode: patch.creditCode === undefined ? (before.credit_code ?? undefined) : (patch.creditCode ?? undefined),
      level: before.level,
    };
    assertValid(next);
    const moves = patch.parentId !== undefined && patch.parentId !== before.parent_id;
    let newParent: AgencyScope | PlatformScope | undefined;
    if (moves) {
      newParent = await placementScope(tx, actor, patch.parentId!);
      await assertPlacement(tx, { id: agencyId, name: next.name.trim(), level: before.level }, patch.parentId!);
    }
    const after = await updateAgencyRow(
      tx,
      scope,
      {
        name: next.name.trim(),
        full_name: next.fullName?.trim() || null,
        credit_code: next.creditCode?.trim() || null,
        ...(patch.closed === undefined ? {} : { closed_at: patch.closed ? (before.closed_at ?? deps.now().toISOString()) : null }),
      },
      newParent,
    );
    // The search index files each document under its agency's chain: a moved subtree's change.
    if (moves) await reindexAgencies(tx, deps.dialect, await subtreeIds(tx, scope), deps.now());
    const action = patch.closed === true && !before.closed_at ? 'agency.close' : patch.closed === false && before.closed_at ? 'agency.reopen' : moves ? 'agency.move' : 'agency.update';
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action, entity: 'agency', entityId: agencyId, before, after });
    return presentAgency(after);
  });
}

/**
 * Imports agencies from parsed CSV rows: the whole file is validated first (fields, codes, the
 * tree it builds with the agencies already there), then everything is created in one
 * transaction, or nothing. Returns the created agencies, or throws with every bad line.
 */
export async function importAgencies(deps: ServiceDeps, actor: Actor, rows: readonly ImportedAgencyRow[]): Promise<PublicAgency[]> {
  return deps.db.transaction().execute(async (tx) => {
    const existing = await listAllAgencies(tx);
    const byCode = new Map<string, AgencyNode & { code: string }>(existing.map((a) => [a.code, { ...agencyNode(a), code: a.code }]));
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
      const under = await placementScope(tx, actor, r.parentCode ? idOf.get(r.parentCode)! : null);
      const row = await insertAgency(tx, under, newRow(deps, r));
      idOf.set(row.code, row.id);
      await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: row.id, action: 'agency.create', entity: 'agency', entityId: row.id, after: row });
      created.push(presentAgency(row));
    }
    return created;
  });
}

export async function saveNoticeSettings(deps: ServiceDeps, actor: Actor, agencyId: number, settings: NoticeSettings): Promise<NoticeSettings> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'settings.notices');
    const before = await noticeSettingRows(tx, scope);
    for (const [key, value] of Object.entries(settings)) {
      if (key in noticeSettingLabels) await writeNoticeSetting(tx, scope, key, value?.trim() || null);
    }
    const after = await noticeSettingRows(tx, scope);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'agency.notice-settings', entity: 'agency', entityId: agencyId, before, after });
    return after;
  });
}

/**
 * A one-person office may let the same account draft, review and approve (and ask for and
 * approve an extension). The setting states its reason; every self-review is then marked on the
 * record and in the audit log.
 */
export async function setSelfReview(deps: ServiceDeps, actor: Actor, agencyId: number, input: { allowed: boolean; reason?: string | undefined }): Promise<SelfReviewSetting> {
  const reason = input.reason?.trim() ?? '';
  if (input.allowed && reason.length < 4) throw new AppError('REASON_REQUIRED', '开启自审须写明理由（如：本机构仅一人从事政务公开工作）', 400);
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'selfReview.allow');
    const before = await getSelfReview(tx, scope);
    const by = actorId(actor);
    await writeSelfReview(tx, scope, input.allowed ? JSON.stringify({ reason, by, at: deps.now().toISOString() }) : null);
    const after = await getSelfReview(tx, scope);
    await appendAudit(tx, { at: deps.now(), actorUserId: by, agencyId, action: input.allowed ? 'agency.self-review-on' : 'agency.self-review-off', entity: 'agency', entityId: agencyId, before, after });
    return after;
  });
}
