import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { PG_URL } from '../helpers/db.ts';
import { openDatabase, type DatabaseHandle } from '../../src/storage/dialect.ts';
import { up as up0004 } from '../../src/storage/migrations/0004_search.ts';
import { up as up0006 } from '../../src/storage/migrations/0006_search_postings.ts';
import { prepareDocument, searchableText } from '../../src/storage/search/rows.ts';
import { searchDocuments } from '../../src/storage/search-index.ts';
import { matchesAll, parseQuery } from '../../src/domain/search/index.ts';
import { generateDocument } from '../../bench/generate-documents.ts';

// PostgreSQL only: migration 0006 replaces the GIN arrays of 0004 by posting lists and must
// index the entries an existing installation already has.
describe('search migration 0006 on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let handle: DatabaseHandle;
  const docs = Array.from({ length: 150 }, (_, i) => generateDocument(i + 1, { total: 150, seed: 5, sentences: 5 }));

  before(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = openDatabase({ databaseUrl: PG_URL, pgSchema: schema });
    await up0004(handle.db);
    // Entries as 0004 stored them (the array columns are not read by 0006).
    for (const d of docs) {
      const p = prepareDocument(d);
      await sql`insert into search_entries (doc_id, sort_key, agency_id, category, validity, year, published_at,
        title, body_text, norm_text, bigrams, unigrams)
        values (${d.docId}, ${p.preferredKey}, ${d.agencyId}, ${d.category}, ${d.validity}, ${p.year}, ${d.publishedAt},
          ${d.title}, ${d.bodyText}, '', '{}', '{}')`.execute(handle.db);
    }
  });

  after(async () => {
    await handle?.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  it('writes the postings of existing entries, and searches find exactly what they should', async () => {
    await handle.db.transaction().execute((trx) => up0006(trx));
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = ${schema} and table_name = 'search_entries'`.execute(handle.db);
    assert.ok(!columns.rows.some((c) => ['norm_text', 'bigrams', 'unigrams'].includes(c.column_name)));
    const newestFirst = [...docs].sort((a, b) => prepareDocument(b).preferredKey - prepareDocument(a).preferredKey);
    for (const q of ['低保', '年', '医疗救助', '政府信息公开', '通知 2024', '獐']) {
      const want = newestFirst.filter((d) => matchesAll(searchableText(d), parseQuery(q))).map((d) => d.docId);
      const r = await searchDocuments(handle.db, 'postgres', { q, page: 1, pageSize: 100, countCap: Infinity });
      assert.deepEqual(r.items.map((i) => i.docId), want.slice(0, 100), q);
      assert.equal(r.total, want.length, q);
    }
  });
});
