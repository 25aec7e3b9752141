/**
 * The search index on PostgreSQL: our own inverted index of block posting lists
 * (postings.ts) in `search_postings`, one row per (token, block).
 *
 * Why not GIN: a GIN bitmap costs time in proportion to every match of every term (80 ms for a
 * bigram in 38 % of 1M documents, before any row is read), and it yields rows in physical, not
 * date, order. Here blocks are spans of publication time, read newest first: a search fetches
 * the rows of its tokens for the newest blocks that hold all of them, intersects the ids in the
 * application (checking bigram positions for terms of three or more characters), and stops once
 * its page is filled and its count reached the cap. Filters are tokens like any other.
 * Positions are most of the bytes, so they are read for the fewest tokens (a phrase's cover)
 * and blocks (those with candidates, only as far as the need goes); see searchPostgres.
 *
 * Writers take one transaction-scoped advisory lock, so posting rows are rewritten by one
 * transaction at a time (publishing is rare; searches never wait: they read a snapshot).
 */
import { sql, type Kysely } from 'kysely';
import { SEPARATOR_TOKEN, type ParsedQuery } from '../../domain/search/index.ts';
import { isHanRun } from '../../domain/search/normalize.ts';
import { blockOf, filterPhrase, sortKeyRange, intersectIds, mergePostings, PostingList, type EncodedPostings } from './postings.ts';
import { agencyPathText, assignSortKeys, chunks, filterTokens, parseAgencyPath, prepareDocument, type PreparedDocument, type SearchDocument } from './rows.ts';
import type { EntryRow, PageRequest, PageResult } from './types.ts';

/** How many blocks a search fetches at a time (see searchPostgres). */
export interface PgSearchTuning {
  /** Fetch blocks whose estimated matches reach this multiple of the matches still needed. */
  batchFactor: number;
  /** Most blocks fetched in one statement. */
  maxBatchBlocks: number;
  /** Matches of a block up to which the page looks up each one's date; beyond, it walks the block. */
  pageLookupMax: number;
  /** Read positions for blocks whose expected matches reach this multiple of the matches still needed. */
  positionFactor: number;
}

export const PG_SEARCH: Readonly<PgSearchTuning> = {
  batchFactor: 1.5,
  maxBatchBlocks: 64,
  pageLookupMax: 200,
  positionFactor: 1.1,
};

/** Key of the advisory lock held by index writers (an arbitrary constant: "gk search"). */
const WRITER_LOCK = 0x676b_7365;
/** Rows per multi-row statement. */
const CHUNK = 1000;

const isBigram = (token: string): boolean => token.length === 2 && isHanRun(token);

/** A document's tokens: bigrams with their positions (see below); words, characters and filters plain. */
export function documentTokens(p: PreparedDocument): Map<string, number[] | null> {
  const tokens = new Map<string, number[] | null>();
  // A word or separator takes two positions, a bigram one: bigrams two positions apart are then
  // always of one run of Han characters, and the bigram between them is implied (see coverOf).
  let position = 0;
  for (const token of p.stream) {
    if (!isBigram(token)) {
      if (token !== SEPARATOR_TOKEN) tokens.set(token, null);
      position += 2;
      continue;
    }
    const list = tokens.get(token);
    if (list) list.push(position);
    else tokens.set(token, [position]);
    position += 1;
  }
  for (const c of p.unigrams) tokens.set(c, null);
  for (const f of p.filters) tokens.set(f, null);
  return tokens;
}

interface PostingChange {
  token: string;
  block: number;
  remove: Set<number>;
  add: Map<number, number[] | null>;
}

/** Pending rewrites of posting rows, keyed by token and block. */
export class PostingChanges {
  readonly byKey = new Map<string, PostingChange>();

  private change(token: string, block: number): PostingChange {
    const key = `${block}\u0000${token}`;
    let c = this.byKey.get(key);
    if (!c) this.byKey.set(key, (c = { token, block, remove: new Set(), add: new Map() }));
    return c;
  }

  add(p: PreparedDocument, sortKey: number): void {
    const block = blockOf(sortKey);
    for (const [token, positions] of documentTokens(p)) this.change(token, block).add.set(p.doc.docId, positions);
  }

  remove(p: PreparedDocument, sortKey: number): void {
    const block = blockOf(sortKey);
    for (const token of documentTokens(p).keys()) this.change(token, block).remove.add(p.doc.docId);
  }
}

