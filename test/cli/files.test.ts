import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeDir, runCli, startServer, tempDataDir } from '../helpers/server.ts';

/** Resolves once `read()` contains `text`, or rejects when the process has ended without it. */
function waitForOutput(read: () => string, text: string, exited: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (read().includes(text)) {
        clearInterval(poll);
        resolve();
      } else if (exited()) {
        clearInterval(poll);
        reject(new Error(`ended without "${text}":\n${read()}`));
      }
    }, 50);
  });
}

describe('gongkai files verify and the start-up sweep', () => {
  const dataDir = tempDataDir();
  after(() => removeDir(dataDir));

  it('exits 0 on a sound store and 1 on a file whose content no longer matches its name; serve reports it at start', async () => {
    const sound = runCli(['files', 'verify'], { GONGKAI_DATA_DIR: dataDir });
    assert.equal(sound.status, 0, sound.stderr);
    assert.match(sound.stdout, /已核对 0 个上传文件/);

    const original = Buffer.from('%PDF-1.7 原始附件');
    const key = createHash('sha256').update(original).digest('hex');
    mkdirSync(path.join(dataDir, 'uploads', key.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dataDir, 'uploads', key.slice(0, 2), key), original.subarray(0, 5)); // cut short by a crash

    const damaged = runCli(['files', 'verify'], { GONGKAI_DATA_DIR: dataDir });
    assert.equal(damaged.status, 1, damaged.stderr);
    assert.match(damaged.stdout, /已核对 1 个上传文件/);
    assert.match(damaged.stdout, new RegExp(`已损坏（内容与名称不符）：.*${key}（5 字节）`));
    const json = runCli(['files', 'verify', '--json'], { GONGKAI_DATA_DIR: dataDir });
    assert.equal(json.status, 1);
    assert.deepEqual(JSON.parse(json.stdout).sweep.damaged.map((d: { key: string }) => d.key), [key]);

    const server = await startServer({ GONGKAI_DATA_DIR: dataDir });
    try {
      await waitForOutput(() => server.output, '上传文件检查发现问题', () => server.process.exitCode !== null);
      assert.match(server.output, new RegExp(`已损坏（内容与名称不符）：.*${key}`));
    } finally {
      await server.stop();
    }
  });
});
