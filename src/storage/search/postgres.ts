/**
 * The search index on PostgreSQL. Two exact ways to test a row, and a plan chosen here rather
 * than by the planner (whose estimates for array containment make it walk the whole date index
 * for rare terms, or sort a million rows for frequent ones):
 *
 * - "walk": read rows newest first through a btree on the sort key (alone, or after a filter
 *   column) and test each one on the normalised text kept in the heap row: LIKE for Han terms,
 *   a word-boundary regex for Latin/digit words. Cost ∝ rows visited.
 * - "bitmap": GIN containment of the bigram/word and character arrays (exact for terms of up
 *   to two characters and for words), plus LIKE for longer Han terms (their bigrams may occur
 *   apart), then sort. Cost ∝ matches.
 *
 * A search first walks the newest {@link PgPlan.probeRows} rows (under the filters). That alone
 * answers small result sets, and fills the page whenever the terms are common among recent
 * documents; otherwise the matches are counted with the bitmap (capped) and the page comes from
 * the bitmap if they are few, from a walk if they are many. The count, when asked for, walks a
 * bounded number of rows for terms dense in the probe, and uses the bitmap otherwise.
 * Each step pins its plan with SET LOCAL inside the search's transaction.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ParsedQuery } from '../../domain/search/index.ts';
import { assignSortKeys, normalizedText, type PreparedDocument } from './rows.ts';
import type { EntryRow, PageRequest, PageResult } from './types.ts';

/** Plan thresholds (see the module comment); the defaults were measured at 100k–1M documents. */
export interface PgPlan {
  /** Newest rows the probe walks. */
  probeRows: number;
  /** Most matches for which the page is taken from the bitmap and sorted. */
  bitmapMax: number;
  /** Share of matching rows in the probe from which the count walks rather than uses the bitmap. */
  walkCountDensity: number;
  /** Most rows a counting walk visits before it gives up for the bitmap. */
  walkCountRows: number;
}

export const PG_PLAN: Readonly<PgPlan> = {
  probeRows: 2000,
  bitmapMax: 20_000,
  walkCountDensity: 0.3,
  walkCountRows: 50_000,
};

/** Rows per multi-row insert: 12 columns × 500 stays below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts or replaces a batch of documents (no two with the same id). Call inside a transaction. */
export async function indexPostgres(db: Kysely<any>, batch: readonly PreparedDocument[]): Promise<void> {
  for (const part of chunks(batch, CHUNK)) {
    const owners = await sql<{ sort_key: number; doc_id: number }>`
      select sort_key, doc_id from search_entries
      where sort_key = any(${part.map((p) => p.preferredKey)}::bigint[])`.execute(db);
    const keys = await assignSortKeys(
      part,
      new Map(owners.rows.map((r) => [Number(r.sort_key), r.doc_id])),
      async (key) =>
        (
          await sql<{ doc_id: number }>`select doc_id from search_entries where sort_key = ${key}`.execute(db)
        ).rows[0]?.doc_id,
    );
    await sql`delete from search_entries
      where doc_id = any(${part.map((p) => p.doc.docId)}::integer[])`.execute(db);
    await sql`insert into search_entries
      (doc_id, sort_key, agency_id, category, validity, year, published_at, title, body_text,
       norm_text, bigrams, unigrams)
      values ${sql.join(
        part.map(
          (p, i) =>
            sql`(${p.doc.docId}, ${keys[i]!}, ${p.doc.agencyId}, ${p.doc.category}, ${p.doc.validity},
                 ${p.year}, ${p.doc.publishedAt}, ${p.doc.title}, ${p.doc.bodyText},
                 ${normalizedText(p.doc)}, ${p.bigramSet}::text[], ${p.unigrams}::text[])`,
        ),
      )}`.execute(db);
  }
}

export async function removePostgres(db: Kysely<any>, docId: number): Promise<boolean> {
  const res = await sql`delete from search_entries where doc_id = ${docId}`.execute(db);
  return Number(res.numAffectedRows ?? 0) > 0;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const and = (conditions: RawBuilder<unknown>[]): RawBuilder<unknown> =>
  conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);

