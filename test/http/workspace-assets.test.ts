import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('workspace assets', () => {
  let t: TestApp;
  before(async () => {
    assert.ok(existsSync(new URL('../../web/dist/index.html', import.meta.url)), 'web/dist is built (npm test and npm ci build it; else npm run build)');
    t = await createTestApp('sqlite');
  });
  after(async () => t.close());

  /** What the login page loads before anyone signs in: the entry script and everything it preloads. */
  const firstLoad = async (): Promise<string[]> => {
    const html = (await t.app.inject({ method: 'GET', url: '/admin/' })).body;
    return [...html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  };

  it('serves hashed assets compressed (brotli or gzip, as accepted) and cached as immutable', async () => {
    const [entry] = await firstLoad();
    assert.ok(entry, 'the page loads a script');
    const plain = await t.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    const br = await t.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload);
    const gz = await t.app.inject({ method: 'GET', url: entry, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.rawPayload), plain.rawPayload);
    const index = await t.app.inject({ method: 'GET', url: '/admin/' });
    assert.equal(index.headers['cache-control'], 'no-cache', 'the page naming the assets is always revalidated');
  });

  it('the login page loads under 500 KB of compressed JavaScript and CSS, without the signed-in workspace', async () => {
    const assets = await firstLoad();
    let total = 0;
    for (const url of assets) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.statusCode, 200, url);
      total += res.rawPayload.length;
      // The entry's own static imports are loaded at once too.
      for (const m of res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload).toString().matchAll(/from\s*"\.\/([^"]+\.js)"/g) : []) {
        const dep = `/admin/assets/${m[1]}`;
        if (!assets.includes(dep)) assets.push(dep);
      }
    }
    assert.ok(!assets.some((a) => /\/Shell-/.test(a)), `the workspace pages are a separate chunk: ${assets.join(', ')}`);
    assert.ok(total < 500 * 1024, `${total} bytes gzip`);
  });
});
