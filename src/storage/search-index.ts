/**
 * The public portal's search index over published documents: one search box, filters by
 * agency, category, year and validity, results newest first.
 *
 * Semantics (those of `matchesAll` in src/domain/search over title + body): every term of the
 * query is required; a Han term of any length matches where it occurs as a substring (one
 * character through the unigram tokens, longer terms as the phrase of their bigrams), a
 * Latin/digit word matches a whole word. Queries without terms (empty, only operators or
 * punctuation) find nothing. Results are equal to a brute-force `matchesAll` scan on both
 * databases (test/storage/search-index.test.ts).
 *
 * The dialect-specific parts live in ./search/sqlite.ts and ./search/postgres.ts; the tables in
 * migrations/0004_search.ts. User input reaches SQL only as bound parameters.
 */
import type { Kysely } from 'kysely';
import { highlight, parseQuery, snippet } from '../domain/search/index.ts';
import type { DialectName } from './dialect.ts';
import { clearPostgres, optimizePostgres, indexPostgres, removePostgres, searchPostgres } from './search/postgres.ts';
import { prepareDocument, type SearchDocument, type SearchFilters } from './search/rows.ts';
import { clearSqlite, indexSqlite, optimizeSqlite, removeSqlite, searchSqlite } from './search/sqlite.ts';
import type { PageRequest } from './search/types.ts';

export { searchableText, publicationYear, type SearchDocument, type SearchFilters } from './search/rows.ts';

/**
 * Matches are counted up to this many; beyond it the total shows as "10,000+". Counting costs
 * time in proportion to the matches on both databases (exactly counting a term found in two
 * thirds of 1M documents takes ~0.25 s on SQLite, docs/performance.md); the cap bounds it.
 */
export const SEARCH_COUNT_CAP = 10_000;
/** Largest page size accepted. */
export const MAX_PAGE_SIZE = 100;
/** Results beyond this position are not served (deep pages cost a walk through the index). */
export const MAX_RESULT_WINDOW = 10_000;
/** Characters of the query that are read; the rest is ignored. */
export const MAX_QUERY_LENGTH = 256;
/** Length of a result's snippet in characters. */
export const SNIPPET_LENGTH = 120;

export interface SearchParams extends SearchFilters {
  q: string;
  /** 1-based. */
  page: number;
  pageSize: number;
  /**
   * Count matches up to this many; beyond it `total` is this number and `totalCapped` is true.
   * Default {@link SEARCH_COUNT_CAP}; Infinity counts exactly (slow for frequent terms); 0 counts
   * only as far as the page goes (on PostgreSQL, as far as choosing the plan needs).
   */
  countCap?: number;
}

export interface SearchItem {
  docId: number;
  /** The publishing agency (a search over a subtree or the platform spans several). */
  agencyId: number;
  title: string;
  publishedAt: string;
  /** The title, HTML-escaped, with the terms in <mark>. */
  titleHtml: string;
  /** A passage of the body around the first hit, HTML-escaped, with the terms in <mark>. */
  snippetHtml: string;
}

export interface SearchResult {
  /** The number of matches; a lower bound when `totalCapped` (show it as "10,000+"). */
  total: number;
  totalCapped: boolean;
  items: SearchItem[];
}

type Db = Kysely<any>;

async function inTransaction(db: Db, fn: (trx: Db) => Promise<void>): Promise<void> {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

/**
 * Adds or replaces documents in the index, in one transaction (the caller's, if `db` is one).
 * Also the bulk path: pass batches of a few hundred to a few thousand documents.
 */
export async function indexDocuments(
  db: Db,
  dialect: DialectName,
  docs: readonly SearchDocument[],
): Promise<void> {
  // The last version of a document wins within one batch.
  const latest = new Map(docs.map((d) => [d.docId, d]));
  const prepared = [...latest.values()].map(prepareDocument);
  if (prepared.length === 0) return;
  await inTransaction(db, (trx) =>
    dialect === 'postgres' ? indexPostgres(trx, prepared) : indexSqlite(trx, prepared),
  );
}

/** Adds a document to the index, or replaces its entry (after an edit or republication). */
export async function indexDocument(db: Db, dialect: DialectName, doc: SearchDocument): Promise<void> {
  await indexDocuments(db, dialect, [doc]);
}

/** Removes a document from the index (withdrawn from publication). True if it was there. */
export async function removeDocument(db: Db, dialect: DialectName, docId: number): Promise<boolean> {
  let removed = false;
  await inTransaction(db, async (trx) => {
    removed = dialect === 'postgres' ? await removePostgres(trx, docId) : await removeSqlite(trx, docId);
  });
  return removed;
}

/** Empties the index (for a full rebuild, in the caller's transaction if `db` is one). */
export async function clearSearchIndex(db: Db, dialect: DialectName): Promise<void> {
  await inTransaction(db, (trx) => (dialect === 'postgres' ? clearPostgres(trx) : clearSqlite(trx)));
}

function checkParams(p: SearchParams): void {
  if (typeof p.q !== 'string') throw new TypeError('q must be a string');
  if (!Number.isSafeInteger(p.page) || p.page < 1) throw new RangeError('page must be an integer ≥ 1');
  if (!Number.isSafeInteger(p.pageSize) || p.pageSize < 1 || p.pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (p.countCap !== undefined && !(p.countCap === Infinity || (Number.isSafeInteger(p.countCap) && p.countCap >= 0))) {
    throw new RangeError('countCap must be a non-negative integer or Infinity');
  }
  for (const name of ['agencyId', 'subtreeOf', 'year'] as const) {
    const v = p[name];
    if (v !== undefined && !Number.isSafeInteger(v)) throw new TypeError(`${name} must be an integer`);
  }
  for (const name of ['category', 'validity'] as const) {
    const v = p[name];
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`${name} must be a string`);
  }
}

/** One page of published documents matching `q` and the filters, newest first. */
export async function searchDocuments(
  db: Db,
  dialect: DialectName,
  params: SearchParams,
): Promise<SearchResult> {
  checkParams(params);
  const parsed = parseQuery(params.q.slice(0, MAX_QUERY_LENGTH));
  if (parsed.terms.length === 0) return { total: 0, totalCapped: false, items: [] };

  const offset = (params.page - 1) * params.pageSize;
  const req: PageRequest = {
    filters: {
      agencyId: params.agencyId,
      subtreeOf: params.subtreeOf,
      category: params.category,
      year: params.year,
      validity: params.validity,
    },
    offset,
    // Beyond the window the page is empty; the total is still counted.
    pageSize: offset >= MAX_RESULT_WINDOW ? 0 : Math.min(params.pageSize, MAX_RESULT_WINDOW - offset),
    countCap: params.countCap ?? SEARCH_COUNT_CAP,
  };
  const page =
    dialect === 'postgres' ? await searchPostgres(db, parsed, req) : await searchSqlite(db, parsed, req);
  const terms = parsed.terms;
  return {
    total: page.total,
    totalCapped: page.totalCapped,
    items: page.entries.map((e) => ({
      docId: Number(e.doc_id),
      agencyId: Number(e.agency_id),
      title: e.title,
      publishedAt: e.published_at,
      titleHtml: highlight(e.title, terms),
      snippetHtml: highlight(snippet(e.body_text, terms, SNIPPET_LENGTH), terms),
    })),
  };
}

/**
 * After a bulk load: merges SQLite's FTS5 segments, or vacuums and analyses on PostgreSQL.
 * Not needed for day-to-day indexing. Must not run inside a transaction.
 */
export async function optimizeSearchIndex(db: Db, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await optimizePostgres(db);
  else await optimizeSqlite(db);
}
