/**
 * The documents capability's storage. Every read and write of an agency's documents takes the
 * AgencyScope that only services/policy.ts makes, and stays within that scope's agency.
 */
import { DEFAULT_INDEX_SCHEME, formatIndexNo } from '../../domain/documents/catalogue.ts';
import { maskScanMatch, scanText, type ScanHit } from '../../domain/scan/index.ts';
import type { Insertable } from 'kysely';
import type { DocumentRow, DocumentTable } from '../../storage/schema.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import { ensureCategories, getAgency } from '../../services/agencies.ts';
import type { DocumentAttachment, DocumentListFilters, ScanFinding } from './contract.ts';
import { lacksInterpretationSql } from './interpretation-sql.ts';

export type NewDocumentRow = Omit<Insertable<DocumentTable>, 'id' | 'agency_id'>;

/**
 * The agency a document belongs to: the one read that needs no scope, since a caller needs the
 * agency to obtain one (services/policy.ts scopeFor). It reveals nothing else.
 */
export async function agencyOfDocument(tx: Tx, id: number): Promise<number> {
  const row = await tx.selectFrom('documents').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('文件');
  return row.agency_id;
}

/** The agency of a leak-scan finding's document (see agencyOfDocument). */
export async function agencyOfScanHit(tx: Tx, hitId: number): Promise<number> {
  const row = await tx.selectFrom('document_scan_hits').innerJoin('documents', 'documents.id', 'document_scan_hits.document_id').select('documents.agency_id').where('document_scan_hits.id', '=', hitId).executeTakeFirst();
  if (!row) throw notFound('检测结果');
  return row.agency_id;
}

export async function documentRow(tx: Tx, scope: AgencyScope, id: number): Promise<DocumentRow> {
  const row = await tx.selectFrom('documents').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (!row) throw notFound('文件');
  return row;
}

export async function insertDocument(tx: Tx, scope: AgencyScope, values: NewDocumentRow): Promise<DocumentRow> {
  return tx.insertInto('documents').values({ ...values, agency_id: scope.agencyId }).returningAll().executeTakeFirstOrThrow();
}

export async function updateDocumentRow(tx: Tx, scope: AgencyScope, id: number, patch: Partial<NewDocumentRow>): Promise<DocumentRow> {
  await tx.updateTable('documents').set(patch).where('id', '=', id).where('agency_id', '=', scope.agencyId).execute();
  return documentRow(tx, scope, id);
}

/** Whether an index number is taken anywhere (they are unique across the platform). */
export async function indexNoTaken(tx: Tx, indexNo: string): Promise<boolean> {
  return !!(await tx.selectFrom('documents').select('id').where('index_no', '=', indexNo).executeTakeFirst());
}

export async function readIndexScheme(tx: Tx, scope: AgencyScope): Promise<string> {
  const row = await tx.selectFrom('agency_settings').select('value').where('agency_id', '=', scope.agencyId).where('key', '=', 'index_scheme').executeTakeFirst();
  return row?.value ?? DEFAULT_INDEX_SCHEME;
}

export async function writeIndexScheme(tx: Tx, scope: AgencyScope, scheme: string): Promise<void> {
  await tx.deleteFrom('agency_settings').where('agency_id', '=', scope.agencyId).where('key', '=', 'index_scheme').execute();
  await tx.insertInto('agency_settings').values({ agency_id: scope.agencyId, key: 'index_scheme', value: scheme }).execute();
}

/** The next free index number for the agency's scheme, in the year of the document. */
export async function nextIndexNo(tx: Tx, scope: AgencyScope, year: number, categoryCode: string | undefined): Promise<string> {
  const agency = await getAgency(tx, scope.agencyId);
  const scheme = await readIndexScheme(tx, scope);
  const { n } = await tx.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', scope.agencyId).executeTakeFirstOrThrow();
  for (let seq = Number(n) + 1; ; seq++) {
    const candidate = formatIndexNo(scheme, { agency: agency.code, year, seq, category: categoryCode });
    if (!(await indexNoTaken(tx, candidate))) return candidate;
  }
}

