import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { prepareDocument } from '../search/rows.ts';
import { applyPostingChanges, lockIndexWriters, PostingChanges, storedDocument } from '../search/postgres.ts';

/**
 * PostgreSQL only: the search index becomes block posting lists (src/storage/search/postings.ts)
 * in `search_postings`, replacing the GIN arrays and the normalised-text column of 0004, whose
 * bitmaps cost time in proportion to every match. Existing entries are tokenised again and
 * their postings written here. SQLite keeps its FTS5 tables.
 *
 * Frozen once released: later changes go into new migration files.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') return;
  await sql`
    create table search_postings (
      token text not null,
      block integer not null,
      n integer not null,
      ids bytea not null,
      pos bytea,
      primary key (token, block) include (n)
    )`.execute(db);
  // The lists are varint-packed already: storing them uncompressed saves the futile attempt.
  await sql`alter table search_postings alter column ids set storage external`.execute(db);
  await sql`alter table search_postings alter column pos set storage external`.execute(db);
  for (const index of ['bigrams', 'unigrams', 'agency_id', 'year', 'category', 'validity']) {
    await sql`drop index if exists ${sql.id(`search_entries_${index}`)}`.execute(db);
  }
  await sql`alter table search_entries drop column norm_text, drop column bigrams, drop column unigrams`.execute(db);
  // Orders a block's matches by date without reading the entries.
  await sql`create index search_entries_doc_sort on search_entries (doc_id) include (sort_key)`.execute(db);

  await lockIndexWriters(db);
  let after: string | number = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await sql<Parameters<typeof storedDocument>[0]>`
      select doc_id, sort_key, agency_id, category, validity, published_at, title, body_text
      from search_entries where sort_key > ${after} order by sort_key limit 2000`.execute(db);
    if (rows.rows.length === 0) break;
    const changes = new PostingChanges();
    for (const r of rows.rows) changes.add(prepareDocument(storedDocument(r)), Number(r.sort_key));
    await applyPostingChanges(db, changes);
    after = rows.rows[rows.rows.length - 1]!.sort_key;
  }
}
