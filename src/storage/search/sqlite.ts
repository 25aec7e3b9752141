/**
 * The search index on SQLite: FTS5 tables whose rowid is the sort key (see the migration).
 * Filters are tokens in the FTS documents, so FTS5 intersects them with the terms and both the
 * page (`ORDER BY rowid DESC LIMIT …`, stopping early) and the count stay inside the index.
 */
import { sql, type Kysely } from 'kysely';
import { toFts5Query, type ParsedQuery } from '../../domain/search/index.ts';
import {
  assignSortKeys,
  charFtsText,
  chunks,
  agencyPathText,
  filterTokens,
  mainFtsText,
  type PreparedDocument,
  type SearchFilters,
} from './rows.ts';
import type { EntryRow, PageRequest, PageResult } from './types.ts';

// Rows per multi-row statement: 9 entry columns × 400 stays far below SQLite's 32,766 variables.
const CHUNK = 400;

async function deleteKeys(db: Kysely<any>, keys: readonly number[]): Promise<void> {
  for (const part of chunks(keys, CHUNK)) {
    const list = sql.join(part);
    await sql`delete from search_fts where rowid in (${list})`.execute(db);
    await sql`delete from search_chars where rowid in (${list})`.execute(db);
    await sql`delete from search_entries where sort_key in (${list})`.execute(db);
  }
}

/** Inserts or replaces a batch of documents (no two with the same id). Call inside a transaction. */
export async function indexSqlite(db: Kysely<any>, batch: readonly PreparedDocument[]): Promise<void> {
  for (const part of chunks(batch, CHUNK)) {
    const ids = sql.join(part.map((p) => p.doc.docId));
    const existing = await sql<{ sort_key: number }>`
      select sort_key from search_entries where doc_id in (${ids})`.execute(db);
    const owners = await sql<{ sort_key: number; doc_id: number }>`
      select sort_key, doc_id from search_entries
      where sort_key in (${sql.join(part.map((p) => p.preferredKey))})`.execute(db);
    const keys = await assignSortKeys(
      part,
      new Map(owners.rows.map((r) => [r.sort_key, r.doc_id])),
      async (key) =>
        (
          await sql<{ doc_id: number }>`select doc_id from search_entries where sort_key = ${key}`.execute(db)
        ).rows[0]?.doc_id,
    );
    await deleteKeys(
      db,
      existing.rows.map((r) => r.sort_key),
    );
    // FTS5 keeps accumulating pending data only while rowids increase: insert in key order.
    const rows = part.map((p, i) => ({ p, key: keys[i]! })).sort((a, b) => a.key - b.key);
    await sql`insert into search_entries
      (sort_key, doc_id, agency_id, category, validity, year, published_at, title, body_text, agency_path)
      values ${sql.join(
        rows.map(
          ({ p, key }) =>
            sql`(${key}, ${p.doc.docId}, ${p.doc.agencyId}, ${p.doc.category}, ${p.doc.validity},
                 ${p.year}, ${p.doc.publishedAt}, ${p.doc.title}, ${p.doc.bodyText}, ${agencyPathText(p.doc)})`,
        ),
      )}`.execute(db);
    await sql`insert into search_fts (rowid, tokens) values ${sql.join(
      rows.map(({ p, key }) => sql`(${key}, ${mainFtsText(p)})`),
    )}`.execute(db);
    await sql`insert into search_chars (rowid, tokens) values ${sql.join(
      rows.map(({ p, key }) => sql`(${key}, ${charFtsText(p)})`),
    )}`.execute(db);
  }
}

export async function removeSqlite(db: Kysely<any>, docId: number): Promise<boolean> {
  const row = await sql<{ sort_key: number }>`
    select sort_key from search_entries where doc_id = ${docId}`.execute(db);
  const key = row.rows[0]?.sort_key;
  if (key === undefined) return false;
  await deleteKeys(db, [key]);
  return true;
}

/** The FTS table and MATCH expression for a query: the unigram table when it suffices. */
function matchOf(parsed: ParsedQuery, filters: SearchFilters) {
  const onlyChars = parsed.terms.every((t) => t.kind === 'han_char');
  // Filter tokens are produced by our own encoding (digits, hex, a letter and 〇): no quotes.
  const expr = [toFts5Query(parsed), ...filterTokens(filters).map((t) => `"${t}"`)].join(' AND ');
  return { table: sql.table(onlyChars ? 'search_chars' : 'search_fts'), expr };
}

export async function searchSqlite(
  db: Kysely<any>,
  parsed: ParsedQuery,
  req: PageRequest,
): Promise<PageResult> {
  const { table, expr } = matchOf(parsed, req.filters);
  // One row more than the page shows whether more follow (a page of 0 rows only counts).
  const keyRows =
    req.pageSize === 0
      ? []
      : (
          await sql<{ k: number }>`
            select rowid as k from ${table} where ${table} match ${expr}
            order by rowid desc limit ${req.pageSize + 1} offset ${req.offset}`.execute(db)
        ).rows;
  const keys = keyRows.map((r) => r.k);
  const more = req.pageSize === 0 || keys.length > req.pageSize;
  if (keys.length > req.pageSize) keys.pop();

  // What the page proves: `seen` matches exist; if it ran out before filling, exactly `seen`.
  const seen = keys.length > 0 ? req.offset + keys.length + (more ? 1 : 0) : 0;
  let total = seen;
  let totalCapped = more || (keys.length === 0 && req.offset > 0);
  if (totalCapped && req.countCap > 0) {
    const counted = Number.isFinite(req.countCap)
      ? await sql<{ n: number }>`select count(*) as n from (
          select rowid from ${table} where ${table} match ${expr} limit ${req.countCap + 1})`.execute(db)
      : await sql<{ n: number }>`select count(*) as n from ${table} where ${table} match ${expr}`.execute(db);
    const n = Number(counted.rows[0]?.n ?? 0);
    totalCapped = n > req.countCap;
    total = totalCapped ? Math.max(req.countCap, seen) : n;
  }

  let entries: EntryRow[] = [];
  if (keys.length > 0) {
    const rows = await sql<EntryRow>`
      select doc_id, agency_id, title, published_at, body_text from search_entries
      where sort_key in (${sql.join(keys)}) order by sort_key desc`.execute(db);
    entries = rows.rows;
  }
  return { total, totalCapped, entries };
}

/** Empties the index. Call inside a transaction. */
export async function clearSqlite(db: Kysely<any>): Promise<void> {
  // Contentless tables are emptied by their 'delete-all' command.
  await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  await sql`insert into search_chars (search_chars) values ('delete-all')`.execute(db);
  await sql`delete from search_entries`.execute(db);
}

/** Merges the FTS5 segments into one (after a bulk load; slow on a large index). */
export async function optimizeSqlite(db: Kysely<any>): Promise<void> {
  await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  await sql`insert into search_chars (search_chars) values ('optimize')`.execute(db);
}
