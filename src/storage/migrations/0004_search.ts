import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The public search index (src/storage/search-index.ts). `search_entries` holds one row per
 * published document, keyed by `sort_key`, an integer in publication-date order.
 *
 * SQLite: the sort key is the rowid of two contentless FTS5 tables (unicode61), so a search
 * walks matches newest first and stops after a page:
 * - search_fts: bigrams of each Han run, Latin/digit words, separators, then the document's
 *   distinct characters and its filter tokens (positions kept: longer terms are phrases);
 * - search_chars (detail=none): the distinct characters and filter tokens only, for queries
 *   made of single characters, whose doclists are long.
 * PostgreSQL: text[] columns of distinct bigrams/words and of characters with GIN indexes, the
 * normalised text (kept in the heap row) for the exact recheck, and btree indexes that walk
 * the sort key (alone or after a filter column).
 *
 * Frozen once released: later changes go into new migration files.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`
      create table search_entries (
        sort_key integer primary key,
        doc_id integer not null unique,
        agency_id integer not null,
        category text,
        validity text,
        year integer not null,
        published_at text not null,
        title text not null,
        body_text text not null
      )`.execute(db);
    await sql`
      create virtual table search_fts using fts5(
        tokens, content = '', contentless_delete = 1, tokenize = 'unicode61'
      )`.execute(db);
    await sql`
      create virtual table search_chars using fts5(
        tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61'
      )`.execute(db);
    return;
  }

  await sql`
    create table search_entries (
      doc_id integer primary key,
      sort_key bigint not null unique,
      agency_id integer not null,
      category text,
      validity text,
      year integer not null,
      published_at text not null,
      title text not null,
      body_text text not null,
      norm_text text not null,
      bigrams text[] not null,
      unigrams text[] not null
    )`.execute(db);
  // norm_text is read for every row a search rechecks: keep it in the heap row (compressed only
  // when the row is large, with lz4 where the server has it), and move the arrays, which only
  // the GIN indexes need, out of line first.
  await sql`alter table search_entries alter column norm_text set storage main`.execute(db);
  await sql`alter table search_entries alter column bigrams set storage external`.execute(db);
  await sql`alter table search_entries alter column unigrams set storage external`.execute(db);
  const lz4 = await sql<{ ok: boolean }>`
    select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (lz4.rows[0]?.ok) {
    await sql`alter table search_entries alter column norm_text set compression lz4`.execute(db);
  }
  // fastupdate off: a search never scans a pending list; indexing a document costs a little more.
  await sql`create index search_entries_bigrams on search_entries using gin (bigrams) with (fastupdate = off)`.execute(db);
  await sql`create index search_entries_unigrams on search_entries using gin (unigrams) with (fastupdate = off)`.execute(db);
  for (const column of ['agency_id', 'year', 'category', 'validity']) {
    await sql`create index ${sql.id(`search_entries_${column}`)} on search_entries (${sql.id(column)}, sort_key)`.execute(db);
  }
}
