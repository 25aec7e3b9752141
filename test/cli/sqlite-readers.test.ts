import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server.ts';

/**
 * The compiled server (dist/, scripts/build.js) runs searches and catalogue pages in its SQLite
 * read workers (dist/sqlite-reader.js); GONGKAI_SQLITE_READERS=0 keeps them on the main thread.
 */
describe('gongkai serve on SQLite: read workers', () => {
  let dir: string;
  let server: RunningServer;
  before(async () => {
    dir = tempDataDir();
    server = await startServer({ GONGKAI_DATA_DIR: dir, GONGKAI_SQLITE_READERS: '2' });
  });
  after(async () => {
    await server.stop();
    removeDir(dir);
  });

  const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as { readers?: { workers: number; answered: number } };

  it('answers the search and catalogue pages from the compiled workers', async () => {
    assert.doesNotMatch(server.output, /running the source/, 'the compiled runtime runs');
    const before = (await health(server.url)).readers!;
    assert.equal(before.workers, 2);
    const search = await fetch(`${server.url}/org/changping/search?q=${encodeURIComponent('低保 通知')}`);
    assert.equal(search.status, 200);
    assert.match(await search.text(), /低保 通知/);
    const api = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent('低保')}`);
    assert.deepEqual(await api.json(), { total: 0, totalCapped: false, items: [] });
    assert.equal((await fetch(`${server.url}/org/changping/open/catalogue`)).status, 200);
    const afterReads = (await health(server.url)).readers!;
    assert.equal(afterReads.answered - before.answered, 3, 'two searches and a catalogue page, each from a worker');
    assert.doesNotMatch(server.output, /只读查询线程无法启动/);
  });

  it('has no workers with GONGKAI_SQLITE_READERS=0', async () => {
    const other = await startServer({ GONGKAI_DATA_DIR: dir, GONGKAI_SQLITE_READERS: '0' });
    try {
      assert.equal((await health(other.url)).readers, undefined);
      assert.equal((await fetch(`${other.url}/org/changping/search?q=${encodeURIComponent('低保')}`)).status, 200);
    } finally {
      await other.stop();
    }
  });
});
