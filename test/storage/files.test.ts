import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DamagedFileError, diskFileStore } from '../../src/storage/files.ts';
import { removeDir } from '../helpers/server.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('content-addressed file store', () => {
  it('writes through a temp file and leaves only the finished file under its hash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
    try {
      const files = diskFileStore(dir);
      const data = Buffer.from('关于做好2025年低保工作的通知'.repeat(1000));
      const key = await files.put(data);
      assert.equal(key, sha256(data));
      assert.deepEqual(readdirSync(path.join(dir, key.slice(0, 2))), [key], 'no temp file is left behind');
      assert.deepEqual(await files.get(key), data);
      assert.equal(await files.put(data), key, 'the same bytes are kept once');
    } finally {
      removeDir(dir);
    }
  });

  it('does not reuse a file truncated under its hash: get refuses it, the sweep reports it, a re-upload repairs it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
    try {
      const files = diskFileStore(dir);
      const data = Buffer.from('%PDF-1.7 '.padEnd(64 * 1024, '附'));
      const key = await files.put(data);
      const sound = await files.put(Buffer.from('另一个文件'));
      const target = path.join(dir, key.slice(0, 2), key);
      // What kill -9 during a non-atomic write left behind: the name, part of the bytes.
      truncateSync(target, 0);
      await assert.rejects(files.get(key), (err: unknown) => err instanceof DamagedFileError && err.key === key && /已损坏/.test(err.message));
      const before = await files.sweep();
      assert.equal(before.checked, 2);
      assert.deepEqual(before.damaged, [{ key, path: target, size: 0 }]);
      assert.equal(await files.put(data), key);
      assert.deepEqual(readFileSync(target), data, 'the re-upload replaced the truncated file');
      assert.deepEqual(await files.get(key), data);
      const after = await files.sweep();
      assert.deepEqual(after.damaged, []);
      assert.ok(await files.has(sound));
    } finally {
      removeDir(dir);
    }
  });

  it('the sweep removes temp files of writes that died long ago, keeps recent ones, and lists strays', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
    try {
      const files = diskFileStore(dir);
      const key = await files.put(Buffer.from('正文'));
      const folder = path.join(dir, key.slice(0, 2));
      const old = path.join(folder, `.${key}.0123456789abcdef.tmp`);
      const recent = path.join(folder, `.${key}.fedcba9876543210.tmp`);
      writeFileSync(old, 'partial');
      writeFileSync(recent, 'partial');
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(old, twoHoursAgo, twoHoursAgo);
      writeFileSync(path.join(folder, 'notes.txt'), 'x');
      const report = await files.sweep();
      assert.equal(report.removedTemp, 1);
      assert.deepEqual(readdirSync(folder).sort(), [`.${key}.fedcba9876543210.tmp`, key, 'notes.txt'].sort());
      assert.deepEqual(report.strays, [path.join(key.slice(0, 2), 'notes.txt')]);
      assert.deepEqual(report.damaged, []);
    } finally {
      removeDir(dir);
    }
  });
});
