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
  | 'id'
  | 'agency_id'
  | 'title'
  | 'body_text'
  | 'published_at'
  | 'category_id'
  | 'validity'
  | 'doc_no'
  | 'index_no'
  | 'issuer'
  | 'topic'
>;

/** The columns a search document is built from (the rebuild selects exactly these). */
const indexedColumns = ['id', 'agency_id', 'title', 'body_text', 'published_at', 'category_id', 'validity', 'doc_no', 'index_no', 'issuer', 'topic'] as const;

/**
 * What a search document holds besides the title, as its first line: citizens type a 文号
 * (常政〔2026〕18号, or just 18号), an 索引号, the issuer or the 主题分类 as often as words of
 * the text. Bump it when the indexed text changes: the server rebuilds older indexes at start.
 * Version 3 adds each document's agency chain (subtree search, decision 027).
 */
export const SEARCH_INDEX_VERSION = 3;

/** Not the catalogue column's name: 扶贫 would then find every document filed under 扶贫、教育、医疗… */
function metadataLine(row: IndexedFields): string {
  return [row.doc_no, row.index_no, row.issuer, row.topic].filter((v): v is string => !!v?.trim()).join('  ');
}

/**
 * Each agency's chain from the top of the hierarchy down to itself, for the agencies given: one
 * recursive query for the agencies and everything above them (UNION, so a cycle in stored data
 * ends; the walk below stops on one too).
 */
export async function agencyPaths(tx: Tx, agencyIds: readonly number[]): Promise<Map<number, number[]>> {
  const ids = [...new Set(agencyIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .withRecursive('up(id, parent_id)', (db) =>
      db
        .selectFrom('agencies')
        .select(['id', 'parent_id'])
        .where('id', 'in', ids)
        .union((qb) => qb.selectFrom('agencies').innerJoin('up', 'up.parent_id', 'agencies.id').select(['agencies.id', 'agencies.parent_id'])),
    )
    .selectFrom('up')
    .select(['id', 'parent_id'])
    .execute();
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const paths = new Map<number, number[]>();
  for (const id of ids) {
    const path: number[] = [];
    for (let at: number | null | undefined = id; at != null && !path.includes(at); at = parentOf.get(at)) path.unshift(at);
    paths.set(id, path);
  }
  return paths;
}

/** The search documents of published rows: body and attachments' text, category code, agency chain. */
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
  const paths = await agencyPaths(
    tx,
    rows.map((r) => r.agency_id),
  );
  return rows.map((row) => ({
    docId: row.id,
    agencyId: row.agency_id,
    agencyPath: paths.get(row.agency_id) ?? [row.agency_id],
    title: row.title,
    bodyText: [metadataLine(row), row.body_text, ...(texts.get(row.id) ?? [])].join('\n'),
    publishedAt: row.published_at ?? now.toISOString(),
    category: row.category_id === null ? null : (codes.get(row.category_id) ?? null),
    validity: row.validity,
  }));
}

/** Documents indexed per batch during a rebuild. */
const REBUILD_BATCH = 500;

/** Indexes the published documents (of these agencies only, when given) in batches, in `tx`. */
async function indexPublished(tx: Tx, dialect: ServiceDeps['dialect'], now: Date, agencyIds: readonly number[] | null, onBatch: (n: number) => void = () => undefined): Promise<number> {
  let after = 0;
  let indexed = 0;
  for (;;) {
    let query = tx.selectFrom('documents').select(indexedColumns).where('status', '=', 'published').where('id', '>', after);
    if (agencyIds) query = query.where('agency_id', 'in', agencyIds);
    const rows = await query.orderBy('id').limit(REBUILD_BATCH).execute();
    if (rows.length === 0) return indexed;
    await indexDocuments(tx, dialect, await searchDocumentsOf(tx, rows, now));
    after = rows[rows.length - 1]!.id;
    indexed += rows.length;
    onBatch(rows.length);
  }
}

/**
 * Indexes again the published documents of these agencies, in the caller's transaction: after an
 * agency moves, its subtree's documents carry their old chain (decision 027).
 */
export async function reindexAgencies(tx: Tx, dialect: ServiceDeps['dialect'], agencyIds: readonly number[], now: Date): Promise<number> {
  return agencyIds.length === 0 ? 0 : indexPublished(tx, dialect, now, agencyIds);
}

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
    await indexPublished(tx, deps.dialect, deps.now(), null, (n) => {
      p.indexed += n;
      onProgress({ ...p });
    });
    return p;
  });
  await optimizeSearchIndex(deps.db, deps.dialect);
  return progress;
}

const VERSION_KEY = 'search_index_version';

/**
 * Rebuilds the index when it was built by an older SEARCH_INDEX_VERSION (or never recorded one),
 * then records the current version. Run at server start; a fresh database rebuilds an empty index.
 * Returns the rebuild's progress, or null when the index was current.
 */
export async function ensureSearchIndexCurrent(deps: ServiceDeps): Promise<RebuildProgress | null> {
  const row = await deps.db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  if (row && Number(row.value) >= SEARCH_INDEX_VERSION) return null;
  const progress = await rebuildSearchIndex(deps);
  const value = String(SEARCH_INDEX_VERSION);
  await deps.db
    .insertInto('settings')
    .values({ key: VERSION_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return progress;
}
