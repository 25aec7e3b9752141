import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { removeDir, tempDataDir } from '../helpers/server.ts';

/** PRAGMA synchronous answers with a number: 1 NORMAL, 2 FULL, 3 EXTRA. */
const LEVELS = { NORMAL: 1, FULL: 2, EXTRA: 3 } as const;

describe('SQLite durability setting', () => {
  for (const [setting, expected] of [[undefined, 'NORMAL'], ['full', 'FULL'], ['NORMAL', 'NORMAL'], ['extra', 'EXTRA']] as const) {
    it(`GONGKAI_SQLITE_SYNCHRONOUS=${setting ?? '(unset)'} opens the database with synchronous ${expected}`, async () => {
      const dir = tempDataDir();
      const env = { GONGKAI_DATA_DIR: dir, ...(setting ? { GONGKAI_SQLITE_SYNCHRONOUS: setting } : {}) };
      const { handle } = await openRuntime(loadConfig(env));
      try {
        const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
        assert.equal(rows[0]?.synchronous, LEVELS[expected]);
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
        assert.equal(mode.rows[0]?.journal_mode, 'wal');
      } finally {
        await handle.close();
        removeDir(dir);
      }
    });
  }

  it('refuses OFF and unknown modes with a message naming the setting', () => {
    for (const value of ['OFF', '0', 'fast']) {
      assert.throws(() => loadConfig({ GONGKAI_SQLITE_SYNCHRONOUS: value }), /GONGKAI_SQLITE_SYNCHRONOUS 配置无效/);
    }
  });
});
