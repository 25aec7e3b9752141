import path from 'node:path';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Runtime configuration, read once from the environment by the server and every CLI command. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL; otherwise SQLite at `${dataDir}/gongkai.sqlite`. */
  databaseUrl: string | undefined;
  version: string;
  /** GONGKAI_PUBLIC_URL without its trailing slash; https turns on HSTS and Secure cookies. */
  publicUrl: string | undefined;
  /** GONGKAI_ALLOWED_HOSTS: Host headers that may appear in absolute links when publicUrl is unset. */
  allowedHosts: string[];
  /** Fastify's trustProxy: which peers may set X-Forwarded-For/-Proto (rate limits key on the client address). */
  trustProxy: TrustProxy;
  logLevel: LogLevel;
  /**
   * GONGKAI_CLOCK_START: the server's clock starts at this instant and runs on from there. For
   * tests and demonstrations that must not depend on the hour they run at; unset in production.
   */
  clockStart: Date | undefined;
  /** GONGKAI_SQLITE_SYNCHRONOUS: how hard SQLite waits for the disk at each commit (docs/operations.md). */
  sqliteSynchronous: SqliteSynchronous;
  /** GONGKAI_SQLITE_READERS: worker threads that run searches and catalogue pages on SQLite (0: none). */
  sqliteReaders: number;
}

export const SQLITE_SYNCHRONOUS = ['NORMAL', 'FULL', 'EXTRA'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

export type TrustProxy = boolean | string[];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

export const appVersion: string = packageJson.version;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 配置无效：${env.PORT}`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL 仅支持 postgres:// 或 postgresql:// 地址');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.GONGKAI_DATA_DIR || './data'),
    databaseUrl,
    version: appVersion,
    publicUrl: parsePublicUrl(env.GONGKAI_PUBLIC_URL),
    allowedHosts: parseAllowedHosts(env.GONGKAI_ALLOWED_HOSTS),
    trustProxy: parseTrustProxy(env.GONGKAI_TRUST_PROXY),
    logLevel: parseLogLevel(env.GONGKAI_LOG_LEVEL),
    clockStart: parseClockStart(env.GONGKAI_CLOCK_START),
    sqliteSynchronous: parseSqliteSynchronous(env.GONGKAI_SQLITE_SYNCHRONOUS),
    sqliteReaders: parseSqliteReaders(env.GONGKAI_SQLITE_READERS),
  };
}

function parsePublicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    /* reported below */
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`GONGKAI_PUBLIC_URL 配置无效：${value}（应为 http:// 或 https:// 开头的网址）`);
  }
  return value.replace(/\/+$/, '');
}

/** Host names (with an optional port), comma-separated; compared lower-case with the request's Host. */
function parseAllowedHosts(value: string | undefined): string[] {
  const items = (value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = items.filter((h) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(h));
  if (bad.length) throw new Error(`GONGKAI_ALLOWED_HOSTS 配置无效：${bad.join('、')}（应为以逗号分隔的主机名，可带端口，如 gk.example.gov.cn,gk.example.gov.cn:8080）`);
  return items;
}

/** proxy-addr's names for address ranges, accepted by Fastify's trustProxy. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (NAMED_RANGES.has(item) || isIP(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  const family = isIP(address ?? '');
  if (!family || bits === undefined || rest.length) return false;
  if (family === 4 && isIP(bits) === 4) return true; // a netmask, e.g. 10.0.0.0/255.0.0.0
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * `true`/`1` (every peer may set X-Forwarded-*), or the proxies' addresses/CIDRs, comma-separated.
 * No hop counts: Fastify refuses them, since they cannot tell a proxy from a client connecting directly.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  if (/^\d+$/.test(v)) {
    throw new Error(`GONGKAI_TRUST_PROXY 不支持代理层数（${value}）：请填写代理服务器的地址或网段，如 127.0.0.1 或 10.0.0.0/8`);
  }
  const items = v.split(',').map((s) => s.trim());
  if (items.every(isAddressOrRange)) return items;
  throw new Error(`GONGKAI_TRUST_PROXY 配置无效：${value}（应为 true，或以逗号分隔的代理地址/网段，如 127.0.0.1,10.0.0.0/8）`);
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (!value) return 'warn';
  const level = LOG_LEVELS.find((l) => l === value.trim().toLowerCase());
  if (!level) throw new Error(`GONGKAI_LOG_LEVEL 配置无效：${value}（可选 ${LOG_LEVELS.join('、')}）`);
  return level;
}

function parseClockStart(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) throw new Error(`GONGKAI_CLOCK_START 应为 ISO 8601 时刻（如 2026-11-25T18:00:00Z）：${value}`);
  return start;
}

/** OFF is not offered: it trades a crash for a corrupt database, not just lost last commits. */
/**
 * Default: one per core, at least two (a long search does not hold the next one), at most four.
 * The main thread mostly waits on sockets and renders; the reads are where the CPU goes.
 */
function parseSqliteReaders(value: string | undefined): number {
  if (!value) return Math.max(2, Math.min(4, availableParallelism()));
  const n = /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 16)) throw new Error(`GONGKAI_SQLITE_READERS 配置无效：${value}（应为 0 至 16 的整数，0 表示不使用只读查询线程）`);
  return n;
}

function parseSqliteSynchronous(value: string | undefined): SqliteSynchronous {
  if (!value) return 'NORMAL';
  const mode = SQLITE_SYNCHRONOUS.find((m) => m === value.trim().toUpperCase());
  if (!mode) throw new Error(`GONGKAI_SQLITE_SYNCHRONOUS 配置无效：${value}（可选 ${SQLITE_SYNCHRONOUS.join('、')}）`);
  return mode;
}