/** Takes the writers' lock for the rest of the transaction. */
export async function lockIndexWriters(db: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${WRITER_LOCK})`.execute(db);
}

/** Rewrites the posting rows of `changes`. Call inside a transaction holding the writers' lock. */
export async function applyPostingChanges(db: Kysely<any>, changes: PostingChanges): Promise<void> {
  for (const part of chunks([...changes.byKey.values()], CHUNK)) {
    const current = await sql<{ token: string; block: number; ids: Buffer; pos: Buffer | null }>`
      select p.token, p.block, p.ids, p.pos from search_postings p
      join unnest(${part.map((c) => c.token)}::text[], ${part.map((c) => c.block)}::integer[]) as k(token, block)
        on p.token = k.token and p.block = k.block`.execute(db);
    const stored = new Map(current.rows.map((r) => [`${r.block}\u0000${r.token}`, r]));
    const upserts: Array<{ c: PostingChange; list: EncodedPostings; n: number }> = [];
    const deletes: PostingChange[] = [];
    for (const c of part) {
      const merged = mergePostings(stored.get(`${c.block}\u0000${c.token}`) ?? null, c.remove, c.add);
      if (merged) upserts.push({ c, list: merged, n: new PostingList(merged).ids.length });
      else deletes.push(c);
    }
    if (upserts.length > 0) {
      await sql`
        insert into search_postings (token, block, n, ids, pos)
        select * from unnest(${upserts.map((u) => u.c.token)}::text[], ${upserts.map((u) => u.c.block)}::integer[],
                             ${upserts.map((u) => u.n)}::integer[], ${upserts.map((u) => u.list.ids)}::bytea[],
                             ${upserts.map((u) => u.list.pos)}::bytea[])
        on conflict (token, block) do update set n = excluded.n, ids = excluded.ids, pos = excluded.pos`.execute(db);
    }
    if (deletes.length > 0) {
      await sql`
        delete from search_postings p
        using unnest(${deletes.map((c) => c.token)}::text[], ${deletes.map((c) => c.block)}::integer[]) as k(token, block)
        where p.token = k.token and p.block = k.block`.execute(db);
    }
  }
}

export interface StoredEntry {
  doc_id: number;
  sort_key: string | number;
  agency_id: number;
  category: string | null;
  validity: string | null;
  published_at: string;
  title: string;
  body_text: string;
  agency_path: string | null;
}

/** The document an index entry was made from, to find the postings it added. */
export function storedDocument(r: StoredEntry): SearchDocument {
  return {
    docId: r.doc_id,
    agencyId: r.agency_id,
    title: r.title,
    bodyText: r.body_text,
    agencyPath: parseAgencyPath(r.agency_path),
    publishedAt: r.published_at,
    category: r.category,
    validity: r.validity,
  };
}

async function storedEntries(db: Kysely<any>, docIds: readonly number[]): Promise<StoredEntry[]> {
  const r = await sql<StoredEntry>`
    select doc_id, sort_key, agency_id, category, validity, published_at, title, body_text, agency_path
    from search_entries where doc_id = any(${docIds}::integer[])`.execute(db);
  return r.rows;
}

/** Inserts or replaces a batch of documents (no two with the same id). Call inside a transaction. */
export async function indexPostgres(db: Kysely<any>, batch: readonly PreparedDocument[]): Promise<void> {
  await lockIndexWriters(db);
  // One set of changes for the whole batch: a posting row is rewritten once per batch.
  const changes = new PostingChanges();
  for (const part of chunks(batch, CHUNK)) {
    const old = await storedEntries(db, part.map((p) => p.doc.docId));
    for (const r of old) changes.remove(prepareDocument(storedDocument(r)), Number(r.sort_key));
    await sql`delete from search_entries where doc_id = any(${part.map((p) => p.doc.docId)}::integer[])`.execute(db);

    const owners = await sql<{ sort_key: string; doc_id: number }>`
      select sort_key, doc_id from search_entries
      where sort_key = any(${part.map((p) => p.preferredKey)}::bigint[])`.execute(db);
    const keys = await assignSortKeys(
      part,
      new Map(owners.rows.map((r) => [Number(r.sort_key), r.doc_id])),
      async (key) =>
        (await sql<{ doc_id: number }>`select doc_id from search_entries where sort_key = ${key}`.execute(db)).rows[0]
          ?.doc_id,
    );
    part.forEach((p, i) => changes.add(p, keys[i]!));
    await sql`insert into search_entries
      (doc_id, sort_key, agency_id, category, validity, year, published_at, title, body_text, agency_path)
      values ${sql.join(
        part.map(
          (p, i) =>
            sql`(${p.doc.docId}, ${keys[i]!}, ${p.doc.agencyId}, ${p.doc.category}, ${p.doc.validity},
                 ${p.year}, ${p.doc.publishedAt}, ${p.doc.title}, ${p.doc.bodyText}, ${agencyPathText(p.doc)})`,
        ),
      )}`.execute(db);
  }
  await applyPostingChanges(db, changes);
}

export async function removePostgres(db: Kysely<any>, docId: number): Promise<boolean> {
  await lockIndexWriters(db);
  const old = await storedEntries(db, [docId]);
  if (old.length === 0) return false;
  const changes = new PostingChanges();
  for (const r of old) changes.remove(prepareDocument(storedDocument(r)), Number(r.sort_key));
  await applyPostingChanges(db, changes);
  await sql`delete from search_entries where doc_id = ${docId}`.execute(db);
  return true;
}

/** Empties the index. Call inside a transaction. */
export async function clearPostgres(db: Kysely<any>): Promise<void> {
  await lockIndexWriters(db);
  await sql`delete from search_postings`.execute(db);
  await sql`delete from search_entries`.execute(db);
}

/** What one term requires: its tokens, and whether they must be adjacent in that order. */
interface TermTokens {
  tokens: string[];
  phrase: boolean;
}

/**
 * The bigrams of a phrase whose positions prove it: the first and the last, and never two
 * neighbours left out. Bigrams k and k + 2 at p + k and p + 2 lie in one run (a word or a
 * separator between runs takes two positions), so they fix characters k to k + 3 and with them
 * bigram k + 1. Among such covers, the one with the fewest postings (`cost`) is read.
 */
export function coverOf(cost: readonly number[]): number[] {
  const m = cost.length;
  if (m <= 2) return Array.from({ length: m }, (_, i) => i);
  // best[i]: cheapest cover of bigrams 0..i that includes i; from[i]: the included one before it.
  const best: number[] = [cost[0]!, cost[0]! + cost[1]!];
  const from: number[] = [-1, 0];
  for (let i = 2; i < m; i++) {
    const prev = best[i - 1]! <= best[i - 2]! ? i - 1 : i - 2;
    best.push(cost[i]! + best[prev]!);
    from.push(prev);
  }
  const out: number[] = [];
  for (let i = m - 1; i >= 0; i = from[i]!) out.unshift(i);
  return out;
}

function termTokensOf(parsed: ParsedQuery, req: PageRequest): TermTokens[] {
  const terms: TermTokens[] = parsed.terms.map((t) =>
    t.kind === 'han_phrase' ? { tokens: t.bigrams, phrase: t.bigrams.length > 1 } : { tokens: [t.text], phrase: false },
  );
  for (const f of filterTokens(req.filters)) terms.push({ tokens: [f], phrase: false });
  return terms;
}

/** The ids in one block holding every token, ascending (before phrases are checked). */
function candidatesIn(tokens: readonly string[], lists: ReadonlyMap<string, PostingList>): Int32Array {
  const all: Int32Array[] = [];
  for (const token of tokens) {
    const list = lists.get(token);
    if (!list) return new Int32Array(0);
    all.push(list.ids);
  }
  return intersectIds(all);
}

/** The candidates whose phrase terms' bigrams stand adjacent (the lists have their positions). */
function withPhrases(
  candidates: Int32Array,
  phrases: ReadonlyArray<{ tokens: string[]; offsets: number[] }>,
  lists: ReadonlyMap<string, PostingList>,
): Int32Array {
  let ids = candidates;
  for (const phrase of phrases) {
    if (ids.length > 0) ids = filterPhrase(ids, phrase.tokens.map((t) => lists.get(t)!), phrase.offsets);
  }
  return ids;
}

interface IdsBatch {
  batch: number[];
  rows: Array<{ token: string; block: number; ids: Buffer }>;
}

/**
 * How many items from `from` on to take (at least one, at most `max`) for their weights to
 * reach `target`, and the weight taken.
 */
function takeUntil<T>(
  items: readonly T[],
  from: number,
  weightOf: (item: T) => number,
  target: number,
  max = Infinity,
): { count: number; weight: number } {
  let count = 0;
  let weight = 0;
  while (from + count < items.length && count < max && (count === 0 || weight < target)) {
    weight += weightOf(items[from + count]!);
    count++;
  }
  return { count, weight };
}

/**
 * A query started ahead of its use, marked as handled: it may fail while another statement is
 * awaited. The failure still surfaces where it is awaited.
 */
function startedEarly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Runs `fn` on one snapshot: in a new read-only repeatable-read transaction, or in the caller's
 * transaction.
 */
async function inSnapshot<T>(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}

export async function searchPostgres(
  db: Kysely<any>,
  parsed: ParsedQuery,
  req: PageRequest,
  tuning: PgSearchTuning = PG_SEARCH,
): Promise<PageResult & { blocksRead: number }> {
  const terms = termTokensOf(parsed, req);
  const tokens = [...new Set(terms.flatMap((t) => t.tokens))];
  return inSnapshot(db, async (trx) => {
    // Each phrase is checked on the positions of its cheapest cover (see coverOf).
    const phraseTerms = terms.filter((t) => t.phrase);
    const sizes = new Map<string, number>();
    if (phraseTerms.some((t) => t.tokens.length > 2)) {
      const r = await sql<{ token: string; n: string }>`
        select token, sum(n) as n from search_postings
        where token = any(${phraseTerms.flatMap((t) => t.tokens)}::text[]) group by token`.execute(trx);
      for (const row of r.rows) sizes.set(row.token, Number(row.n));
    }
    const phrases = phraseTerms.map((t) => {
      const cover = coverOf(t.tokens.map((token) => sizes.get(token) ?? 0));
      return { tokens: cover.map((i) => t.tokens[i]!), offsets: cover };
    });
    const phraseTokens = [...new Set(phrases.flatMap((p) => p.tokens))];
    // The ids of the bigrams a cover leaves out are not read: its positions prove them.
    const read = [...new Set([...terms.filter((t) => !t.phrase).flatMap((t) => t.tokens), ...phraseTokens])];
    // The blocks that hold every token, newest first, each with at most min(n) matches.
    const meta = await sql<{ block: number; estimate: number }>`
      select block, min(n) as estimate from search_postings where token = any(${tokens}::text[])
      group by block having count(*) = ${tokens.length} order by block desc`.execute(trx);
    const blocks = meta.rows;

    const pageEnd = req.offset + req.pageSize;
    // Count until the page is filled and one more match shows whether more follow, and up to
    // the cap (+1 shows that it was passed).
    const need = Number.isFinite(req.countCap) ? Math.max(pageEnd + 1, req.countCap + 1) : Infinity;
    let counted = 0;
    // Candidates whose phrases were checked, and how many held them.
    let checked = 0;
    let verified = 0;
    // Whether candidates of the last batch were left unchecked (the need was reached before).
    let unchecked = false;
    let estimated = 0;
    let next = 0;
    const pageBlocks: Array<{ block: number; ids: Int32Array; before: number }> = [];
    /** Starts fetching the ids of the next blocks, enough to reach the need at the yield so far. */
    const fetchNextIds = (expected: number): Promise<IdsBatch> => {
      const yieldSoFar = estimated > 0 ? Math.max(expected / estimated, 0.01) : 1;
      const target = ((need - expected) / yieldSoFar) * tuning.batchFactor;
      const taken = takeUntil(blocks, next, (b) => b.estimate, target, tuning.maxBatchBlocks);
      const batch = blocks.slice(next, next + taken.count).map((b) => b.block);
      next += taken.count;
      estimated += taken.weight;
      return startedEarly(
        sql<{ token: string; block: number; ids: Buffer }>`
          select token, block, ids from search_postings
          where token = any(${read}::text[]) and block = any(${batch}::integer[])`
          .execute(trx)
          .then((r) => ({ batch, rows: r.rows })),
      );
    };
    let ids: Promise<IdsBatch> | null = blocks.length > 0 && need > 0 ? fetchNextIds(0) : null;
    while (ids) {
      const { batch, rows } = await ids;
      ids = null;
      const byBlock = new Map<number, Map<string, PostingList>>(batch.map((b) => [b, new Map()]));
      for (const r of rows) byBlock.get(r.block)?.set(r.token, new PostingList({ ids: r.ids, pos: null }));
      const candidates = new Map(batch.map((b) => [b, candidatesIn(read, byBlock.get(b)!)]));
      const toCheck = batch.filter((b) => candidates.get(b)!.length > 0);
      // Matches never outnumber candidates: when these cannot reach the need, the next blocks'
      // ids are certainly wanted, and are fetched while this batch's phrases are checked.
      const possible = counted + toCheck.reduce((sum, b) => sum + candidates.get(b)!.length, 0);
      if (possible < need && next < blocks.length) ids = fetchNextIds(possible);
      // Positions (the costly part) only for the phrase tokens of blocks with candidates, newest
      // first and only as many blocks as the need requires at the share of candidates seen to
      // hold their phrases so far.
      let at = 0;
      while (at < toCheck.length && counted < need) {
        let part = toCheck.slice(at);
        if (phraseTokens.length > 0) {
          const share = checked > 0 ? Math.max(verified / checked, 0.01) : 1;
          const target = (need - counted) * tuning.positionFactor;
          part = part.slice(0, takeUntil(part, 0, (b) => candidates.get(b)!.length * share, target).count);
          const pos = await sql<{ token: string; block: number; pos: Buffer }>`
            select token, block, pos from search_postings
            where token = any(${phraseTokens}::text[]) and block = any(${part}::integer[])`.execute(trx);
          for (const r of pos.rows) byBlock.get(r.block)?.get(r.token)?.withPositions(r.pos);
        }
        at += part.length;
        for (const block of part) {
          const matched = withPhrases(candidates.get(block)!, phrases, byBlock.get(block)!);
          checked += candidates.get(block)!.length;
          verified += matched.length;
          if (matched.length > 0 && counted < pageEnd && counted + matched.length > req.offset) {
            pageBlocks.push({ block, ids: matched, before: counted });
          }
          counted += matched.length;
        }
      }
      unchecked = at < toCheck.length;
      if (!ids && counted < need && next < blocks.length) ids = fetchNextIds(counted);
    }
    const exhausted = next >= blocks.length && !unchecked;

    const pageIds = await orderPage(trx, pageBlocks, req.offset, pageEnd, tuning);

    const seen = pageIds.length > 0 ? req.offset + pageIds.length + (counted > req.offset + pageIds.length ? 1 : 0) : 0;
    const capped = !exhausted;
    const total = capped ? Math.max(req.countCap, seen) : counted;
    return { total, totalCapped: capped, entries: await rowsOf(trx, pageIds), blocksRead: next };
  });
}

/**
 * The ids at [offset, pageEnd) among the matches, given the blocks the page falls in (newest
 * first, each with the number of matches before it), ordered by sort key.
 */
async function orderPage(
  trx: Kysely<any>,
  pageBlocks: ReadonlyArray<{ block: number; ids: Int32Array; before: number }>,
  offset: number,
  pageEnd: number,
  tuning: PgSearchTuning,
): Promise<number[]> {
  const pageIds: number[] = [];
  for (const { block, ids, before } of pageBlocks) {
    const from = Math.max(0, offset - before);
    const to = Math.min(ids.length, pageEnd - before);
    let ordered: Array<{ doc_id: number }>;
    if (ids.length > tuning.pageLookupMax) {
      // Many matches: walk the block's entries newest first until the page's share is seen.
      const [lo, hi] = sortKeyRange(block);
      ordered = (
        await sql<{ doc_id: number }>`
          select doc_id from search_entries
          where sort_key >= ${lo} and sort_key < ${hi} and doc_id = any(${Array.from(ids)}::integer[])
          order by sort_key desc limit ${to}`.execute(trx)
      ).rows;
    } else {
      // Few: look up their dates and sort here (asked to sort, the planner may walk the whole
      // sort-key index instead).
      const keyed = await sql<{ doc_id: number; sort_key: string }>`
        select doc_id, sort_key from search_entries where doc_id = any(${Array.from(ids)}::integer[])`.execute(trx);
      ordered = keyed.rows.sort((x, y) => Number(y.sort_key) - Number(x.sort_key));
    }
    for (let i = from; i < Math.min(to, ordered.length); i++) pageIds.push(ordered[i]!.doc_id);
  }
  return pageIds;
}

async function rowsOf(trx: Kysely<any>, docIds: number[]): Promise<EntryRow[]> {
  if (docIds.length === 0) return [];
  const r = await sql<EntryRow>`
    select doc_id, agency_id, title, published_at, body_text from search_entries
    where doc_id = any(${docIds}::integer[])`.execute(trx);
  const byId = new Map(r.rows.map((row) => [row.doc_id, row]));
  return docIds.flatMap((id) => byId.get(id) ?? []);
}

/** Vacuums and analyses after a bulk load (VACUUM cannot run inside a transaction). */
export async function optimizePostgres(db: Kysely<any>): Promise<void> {
  await sql`vacuum (analyze) search_entries`.execute(db);
  await sql`vacuum (analyze) search_postings`.execute(db);
}
