import { appendAudit } from '../storage/audit.ts';
import { scopeFor, type Permission } from './policy.ts';
import { AppError, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { sanitizeDocumentHtml } from '../views/sanitize.ts';
import { checkOfficeArchive } from './untrusted/limits.ts';
import { runUntrusted } from './untrusted/pool.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';

/** Art. 20 items (五)(六)(八): decisions counted per month, and fees collected (元). */
export const art20StatisticItems = {
  license: '行政许可（第二十条第（五）项）',
  penalty: '行政处罚（第二十条第（六）项）',
  enforcement: '行政强制（第二十条第（六）项）',
  fee: '行政事业性收费金额，元（第二十条第（八）项）',
} as const;
export type Art20StatisticItem = keyof typeof art20StatisticItems;

async function requireRole(tx: Tx, actor: Actor, agencyId: number, permission: Permission): Promise<void> {
  await scopeFor(tx, actor, agencyId, permission);
}

export interface Art20Entry {
  month: number;
  item: Art20StatisticItem;
  value: number;
}

function checkEntry(e: Art20Entry, where = ''): string | null {
  if (!Number.isInteger(e.month) || e.month < 1 || e.month > 12) return `${where}月份应为 1–12`;
  if (!(e.item in art20StatisticItems)) return `${where}统计项目无效`;
  if (!Number.isFinite(e.value) || e.value < 0) return `${where}数值不能为负`;
  if (e.item !== 'fee' && !Number.isInteger(e.value)) return `${where}处理决定数量应为整数`;
  if (e.item === 'fee' && Math.round(e.value * 100) !== e.value * 100) return `${where}收费金额最多保留两位小数（单位：元）`;
  return null;
}

export async function saveArt20Statistics(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, entries: Art20Entry[]): Promise<void> {
  const problems = entries.map((e, i) => checkEntry(e, `第 ${i + 1} 项：`)).filter((p): p is string => !!p);
  if (problems.length) throw new AppError('INVALID_STATISTICS', problems.join('；'), 400, { problems });
  await deps.db.transaction().execute(async (tx) => {
    await requireRole(tx, actor, agencyId, 'art20.edit');
    const now = deps.now().toISOString();
    for (const e of entries) {
      const before = await tx.selectFrom('art20_statistics').select('value').where('agency_id', '=', agencyId).where('year', '=', year).where('month', '=', e.month).where('item', '=', e.item).executeTakeFirst();
      await tx.deleteFrom('art20_statistics').where('agency_id', '=', agencyId).where('year', '=', year).where('month', '=', e.month).where('item', '=', e.item).execute();
      await tx.insertInto('art20_statistics').values({ agency_id: agencyId, year, month: e.month, item: e.item, value: String(e.value), updated_at: now }).execute();
      await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'art20.save', entity: 'art20_statistic', entityId: `${year}-${e.month}-${e.item}`, before: before?.value ?? null, after: e.value });
    }
  });
}

export async function getArt20Statistics(tx: Tx, agencyId: number, year: number) {
  const rows = await tx.selectFrom('art20_statistics').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('month').execute();
  const totals: Record<Art20StatisticItem, number> = { license: 0, penalty: 0, enforcement: 0, fee: 0 };
  for (const r of rows) totals[r.item as Art20StatisticItem] += Number(r.value);
  return { year, entries: rows.map((r) => ({ month: r.month, item: r.item as Art20StatisticItem, value: Number(r.value) })), totals };
}

const headerAliases: Record<string, Art20StatisticItem | 'month'> = {
  月份: 'month', 月: 'month', 行政许可: 'license', 许可: 'license', 行政处罚: 'penalty', 处罚: 'penalty', 行政强制: 'enforcement', 强制: 'enforcement', 行政事业性收费: 'fee', 收费: 'fee', '收费（元）': 'fee', '收费金额（元）': 'fee',
};

/** A year's table is a header and 12 months; more rows than this is not an Art. 20 table. */
export const ART20_IMPORT_MAX_ROWS = 200;

/**
 * Imports a year's figures from an XLSX sheet: a header row with 月份 and any of 行政许可,
 * 行政处罚, 行政强制, 行政事业性收费（元）, then one row per month. The role is checked before
 * the file is read; the file is parsed in a bounded worker (services/untrusted).
 */
