/**
 * End-to-end check of the exactness claim against real SQLite FTS5 (unicode61), in memory.
 * This is the storage layer's engine; the test only uses it to prove the domain's tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import {
  matchesAll,
  parseQuery,
  toFts5Document,
  toFts5Query,
} from '../../../src/domain/search/index.ts';
import { CORPUS, IDS } from './corpus.ts';
import { randomQuery, randomText, rng } from './random.ts';

interface Db {
  exec(sql: string): void;
  prepare(sql: string): {
    run(...args: unknown[]): unknown;
    all(...args: unknown[]): Array<{ rowid: number }>;
  };
  close(): void;
}

function openDb(): Db | undefined {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Db;
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61')");
    return db;
  } catch {
    return undefined;
  }
}

const db = openDb();
const skip = db ? false : 'better-sqlite3 with FTS5 is not available';

test('FTS5 returns exactly the documents matchesAll accepts', { skip }, () => {
  assert.ok(db);
  const next = rng(4242);
  const docs = [
    ...IDS.map((id) => CORPUS[id]!),
    ...Array.from({ length: 600 }, () => randomText(next, 30)),
  ];
  const insert = db.prepare('INSERT INTO doc(rowid, body) VALUES (?, ?)');
  docs.forEach((d, i) => insert.run(i + 1, toFts5Document(d)));
  const select = db.prepare('SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid');

  const queries = [
    '低保',
    '扶贫',
    '医疗救助',
    '资金额',
    '年',
    '2025年',
    '２０２４',
    'covid-19',
    '低保 对象',
    '"低保" OR 扶贫',
    'NEAR(低保 扶贫)',
    'title:低保*',
    ...Array.from({ length: 500 }, () =>
      randomQuery(next, docs[Math.floor(next() * docs.length)] ?? ''),
    ),
  ];
  let nonEmpty = 0;
  for (const q of queries) {
    const parsed = parseQuery(q);
    const fts = toFts5Query(parsed);
    const expected = docs.flatMap((d, i) => (matchesAll(d, parsed) ? [i + 1] : []));
    const actual = fts === '' ? [] : select.all(fts).map((r) => r.rowid);
    assert.deepEqual(actual, expected, `query ${JSON.stringify(q)} → ${fts}`);
    if (expected.length > 0) nonEmpty++;
  }
  assert.ok(nonEmpty > 100);
  db.close();
});