interface Conditions {
  /** Exact test on the heap row, for walks. */
  walk: RawBuilder<unknown>;
  /** Exact test using the GIN indexes, for bitmaps. */
  bitmap: RawBuilder<unknown>;
  filters: RawBuilder<unknown>;
}

function conditionsOf(parsed: ParsedQuery, req: PageRequest): Conditions {
  const walk: RawBuilder<unknown>[] = [];
  const bitmap: RawBuilder<unknown>[] = [];
  const bigrams = new Set<string>();
  const chars = new Set<string>();
  for (const term of parsed.terms) {
    if (term.kind === 'word') {
      // A whole word: not preceded or followed by a letter or digit (text is normalised).
      walk.push(sql`norm_text ~ ${`(^|[^a-z0-9])${term.text}([^a-z0-9]|$)`}`);
      bigrams.add(term.text);
      continue;
    }
    const like = sql`norm_text like ${`%${escapeLike(term.text)}%`}`;
    walk.push(like);
    if (term.kind === 'han_char') chars.add(term.text);
    else {
      for (const b of term.bigrams) bigrams.add(b);
      // Containment of all its bigrams does not prove a term of 3+ characters is present.
      if (term.bigrams.length > 1) bitmap.push(like);
    }
  }
  if (chars.size > 0) bitmap.unshift(sql`unigrams @> ${[...chars]}::text[]`);
  if (bigrams.size > 0) bitmap.unshift(sql`bigrams @> ${[...bigrams]}::text[]`);
  const f = req.filters;
  const filters: RawBuilder<unknown>[] = [];
  if (f.agencyId !== undefined) filters.push(sql`agency_id = ${f.agencyId}`);
  if (f.year !== undefined) filters.push(sql`year = ${f.year}`);
  if (f.category !== undefined) filters.push(sql`category = ${f.category}`);
  if (f.validity !== undefined) filters.push(sql`validity = ${f.validity}`);
  return { walk: and(walk), bitmap: and(bitmap), filters: and(filters) };
}

// Planner settings for each kind of step. SET LOCAL lasts until the end of the (sub)transaction.
const WALK = sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
  set_config('enable_indexscan', 'on', true)`;
const BITMAP = sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
  set_config('enable_bitmapscan', 'on', true), set_config('work_mem', '32MB', true)`;

/**
 * Runs `fn` in a transaction whose planner settings are undone afterwards: a new one, or a
 * savepoint rolled back at the end when the caller is already in a transaction (reads only).
 */
async function withPlanSettings<T>(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(fn);
  await sql`savepoint gk_search`.execute(db);
  try {
    return await fn(db);
  } finally {
    await sql`rollback to savepoint gk_search`.execute(db);
    await sql`release savepoint gk_search`.execute(db);
  }
}

/** Walks the newest `rows` rows under the filters: how many it saw, matched, and their keys. */
async function walkNewest(
  trx: Kysely<any>,
  c: Conditions,
  rows: number,
  keys: { from: number; to: number },
): Promise<{ seen: number; hits: number; keys: number[] }> {
  await WALK.execute(trx);
  const r = await sql<{ seen: number; hits: number; keys: Array<number | string> | null }>`
    select count(*)::integer as seen, count(*) filter (where hit)::integer as hits,
           (array_agg(sort_key order by sort_key desc) filter (where hit))[${keys.from + 1}:${keys.to}] as keys
    from (select sort_key, (${c.walk}) as hit from search_entries where ${c.filters}
          order by sort_key desc limit ${rows}) t`.execute(trx);
  const row = r.rows[0];
  return { seen: row?.seen ?? 0, hits: row?.hits ?? 0, keys: (row?.keys ?? []).map(Number) };
}

/**
 * Matches counted with the bitmap, stopping after `limit` + 1, and the keys at
 * [from, to) among them newest first (a sort of at most `limit` + 1 keys; meaningful only when
 * the count did not stop).
 */
