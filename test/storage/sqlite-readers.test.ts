import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/storage/dialect.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { indexDocument, indexDocuments, searchDocuments, type SearchDocument, type SearchParams } from '../../src/storage/search-index.ts';
import { queryCatalogue, type CatalogueQuery } from '../../src/storage/catalogue.ts';
import { startSqliteReaders, type SqliteReaders } from '../../src/storage/sqlite-readers/pool.ts';
import { generateDocument } from '../../bench/generate-documents.ts';

/**
 * The SQLite read workers (docs/decisions/011) answer exactly what the main thread answers, on
 * a real database file in WAL mode; in-memory test databases have no workers.
 */
describe('SQLite read workers on a database file', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let readers: SqliteReaders;
  const docs: SearchDocument[] = Array.from({ length: 300 }, (_, i) => generateDocument(i + 1, { total: 300, seed: 11, sentences: 5 }));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-readers-'));
    const file = path.join(dir, 'gongkai.sqlite');
    handle = openDatabase({ sqlitePath: file });
    await migrateToLatest(handle.db);
    await indexDocuments(handle.db, 'sqlite', docs);
    const now = '2026-11-26T02:00:00.000Z';
    const agency = await handle.db.insertInto('agencies').values({ code: 'a', name: '甲乡', full_name: null, credit_code: null, level: 'township', parent_id: null, closed_at: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await handle.db
      .insertInto('documents')
      .values(
        docs.slice(0, 120).map((d, i) => ({
          agency_id: agency.id,
          index_no: `IDX-${i}`,
          title: d.title,
          issuer: '甲乡人民政府',
          published_at: i % 10 === 0 ? null : d.publishedAt,
          disclosure_method: 'proactive',
          validity: i % 3 === 0 ? 'expired' : 'valid',
          body_html: '',
          body_text: d.bodyText,
          status: i % 10 === 0 ? 'draft' : 'published',
          needs_review: 0,
          view_count: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    readers = startSqliteReaders({ file, count: 2, mainDb: handle.db, report: (m) => assert.fail(m) });
  });
  after(async () => {
    await readers.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the same search results as the main thread, for every query, page and filter', async () => {
    const base = { page: 1, pageSize: 10 };
    const params: SearchParams[] = [];
    for (const q of ['低保', '扶贫 资金', '年', '政府信息公开', '2024', '獐', '医疗救助', '乡村振兴 审计', '"低保" OR 扶贫', '', '，。']) {
      params.push({ ...base, q }, { ...base, q, page: 3 }, { ...base, q, countCap: 0 }, { ...base, q, countCap: Infinity });
      params.push({ ...base, q, agencyId: docs[0]!.agencyId }, { ...base, q, year: 2023 }, { ...base, q, pageSize: 100 });
    }
    const before = readers.stats().answered;
    const viaWorkers = await Promise.all(params.map((p) => readers.run('search', p)));
    for (const [i, p] of params.entries()) {
      assert.deepEqual(viaWorkers[i], await searchDocuments(handle.db, 'sqlite', p), JSON.stringify(p));
    }
    assert.ok(viaWorkers.some((r) => r.items.length > 0));
    assert.equal(readers.stats().answered - before, params.length, 'every search was answered by a worker');
    assert.equal(readers.stats().workers, 2);
  });

  it('returns the same catalogue pages as the main thread', async () => {
    const agencyId = (await handle.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow()).id;
    const queries: CatalogueQuery[] = [
      { agencyId, page: 1, pageSize: 20 },
      { agencyId, page: 4, pageSize: 20 },
      { agencyId, validity: 'expired', page: 1, pageSize: 20 },
      { agencyId, from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z', page: 1, pageSize: 20 },
      { agencyId, categoryIds: [], page: 1, pageSize: 5 },
      { agencyId: agencyId + 1, page: 1, pageSize: 20 },
    ];
    for (const q of queries) assert.deepEqual(await readers.run('catalogue', q), await queryCatalogue(handle.db, q), JSON.stringify(q));
    assert.equal((await readers.run('catalogue', queries[0]!)).total, 108);
  });

  it('sees a document as soon as the main connection committed it', async () => {
    const fresh = { ...docs[0]!, docId: 5000, title: '新发布的獐子岛通知' };
    assert.equal((await readers.run('search', { q: '獐子岛', page: 1, pageSize: 10 })).total, 0);
    await indexDocument(handle.db, 'sqlite', fresh);
    const found = await readers.run('search', { q: '獐子岛', page: 1, pageSize: 10 });
    assert.deepEqual(found.items.map((i) => i.docId), [5000]);
  });

  it('reports bad parameters as the main thread does', async () => {
    await assert.rejects(readers.run('search', { q: '低保', page: 0, pageSize: 10 }), { name: 'RangeError', message: /page must be/ });
    await assert.rejects(searchDocuments(handle.db, 'sqlite', { q: '低保', page: 0, pageSize: 10 }), { name: 'RangeError' });
  });

  it('answers on the main thread when the workers cannot start', async () => {
    let gaveUp!: (message: string) => void;
    const reported = new Promise<string>((resolve) => (gaveUp = resolve));
    const broken = startSqliteReaders({ file: path.join(dir, 'missing.sqlite'), count: 1, mainDb: handle.db, report: gaveUp });
    try {
      // The worker cannot open its file: the read is answered here, and identically.
      const p = { q: '低保', page: 1, pageSize: 10 };
      assert.deepEqual(await broken.run('search', p), await searchDocuments(handle.db, 'sqlite', p));
      // After three failed starts the pool stops trying and says so, once.
      assert.match(await reported, /只读查询线程无法启动/);
      assert.deepEqual(await broken.run('search', p), await searchDocuments(handle.db, 'sqlite', p));
      assert.deepEqual(broken.stats(), { workers: 0, answered: 0 });
    } finally {
      await broken.close();
    }
  });
});
