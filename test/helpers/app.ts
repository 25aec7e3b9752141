import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../../src/storage/dialect.ts';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  admin: { username: string; password: string };
  close(): Promise<void>;
}

/** A seeded app on a fresh database, driven through app.inject (real HTTP handling, no socket). */
export async function createTestApp(dialect: DialectName, options: Omit<AppOptions, 'version'> = {}): Promise<TestApp> {
  const t = await createTestDatabase(dialect);
  const seeded = await seedDemo(t.deps);
  const app = await buildApp(t.deps, { version: 'test', ...options });
  await app.ready();
  return {
    ...t,
    app,
    admin: { username: seeded.admin!.username, password: seeded.admin!.oneTimePassword },
    close: async () => {
      await app.close();
      await t.cleanup();
    },
  };
}

export interface Client {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Logs in and returns a client that sends the session cookie and CSRF token. */
export async function loginClient(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gk_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const client: Client = {
    cookie: `gk_session=${cookie.value}`,
    csrf,
    request: (method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
  return client;
}
