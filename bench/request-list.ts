/**
 * The request list at scale: N requests (default 100,000) in one agency, on a fresh SQLite file
 * and a fresh PostgreSQL database (gk_bench_requests, dropped afterwards), each with its stored
 * status projection; then times listRequests (the workspace's list call) for the default page,
 * the open filter, the overdue and due-soon filters, a search and page 200, and the reminders.
 *
 *   node --import tsx bench/request-list.ts [N=100000] [--db=sqlite,postgres] [--reps=30] [--no-write]
 *
 * The bar: a page in under 50 ms without replaying events. As a baseline from the same
 * run, each table also shows the time of a bare `select 1` round trip on that database.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { addDays } from '../src/domain/calendar/index.ts';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/storage/dialect.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { diskFileStore } from '../src/storage/files.ts';
import type { ServiceDeps } from '../src/services/context.ts';
import { systemActor } from '../src/services/context.ts';
import { listRequests, reminders } from '../src/capabilities/requests/queries.ts';
import { writeRegion } from './report-file.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? (args.includes(`--${name}`) ? '' : undefined);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const DBS = (flag('db') ?? 'sqlite,postgres').split(',') as DialectName[];
const REPS = Number(flag('reps') ?? 30);
const ADMIN_URL = process.env.GONGKAI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TODAY = '2026-11-26';
const PHASES = ['awaitingReceipt', 'processing', 'awaitingCorrection', 'consulting', 'awaitingPayment'] as const;

/** Loads N requests whose projections look like a real agency's: most closed, the rest open with due dates around today. */
async function load(db: DatabaseHandle['db'], agencyId: number): Promise<void> {
  const rows = Array.from({ length: N }, (_, i) => {
    const closed = i % 10 < 8;
    const submitted = addDays('2019-01-01', Math.floor((i / N) * 2880));
    const phase = closed ? 'closed' : PHASES[i % PHASES.length]!;
    const due = closed || phase === 'awaitingCorrection' ? null : addDays(TODAY, (i % 41) - 20);
    return {
      agency_id: agencyId,
      query_code: `B${String(i).padStart(4, '0')}-${String(i * 7919 % 10000).padStart(4, '0')}-${String(i % 9973).padStart(4, '0')}`,
      channel: i % 3 ? 'online' : 'inPerson',
      applicant_type: i % 4 ? 'natural_person' : 'commercial',
      applicant_name: `申请人${i}`,
      applicant_id_type: null,
      applicant_id_number: null,
      applicant_phone: `1380000${String(i % 10000).padStart(4, '0')}`,
      applicant_email: null,
      applicant_address: null,
      contact_person: null,
      description: `关于第${i}号事项的政府信息（低保、补贴、规划）`,
      purpose: null,
      requested_form: 'paper',
      delivery: 'pickup',
      created_by: null,
      created_at: `${submitted}T01:00:00.000Z`,
      phase,
      outcome: closed ? 'disclosed' : null,
      submitted_date: submitted,
      receipt_date: phase === 'awaitingReceipt' ? null : submitted,
      closed_date: closed ? addDays(submitted, 15) : null,
      due_date: due,
      due_provisional: 0,
      lapse_due: phase === 'awaitingCorrection' ? addDays(TODAY, (i % 21) - 10) : null,
      extension_status: null,
      projected_at: `${TODAY}T00:00:00.000Z`,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('requests').values(rows.slice(i, i + 1000)).execute();
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function run(dialect: DialectName): Promise<string> {
  let handle: DatabaseHandle;
  let cleanup = async () => {};
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query('drop database if exists gk_bench_requests');
    await admin.query('create database gk_bench_requests');
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = '/gk_bench_requests';
    handle = openDatabase({ databaseUrl: url.toString() });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query('drop database if exists gk_bench_requests');
      await c.end();
    };
  } else {
    const file = path.join(tmpdir(), `gk-bench-requests-${process.pid}.sqlite`);
    rmSync(file, { force: true });
    handle = openDatabase({ sqlitePath: file });
    cleanup = async () => rmSync(file, { force: true });
  }
  try {
    await migrateToLatest(handle.db);
    const { id: agencyId } = await handle.db.insertInto('agencies').values({ code: 'bench', name: '基准乡', full_name: null, credit_code: null, level: 'township', parent_id: null, closed_at: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const started = Date.now();
    await load(handle.db, agencyId);
    if (dialect === 'postgres') await sql`analyze requests`.execute(handle.db);
    const loadS = ((Date.now() - started) / 1000).toFixed(1);
    const deps: ServiceDeps = { db: handle.db, dialect, now: () => new Date(`${TODAY}T02:00:00.000Z`), files: diskFileStore(tmpdir()) };
    const actor = systemActor('bench');
    const page = (extra: object) => () => listRequests(deps, actor, { agencyId, page: 1, pageSize: 20, ...extra });
    const cases: [string, () => Promise<unknown>][] = [
      ['`select 1` (baseline)', () => sql`select 1`.execute(handle.db)],
      ['list, page 1', page({})],
      ['list, open', page({ phase: 'open' })],
      ['list, overdue', page({ due: 'overdue' })],
      ['list, due within 3 working days', page({ due: 'soon' })],
      ['list, search “第4242号”', page({ q: '第4242号' })],
      ['list, year 2024', page({ year: 2024 })],
      ['list, page 200', () => listRequests(deps, actor, { agencyId, page: 200, pageSize: 20 })],
      ['reminders', () => reminders(deps, actor, agencyId)],
    ];
    const lines = [`| ${dialect} (${N.toLocaleString('en')} requests, loaded in ${loadS} s) | p50 ms | p95 ms |`, '|---|---:|---:|'];
    for (const [name, fn] of cases) {
      const t = await time(fn);
      lines.push(`| ${name} | ${t.p50.toFixed(2)} | ${t.p95.toFixed(2)} |`);
      console.log(`${dialect}\t${name}\t${t.p50.toFixed(2)}\t${t.p95.toFixed(2)}`);
    }
    return lines.join('\n');
  } finally {
    await handle.close();
    await cleanup();
  }
}

const tables: string[] = [];
for (const d of DBS) tables.push(await run(d));
const report = [
  `Request list at ${N.toLocaleString('en')} requests in one agency (\`node --import tsx bench/request-list.ts ${N}\`, ${REPS} timed rounds after one warm-up, in-process service calls).`,
  'Lists, filters, counts and reminders read the stored status projection (migration 0010); no request is replayed on read. Target: a page in under 50 ms.',
  '',
  tables.join('\n\n'),
  '',
].join('\n');
if (flag('no-write') === undefined) writeRegion('request-list', report);
console.log(report);
