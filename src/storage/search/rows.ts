/**
 * What the search index stores for one document, computed in the application the same way for
 * both databases: the sort key, the publication year, the token documents and the filter tokens.
 */
import { chinaYear } from '../../domain/calendar/china-time.ts';
import { indexTokens, normalizeText, SEPARATOR_TOKEN } from '../../domain/search/index.ts';

/** A published document as the search index sees it. */
export interface SearchDocument {
  docId: number;
  agencyId: number;
  title: string;
  bodyText: string;
  /** ISO-8601 timestamp (or date). */
  publishedAt: string;
  category: string | null;
  validity: string | null;
  /**
   * The agency's chain from the top of the hierarchy down to itself (itself last). Each id
   * becomes a subtree token, so "this agency and everything below it" is one more filter token
   * instead of a list of agencies (decision 027). Absent: only the agency's own token.
   */
  agencyPath?: readonly number[] | undefined;
}

/** The filters the portal offers next to the search box. */
export interface SearchFilters {
  agencyId?: number | undefined;
  /** Documents of this agency and of every agency below it. */
  subtreeOf?: number | undefined;
  category?: string | undefined;
  year?: number | undefined;
  validity?: string | undefined;
}

/**
 * The text that is searched: title and body, separated by a line break so that a term never
 * spans the end of the title and the start of the body. The reference matcher (`matchesAll`)
 * is exact against this text.
 */
export function searchableText(doc: Pick<SearchDocument, 'title' | 'bodyText'>): string {
  return `${doc.title}\n${doc.bodyText}`;
}

// The sort key orders documents newest first with one integer: publication second × 2^20 plus
// a slot (the document id modulo 2^20, the next free slot on a collision). It is the rowid of
// the SQLite FTS tables, so `ORDER BY rowid DESC LIMIT 20` walks documents in date order and
// stops early, whatever order they were indexed in. |seconds| < 2^33 keeps it a safe integer.
const SLOT_BITS = 20;
export const SLOTS_PER_SECOND = 2 ** SLOT_BITS;
const MIN_MS = Date.UTC(1800, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

/** Milliseconds since the epoch, or a TypeError for an unusable publication date. */
function publishedMs(publishedAt: string): number {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms) || ms < MIN_MS || ms >= MAX_MS) {
    throw new TypeError(`publishedAt is not a usable ISO date: ${JSON.stringify(publishedAt)}`);
  }
  return ms;
}

/** The first sort key of the publication second; add a slot in [0, SLOTS_PER_SECOND). */
export function sortKeyBase(publishedAt: string): number {
  return Math.floor(publishedMs(publishedAt) / 1000) * SLOTS_PER_SECOND;
}

/** The preferred slot of a document: ties within one second are ordered by document id. */
export function preferredSlot(docId: number): number {
  return docId % SLOTS_PER_SECOND;
}

/** The publication year in China Standard Time (UTC+8, no daylight saving). */
export function publicationYear(publishedAt: string): number {
  return chinaYear(new Date(publishedMs(publishedAt)));
}

// Filter tokens for the SQLite FTS tables. Text only ever yields all-Han or all-[a-z0-9]
// tokens, so a letter followed by 〇 cannot come from a document or a query; free text values
// are hex-encoded so that the unicode61 tokenizer keeps each one a single token.
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
export const filterToken = {
  agency: (id: number): string => `a〇${id}`,
  subtree: (id: number): string => `s〇${id}`,
  year: (year: number): string => `y〇${year}`,
  category: (c: string): string => `c〇${hex(c)}`,
  validity: (v: string): string => `v〇${hex(v)}`,
};

/** The filter tokens a search with `filters` requires. */
export function filterTokens(filters: SearchFilters): string[] {
  const out: string[] = [];
  if (filters.agencyId !== undefined) out.push(filterToken.agency(filters.agencyId));
  if (filters.subtreeOf !== undefined) out.push(filterToken.subtree(filters.subtreeOf));
  if (filters.year !== undefined) out.push(filterToken.year(filters.year));
  if (filters.category !== undefined) out.push(filterToken.category(filters.category));
  if (filters.validity !== undefined) out.push(filterToken.validity(filters.validity));
  return out;
}

export interface PreparedDocument {
  doc: SearchDocument;
  year: number;
  /** Sort key of the preferred slot (final key may differ after a collision). */
  preferredKey: number;
  /** Distinct bigrams and Latin/digit words (no separator): PostgreSQL's `bigrams` column. */
  bigramSet: string[];
  /** Distinct Han characters: the unigram tokens. */
  unigrams: string[];
  /** Positional stream of bigrams and words with separators, as `toFts5Document` lays it out. */
  stream: string[];
  /** Tokens of the document's own filter values. */
  filters: string[];
}

