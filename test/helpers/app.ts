import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../../src/storage/dialect.ts';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { DEMO_ADMIN_USERNAME, seedDemo } from '../../src/services/seed.ts';
import type { TestDatabase } from './db.ts';
import { seededTestDatabase } from './template.ts';
import { changePassword } from '../../src/services/accounts.ts';
import { findUserByUsername } from '../../src/capabilities/users/queries.ts';

export const ADMIN_PASSWORD = 'Changping-2025!';
/** What loginClient sets in place of a one-time password: the one-time password made permanent. */
export const permanentPassword = (oneTimePassword: string): string => `${oneTimePassword}-Perm1`;

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  admin: { username: string; password: string };
  close(): Promise<void>;
}

/** A seeded app on a fresh database, driven through app.inject (real HTTP handling, no socket). */
export async function createTestApp(dialect: DialectName, options: Omit<AppOptions, 'version'> = {}): Promise<TestApp> {
  const t = await seededTestDatabase(dialect, 'demo', async (fresh) => {
    const seeded = await seedDemo(fresh.deps);
    // The admin's first login replaced the one-time password (which opens nothing else).
    const admin = await findUserByUsername(fresh.deps, seeded.admin!.username);
    await changePassword(fresh.deps, admin!.id, seeded.admin!.oneTimePassword, ADMIN_PASSWORD);
  });
  const app = await buildApp(t.deps, { version: 'test', ...options });
  await app.ready();
  return {
    ...t,
    app,
    admin: { username: DEMO_ADMIN_USERNAME, password: ADMIN_PASSWORD },
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

/** A stable private address per user name (10.x.y.z). */
function addressOf(username: string): string {
  let h = 0;
  for (const ch of username) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}

/**
 * Logs in and returns a client that sends the session cookie and CSRF token. A one-time password
 * is replaced by permanentPassword() first, as a person's first login does, unless the test is
 * about that step itself (`keepOneTimePassword`).
 */
export async function loginClient(app: FastifyInstance, username: string, password: string, options: { keepOneTimePassword?: boolean } = {}): Promise<Client> {
  // Each test user signs in from an address of its own, as people do: the per-address login
  // limit then counts each of them, not the whole suite.
  const remoteAddress = addressOf(username);
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  if ((res.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword && !options.keepOneTimePassword) {
    const first = { cookie: `gk_session=${res.cookies.find((c) => c.name === 'gk_session')!.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/change-password', headers: first, payload: { currentPassword: password, newPassword: permanentPassword(password) }, remoteAddress });
    if (changed.statusCode !== 200) throw new Error(`first password change failed: ${changed.statusCode} ${changed.body}`);
    return loginClient(app, username, permanentPassword(password));
  }
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
