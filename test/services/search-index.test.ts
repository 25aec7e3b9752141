import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { systemActor } from '../../src/services/context.ts';
import { createDocument } from '../../src/services/documents.ts';
import { rebuildSearchIndex, type RebuildProgress } from '../../src/services/search-index.ts';
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
}
