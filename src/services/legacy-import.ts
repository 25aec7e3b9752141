import { dateProblem } from '../domain/calendar/index.ts';
import { chinaDate, toInstant } from '../domain/calendar/china-time.ts';
import { scanText } from '../domain/scan/index.ts';
import { stripBidiDeep } from '../domain/text.ts';
import { escapeHtml } from '../views/html.ts';
import { htmlToPlainText, sanitizeDocumentHtml } from '../views/sanitize.ts';
import { systemActor, type ServiceDeps } from './context.ts';
import { createCategory, createDocument } from './documents.ts';
import { AppError } from './errors.ts';

export interface ImportSummary {
  lines: number;
  imported: number;
  published: number;
  /** Imported unpublished because the leak scan found something: a reviewer must look. */
  flagged: { line: number; title: string; hits: string[] }[];
  errors: { line: number; message: string }[];
  /** Columns made by --create-categories. */
  createdCategories: { code: string; name: string }[];
}

const validityWords: Record<string, 'valid' | 'expired' | 'repealed'> = { valid: 'valid', expired: 'expired', repealed: 'repealed', 有效: 'valid', 失效: 'expired', 废止: 'repealed' };

/** Plain text to paragraphs of HTML. */
const textToHtml = (text: string): string =>
  text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');

export interface ImportOptions {
  /** Create a column (top level) for a category name the agency does not have yet. */
  createCategories?: boolean;
}

/**
 * The agency's columns by code and by name: old systems export the column's name (工作动态) as
 * often as a code. A name two columns share is ambiguous and must be given by code.
 */
async function categoryResolver(deps: ServiceDeps, agencyId: number, options: ImportOptions, summary: ImportSummary) {
  const rows = await deps.db.selectFrom('document_categories').select(['code', 'name']).where('agency_id', '=', agencyId).execute();
  const codes = new Set(rows.map((r) => r.code));
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.code]);
  return async (value: string): Promise<{ code: string } | { problem: string }> => {
    if (codes.has(value)) return { code: value };
    const named = byName.get(value);
    if (named?.length === 1) return { code: named[0]! };
    if (named) return { problem: `栏目名称“${value}”对应多个栏目（${named.join('、')}），请改用栏目代码` };
    if (!options.createCategories) return { problem: `栏目“${value}”不存在（可按代码或名称填写；加 --create-categories 可自动新建）` };
    if (value.length > 60) return { problem: `栏目名称“${value.slice(0, 20)}…”过长（最多 60 个字符）` };
    let n = codes.size + 1;
    while (codes.has(`col-${n}`)) n++;
    const row = await createCategory(deps, systemActor('import'), agencyId, { code: `col-${n}`, name: value });
    codes.add(row.code);
    byName.set(value, [row.code]);
    summary.createdCategories.push({ code: row.code, name: value });
    return { code: row.code };
  };
}

/**
 * Imports legacy documents, one JSON object per line. A document whose text trips the leak
 * scan is imported unpublished and flagged; a bad line is reported with its number and the
 * rest go on.
 */
export async function importDocuments(
  deps: ServiceDeps,
  agencyId: number,
  lines: AsyncIterable<string> | Iterable<string>,
  onProgress: (summary: ImportSummary) => void = () => {},
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: 0, imported: 0, published: 0, flagged: [], errors: [], createdCategories: [] };
  const resolveCategory = await categoryResolver(deps, agencyId, options, summary);
  const actor = systemActor('import');
  for await (const raw of lines) {
    summary.lines++;
    const line = summary.lines;
    if (!raw.trim()) continue;
    let obj: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      obj = stripBidiDeep(parsed as Record<string, unknown>);
    } catch {
      summary.errors.push({ line, message: '不是合法的 JSON 对象' });
      continue;
    }
    const str = (k: string): string | undefined => (typeof obj[k] === 'string' && (obj[k] as string).trim() ? (obj[k] as string).trim() : undefined);
    const problems: string[] = [];
    const title = str('title');
    if (!title) problems.push('缺少 title');
    if (!str('bodyHtml') && !str('bodyText')) problems.push('缺少 bodyHtml 或 bodyText');
    const publishedAt = str('publishedAt');
    // A date or a date-time without offset is China time, whatever the server's zone.
    const publishedInstant = publishedAt ? instantOrNull(publishedAt) : null;
    const publishedDay = publishedInstant ? chinaDate(publishedInstant) : undefined;
    if (!publishedInstant || !publishedDay) problems.push('publishedAt 缺失或不是有效日期');
    const writtenAt = str('writtenAt');
    if (writtenAt && dateProblem(writtenAt.slice(0, 10))) problems.push(`writtenAt ${dateProblem(writtenAt.slice(0, 10), '成文日期')}`);
    if (publishedDay && dateProblem(publishedDay)) problems.push(`publishedAt ${dateProblem(publishedDay, '发布日期')}`);
    const validityRaw = str('validity');
    const validity = validityRaw ? validityWords[validityRaw] : 'valid';
    if (!validity) problems.push(`validity “${validityRaw}” 应为 有效、失效 或 废止`);
    for (const k of ['issuer', 'docNo', 'category', 'indexNo']) if (obj[k] !== undefined && typeof obj[k] !== 'string') problems.push(`${k} 应为字符串`);
    let categoryCode: string | undefined;
    const categoryValue = str('category');
    if (categoryValue && !problems.length) {
      const resolved = await resolveCategory(categoryValue);
      if ('problem' in resolved) problems.push(resolved.problem);
      else categoryCode = resolved.code;
    }
    if (problems.length) {
      summary.errors.push({ line, message: problems.join('；') });
      continue;
    }
    const bodyHtml = sanitizeDocumentHtml(str('bodyHtml') ?? textToHtml(str('bodyText')!));
    const hits = scanText(`${title}\n${htmlToPlainText(bodyHtml)}`);
    const flagged = hits.length > 0;
    try {
      const publishedIso = publishedInstant!.toISOString();
      await createDocument(
        deps,
        actor,
        agencyId,
        {
          title: title!,
          issuer: str('issuer'),
          docNo: str('docNo'),
          writtenAt: writtenAt?.slice(0, 10),
          categoryCode,
          validity,
          invalidFrom: validity !== 'valid' ? publishedDay : undefined,
          bodyHtml,
          indexNo: str('indexNo'),
        },
        { publishedAt: publishedIso, status: flagged ? 'draft' : 'published', needsReview: flagged },
      );
      summary.imported++;
      if (flagged) summary.flagged.push({ line, title: title!, hits: [...new Set(hits.map((h) => h.message))] });
      else summary.published++;
    } catch (err) {
      summary.errors.push({ line, message: err instanceof AppError ? err.message : String(err) });
    }
    if (line % 100 === 0) onProgress(summary);
  }
  onProgress(summary);
  return summary;
}

function instantOrNull(value: string): Date | null {
  try {
    return toInstant(value);
  } catch {
    return null;
  }
}
