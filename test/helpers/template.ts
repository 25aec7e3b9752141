/**
 * Seeded test databases from a template, so the demo data is built once per version of the code
 * instead of once per test file and dialect (about 90 times a run).
 *
 * The template's name is a hash of src/ and of these helpers: any change to the migrations or
 * the demo seeding makes a new one. SQLite: a file under the temp directory, opened as an
 * in-memory copy. PostgreSQL: a database `gk_tpl_<hash>`, copied by CREATE DATABASE … TEMPLATE
 * into a database of the test's own, dropped afterwards. Both are built under another name and
 * renamed when complete, so a build that dies leaves nothing a later run would take for whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/storage/dialect.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import type { DialectName } from '../../src/storage/dialect.ts';
import { createTestDatabase, PG_URL, testDatabaseOn, type TestDatabase } from './db.ts';
import { repoRoot } from './server.ts';

export const TEMPLATE_DIR = path.join(tmpdir(), 'gongkai-test-templates');
/** Older PostgreSQL templates beyond this many are dropped (other checkouts may still use recent ones). */
const KEEP_PG_TEMPLATES = 8;

let key: string | undefined;
export function templateKey(): string {
  if (key) return key;
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const f of [...walk('src'), 'test/helpers/db.ts', 'test/helpers/app.ts', 'test/helpers/template.ts', 'test/helpers/e2e.ts', 'package-lock.json'].sort()) {
    hash.update(f).update('\0').update(readFileSync(path.join(repoRoot, f))).update('\0');
  }
  return (key = hash.digest('hex').slice(0, 16));
}

/** A fresh database holding what `seed` puts in a new migrated one; `seed` runs once per template. */
export async function seededTestDatabase(dialect: DialectName, name: string, seed: (t: TestDatabase) => Promise<void>): Promise<TestDatabase> {
  return dialect === 'sqlite' ? sqliteCopy(name, seed) : postgresCopy(name, seed);
}

async function sqliteCopy(name: string, seed: (t: TestDatabase) => Promise<void>): Promise<TestDatabase> {
  const base = path.join(TEMPLATE_DIR, `${name}-${templateKey()}`);
  if (!existsSync(`${base}.sqlite`)) {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const t = await createTestDatabase('sqlite');
    await seed(t);
    const building = `${base}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await sql`vacuum into ${sql.lit(`${building}.sqlite`)}`.execute(t.handle.db);
    saveFiles(t, `${building}.files`);
    await t.cleanup();
    // Files first: a template whose database exists is complete.
    renameOrDrop(`${building}.files`, `${base}.files`);
    renameOrDrop(`${building}.sqlite`, `${base}.sqlite`);
  }
  const handle = openDatabase({ sqliteImage: readFileSync(`${base}.sqlite`) });
  return testDatabaseOn(handle, undefined, async () => {}, copyFiles(`${base}.files`));
}

async function postgresCopy(name: string, seed: (t: TestDatabase) => Promise<void>): Promise<TestDatabase> {
  const template = `gk_tpl_${name}_${templateKey()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) await buildPostgresTemplate(admin, template, seed);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
    const database = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${database} template ${template}`);
    const filesDir = copyFiles(path.join(TEMPLATE_DIR, `${template}.files`));
    const handle = openDatabase({ databaseUrl: urlOf(database) });
    return testDatabaseOn(handle, 'public', () => dropDatabase(database), filesDir);
  } finally {
    await admin.end();
  }
}

async function buildPostgresTemplate(admin: pg.Client, template: string, seed: (t: TestDatabase) => Promise<void>): Promise<void> {
  const building = `${template}_b`;
  await admin.query(`drop database if exists ${building} with (force)`);
  await admin.query(`create database ${building}`);
  const handle = openDatabase({ databaseUrl: urlOf(building) });
  const t = testDatabaseOn(handle, 'public', async () => {});
  try {
    await migrateToLatest(handle.db);
    await seed(t);
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    rmSync(path.join(TEMPLATE_DIR, `${template}.files`), { recursive: true, force: true });
    saveFiles(t, path.join(TEMPLATE_DIR, `${template}.files`));
  } finally {
    await t.cleanup();
  }
  // The pool's backends may take a moment to exit after it ends; a rename needs none connected.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`alter database ${building} rename to ${template}`);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const old = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'gk\\_tpl\\_%' and datname not like '%\\_b' order by oid desc offset ${KEEP_PG_TEMPLATES}`,
  );
  for (const { datname } of old.rows) await admin.query(`drop database if exists ${datname}`).catch(() => {});
}

const urlOf = (database: string): string => {
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function dropDatabase(database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
  } finally {
    await admin.end();
  }
}

/** The seeded files (the demo's attachments, if any) beside the template's database. */
function saveFiles(t: TestDatabase, dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(t.filesDir, dir, { recursive: true });
}

function copyFiles(dir: string): string {
  const to = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
  if (existsSync(dir)) cpSync(dir, to, { recursive: true });
  return to;
}

export function renameOrDrop(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Another process finished the same template first; theirs is as good.
    rmSync(from, { recursive: true, force: true });
  }
}
