/**
 * What the portal's search index holds for published documents, and its full rebuild.
 *
 * A rebuild is needed when the tokeniser changes: on PostgreSQL, removing a document removes the
 * postings that tokenising its stored text *now* yields, so postings of an older tokeniser would
 * stay behind. It is also the repair for an index that was damaged or restored from elsewhere.
 */
import type { DocumentRow } from '../storage/schema.ts';
import {
  clearSearchIndex,
  indexDocuments,
  optimizeSearchIndex,
  type SearchDocument,
} from '../storage/search-index.ts';
import type { ServiceDeps, Tx } from './context.ts';

type IndexedFields = Pick<
  DocumentRow,
  'id' | 'agency_id' | 'title' | 'body_text' | 'published_at' | 'category_id' | 'validity'
>;

/** The search documents of published rows: body and attachments' text, category code. */
export async function searchDocumentsOf(
  tx: Tx,
  rows: readonly IndexedFields[],
  now: Date,
): Promise<SearchDocument[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const attachments = await tx
    .selectFrom('document_attachments')
    .select(['document_id', 'text'])
    .where('document_id', 'in', ids)
    .orderBy('id')
    .execute();
  const texts = new Map<number, string[]>();
  for (const a of attachments) {
    const list = texts.get(a.document_id);
    if (list) list.push(a.text);
    else texts.set(a.document_id, [a.text]);
  }
  const categoryIds = [
    ...new Set(rows.flatMap((r) => (r.category_id === null ? [] : [r.category_id]))),
  ];
  const codes = new Map(
    categoryIds.length === 0
      ? []
      : (
          await tx
            .selectFrom('document_categories')
            .select(['id', 'code'])
            .where('id', 'in', categoryIds)
            .execute()
        ).map((c) => [c.id, c.code] as const),
  );
  return rows.map((row) => ({
    docId: row.id,
    agencyId: row.agency_id,
    title: row.title,
    bodyText: [row.body_text, ...(texts.get(row.id) ?? [])].join('\n'),
    publishedAt: row.published_at ?? now.toISOString(),
    category: row.category_id === null ? null : (codes.get(row.category_id) ?? null),
    validity: row.validity,
  }));
}

/** Documents indexed per batch during a rebuild. */
const REBUILD_BATCH = 500;

export interface RebuildProgress {
  indexed: number;
  total: number;
}

/**
 * Empties the search index and indexes every published document again, in one transaction:
 * searches keep seeing the old index until the new one is complete, and a failure leaves the
 * old one in place. Then compacts the index (outside the transaction).
 */
export async function rebuildSearchIndex(
  deps: ServiceDeps,
  onProgress: (p: RebuildProgress) => void = () => undefined,
): Promise<RebuildProgress> {
  const progress = await deps.db.transaction().execute(async (tx) => {
    const counted = await tx
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const p: RebuildProgress = { indexed: 0, total: Number(counted.n) };
    await clearSearchIndex(tx, deps.dialect);
    let after = 0;
    for (;;) {
      const rows = await tx
        .selectFrom('documents')
        .select([
          'id',
          'agency_id',
          'title',
          'body_text',
          'published_at',
          'category_id',
          'validity',
        ])
        .where('status', '=', 'published')
        .where('id', '>', after)
        .orderBy('id')
        .limit(REBUILD_BATCH)
        .execute();
      if (rows.length === 0) break;
      await indexDocuments(tx, deps.dialect, await searchDocumentsOf(tx, rows, deps.now()));
      after = rows[rows.length - 1]!.id;
      p.indexed += rows.length;
      onProgress({ ...p });
    }
    return p;
  });
  await optimizeSearchIndex(deps.db, deps.dialect);
  return progress;
}