async function bitmapCount(
  trx: Kysely<any>,
  c: Conditions,
  limit: number,
  keys: { from: number; to: number },
): Promise<{ n: number; keys: number[] }> {
  await BITMAP.execute(trx);
  const r = await sql<{ n: number; keys: Array<number | string> | null }>`
    with m as materialized (
      select sort_key from search_entries where ${c.bitmap} and ${c.filters} limit ${limit + 1})
    select (select count(*) from m)::integer as n,
           (select array_agg(sort_key order by sort_key desc) from (
              select sort_key from m order by sort_key desc
              limit ${keys.to - keys.from} offset ${keys.from}) p) as keys`.execute(trx);
  const row = r.rows[0];
  return { n: row?.n ?? 0, keys: (row?.keys ?? []).map(Number) };
}

export async function searchPostgres(
  db: Kysely<any>,
  parsed: ParsedQuery,
  req: PageRequest,
  plan: PgPlan = PG_PLAN,
): Promise<PageResult & { plan: string }> {
  const c = conditionsOf(parsed, req);
  const page = { from: req.offset, to: req.offset + req.pageSize };
  return withPlanSettings(db, async (trx) => {
    const steps: string[] = ['probe'];
    const probe = await walkNewest(trx, c, plan.probeRows, page);
    if (probe.seen < plan.probeRows) {
      // The probe saw every row under the filters: it is the whole answer.
      return { total: probe.hits, totalCapped: false, entries: await rowsOf(trx, probe.keys), plan: 'probe' };
    }
    const fromProbe = probe.hits >= page.to;
    const density = probe.hits / probe.seen;

    // Count as far as the caller wants and, when the probe did not fill the page, as far as
    // choosing between the bitmap and a walk for the page needs.
    let keys = fromProbe ? probe.keys : undefined;
    let total = probe.hits;
    let capped = true;
    const limit = fromProbe ? req.countCap : Math.max(req.countCap, plan.bitmapMax);
    if (limit > 0) {
      let counted: number | undefined;
      if (density >= plan.walkCountDensity && Number.isFinite(limit)) {
        const rows = Math.min(plan.walkCountRows, Math.ceil((1.3 * (limit + 1)) / density));
        const walked = await walkNewest(trx, c, rows, { from: 0, to: 0 });
        if (walked.hits > limit || walked.seen < rows) counted = walked.hits;
        steps.push(counted === undefined ? 'walk count (gave up)' : 'walk count');
      }
      if (counted === undefined) {
        const bitmap = await bitmapCount(trx, c, Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER - 1, page);
        counted = bitmap.n;
        // A complete bitmap of few matches also gives the page.
        if (keys === undefined && counted <= Math.min(limit, plan.bitmapMax)) keys = bitmap.keys;
        steps.push(keys === bitmap.keys ? 'bitmap count and page' : 'bitmap count');
      }
      capped = counted > limit;
      // Beyond the count, report the caller's cap ("10,000+"), or how far we counted.
      total = !capped ? counted : req.countCap > 0 ? req.countCap : limit;
    }

    if (keys === undefined) {
      // Many matches (or too few counted to tell): walk newest first until the page is full.
      steps.push('walk page');
      await WALK.execute(trx);
      const r = await sql<{ sort_key: number }>`
        select sort_key from search_entries where ${c.walk} and ${c.filters}
        order by sort_key desc limit ${req.pageSize} offset ${req.offset}`.execute(trx);
      keys = r.rows.map((x) => Number(x.sort_key));
    }
    return { total, totalCapped: capped, entries: await rowsOf(trx, keys), plan: steps.join(', ') };
  });
}

async function rowsOf(trx: Kysely<any>, keys: number[]): Promise<EntryRow[]> {
  if (keys.length === 0) return [];
  const r = await sql<EntryRow>`
    select doc_id, title, published_at, body_text from search_entries
    where sort_key = any(${keys}::bigint[]) order by sort_key desc`.execute(trx);
  return r.rows;
}

/** Flushes and analyses after a bulk load (VACUUM cannot run inside a transaction). */
export async function optimizePostgres(db: Kysely<any>): Promise<void> {
  await sql`vacuum (analyze) search_entries`.execute(db);
}
