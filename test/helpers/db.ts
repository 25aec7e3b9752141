import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diskFileStore } from '../../src/storage/files.ts';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/storage/dialect.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import type { ServiceDeps } from '../../src/services/context.ts';

/** Every storage and service test runs once per dialect. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export const PG_URL = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  handle: DatabaseHandle;
  deps: ServiceDeps;
  /** The private PostgreSQL schema, when on PostgreSQL. */
  pgSchema: string | undefined;
  /** Where deps.files keeps its files. */
  filesDir: string;
  /** Moves the test clock. */
  setNow(date: Date): void;
  cleanup(): Promise<void>;
}

/**
 * Kysely's migrator looks for its tables by introspecting every schema; when another test drops
 * its schema at that moment PostgreSQL answers 3F000 (schema does not exist) about that other
 * schema. Nothing was migrated yet (it runs in one transaction), so trying again is safe.
 */
async function migrateWhileOthersDropSchemas(handle: DatabaseHandle, pgSchema: string | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(handle.db, { pgSchema });
      return;
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '3F000' || attempt >= 5) throw err;
    }
  }
}

/**
 * A fresh, migrated database: in-memory SQLite, or a private schema on the shared
 * PostgreSQL that is dropped afterwards.
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let dropSchema = async (): Promise<void> => {};
  let pgSchema: string | undefined;
  if (dialect === 'postgres') {
    // Twice in CI a fresh schema's migration failed with 'column "bigrams" of relation
    // "search_entries" does not exist' (0006), never reproduced alone; cause unknown. A failed
    // schema is dropped and the migration tried once more on a new one, saying so on stderr.
    for (let attempt = 1; ; attempt++) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const opened = openDatabase({ databaseUrl: PG_URL, pgSchema: schema });
      const drop = async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      };
      try {
        await migrateWhileOthersDropSchemas(opened, schema);
      } catch (err) {
        await opened.close();
        await drop();
        if (attempt >= 2) throw err;
        console.error(`# migration of a fresh test schema failed, trying a new schema: ${(err as Error).message}`);
        continue;
      }
      [handle, pgSchema, dropSchema] = [opened, schema, drop];
      break;
    }
  } else {
    handle = openDatabase({ sqlitePath: ':memory:' });
    await migrateWhileOthersDropSchemas(handle, pgSchema);
  }
  return testDatabaseOn(handle, pgSchema, dropSchema);
}

/** The instant every test database's clock starts at (templates depend on it). */
export const TEST_DB_START = new Date('2026-11-26T02:00:00Z');

/** A TestDatabase over an open handle: its own clock and file directory; `drop` runs after close. */
export function testDatabaseOn(handle: DatabaseHandle, pgSchema: string | undefined, drop: () => Promise<void>, filesDir = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'))): TestDatabase {
  let now = TEST_DB_START;
  return {
    handle,
    deps: { db: handle.db, dialect: handle.dialect, now: () => now, files: diskFileStore(filesDir) },
    pgSchema,
    filesDir,
    setNow: (d) => {
      now = d;
    },
    cleanup: async () => {
      await handle.close();
      await drop();
    },
  };
}
