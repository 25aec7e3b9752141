import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import {
  indexDocument,
  indexDocuments,
  publicationYear,
  removeDocument,
  searchableText,
  searchDocuments,
  type SearchDocument,
  type SearchFilters,
  type SearchParams,
} from '../../src/storage/search-index.ts';
import { mainFtsText, prepareDocument, SLOTS_PER_SECOND } from '../../src/storage/search/rows.ts';
import { searchPostgres, type PgSearchTuning } from '../../src/storage/search/postgres.ts';
import { matchesAll, parseQuery, toFts5Document } from '../../src/domain/search/index.ts';
import { generateDocument, rng } from '../../bench/generate-documents.ts';

async function searchDb(dialect: (typeof DIALECTS)[number]): Promise<TestDatabase> {
  // The search tables come with the migrations.
  return createTestDatabase(dialect);
}

/** Hand-written documents for the traps: punctuation between runs, widths, words, markup. */
const TRAPS: Array<Omit<SearchDocument, 'docId' | 'agencyId' | 'category' | 'validity'>> = [
  { title: '关于下达专项资金的通知', bodyText: '下达专项资金（金额见附件），资金额度按因素法分配。', publishedAt: '2024-03-01T02:00:00Z' },
  { title: '专项资金下达', bodyText: '下达专项资金（金额见附件）。', publishedAt: '2024-03-01T02:00:00Z' },
  { title: '市扶贫办公告', bodyText: '市扶贫办（乡村振兴局）公布２０２４年度扶贫项目资金使用情况。', publishedAt: '2024-05-06T03:00:00Z' },
  { title: '疫情期间临时救助', bodyText: 'COVID-19疫情防控期间的临时救助政策，见 the application form (v2.0)。', publishedAt: '2021-02-03T04:05:06Z' },
  { title: '二〇二五年政府信息公开工作年度报告', bodyText: '低 保 两字分开写', publishedAt: '2025-01-20T08:00:00Z' },
  // The title ends and the body starts with Han characters: 通知 + 知道 must not make 通知道.
  { title: '关于防汛的通知', bodyText: '知道了。<script>alert("低保")</script> & 低保', publishedAt: '2023-07-01T01:00:00Z' },
  { title: '2025年低保标准', bodyText: '20250 是编号，不是年份。低保标准每人每月1000元。', publishedAt: '2025-02-01T01:00:00Z' },
  { title: '旧档：扶贫资金管理办法', bodyText: '本办法自一九九九年起施行。扶贫资金专款专用。', publishedAt: '1999-06-30T16:00:00Z' },
  // A word or punctuation between runs must not let a phrase skip a bigram (PostgreSQL checks
  // the positions of a cover of a phrase's bigrams): 数字人民币 occurs only in the last one.
  { title: '数字人abc民币', bodyText: '数字人，民币。数字人 民币。数字人2024民币。人民政府', publishedAt: '2024-08-08T08:00:00Z' },
  { title: '数字人民币试点', bodyText: '数字人民币试点扩大到本县。', publishedAt: '2024-08-09T08:00:00Z' },
];

const CATEGORIES = ['通知公告', '政策文件', '工作动态'];

function corpus(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (let id = 1; id <= 360; id++) docs.push(generateDocument(id, { total: 360, seed: 7, sentences: 6 }));
  TRAPS.forEach((t, i) =>
    docs.push({
      ...t,
      docId: 1000 + i,
      agencyId: 1 + (i % 3),
      category: CATEGORIES[i % 3]!,
      validity: i % 2 === 0 ? '有效' : null,
    }),
  );
  // Ties: the same second, ordered by id.
  for (let i = 0; i < 4; i++) {
    docs.push({
      docId: 2000 + i,
      agencyId: 5,
      title: `同一时刻发布的低保公示${i}`,
      bodyText: '医疗救助对象包括特困人员、低保对象和低保边缘家庭成员。',
      publishedAt: '2022-09-09T00:00:00Z',
      category: '通知公告',
      validity: null,
    });
  }
  return docs;
}

/** Brute force: the documents matchesAll accepts, filtered, newest first then highest id. */
function expected(docs: Iterable<SearchDocument>, q: string, filters: SearchFilters = {}): number[] {
  const parsed = parseQuery(q);
  return [...docs]
    .filter(
      (d) =>
        matchesAll(searchableText(d), parsed) &&
        (filters.agencyId === undefined || d.agencyId === filters.agencyId) &&
        (filters.category === undefined || d.category === filters.category) &&
        (filters.validity === undefined || d.validity === filters.validity) &&
        (filters.year === undefined || publicationYear(d.publishedAt) === filters.year),
    )
    .sort(
      (a, b) =>
        Math.floor(Date.parse(b.publishedAt) / 1000) - Math.floor(Date.parse(a.publishedAt) / 1000) ||
        b.docId - a.docId,
    )
    .map((d) => d.docId);
}

