import path from 'node:path';
import { readFileSync } from 'node:fs';

/** Runtime configuration, read once from the environment by the server and every CLI command. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL; otherwise SQLite at `${dataDir}/gongkai.sqlite`. */
  databaseUrl: string | undefined;
  version: string;
}

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
  };
}
