import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { systemActor } from '../../src/services/context.ts';
import { createDocument } from '../../src/services/documents.ts';
import { ensureSearchIndexCurrent, rebuildSearchIndex, SEARCH_INDEX_VERSION, type RebuildProgress } from '../../src/services/search-index.ts';
import { indexDocument, searchDocuments } from '../../src/storage/search-index.ts';
import { blockOf, encodePostings } from '../../src/storage/search/postings.ts';

for (const dialect of DIALECTS) {
  describe(`search index rebuild on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await seedDemo(t.deps);
      const agencyId = (
        await t.handle.db
          .selectFrom('agencies')
          .select('id')
          .where('code', '=', 'changping')
          .executeTakeFirstOrThrow()
      ).id;
      const titles = [
        '关于做好2025年防汛工作的通知',
        '常平乡2025年政府信息公开工作年度报告',
        '关于低保对象公示的通知',
        '2024年财政预算公开',
        '关于开展年度审计的通知',
        '常平乡乡村振兴工作要点',
      ];
      for (const [i, title] of titles.entries()) {
        await createDocument(
          t.deps,
          systemActor('test'),
          agencyId,
          {
            title,
            bodyHtml: `<p>${title}。各村：请按要求落实。</p>`,
            categoryCode: i % 2 === 0 ? 'art20-12' : undefined,
            ...(i === 3 ? { validity: 'expired', invalidFrom: '2024-12-31' } : {}),
          },
          { publishedAt: `202${4 + (i % 2)}-0${1 + i}-15T02:00:00.000Z`, status: 'published' },
        );
      }
      await createDocument(t.deps, systemActor('test'), agencyId, {
        title: '草稿：关于公开的通知',
        bodyHtml: '<p>未发布</p>',
      });
    });
    after(async () => t.cleanup());

    const everything = async (q: string) =>
      searchDocuments(t.handle.db, dialect, { q, page: 1, pageSize: 100, countCap: Infinity });

    it('indexes every published document again and repairs a damaged index', async () => {
      const db = t.handle.db as any;
      const published = Number(
        (
          await db
            .selectFrom('documents')
            .select((eb: any) => eb.fn.countAll().as('n'))
            .where('status', '=', 'published')
            .executeTakeFirstOrThrow()
        ).n,
      );
      assert.ok(published > 3, 'the demo has published documents');
      const queries = ['通知', '公开', '年', '常平乡 2025'];
      const expected = await Promise.all(queries.map(everything));
      assert.ok(
        expected.every((r) => r.total > 0),
        'every query finds something',
      );

      // Damage: one document's entry is lost, and (PostgreSQL) a stale posting of a token the
      // document does not hold, as an older tokeniser could have left behind.
      const victim = expected[0]!.items[0]!.docId;
      if (dialect === 'postgres') {
        const { sort_key } = await db
          .selectFrom('search_entries')
          .select('sort_key')
          .where('doc_id', '=', victim)
          .executeTakeFirstOrThrow();
        const list = encodePostings([{ id: victim, positions: [0] }]);
        await sql`insert into search_postings (token, block, n, ids, pos)
          values ('僵尸', ${blockOf(Number(sort_key))}, 1, ${list.ids}, ${list.pos})`.execute(db);
        assert.equal(
          (await everything('僵尸')).total,
          1,
          'the stale posting is found before the rebuild',
        );
      }
      await db.deleteFrom('search_entries').where('doc_id', '=', victim).execute();
      assert.ok(
        !(await everything('通知')).items.some((i) => i.docId === victim),
        'the damage shows',
      );
      // And an unpublished document is in the index, as if its withdrawal had been lost.
      const draft = await db
        .selectFrom('documents')
        .selectAll()
        .where('status', '=', 'draft')
        .executeTakeFirstOrThrow();
      await indexDocument(db, dialect, {
        docId: draft.id,
        agencyId: draft.agency_id,
        title: draft.title,
        bodyText: draft.body_text,
        publishedAt: '2025-12-01T00:00:00.000Z',
        category: null,
        validity: 'valid',
      });
      assert.equal((await everything('未发布')).total, 1);

      const seen: RebuildProgress[] = [];
      const done = await rebuildSearchIndex(t.deps, (p) => seen.push(p));
      assert.deepEqual(done, { indexed: published, total: published });
      assert.ok(seen.length > 0 && seen.at(-1)!.indexed === published);

      assert.deepEqual(await Promise.all(queries.map(everything)), expected);
      assert.equal((await everything('僵尸')).total, 0);
      assert.equal((await everything('未发布')).total, 0);
      const entries = await db
        .selectFrom('search_entries')
        .select((eb: any) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(entries.n), published);
    });
  });

  describe(`what citizens type, on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await seedDemo(t.deps);
      const agencyId = (await t.handle.db.selectFrom('agencies').select('id').where('code', '=', 'changping').executeTakeFirstOrThrow()).id;
      await createDocument(
        t.deps,
        systemActor('test'),
        agencyId,
        { title: '关于调整城乡居民最低生活保障标准的通知', docNo: '常政〔2026〕18号', indexNo: '11000-2026-00042', issuer: '常平乡民政办', topic: '社会保障', categoryCode: 'art20-12', bodyHtml: '<p>各村：现将有关事项通知如下。</p>' },
        { publishedAt: '2026-03-02T02:00:00.000Z', status: 'published' },
      );
      await createDocument(t.deps, systemActor('test'), agencyId, { title: '关于春耕生产的通知', docNo: '常政〔2026〕7号', bodyHtml: '<p>各村：做好春耕。</p>' }, { publishedAt: '2026-03-01T02:00:00.000Z', status: 'published' });
    });
    after(async () => t.cleanup());

    const titles = async (q: string) => (await searchDocuments(t.handle.db, dialect, { q, page: 1, pageSize: 20, countCap: Infinity })).items.map((i) => i.title);
    const target = '关于调整城乡居民最低生活保障标准的通知';

    it('finds a document by its 文号, 索引号, issuer and 主题分类 (topic), like its title and body', async () => {
      for (const q of ['常政〔2026〕18号', '18号', '11000-2026-00042', '常平乡民政办', '社会保障']) assert.deepEqual(await titles(q), [target], q);
      assert.deepEqual(await titles('7号'), ['关于春耕生产的通知']);
      // Not the catalogue column's name: every document filed under it would match.
      const category = await t.handle.db.selectFrom('document_categories').select('name').where('code', '=', 'art20-12').executeTakeFirstOrThrow();
      assert.deepEqual(await titles(category.name), []);
    });

    it('rebuilds an index of an older version once, at start', async () => {
      const db = t.handle.db as any;
      await db.deleteFrom('settings').where('key', '=', 'search_index_version').execute();
      // An index as an older version built it: without the metadata line.
      const row = await db.selectFrom('documents').selectAll().where('title', '=', target).executeTakeFirstOrThrow();
      await indexDocument(t.handle.db, dialect, { docId: row.id, agencyId: row.agency_id, title: row.title, bodyText: row.body_text, publishedAt: row.published_at, category: 'art20-12', validity: 'valid' });
      assert.deepEqual(await titles('18号'), []);
      assert.deepEqual(await ensureSearchIndexCurrent(t.deps), { indexed: 2, total: 2 });
      assert.deepEqual(await titles('18号'), [target]);
      assert.equal((await db.selectFrom('settings').select('value').where('key', '=', 'search_index_version').executeTakeFirstOrThrow()).value, String(SEARCH_INDEX_VERSION));
      assert.equal(await ensureSearchIndexCurrent(t.deps), null);
    });
  });
}