export async function categoryRows(tx: Tx, scope: AgencyScope) {
  return tx.selectFrom('document_categories').select(['id', 'code', 'name', 'parent_id as parentId', 'art20_item as art20Item']).where('agency_id', '=', scope.agencyId).orderBy('sort').orderBy('id').execute();
}

export async function categoryByCode(tx: Tx, scope: AgencyScope, code: string) {
  await ensureCategories(tx, scope.agencyId);
  return tx.selectFrom('document_categories').selectAll().where('agency_id', '=', scope.agencyId).where('code', '=', code).executeTakeFirst();
}

/** The id of the agency's column with this code (null for none; UNKNOWN_CATEGORY for a code it lacks). */
export async function categoryId(tx: Tx, scope: AgencyScope, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const row = await categoryByCode(tx, scope, code);
  if (!row) throw new AppError('UNKNOWN_CATEGORY', `栏目“${code}”不存在`);
  return row.id;
}

export async function insertCategory(tx: Tx, scope: AgencyScope, values: { code: string; name: string; parentId: number | null; art20Item: number | null }) {
  return tx
    .insertInto('document_categories')
    .values({ agency_id: scope.agencyId, code: values.code, name: values.name, parent_id: values.parentId, art20_item: values.art20Item, sort: 100 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function categoryCodeOf(tx: Tx, scope: AgencyScope, categoryId: number | null): Promise<string | null> {
  if (categoryId === null) return null;
  const row = await tx.selectFrom('document_categories').select('code').where('id', '=', categoryId).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  return row?.code ?? null;
}

/**
 * Runs the leak scan over the body and every attachment's text and replaces the document's
 * open findings. Findings already resolved by a reviewer stay resolved if they still match.
 */
export async function rescan(tx: Tx, scope: AgencyScope, doc: Pick<DocumentRow, 'id' | 'body_text' | 'title'>): Promise<number> {
  const attachments = await tx
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .select(['document_attachments.id', 'document_attachments.name', 'document_attachments.text'])
    .where('document_attachments.document_id', '=', doc.id)
    .where('documents.agency_id', '=', scope.agencyId)
    .execute();
  const sources = [{ source: '正文', text: `${doc.title}\n${doc.body_text}` }, ...attachments.map((a) => ({ source: `附件：${a.name}`, text: a.text }))];
  // Findings keep their ids across rescans, so a reviewer's work on them is not lost.
  const existing = await tx.selectFrom('document_scan_hits').selectAll().where('document_id', '=', doc.id).execute();
  const keyOf = (h: { source: string; kind: string; masked: string; context: string }) => `${h.source}|${h.kind}|${h.masked}|${h.context}`;
  const resolvedKeys = new Set(existing.filter((r) => r.resolution !== null).map((r) => `${r.source}|${r.kind}|${r.masked}`));
  const openByKey = new Map(existing.filter((r) => r.resolution === null).map((r) => [keyOf(r), r.id]));
  const found = new Map<string, { source: string; hit: ScanHit; masked: string; context: string }>();
  for (const { source, text } of sources) {
    for (const hit of scanText(text)) {
      const masked = maskScanMatch(hit.kind, hit.match);
      if (resolvedKeys.has(`${source}|${hit.kind}|${masked}`)) continue;
      // The stored context never repeats the personal data in full.
      const context = hit.context.split(hit.match).join(masked);
      found.set(keyOf({ source, kind: hit.kind, masked, context }), { source, hit, masked, context });
    }
  }
  const stale = [...openByKey].filter(([key]) => !found.has(key)).map(([, id]) => id);
  if (stale.length) await tx.deleteFrom('document_scan_hits').where('id', 'in', stale).execute();
  for (const [key, f] of found) {
    if (openByKey.has(key)) continue;
    await tx
      .insertInto('document_scan_hits')
      .values({ document_id: doc.id, source: f.source, kind: f.hit.kind, masked: f.masked, context: f.context, message: f.hit.message, resolution: null, resolved_by: null, resolved_at: null })
      .execute();
  }
  return found.size;
}

export async function unresolvedHits(tx: Tx, scope: AgencyScope, documentId: number): Promise<number> {
  return (await unresolvedHitCounts(tx, scope, [documentId])).get(documentId) ?? 0;
}

/** Open findings per document, for a page of the scope's documents. */
export async function unresolvedHitCounts(tx: Tx, scope: AgencyScope, documentIds: number[]): Promise<Map<number, number>> {
  if (!documentIds.length) return new Map();
  const rows = await tx
    .selectFrom('document_scan_hits')
    .innerJoin('documents', 'documents.id', 'document_scan_hits.document_id')
    .select(['document_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('document_id', 'in', documentIds)
    .where('documents.agency_id', '=', scope.agencyId)
    .where('resolution', 'is', null)
    .groupBy('document_id')
    .execute();
  return new Map(rows.map((h) => [h.document_id, Number(h.n)]));
}

export async function scanHitRow(tx: Tx, scope: AgencyScope, hitId: number) {
  const hit = await tx
    .selectFrom('document_scan_hits')
    .innerJoin('documents', 'documents.id', 'document_scan_hits.document_id')
    .selectAll('document_scan_hits')
    .where('document_scan_hits.id', '=', hitId)
    .where('documents.agency_id', '=', scope.agencyId)
    .executeTakeFirst();
  if (!hit) throw notFound('检测结果');
  return hit;
}

/** Records a reviewer's resolution of a finding read through scanHitRow (which checked the scope). */
export async function resolveScanHitRow(tx: Tx, hit: { id: number }, resolution: string, by: number | null, at: string): Promise<void> {
  await tx.updateTable('document_scan_hits').set({ resolution, resolved_by: by, resolved_at: at }).where('id', '=', hit.id).execute();
}

export async function scanFindings(tx: Tx, scope: AgencyScope, documentId: number): Promise<ScanFinding[]> {
  return tx
    .selectFrom('document_scan_hits')
    .innerJoin('documents', 'documents.id', 'document_scan_hits.document_id')
    .select(['document_scan_hits.id', 'source', 'kind', 'masked', 'context', 'message', 'resolution'])
    .where('document_id', '=', documentId)
    .where('documents.agency_id', '=', scope.agencyId)
    .orderBy('document_scan_hits.id')
    .execute();
}

export async function attachmentsOf(tx: Tx, scope: AgencyScope, documentId: number): Promise<DocumentAttachment[]> {
  return tx
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .select(['document_attachments.id', 'document_attachments.name', 'kind', 'mime', 'size_bytes as sizeBytes'])
    .where('document_id', '=', documentId)
    .where('documents.agency_id', '=', scope.agencyId)
    .execute();
}

/** Adds an attachment to a document the caller read through documentRow with this scope. */
export async function insertAttachment(tx: Tx, doc: Pick<DocumentRow, 'id'>, values: { name: string; kind: string; mime: string; sizeBytes: number; storageKey: string; text: string; createdAt: string }) {
  return tx
    .insertInto('document_attachments')
    .values({ document_id: doc.id, name: values.name, kind: values.kind, mime: values.mime, size_bytes: values.sizeBytes, storage_key: values.storageKey, text: values.text, created_at: values.createdAt })
    .returning(['id', 'name', 'kind', 'mime', 'size_bytes'])
    .executeTakeFirstOrThrow();
}

/** A page of the scope's documents, newest first, with the total. */
export async function documentPage(tx: Tx, scope: AgencyScope, filters: DocumentListFilters): Promise<{ total: number; rows: DocumentRow[] }> {
  let query = tx.selectFrom('documents').selectAll().where('agency_id', '=', scope.agencyId);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.missingInterpretation) query = query.where(lacksInterpretationSql);
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('title', 'like', like), eb('index_no', 'like', like), eb('doc_no', 'like', like)]));
  }
  const { n } = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.orderBy('id', 'desc').limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize).execute();
  return { total: Number(n), rows };
}

/** Scheduled documents whose time has come, on every agency: the scheduler's read (it acts as the system). */
export async function dueScheduledDocuments(tx: Tx, nowIso: string): Promise<{ id: number; agencyId: number }[]> {
  return tx.selectFrom('documents').select(['id', 'agency_id as agencyId']).where('status', '=', 'scheduled').where('scheduled_at', '<=', nowIso).execute();
}
