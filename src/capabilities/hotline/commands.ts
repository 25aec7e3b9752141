/**
 * Writes of the hotline log: a call entered by staff, an edit, a deletion (kept in the audit log),
 * and the import of a 12345 work-order export, matched by order number so a re-import creates no
 * duplicates and every bad row is reported with its number.
 */
import { chinaDateTime } from '../../domain/calendar/china-time.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { auditedWrite, invalidInput } from '../../services/audited-write.ts';
import { scopeFor } from '../../services/policy.ts';
import { checkOfficeArchive } from '../../services/untrusted/limits.ts';
import { runUntrusted } from '../../services/untrusted/pool.ts';
import { hotlineLimits, type HotlineCallInput, type HotlineImportResult } from './contract.ts';
import { blankRow, hotlineColumns, hotlineProblems, hotlineRow, type SheetCell } from './validation.ts';
import * as q from './sql.ts';

const values = (input: HotlineCallInput, at: string) => ({
  order_no: input.orderNo.trim() || null,
  called_at: input.calledAt.trim(),
  caller_name: input.callerName.trim(),
  caller_phone: input.callerPhone.trim(),
  subject: input.subject.trim(),
  answer: input.answer.trim(),
  closed: input.closed ? 1 : 0,
  updated_at: at,
});

const duplicateOrder = (orderNo: string) => new AppError('DUPLICATE_ORDER', `工单编号 ${orderNo} 已登记，请修改原记录`, 409, { fields: [{ field: 'orderNo', code: 'DUPLICATE_ORDER', message: `工单编号 ${orderNo} 已登记` }] });

async function saveCall(deps: ServiceDeps, actor: Actor, agencyId: number, id: number | null, input: HotlineCallInput): Promise<{ id: number }> {
  const problems = hotlineProblems(input, chinaDateTime(deps.now()));
  if (problems.length) throw invalidInput(problems);
  return auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const v = values(input, at);
    const before = id === null ? undefined : await q.callRow(tx, scope, id);
    if (id !== null && !before) throw notFound('来电记录');
    if (v.order_no) {
      const same = (await q.callsByOrder(tx, scope, [v.order_no])).get(v.order_no);
      if (same && same.id !== id) throw duplicateOrder(v.order_no);
    }
    const saved = before ? (await q.updateCall(tx, scope, before.id, v), before.id) : await q.insertCall(tx, scope, { ...v, source: 'manual', created_at: at });
    return { result: { id: saved }, audit: { action: before ? 'hotline.update' : 'hotline.create', entity: 'hotline_call', id: saved, before: before ?? null, after: v } };
  });
}

export const createCall = (deps: ServiceDeps, actor: Actor, agencyId: number, input: HotlineCallInput) => saveCall(deps, actor, agencyId, null, input);
export const updateCall = (deps: ServiceDeps, actor: Actor, agencyId: number, id: number, input: HotlineCallInput) => saveCall(deps, actor, agencyId, id, input);

export async function deleteCall(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const before = await q.callRow(tx, scope, id);
    if (!before) throw notFound('来电记录');
    await q.updateCall(tx, scope, id, { deleted_at: at });
    return { result: undefined, audit: { action: 'hotline.delete', entity: 'hotline_call', id, before } };
  });
}

/**
 * Imports a 12345 export (the first sheet: a header row, then one work order a row). Good rows are
 * logged or, when their order number is known, updated in place; bad rows are listed with their
 * numbers and problems and nothing else happens to them. One transaction, one audit entry.
 */
export async function importHotlineXlsx(deps: ServiceDeps, actor: Actor, agencyId: number, data: Buffer): Promise<HotlineImportResult> {
  // The role first: a file is read only for someone who may import it.
  await scopeFor(deps.db, actor, agencyId, 'messages.record');
  const unreadable = new AppError('INVALID_XLSX', '无法读取该文件，请上传 12345 工单导出的 .xlsx 表格');
  if (!(await checkOfficeArchive(data))) throw unreadable;
  const sheet = await runUntrusted('sheetRows', { data, maxRows: hotlineLimits.importRows + 1 });
  if (!sheet) throw unreadable;
  if (!sheet.hasSheet) throw new AppError('INVALID_XLSX', '表格中没有工作表');
  if (sheet.truncated) throw new AppError('INVALID_XLSX', `表格超过 ${hotlineLimits.importRows} 行，请分批导出后导入`);
  const [head, ...body] = sheet.rows;
  const { columns, problem } = hotlineColumns(((head?.values ?? []) as SheetCell[]));
  if (problem) throw new AppError('INVALID_XLSX', problem);
  const now = chinaDateTime(deps.now());
  const result: HotlineImportResult = { rows: 0, created: 0, updated: 0, unchanged: 0, errors: [] };
  const good: { row: number; input: HotlineCallInput }[] = [];
  const seen = new Map<string, number>();
  for (const { number, values: cells } of body) {
    if (blankRow(cells as SheetCell[])) continue;
    result.rows++;
    const { input, problems } = hotlineRow(cells as SheetCell[], columns, now);
    const earlier = seen.get(input.orderNo);
    if (input.orderNo && earlier !== undefined) problems.push(`工单编号 ${input.orderNo} 与第 ${earlier} 行重复`);
    if (problems.length) result.errors.push({ row: number, orderNo: input.orderNo, problems });
    else good.push({ row: number, input });
    if (input.orderNo && earlier === undefined) seen.set(input.orderNo, number);
  }
  return auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const known = await q.callsByOrder(tx, scope, good.map((g) => g.input.orderNo));
    for (const { input } of good) {
      const v = values(input, at);
      const old = known.get(input.orderNo);
      if (!old) {
        await q.insertCall(tx, scope, { ...v, source: 'import', created_at: at });
        result.created++;
      } else if (old.answer !== v.answer || old.closed !== v.closed || old.subject !== v.subject || old.called_at !== v.called_at) {
        // A later export of the same order: its answer or state moved on.
        await q.updateCall(tx, scope, old.id, v);
        result.updated++;
      } else result.unchanged++;
    }
    return { result, audit: { action: 'hotline.import', entity: 'hotline_import', id: agencyId, after: { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged, rejectedRows: result.errors.map((e) => e.row) } } };
  });
}
