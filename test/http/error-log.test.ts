import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../../src/http/app.ts';
import type { LogLevel } from '../../src/config.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/db.ts';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server.ts';

interface LogLine {
  level: number;
  reqId?: string;
  msg: string;
  route?: string;
  method?: string;
  err?: { message: string };
  req?: { url: string };
}

/** An app whose log lines are collected, with one route that fails the way a bug would. */
async function loggedApp(t: TestDatabase, logLevel: LogLevel) {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l) as LogLine));
      done();
    },
  });
  const app = await buildApp(t.deps, { version: 'test', logLevel, logStream });
  app.post('/test-only/fail/:id', async () => {
    throw new Error('simulated failure');
  });
  await app.ready();
  return { app, lines, text: () => raw.join('') };
}

const secrets = { password: 'Pa55-word-never-logged', cookie: 'gk_session=cookie-never-logged', csrf: 'csrf-never-logged' };

for (const dialect of DIALECTS) {
  describe(`error log on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await seedDemo(t.deps);
    });
    after(async () => t.cleanup());

    it('logs a 500 with its request id and route, and shows the id in the response', async () => {
      const { app, lines } = await loggedApp(t, 'warn');
      try {
        assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
        assert.equal(lines.length, 0, 'nothing is logged for a request that succeeds');
        const res = await app.inject({ method: 'POST', url: '/test-only/fail/7?secret=1234', payload: { password: secrets.password }, headers: { cookie: secrets.cookie, 'x-csrf-token': secrets.csrf } });
        assert.equal(res.statusCode, 500);
        const { error } = res.json();
        assert.equal(error.code, 'INTERNAL_ERROR');
        assert.match(error.requestId, /^[0-9a-f-]{36}$/);
        assert.ok(error.message.includes(error.requestId), 'the clerk sees the id in the message');
        assert.equal(lines.length, 1);
        assert.equal(lines[0]!.level, 50);
        assert.equal(lines[0]!.reqId, error.requestId);
        assert.equal(lines[0]!.route, '/test-only/fail/:id');
        assert.equal(lines[0]!.method, 'POST');
        assert.equal(lines[0]!.err?.message, 'simulated failure');
      } finally {
        await app.close();
      }
    });

    it('never logs passwords, cookies, the CSRF token or a query string, even at trace level', async () => {
      const { app, lines, text } = await loggedApp(t, 'trace');
      try {
        await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: secrets.password }, headers: { cookie: secrets.cookie, 'x-csrf-token': secrets.csrf } });
        await app.inject({ method: 'GET', url: '/org/changping/open/request/track?code=ABCD-EFGH-JKLM&secret=1234', headers: { cookie: secrets.cookie } });
        await app.inject({ method: 'POST', url: '/test-only/fail/1?secret=1234', payload: { password: secrets.password }, headers: { cookie: secrets.cookie, 'x-csrf-token': secrets.csrf } });
        assert.ok(lines.some((l) => l.msg === 'incoming request' && l.req?.url === '/org/changping/open/request/track'), 'requests are logged at info and below');
        for (const secret of [...Object.values(secrets), 'cookie-never-logged', 'secret=1234']) {
          assert.ok(!text().includes(secret), `${secret} is not in the log`);
        }
      } finally {
        await app.close();
      }
    });
  });
}

describe('gongkai serve logs errors by default', () => {
  let server: RunningServer;
  let dataDir: string;
  before(async () => {
    dataDir = tempDataDir();
    server = await startServer({ GONGKAI_DATA_DIR: dataDir });
  });
  after(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('writes the failing request id and route to its output', async () => {
    assert.equal((await fetch(`${server.url}/org/changping/open/guide`)).status, 200);
    // A table lost under the running server: the next read of it fails inside the route.
    const db = new Database(path.join(dataDir, 'gongkai.sqlite'));
    db.exec('ALTER TABLE portal_pages RENAME TO portal_pages_lost');
    db.close();
    const res = await fetch(`${server.url}/org/changping/open/guide`, { headers: { cookie: secrets.cookie } });
    assert.equal(res.status, 500);
    const { error } = (await res.json()) as { error: { code: string; requestId: string } };
    assert.equal(error.code, 'INTERNAL_ERROR');
    // The log line travels through the child's stdout pipe: wait for it (bounded, so a missing line fails).
    let found: string | undefined;
    for (let i = 0; i < 200 && !found; i++) {
      found = server.output.split('\n').find((l) => l.includes(error.requestId));
      if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(found, `a log line names ${error.requestId}:\n${server.output}`);
    const line = JSON.parse(found) as LogLine;
    assert.equal(line.level, 50);
    assert.equal(line.reqId, error.requestId);
    assert.equal(line.route, '/org/:code/open/guide');
    assert.match(line.err!.message, /portal_pages/);
    assert.ok(!server.output.includes('cookie-never-logged'));
    assert.equal(server.output.split('\n').filter((l) => l.startsWith('{')).length, 1, 'only the failure was logged');
  });
});
