import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLiteDatabase from 'better-sqlite3';
import type pgModule from 'pg';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type SqliteDatabase,
} from 'kysely';
import type { Database } from './schema.ts';

/**
 * The only file that knows SQLite from PostgreSQL. Everything else speaks Kysely and asks
 * this module for the few things that differ (ids, counts, connection setup).
 */
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, SQLite at sqlitePath. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** An in-memory SQLite database opened from a serialized image (tests' seeded templates). */
  sqliteImage?: Buffer;
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  pgSchema?: string;
  /**
   * SQLite's PRAGMA synchronous in WAL mode. NORMAL (default): a commit survives a crash of the
   * process but the last commits may be lost on a power cut; FULL/EXTRA also fsync the WAL at
   * every commit, so a committed write survives a power cut too, at a cost per commit.
   */
  sqliteSynchronous?: 'NORMAL' | 'FULL' | 'EXTRA';
  /**
   * SQLite only: open the file read-only, reusing prepared statements (the read workers,
   * storage/sqlite-readers/). The file must exist and be in WAL mode already.
   */
  readOnly?: boolean;
}

// Each driver is loaded when its database is opened: a SQLite deployment (and every CLI start on
// it) does not pay for loading pg, nor a PostgreSQL one for the native SQLite module.
const requireDriver = createRequire(import.meta.url);

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pg = requireDriver('pg') as typeof pgModule;
    // count(*) and bigint come back as strings from pg; int8 → number is safe for our ranges.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqlitePath ?? ':memory:';
  const SQLite = requireDriver('better-sqlite3') as typeof SQLiteDatabase;
  if (options.readOnly) {
    const database = new SQLite(file, { readonly: true, fileMustExist: true });
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = options.sqliteImage ? new SQLite(options.sqliteImage) : new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Keeps the last STATEMENT_CACHE prepared statements by SQL text: preparing a statement on the
 * FTS5 tables costs about as much as running it. Only for read-only connections, which never
 * stream (a statement being iterated cannot run again until the iteration ends).
 */
const STATEMENT_CACHE = 200;
function reusingStatements(database: SQLiteDatabase.Database): SqliteDatabase {
  const cache = new Map<string, SQLiteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = database.prepare(text);
      cache.set(text, statement); // most recently used last
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** An auto-incrementing integer primary key, spelled the way each database wants it. */
export function addIdColumn<T extends string>(
  dialect: DialectName,
  table: CreateTableBuilder<T, never>,
  name = 'id',
): CreateTableBuilder<T, never> {
  return table.addColumn(name, 'integer', (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement(),
  );
}

/** Which dialect a bare Kysely instance (as migrations receive it) talks to. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Makes a table append-only: triggers refuse UPDATE and DELETE (on PostgreSQL also TRUNCATE) with
 * `message`. Named after the table, so `dropAppendOnly` undoes it. (Migration 0009 spells out the
 * same for audit_log; it is frozen.)
 */
export async function makeAppendOnly(db: Kysely<any>, table: string, message: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create function ${sql.raw(`${table}_append_only`)}() returns trigger language plpgsql as $$
      begin
        raise exception using errcode = 'insufficient_privilege', message = ${sql.lit(message)};
      end $$`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function ${sql.raw(`${table}_append_only`)}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function ${sql.raw(`${table}_append_only`)}()`.execute(db);
  } else {
    for (const op of ['update', 'delete']) {
      await sql`create trigger ${sql.raw(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)} begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
    }
  }
}

/** Undoes makeAppendOnly (before the table is dropped, or to allow changes again). */
export async function dropAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger ${sql.raw(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${sql.raw(`${table}_append_only`)}()`.execute(db);
  } else {
    for (const op of ['update', 'delete']) await sql`drop trigger ${sql.raw(`${table}_no_${op}`)}`.execute(db);
  }
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (ASCII case-insensitive) on SQLite. */
export function likeOperator(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

export { sql };
