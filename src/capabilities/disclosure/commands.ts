/** The disclosure capability's writes: Art. 20 figures (typed or imported), the plan, the portal pages. */
import { appendAudit } from '../../storage/audit.ts';
import { scopeFor } from '../../services/policy.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { sanitizeDocumentHtml } from '../../views/sanitize.ts';
import { checkOfficeArchive } from '../../services/untrusted/limits.ts';
import { runUntrusted } from '../../services/untrusted/pool.ts';
import { insertPlanItem, ownsDocument, portalPageRow, replaceArt20Value, replacePortalPage } from './sql.ts';
import { art20StatisticItems, planChannels, type Art20Entry, type Art20StatisticItem, type PlanItem, type PlanItemInput, type PortalPageSlug } from './contract.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

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
    const scope = await scopeFor(tx, actor, agencyId, 'art20.edit');
    const now = deps.now().toISOString();
    for (const e of entries) {
      const before = await replaceArt20Value(tx, scope, year, e, now);
      await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'art20.save', entity: 'art20_statistic', entityId: `${year}-${e.month}-${e.item}`, before, after: e.value });
    }
  });
}

const headerAliases: Record<string, Art20StatisticItem | 'month'> = {
  月份: 'month', 月: 'month', 行政许可: 'license', 许可: 'license', 行政处罚: 'penalty', 处罚: 'penalty', 行政强制: 'enforcement', 强制: 'enforcement', 行政事业性收费: 'fee', 收费: 'fee', '收费（元）': 'fee', '收费金额（元）': 'fee',
};

/** A year's table is a header and 12 months; more rows than this is not an Art. 20 table. */
export const ART20_IMPORT_MAX_ROWS = 200;

/** Refuses (403) unless the actor may enter Art. 20 figures for the agency: checked before an upload is read. */
export async function assertArt20Editor(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<void> {
  await scopeFor(deps.db, actor, agencyId, 'art20.edit');
}

/**
 * Imports a year's figures from an XLSX sheet: a header row with 月份 and any of 行政许可,
 * 行政处罚, 行政强制, 行政事业性收费（元）, then one row per month. The role is checked before
 * the file is read; the file is parsed in a bounded worker (services/untrusted).
 */
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

export async function savePortalPage(deps: ServiceDeps, actor: Actor, agencyId: number, slug: PortalPageSlug, input: { title: string; bodyHtml: string }): Promise<void> {
  const title = input.title.trim();
  if (!title) throw new AppError('INVALID_TITLE', '标题不能为空');
  const body = sanitizeDocumentHtml(input.bodyHtml);
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'portalPages.edit');
    const before = await portalPageRow(tx, scope, slug);
    await replacePortalPage(tx, scope, slug, { title, bodyHtml: body, updatedAt: deps.now().toISOString(), updatedBy: actorId(actor) });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'portal-page.save', entity: 'portal_page', entityId: slug, before: before ?? null, after: { title, body_html: body } });
  });
}

export async function addPlanItem(deps: ServiceDeps, actor: Actor, agencyId: number, input: PlanItemInput): Promise<PlanItem> {
  if (!(input.channel in planChannels)) throw new AppError('INVALID_CHANNEL', '发布渠道无效');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.plannedDate)) throw new AppError('INVALID_DATE', '计划日期无效');
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'plan.edit');
    // Another agency's document looks unknown.
    if (input.documentId !== undefined && !(await ownsDocument(tx, scope, input.documentId))) throw notFound('文件');
    const row = await insertPlanItem(tx, scope, { channel: input.channel, plannedDate: input.plannedDate, title: input.title.trim(), documentId: input.documentId ?? null, createdAt: deps.now().toISOString() });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'plan.add', entity: 'publishing_plan', entityId: row.id, after: row });
    return row;
  });
}
