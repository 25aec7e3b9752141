import { dateProblem } from '../domain/calendar/index.ts';
import { chinaDate, toInstant } from '../domain/calendar/china-time.ts';
import { scanText } from '../domain/scan/index.ts';
import { stripBidiDeep } from '../domain/text.ts';
import { escapeHtml } from '../views/html.ts';
import { htmlToPlainText, sanitizeDocumentHtml } from '../views/sanitize.ts';
import { systemActor, type ServiceDeps } from './context.ts';
import { createDocument } from './documents.ts';
import { AppError } from './errors.ts';

export interface ImportSummary {
  lines: number;
  imported: number;
  published: number;
  /** Imported unpublished because the leak scan found something: a reviewer must look. */
  flagged: { line: number; title: string; hits: string[] }[];
  errors: { line: number; message: string }[];
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
): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: 0, imported: 0, published: 0, flagged: [], errors: [] };
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
          categoryCode: str('category'),
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