function checkDocument(doc: SearchDocument): void {
  for (const [name, v] of [
    ['docId', doc.docId],
    ['agencyId', doc.agencyId],
  ] as const) {
    if (!Number.isSafeInteger(v) || v <= 0) throw new TypeError(`${name} must be a positive integer`);
  }
  if (doc.agencyPath !== undefined && !doc.agencyPath.every((id) => Number.isSafeInteger(id) && id > 0)) {
    throw new TypeError('agencyPath must hold positive integers');
  }
  if (typeof doc.title !== 'string' || typeof doc.bodyText !== 'string') {
    throw new TypeError('title and bodyText must be strings');
  }
}

/** Tokenises a document once for whichever database stores it. */
export function prepareDocument(doc: SearchDocument): PreparedDocument {
  checkDocument(doc);
  const year = publicationYear(doc.publishedAt);
  const { bigrams: stream, unigrams } = indexTokens(searchableText(doc));
  const bigramSet = new Set(stream);
  bigramSet.delete(SEPARATOR_TOKEN);
  return {
    doc,
    year,
    preferredKey: sortKeyBase(doc.publishedAt) + preferredSlot(doc.docId),
    bigramSet: [...bigramSet],
    unigrams,
    stream,
    filters: [
      ...filterTokens({
        agencyId: doc.agencyId,
        year,
        category: doc.category ?? undefined,
        validity: doc.validity ?? undefined,
      }),
      ...[...new Set(doc.agencyPath ?? [])].map(filterToken.subtree),
    ],
  };
}

/** The stored form of `agencyPath` (search_entries.agency_path, migration 0026): `/1/5/12/`, or null. */
export function agencyPathText(doc: SearchDocument): string | null {
  return doc.agencyPath && doc.agencyPath.length > 0 ? `/${doc.agencyPath.join('/')}/` : null;
}

/** `agencyPathText` read back. */
export function parseAgencyPath(text: string | null | undefined): number[] | undefined {
  return text ? text.split('/').filter(Boolean).map(Number) : undefined;
}

/**
 * The FTS5 document of the main table: exactly `toFts5Document(searchableText(doc))` (stream,
 * separator, unigrams) followed by the filter tokens. Built from the tokens already computed so
 * that a document is tokenised once; a test checks it against `toFts5Document`.
 */
export function mainFtsText(p: PreparedDocument): string {
  const parts = p.unigrams.length === 0 ? p.stream : [...p.stream, SEPARATOR_TOKEN, ...p.unigrams];
  return [...parts, ...p.filters].join(' ');
}

/** The FTS5 document of the unigram table (detail=none): the characters and filter tokens. */
export function charFtsText(p: PreparedDocument): string {
  return [...p.unigrams, ...p.filters].join(' ');
}

/** The normalised searchable text, for PostgreSQL's LIKE recheck of longer Han terms. */
export function normalizedText(doc: SearchDocument): string {
  return normalizeText(searchableText(doc));
}

/**
 * Assigns final sort keys: each document gets its preferred key unless a document outside the
 * batch holds it, or an earlier document of the batch took it; then the next slot of the same
 * second is tried. Keys held by documents of the batch are free: their rows are replaced.
 * `ownerOf` answers from `knownOwners` first and asks the database only about probed keys
 * (rare: two documents in the same second with ids equal modulo 2^20).
 */
export async function assignSortKeys(
  batch: readonly PreparedDocument[],
  knownOwners: ReadonlyMap<number, number>,
  ownerOf: (key: number) => Promise<number | undefined>,
): Promise<number[]> {
  const batchIds = new Set(batch.map((p) => p.doc.docId));
  const used = new Set<number>();
  const keys: number[] = [];
  for (const p of batch) {
    const base = p.preferredKey - preferredSlot(p.doc.docId);
    let slot = preferredSlot(p.doc.docId);
    for (let tries = 0; ; tries++) {
      if (tries >= SLOTS_PER_SECOND) throw new Error('no free sort key in this second');
      const key = base + slot;
      if (!used.has(key)) {
        const owner = tries === 0 ? knownOwners.get(key) : await ownerOf(key);
        if (owner === undefined || batchIds.has(owner)) {
          used.add(key);
          keys.push(key);
          break;
        }
      }
      slot = (slot + 1) % SLOTS_PER_SECOND;
    }
  }
  return keys;
}

/** `items` in consecutive slices of at most `size` (for multi-row statements). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
