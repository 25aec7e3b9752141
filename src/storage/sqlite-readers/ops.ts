/**
 * The reads that SQLite serves off the main thread (pool.ts): each takes plain data and returns
 * plain data, so it runs the same in a worker and, where there are no workers (in-memory
 * databases, PostgreSQL, a worker that cannot start), on the main thread.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { queryCatalogue, type CatalogueQuery } from '../catalogue.ts';
import { searchDocuments, type SearchParams } from '../search-index.ts';

export const readOps = {
  search: (db: Kysely<Database>, dialect: DialectName, params: SearchParams) => searchDocuments(db, dialect, params),
  catalogue: (db: Kysely<Database>, _dialect: DialectName, query: CatalogueQuery) => queryCatalogue(db, query),
};

export type ReadOps = typeof readOps;
export type ReadOp = keyof ReadOps;
export type ReadInput<O extends ReadOp> = Parameters<ReadOps[O]>[2];
export type ReadOutput<O extends ReadOp> = Awaited<ReturnType<ReadOps[O]>>;

/** What runs a read: the worker pool, when the database has one. */
export interface ReadRunner {
  run<O extends ReadOp>(op: O, input: ReadInput<O>): Promise<ReadOutput<O>>;
  /** Workers running, and reads they answered since the start (shown by /healthz). */
  stats(): { workers: number; answered: number };
}

/** Runs a read on the pool if there is one, else here. */
export function runRead<O extends ReadOp>(
  deps: { db: Kysely<Database>; dialect: DialectName; readers?: ReadRunner | undefined },
  op: O,
  input: ReadInput<O>,
): Promise<ReadOutput<O>> {
  if (deps.readers) return deps.readers.run(op, input);
  return (readOps[op] as (db: Kysely<Database>, dialect: DialectName, input: ReadInput<O>) => Promise<ReadOutput<O>>)(deps.db, deps.dialect, input);
}