/** Queries from the documents themselves: pieces of 1–7 characters, pairs, and fixed ones. */
function queries(docs: SearchDocument[]): string[] {
  const next = rng(99);
  const piece = (): string => {
    const text = searchableText(docs[Math.floor(next() * docs.length)]!);
    const from = Math.floor(next() * text.length);
    return text.slice(from, from + 1 + Math.floor(next() * 7));
  };
  const fixed = [
    '低保', '扶贫', '医疗救助', '乡村振兴', '行政许可', '政府信息公开', '最低生活保障', '年', '保',
    '的', '獐', '公租房', '资金额', '通知道', '2025', '２０２４', '2025年', 'covid-19', 'v2',
    '低保 医疗救助', '扶贫 资金', '年 公告', '低保 2025', '乡村振兴 审计', '量子计算', '低保 獐',
    '"低保" OR 扶贫', 'NEAR(低保 扶贫)', 'title:低保*', '低保 -扶贫', '(扶贫)', "低保'; drop table search_entries; --",
    '<script>', 'x〇', 'a〇1', '一九九九', '专项资金', '附件', '金额',
    '数字人民币', '字人民币', '数字人民', '人民币试点', '数字人 民币', '哈哈哈哈',
  ];
  const random = Array.from({ length: 220 }, piece);
  const pairs = Array.from({ length: 60 }, () => `${piece()} ${piece()}`);
  return [...fixed, ...random, ...pairs];
}

const EMPTY_QUERIES = ['', '   ', '　', '"', '""', '*', '- ^ : ( ) +', '，。！？', '"" AND ""'];