/** Refuses (403) unless the actor may enter Art. 20 figures for the agency: checked before an upload is read. */
export async function assertArt20Editor(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<void> {
  await requireRole(deps.db, actor, agencyId, 'art20.edit');
}

export async function importArt20Xlsx(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, data: Buffer): Promise<{ imported: number }> {
  await assertArt20Editor(deps, actor, agencyId);
  const unreadable = new AppError('INVALID_XLSX', '无法读取该文件，请上传 .xlsx 格式的表格');
  if (!(await checkOfficeArchive(data))) throw unreadable;
  const sheet = await runUntrusted('sheetRows', { data, maxRows: ART20_IMPORT_MAX_ROWS });
  if (!sheet) throw unreadable;
  if (!sheet.hasSheet) throw new AppError('INVALID_XLSX', '表格中没有工作表');
  if (sheet.truncated) throw new AppError('INVALID_XLSX', `表格超过 ${ART20_IMPORT_MAX_ROWS} 行，不像第二十条统计表；请只保留表头和各月数据`);
  const header = (sheet.rows.find((r) => r.number === 1)?.values ?? []).map((v) => String(v ?? '').replace(/\s/g, ''));
  const columns = new Map<number, Art20StatisticItem | 'month'>();
  header.forEach((h, i) => {
    const key = headerAliases[h] ?? headerAliases[h.replace(/（.*?）|\(.*?\)/g, '')];
    if (key) columns.set(i, key);
  });
  const monthCol = [...columns].find(([, k]) => k === 'month')?.[0];
  if (monthCol === undefined) throw new AppError('INVALID_XLSX', '第一行须有“月份”列');
  const entries: Art20Entry[] = [];
  const problems: string[] = [];
  for (const { number: n, values } of sheet.rows) {
    if (n === 1) continue;
    const monthText = String(values[monthCol] ?? '').replace(/月$/, '').trim();
    if (!monthText) continue;
    const month = Number(monthText);
    for (const [col, item] of columns) {
      if (item === 'month') continue;
      const cell = values[col];
      if (cell === undefined || cell === null || cell === '') continue;
      const entry = { month, item, value: Number(cell) };
      const problem = checkEntry(entry, `第 ${n} 行：`);
      if (problem) problems.push(problem);
      else entries.push(entry);
    }
  }
  if (problems.length) throw new AppError('INVALID_STATISTICS', problems.join('；'), 400, { problems });
  await saveArt20Statistics(deps, actor, agencyId, year, entries);
  return { imported: entries.length };
}

export async function savePortalPage(deps: ServiceDeps, actor: Actor, agencyId: number, slug: 'guide' | 'rules', input: { title: string; bodyHtml: string }): Promise<void> {
  const title = input.title.trim();
  if (!title) throw new AppError('INVALID_TITLE', '标题不能为空');
  const body = sanitizeDocumentHtml(input.bodyHtml);
  await deps.db.transaction().execute(async (tx) => {
    await requireRole(tx, actor, agencyId, 'portalPages.edit');
    const before = await tx.selectFrom('portal_pages').selectAll().where('agency_id', '=', agencyId).where('slug', '=', slug).executeTakeFirst();
    await tx.deleteFrom('portal_pages').where('agency_id', '=', agencyId).where('slug', '=', slug).execute();
    await tx.insertInto('portal_pages').values({ agency_id: agencyId, slug, title, body_html: body, updated_at: deps.now().toISOString(), updated_by: actor.kind === 'user' ? actor.userId : null }).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'portal-page.save', entity: 'portal_page', entityId: slug, before: before ?? null, after: { title, body_html: body } });
  });
}

export const planChannels = { website: '政府网站', wechat: '微信公众号', board: '公告栏' } as const;

export async function addPlanItem(deps: ServiceDeps, actor: Actor, agencyId: number, input: { channel: keyof typeof planChannels; plannedDate: string; title: string; documentId?: number | undefined }) {
  if (!(input.channel in planChannels)) throw new AppError('INVALID_CHANNEL', '发布渠道无效');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.plannedDate)) throw new AppError('INVALID_DATE', '计划日期无效');
  return deps.db.transaction().execute(async (tx) => {
    await requireRole(tx, actor, agencyId, 'plan.edit');
    if (input.documentId !== undefined) {
      // A plan may only point at the agency's own documents (ids of other agencies look unknown).
      const doc = await tx.selectFrom('documents').select('agency_id').where('id', '=', input.documentId).executeTakeFirst();
      if (doc?.agency_id !== agencyId) throw notFound('文件');
    }
    const row = await tx
      .insertInto('publishing_plan')
      .values({ agency_id: agencyId, channel: input.channel, planned_date: input.plannedDate, title: input.title.trim(), document_id: input.documentId ?? null, done: 0, created_at: deps.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'plan.add', entity: 'publishing_plan', entityId: row.id, after: row });
    return row;
  });
}

export async function listPlan(deps: ServiceDeps, agencyId: number, month: string) {
  return deps.db.selectFrom('publishing_plan').selectAll().where('agency_id', '=', agencyId).where('planned_date', '>=', `${month}-01`).where('planned_date', '<=', `${month}-31`).orderBy('planned_date').execute();
}

/** Columns whose newest published document is older than `days` (the dashboard's stale list). */
export async function staleColumns(deps: ServiceDeps, agencyId: number, days: number) {
  const cutoff = new Date(deps.now().getTime() - days * 86_400_000).toISOString();
  const cats = await deps.db.selectFrom('document_categories').select(['id', 'code', 'name']).where('agency_id', '=', agencyId).execute();
  const latest = await deps.db
    .selectFrom('documents')
    .select(['category_id', (eb) => eb.fn.max('published_at').as('latest')])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .groupBy('category_id')
    .execute();
  const byCat = new Map(latest.map((l) => [l.category_id, l.latest as string | null]));
  return cats
    .map((c) => ({ code: c.code, name: c.name, lastPublished: byCat.get(c.id) ?? null }))
    .filter((c) => !c.lastPublished || c.lastPublished < cutoff)
    .map((c) => ({ ...c, lastPublishedDate: c.lastPublished ? chinaDate(new Date(c.lastPublished)) : null }));
}
