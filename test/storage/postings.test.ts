import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockOf,
  encodePostings,
  filterPhrase,
  intersectIds,
  mergePostings,
  PostingList,
  type Posting,
} from '../../src/storage/search/postings.ts';
import { sortKeyBase } from '../../src/storage/search/rows.ts';
import { coverOf } from '../../src/storage/search/postgres.ts';
import { rng } from '../../bench/generate-documents.ts';

describe('search posting lists', () => {
  it('round-trips plain and positional lists, including large ids and positions', () => {
    const plain: Posting[] = [7, 1, 2 ** 31 - 1, 128, 0].map((id) => ({ id, positions: null }));
    const list = new PostingList(encodePostings(plain));
    assert.deepEqual(Array.from(list.ids), [0, 1, 7, 128, 2 ** 31 - 1]);
    assert.equal(list.positional, false);
    assert.equal(list.positionsAt(0), null);

    const positional: Posting[] = [
      { id: 300, positions: [0, 1, 200, 100_000] },
      { id: 5, positions: [127, 128] },
      { id: 6, positions: [] },
    ];
    const p = new PostingList(encodePostings(positional));
    assert.deepEqual(Array.from(p.ids), [5, 6, 300]);
    assert.deepEqual([p.positionsAt(0), p.positionsAt(1), p.positionsAt(2)], [[127, 128], [], [0, 1, 200, 100_000]]);
    assert.deepEqual(new PostingList(encodePostings([])).ids.length, 0);
  });

  it('round-trips random lists', () => {
    const next = rng(11);
    for (let round = 0; round < 50; round++) {
      const ids = new Set<number>();
      const n = Math.floor(next() * 300);
      while (ids.size < n) ids.add(Math.floor(next() * 10 ** (1 + Math.floor(next() * 8))));
      const positional = next() < 0.5;
      const postings = [...ids].map((id) => ({
        id,
        positions: positional ? [...new Set(Array.from({ length: Math.floor(next() * 5) }, () => Math.floor(next() * 5000)))].sort((a, b) => a - b) : null,
      }));
      const list = new PostingList(encodePostings(postings));
      const sorted = [...postings].sort((a, b) => a.id - b.id);
      assert.deepEqual(list.entries(), sorted);
      for (const [i, p] of sorted.entries()) assert.equal(list.indexOf(p.id), i);
      assert.equal(list.indexOf(-5), -1);
    }
  });

  it('rejects duplicate ids, negative ids and unordered positions', () => {
    assert.throws(() => encodePostings([{ id: 1, positions: null }, { id: 1, positions: null }]), RangeError);
    assert.throws(() => encodePostings([{ id: -1, positions: null }]), RangeError);
    assert.throws(() => encodePostings([{ id: 1, positions: [3, 2] }]), RangeError);
    assert.throws(() => new PostingList({ ids: Buffer.from([0, 5, 1]), pos: null }), RangeError);
  });

  it('merges removals and additions; an addition replaces the old entry; empty lists vanish', () => {
    const start = encodePostings([1, 2, 3].map((id) => ({ id, positions: [id] })));
    const merged = mergePostings(start, new Set([1, 2]), new Map([[2, [9, 10]], [4, [0]]]));
    assert.deepEqual(new PostingList(merged!).entries(), [
      { id: 2, positions: [9, 10] },
      { id: 3, positions: [3] },
      { id: 4, positions: [0] },
    ]);
    assert.equal(mergePostings(start, new Set([1, 2, 3]), new Map()), null);
    assert.deepEqual(Array.from(new PostingList(mergePostings(null, new Set(), new Map([[8, null]]))!).ids), [8]);
  });

  it('intersects sorted id lists', () => {
    const a = Int32Array.from([1, 3, 5, 7, 9, 11, 1000]);
    const b = Int32Array.from(Array.from({ length: 2000 }, (_, i) => i));
    const c = Int32Array.from([0, 3, 9, 1000, 5000]);
    assert.deepEqual(Array.from(intersectIds([a, b, c])), [3, 9, 1000]);
    assert.deepEqual(Array.from(intersectIds([a])), Array.from(a));
    assert.deepEqual(Array.from(intersectIds([a, Int32Array.from([])])), []);
    assert.deepEqual(Array.from(intersectIds([])), []);
    const next = rng(3);
    for (let round = 0; round < 30; round++) {
      const lists = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
        Int32Array.from([...new Set(Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 300)))].sort((x, y) => x - y)),
      );
      const want = Array.from(lists[0]!).filter((v) => lists.every((l) => l.includes(v)));
      assert.deepEqual(Array.from(intersectIds(lists)), want);
    }
  });

  it('keeps the documents in which the bigrams stand adjacent in order', () => {
    // 医疗救助 = 医疗@p, 疗救@p+1, 救助@p+2; documents 1–5 hold all three bigrams.
    const list = (entries: Array<[number, number[]]>) => new PostingList(encodePostings(entries.map(([id, positions]) => ({ id, positions }))));
    const a = list([[1, [4, 20]], [2, [4, 20]], [3, [4]], [4, []], [5, [0, 300, 1000]]]);
    const b = list([[1, [21]], [2, [5]], [3, [5]], [4, [1]], [5, [301, 1001]]]);
    const c = list([[1, [22]], [2, [22]], [3, [6]], [4, [2]], [5, [302]]]);
    assert.deepEqual(Array.from(filterPhrase(Int32Array.from([1, 2, 3, 4, 5]), [a, b, c])), [1, 3, 5]);
    // The same bigram twice (哈哈哈 = 哈哈@p, 哈哈@p+1).
    const h = list([[1, [3, 4]], [2, [3, 7]]]);
    assert.deepEqual(Array.from(filterPhrase(Int32Array.from([1, 2]), [h, h])), [1]);
    // Many positions: the buffers grow.
    const many = Array.from({ length: 500 }, (_, i) => i * 3);
    const x = list([[9, many]]);
    const y = list([[9, many.map((p) => p + 2).concat([1500])]]);
    assert.deepEqual(Array.from(filterPhrase(Int32Array.from([9]), [x, y])), []);
    const z = list([[9, [1498]]]);
    assert.deepEqual(Array.from(filterPhrase(Int32Array.from([9]), [x, z])), [9]);
  });

  it('checks positions at given offsets (a cover of a phrase)', () => {
    const list = (entries: Array<[number, number[]]>) => new PostingList(encodePostings(entries.map(([id, positions]) => ({ id, positions }))));
    const a = list([[1, [10]], [2, [10]]]);
    const c = list([[1, [12]], [2, [13]]]);
    assert.deepEqual(Array.from(filterPhrase(Int32Array.from([1, 2]), [a, c], [0, 2])), [1]);
  });

  it('files sort keys into blocks of about 12 days, in date order', () => {
    const a = blockOf(sortKeyBase('2025-01-01T00:00:00Z'));
    const b = blockOf(sortKeyBase('2025-01-01T00:00:00Z') + 2 ** 20 - 1);
    assert.equal(a, b);
    assert.equal(blockOf(sortKeyBase('2025-01-01T00:00:00Z') + 2 ** 40) - a, 1);
    assert.ok([1, 2].includes(blockOf(sortKeyBase('2025-01-14T00:00:00Z')) - a));
    assert.ok(blockOf(sortKeyBase('1999-06-30T16:00:00Z')) < a);
    assert.ok(blockOf(sortKeyBase('1900-01-01T00:00:00Z')) < 0);
  });
});

describe('phrase covers', () => {
  it('keeps the first and last bigram, never skips two neighbours, and costs the least', () => {
    assert.deepEqual(coverOf([]), []);
    assert.deepEqual(coverOf([5]), [0]);
    assert.deepEqual(coverOf([5, 9]), [0, 1]);
    assert.deepEqual(coverOf([5, 100, 5]), [0, 2]);
    // 政府 府信 信息 息公 公开: skip the two dearest that are not neighbours.
    assert.deepEqual(coverOf([80, 60, 60, 60, 60]), [0, 2, 4]);
    assert.deepEqual(coverOf([1, 1, 100, 1]), [0, 1, 3]);
    // 数字 字人 人民 民币, with 人民 frequent.
    assert.deepEqual(coverOf([30, 2, 500, 4]), [0, 1, 3]);
    for (let m = 1; m < 9; m++) {
      const cover = coverOf(Array.from({ length: m }, (_, i) => (i * 7919) % 13));
      assert.equal(cover[0], 0);
      assert.equal(cover[cover.length - 1], m - 1);
      for (let k = 1; k < cover.length; k++) assert.ok(cover[k]! - cover[k - 1]! <= 2);
    }
  });
});
