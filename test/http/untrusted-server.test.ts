/**
 * The security report's files against a real `gongkai serve` process: each upload fails on its
 * own with a Chinese 4xx, the process survives, and /healthz keeps answering meanwhile. The
 * parse worker runs TypeScript under tsx here exactly as in production.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DIALECTS, PG_URL } from '../helpers/db.ts';
import { passwordFrom, removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server.ts';
import { makeHugeXlsx, makeMergeBombXlsx, makeParagraphBombDocx } from '../fixtures/attachments/generate.ts';


interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in with a one-time password and replaces it, as the first login must. */
async function firstLogin(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(res.status, 200, await res.clone().text());
  const session = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  const changed = await call(url, session, 'POST', '/auth/change-password', { currentPassword: password, newPassword: `${username}-Gongkai-2025!` });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  return session;
}

async function call(url: string, s: Session, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : Buffer.isBuffer(body) ? { 'content-type': 'application/octet-stream' } : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/**
 * Polls /healthz until `stop` resolves; every answer must be 200. No time bound is asserted (a
 * loaded CI machine would fail it, and tests carry no timed assertions): what counts is that
 * answers arrive while the uploads are still being parsed, which a blocked event loop prevents.
 */
async function watchHealth(url: string, stop: Promise<unknown>): Promise<{ count: number; slowest: number }> {
  let done = false;
  void stop.finally(() => (done = true));
  let count = 0;
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    const ms = performance.now() - started;
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    slowest = Math.max(slowest, ms);
    if (!done) count++;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { count, slowest };
}

/**
 * Sends the headers and the first 64 KB of `body`, holding back the rest, and resolves with the
 * response: an answer that arrives now was given without the body.
 */
function answerBeforeBody(url: string, path: string, cookie: Session | null, body: Buffer): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': body.length, ...(cookie ? { cookie: cookie.cookie, 'x-csrf-token': cookie.csrf } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, json: JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.write(body.subarray(0, 64 * 1024));
  });
}

const files = {
  docx: makeParagraphBombDocx(),
  xlsx: makeHugeXlsx(),
  merge: makeMergeBombXlsx(),
};

for (const dialect of DIALECTS) {
  describe(`gongkai serve on ${dialect} against hostile files`, () => {
    let server: RunningServer;
    let admin: Session;
    let outsider: Session;
    let dataDir: string;
    let dropDatabase = async (): Promise<void> => {};
    let changping: number;
    before(async () => {
      dataDir = tempDataDir();
      const env: Record<string, string> = { GONGKAI_DATA_DIR: dataDir };
      if (dialect === 'postgres') {
        const name = `gk_untrusted_${randomBytes(4).toString('hex')}`;
        const pgAdmin = new pg.Client({ connectionString: PG_URL });
        await pgAdmin.connect();
        await pgAdmin.query(`create database ${name}`);
        await pgAdmin.end();
        const url = new URL(PG_URL);
        url.pathname = `/${name}`;
        env.DATABASE_URL = url.toString();
        dropDatabase = async () => {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`drop database ${name} with (force)`);
          await c.end();
        };
      }
      server = await startServer(env);
      admin = await firstLogin(server.url, 'admin', passwordFrom(server.output)!);
      const agencies = (await call(server.url, admin, 'GET', '/auth/session')).json.agencies as { id: number; code: string }[];
      changping = agencies.find((a) => a.code === 'changping')!.id;
      const pingan = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      const created = await call(server.url, admin, 'POST', '/users', { username: 'wang.wu', displayName: '王五', agencyId: pingan, roles: ['clerk'] });
      assert.equal(created.status, 201);
      outsider = await firstLogin(server.url, 'wang.wu', created.json.oneTimePassword);
    });
    after(async () => {
      await server?.stop();
      await dropDatabase();
      removeDir(dataDir);
    });

    it('refuses the 153 KB DOCX, the 4.8 MB XLSX and a merged-cell bomb with a Chinese 4xx; the server lives and /healthz stays fast', async (t) => {
      assert.ok(files.docx.length < 160_000 && files.xlsx.length > 4_700_000 && files.xlsx.length < 5_000_000);
      const doc = await call(server.url, admin, 'POST', '/documents', { agencyId: changping, title: '附件', bodyHtml: '<p>见附件</p>' });
      assert.equal(doc.status, 201);
      const art20 = `/art20-statistics/import?agencyId=${changping}&year=2025`;
      const attach = (name: string) => `/documents/${doc.json.id}/attachments?name=${name}`;
      const sends: [string, string, Buffer][] = [
        ['report-check: DOCX', '/report-check/file?name=bomb.docx', files.docx],
        ['report-check: XLSX', '/report-check/file?name=huge.xlsx', files.xlsx],
        ['attachment: DOCX', attach('bomb.docx'), files.docx],
        ['attachment: XLSX', attach('huge.xlsx'), files.xlsx],
        ['attachment: merged cells', attach('merge.xlsx'), files.merge],
        ['art20: DOCX', art20, files.docx],
        ['art20: XLSX', art20, files.xlsx],
        ['art20: merged cells', art20, files.merge],
      ];
      const started = performance.now();
      const uploads = Promise.all(sends.map(([, path, body]) => call(server.url, admin, 'POST', path, body)));
      const [results, health] = await Promise.all([uploads, watchHealth(server.url, uploads)]);
      t.diagnostic(`uploads answered in ${Math.round(performance.now() - started)} ms; /healthz answered ${health.count} times meanwhile, slowest ${Math.round(health.slowest)} ms`);
      assert.ok(health.count >= 1, '/healthz answered while the uploads were still being parsed');
      results.forEach(({ status, json }, i) => {
        const label = sends[i]![0];
        t.diagnostic(`${label}: ${status} ${json.error?.code} ${json.error?.message}`);
        assert.ok(status >= 400 && status < 500, `${label}: ${status}`);
        assert.match(json.error.message, /[\u4e00-\u9fff]/, label);
        assert.equal(json.error.code, 'FILE_TOO_COMPLEX', label);
      });
      // Within every size bound, so the parse worker's heap limit (or its deadline) stopped it.
      for (const i of [4, 7]) assert.ok(['memory', 'time'].includes(results[i]!.json.error.details?.limit), JSON.stringify(results[i]!.json));

      assert.equal(server.process.exitCode, null, 'the server process is alive');
      const health2 = await fetch(`${server.url}/healthz`);
      assert.equal(health2.status, 200);
      const detail = await call(server.url, admin, 'GET', `/documents/${doc.json.id}`);
      assert.deepEqual(detail.json.attachments, [], 'nothing was stored');
    });

    it('art20 import by a clerk of another agency, or without a session, is refused before the body is sent', async () => {
      const path = `/art20-statistics/import?agencyId=${changping}&year=2025`;
      const forbidden = await answerBeforeBody(server.url, path, outsider, files.xlsx);
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.json.error.code, 'FORBIDDEN');
      assert.match(forbidden.json.error.message, /[\u4e00-\u9fff]/);
      const anonymous = await answerBeforeBody(server.url, path, null, files.xlsx);
      assert.equal(anonymous.status, 401);
      const check = await answerBeforeBody(server.url, '/report-check/file?name=a.docx', null, files.docx);
      assert.equal(check.status, 401);
      assert.equal(server.process.exitCode, null);
    });
  });
}