for (const dialect of DIALECTS) {
  describe(`search index on ${dialect}`, () => {
    let t: TestDatabase;
    let live: Map<number, SearchDocument>;
    const search = (p: Partial<SearchParams> & { q: string }) =>
      searchDocuments(t.handle.db, dialect, { page: 1, pageSize: 10, ...p });

    before(async () => {
      t = await searchDb(dialect);
      const docs = corpus();
      // Indexed out of date order: shuffled, in batches and one by one.
      const next = rng(5);
      const shuffled = [...docs].sort(() => next() - 0.5);
      await indexDocuments(t.handle.db, dialect, shuffled.slice(0, 250));
      for (const d of shuffled.slice(250)) await indexDocument(t.handle.db, dialect, d);
      live = new Map(docs.map((d) => [d.docId, d]));
      // Edits: new text and a new date (re-sorted), and withdrawals.
      for (const id of [3, 50, 120, 1002]) {
        const d = live.get(id)!;
        const edited = { ...d, title: `${d.title}（修订）`, bodyText: '修订后全文：残疾人两项补贴提标。', publishedAt: '2025-06-01T00:00:00Z' };
        await indexDocument(t.handle.db, dialect, edited);
        live.set(id, edited);
      }
      for (const id of [7, 77, 1001]) {
        assert.equal(await removeDocument(t.handle.db, dialect, id), true);
        live.delete(id);
      }
      assert.equal(await removeDocument(t.handle.db, dialect, 7), false, 'already removed');
    });
    after(() => t.cleanup());

    it('returns exactly what matchesAll accepts, newest first, for many queries', async () => {
      let nonEmpty = 0;
      for (const q of queries([...live.values()])) {
        const want = expected(live.values(), q);
        const got = await search({ q });
        assert.deepEqual(
          { total: got.total, capped: got.totalCapped, ids: got.items.map((i) => i.docId) },
          { total: want.length, capped: false, ids: want.slice(0, 10) },
          `query ${JSON.stringify(q)}`,
        );
        if (want.length > 0) nonEmpty++;
      }
      assert.ok(nonEmpty > 200, `${nonEmpty} queries with hits`);
    });

    it('pages through all results without gaps or repeats', async () => {
      for (const q of ['低保', '年', '扶贫 资金', '医疗救助', '工作', '2025', '的', '公示']) {
        const want = expected(live.values(), q);
        const got: number[] = [];
        for (let page = 1; page <= Math.ceil(want.length / 7) + 1; page++) {
          const r = await search({ q, page, pageSize: 7 });
          assert.equal(r.total, want.length, `${q} page ${page}`);
          got.push(...r.items.map((i) => i.docId));
        }
        assert.deepEqual(got, want, q);
      }
    });

    it('applies the filters exactly', async () => {
      const next = rng(3);
      const docs = [...live.values()];
      const qs = ['低保', '年', '通知', '扶贫', '政府信息公开', '资金 使用', '工作'];
      for (let i = 0; i < 60; i++) {
        const sample = docs[Math.floor(next() * docs.length)]!;
        const filters: SearchFilters = {};
        if (next() < 0.5) filters.agencyId = sample.agencyId;
        if (next() < 0.4 && sample.category !== null) filters.category = sample.category;
        if (next() < 0.5) filters.year = publicationYear(sample.publishedAt);
        if (next() < 0.3 && sample.validity !== null) filters.validity = sample.validity;
        const q = qs[i % qs.length]!;
        const want = expected(docs, q, filters);
        const got = await search({ q, ...filters, pageSize: 20 });
        assert.deepEqual(
          { total: got.total, ids: got.items.map((x) => x.docId) },
          { total: want.length, ids: want.slice(0, 20) },
          `${q} ${JSON.stringify(filters)}`,
        );
      }
      // Filter values that no document has, and values that look like tokens or SQL.
      for (const filters of [{ agencyId: 999_999 }, { category: '不存在' }, { category: '"); --' }, { year: 1950 }, { validity: 'x〇' }]) {
        assert.deepEqual(await search({ q: '低保', ...filters }), { total: 0, totalCapped: false, items: [] });
      }
    });

    it('returns nothing, without error, for queries with no terms', async () => {
      for (const q of EMPTY_QUERIES) {
        assert.deepEqual(await search({ q }), { total: 0, totalCapped: false, items: [] }, JSON.stringify(q));
        assert.deepEqual(await search({ q, agencyId: 1 }), { total: 0, totalCapped: false, items: [] });
      }
      const rows = await sql<{ n: number }>`select count(*) as n from search_entries`.execute(t.handle.db);
      assert.equal(Number(rows.rows[0]!.n), live.size, 'the index is intact');
    });

    it('orders ties by id, and re-sorts a document whose date changed', async () => {
      const r = await search({ q: '同一时刻发布的低保公示' });
      assert.deepEqual(r.items.map((i) => i.docId), [2003, 2002, 2001, 2000]);
      const d = live.get(2001)!;
      await indexDocument(t.handle.db, dialect, { ...d, publishedAt: '2010-01-01T00:00:00Z' });
      const again = await search({ q: '同一时刻发布的低保公示' });
      assert.deepEqual(again.items.map((i) => i.docId), [2003, 2002, 2000, 2001]);
      assert.equal(again.items[3]!.publishedAt, '2010-01-01T00:00:00Z');
      await indexDocument(t.handle.db, dialect, d);
    });

    it('keeps two documents of the same second whose ids collide modulo 2^20', async () => {
      const base = { agencyId: 9, title: '撞车测试', bodyText: '獐子岛', publishedAt: '2020-01-01T00:00:00Z', category: null, validity: null };
      await indexDocument(t.handle.db, dialect, { ...base, docId: 3000 });
      await indexDocument(t.handle.db, dialect, { ...base, docId: 3000 + SLOTS_PER_SECOND });
      await indexDocument(t.handle.db, dialect, { ...base, docId: 3000 }); // re-index keeps its key
      const r = await search({ q: '獐子岛' });
      assert.deepEqual(r.items.map((i) => i.docId).sort((a, b) => a - b), [3000, 3000 + SLOTS_PER_SECOND]);
      await removeDocument(t.handle.db, dialect, 3000);
      assert.deepEqual((await search({ q: '獐子岛' })).items.map((i) => i.docId), [3000 + SLOTS_PER_SECOND]);
      await removeDocument(t.handle.db, dialect, 3000 + SLOTS_PER_SECOND);
    });

    it('highlights titles and snippets as safe HTML', async () => {
      const r = await search({ q: '低保 知道' });
      const item = r.items.find((i) => i.docId === 1005);
      assert.ok(item);
      assert.equal(item.titleHtml, '关于防汛的通知');
      assert.equal(
        item.snippetHtml,
        '<mark>知道</mark>了。&lt;script&gt;alert(&quot;<mark>低保</mark>&quot;)&lt;/script&gt; &amp; <mark>低保</mark>',
      );
      const titled = (await search({ q: '防汛 通知' })).items.find((i) => i.docId === 1005);
      assert.equal(titled?.titleHtml, '关于<mark>防汛</mark>的<mark>通知</mark>');
      assert.equal(titled?.title, '关于防汛的通知');
      assert.equal(titled?.publishedAt, '2023-07-01T01:00:00Z');
    });

    it('counts up to a cap and says so', async () => {
      const want = expected(live.values(), '年');
      assert.ok(want.length > 50);
      for (const countCap of [0, 5, 50]) {
        const r = await search({ q: '年', countCap });
        assert.deepEqual(r.items.map((i) => i.docId), want.slice(0, 10));
        if (r.totalCapped) assert.ok(r.total >= Math.min(countCap, 11) && r.total < want.length, `cap ${countCap}: ${r.total}`);
        else assert.equal(r.total, want.length);
      }
      const exact = await search({ q: '年', countCap: Infinity });
      assert.deepEqual([exact.total, exact.totalCapped], [want.length, false]);
      const beyond = await search({ q: '年', page: 2000, pageSize: 10 });
      assert.deepEqual([beyond.total, beyond.items], [want.length, []]);
    });

    it('rejects malformed parameters', async () => {
      await assert.rejects(search({ q: '低保', page: 0 }), RangeError);
      await assert.rejects(search({ q: '低保', pageSize: 1000 }), RangeError);
      await assert.rejects(search({ q: '低保', pageSize: 1.5 }), RangeError);
      await assert.rejects(search({ q: '低保', agencyId: '1 or 1=1' as unknown as number }), TypeError);
      await assert.rejects(
        indexDocument(t.handle.db, dialect, { ...live.get(1)!, publishedAt: 'yesterday' }),
        TypeError,
      );
    });

    // Block batching exists only on PostgreSQL, so the test is registered there only.
    (dialect === 'postgres' ? it : () => undefined)('gives the same results however many blocks PostgreSQL fetches at a time', async () => {
      const tunings: PgSearchTuning[] = [
        { batchFactor: 0.01, maxBatchBlocks: 1, pageLookupMax: 0, positionFactor: 0.01 },
        { batchFactor: 1, maxBatchBlocks: 3, pageLookupMax: 2, positionFactor: 1 },
        { batchFactor: 100, maxBatchBlocks: 10_000, pageLookupMax: 1000, positionFactor: 0.01 },
        { batchFactor: 100, maxBatchBlocks: 10_000, pageLookupMax: 1000, positionFactor: 100 },
      ];
      const docs = [...live.values()];
      const qs = queries(docs).filter((q, i) => i % 8 === 0 && parseQuery(q).terms.length > 0);
      const blocksRead = new Set<number>();
      for (const tuning of tunings) {
        for (const q of qs) {
          const want = expected(docs, q);
          for (const countCap of [0, 12, Infinity]) {
            for (const offset of [0, 14]) {
              const r = await searchPostgres(t.handle.db, parseQuery(q), { filters: {}, offset, pageSize: 7, countCap }, tuning);
              const label = `${q} cap ${countCap} offset ${offset} ${JSON.stringify(tuning)}: ${r.blocksRead} blocks`;
              assert.deepEqual(r.entries.map((e) => Number(e.doc_id)), want.slice(offset, offset + 7), label);
              if (r.totalCapped) assert.ok(r.total <= want.length && r.total >= Math.min(want.length, offset + 7), label);
              else assert.equal(r.total, want.length, label);
              blocksRead.add(r.blocksRead);
            }
          }
        }
      }
      // The corpus spans many blocks, and searches stopped early as well as read them all.
      assert.ok(blocksRead.size > 5, [...blocksRead].join());
    });

    it('works inside a caller transaction', async () => {
      await t.handle.db.transaction().execute(async (trx) => {
        const r = await searchDocuments(trx, dialect, { q: '低保', page: 1, pageSize: 5 });
        assert.equal(r.total, expected(live.values(), '低保').length);
      });
    });
  });
}

describe('search index documents', () => {
  it('stores exactly toFts5Document of title and body, then the filter tokens', () => {
    for (const doc of corpus().slice(0, 50).concat(corpus().slice(360))) {
      const p = prepareDocument(doc);
      const fts = mainFtsText(p);
      assert.ok(fts.startsWith(toFts5Document(searchableText(doc))), String(doc.docId));
      assert.equal(fts.slice(toFts5Document(searchableText(doc)).length).trim(), p.filters.join(' '));
    }
  });

  it('files a document under its year in China Standard Time', () => {
    assert.equal(publicationYear('2024-12-31T15:59:59Z'), 2024);
    assert.equal(publicationYear('2024-12-31T16:00:00Z'), 2025);
    assert.equal(publicationYear('2025-03-01'), 2025);
  });
});
