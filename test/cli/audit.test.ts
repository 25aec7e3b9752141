import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { removeDir, runCli, tempDataDir } from '../helpers/server.ts';

describe('gongkai audit', () => {
  const dataDir = tempDataDir();
  after(() => removeDir(dataDir));
  const env = { GONGKAI_DATA_DIR: dataDir };

  it('verify exits 0 on an intact chain and 1 after an entry was deleted; head exports seq:hash for --anchor', () => {
    assert.equal(runCli(['seed'], env).status, 0);
    const head = runCli(['audit', 'head'], env);
    assert.equal(head.status, 0, head.stderr);
    const anchor = head.stdout.trim().split('\n').at(-1)!;
    assert.match(anchor, /^\d+:[0-9a-f]{64}$/);
    const intact = runCli(['audit', 'verify', '--anchor', anchor], env);
    assert.equal(intact.status, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /审计日志完好/);
    assert.equal(runCli(['audit', 'verify', '--anchor', 'latest'], env).status, 2);

    const db = new SQLite(path.join(dataDir, 'gongkai.sqlite'));
    try {
      db.exec('drop trigger audit_log_no_delete');
      db.exec('delete from audit_log where seq = 2');
    } finally {
      db.close();
    }
    const broken = runCli(['audit', 'verify'], env);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /第 1 条之后缺少 1 条记录/);
    const json = JSON.parse(runCli(['audit', 'verify', '--json'], env).stdout);
    assert.equal(json.ok, false);
    assert.equal(json.problem.kind, 'gap');
  });
});
