import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './storage/dialect.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { diskFileStore } from './storage/files.ts';
import type { ServiceDeps } from './services/context.ts';
import type { SeedResult } from './services/seed.ts';

/** Opens the configured database (creating the data directories) and migrates it. */
export async function openRuntime(config: Config): Promise<{ handle: DatabaseHandle; deps: ServiceDeps }> {
  for (const dir of ['', 'uploads', 'backups']) mkdirSync(path.join(config.dataDir, dir), { recursive: true });
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: path.join(config.dataDir, 'gongkai.sqlite'),
    sqliteSynchronous: config.sqliteSynchronous,
  });
  const deps: ServiceDeps = { db: handle.db, dialect: handle.dialect, now: runningClock(config.clockStart), files: diskFileStore(path.join(config.dataDir, 'uploads')) };
  try {
    await migrateToLatest(handle.db);
    await projectRequestsOnce(deps);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { handle, deps };
}

/** Requests stored before their status projection existed (migration 0010) get it once. */
async function projectRequestsOnce(deps: ServiceDeps): Promise<void> {
  const pending = await deps.db.selectFrom('requests').select('id').where('projected_at', 'is', null).limit(1).executeTakeFirst();
  if (!pending) return;
  const { refreshProjections } = await import('./capabilities/requests/sql.ts');
  const { loadCalendar } = await import('./services/calendar.ts');
  await deps.db.transaction().execute(async (tx) => refreshProjections(tx, deps, 'unprojected', await loadCalendar(tx)));
}

/**
 * The server's SQLite read workers (docs/decisions/011), attached to `deps`: none on PostgreSQL,
 * whose pool already runs queries beside the event loop, or with GONGKAI_SQLITE_READERS=0.
 */
export async function attachSqliteReaders(config: Config, deps: ServiceDeps): Promise<{ close(): Promise<void> } | null> {
  if (deps.dialect !== 'sqlite' || config.sqliteReaders === 0) return null;
  const { startSqliteReaders } = await import('./storage/sqlite-readers/pool.ts');
  const readers = startSqliteReaders({ file: path.join(config.dataDir, 'gongkai.sqlite'), count: config.sqliteReaders, mainDb: deps.db });
  deps.readers = readers;
  return readers;
}

/** The real clock, or one that started at `start` when this process did and runs at real speed. */
export function runningClock(start: Date | undefined): () => Date {
  if (!start) return () => new Date();
  const shift = start.getTime() - Date.now();
  return () => new Date(Date.now() + shift);
}

const FIRST_START_KEY = 'first_start_seeded_at';

/**
 * On the very first start of a database, seed the demo data. Recorded in settings, so a
 * later start never seeds again even if an administrator removed the demo agency.
 */
export async function seedOnFirstStart(deps: ServiceDeps): Promise<SeedResult | null> {
  const done = await deps.db.selectFrom('settings').select('value').where('key', '=', FIRST_START_KEY).executeTakeFirst();
  if (done) return null;
  // Imported here: the demo data pulls in most services, which no other command at start needs.
  const { seedDemo, DEMO_AGENCY } = await import('./services/seed.ts');
  const result = await seedDemo(deps);
  // A useful portal from the first start: the demo township's documents, guide and rules.
  if (result.createdAgencies.includes(DEMO_AGENCY.name)) {
    const [{ seedDemoDocuments }, { findAgency }] = await Promise.all([import('./services/demo-documents.ts'), import('./capabilities/agencies/sql.ts')]);
    await seedDemoDocuments(deps, (await findAgency(deps.db, DEMO_AGENCY.code))!.id);
    await (await import('./services/demo/messages.ts')).seedDemoMessages(deps);
    await (await import('./services/demo/consultations.ts')).seedDemoConsultations(deps);
    await (await import('./services/demo/interaction-records.ts')).seedDemoInteractionRecords(deps);
    await (await import('./services/demo/surveys.ts')).seedDemoSurveys(deps);
  }
  await deps.db
    .insertInto('settings')
    .values({ key: FIRST_START_KEY, value: deps.now().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return result;
}

export function printAdminPassword(result: SeedResult | null, log: (line: string) => void): void {
  if (!result?.admin) return;
  log('');
  log('==================================================================');
  log(' 已创建管理员账号 / Administrator account created');
  log(`   用户名 username: ${result.admin.username}`);
  log(`   一次性密码 one-time password: ${result.admin.oneTimePassword}`);
  log(' 此密码只显示这一次，24 小时内有效，首次登录后请立即修改。');
  log(' 过期后运行 / when it has expired, run: npx gongkai user reset-password --username admin');
  log(' This password is shown only once and is valid for 24 hours; change it after the first login.');
  log('==================================================================');
  log('');
}
