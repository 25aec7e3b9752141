/**
 * Posting lists of the PostgreSQL search index, encoded and decoded in the application (no I/O).
 *
 * The index has one row per (token, block): the ids of the documents in that block that contain
 * the token, ascending. A block is a span of publication time (2^22 s, about 49 days), so
 * blocks read newest first give documents newest first, and a search stops after the blocks
 * that fill its page and its capped count. Bigram tokens also keep their positions in the
 * document's token stream (tokens.ts; a word or separator counts two, see postgres.ts), so that a
 * term of three or more characters is matched as a phrase without reading the documents.
 *
 * Encoding (unsigned LEB128 varints), in two columns so that a search reads positions only for
 * the blocks where the ids left candidates:
 *   ids: flags byte (bit 0: positional) · n · n id deltas (the first from 0)
 *   pos (positional lists only): n byte lengths · each document's positions as deltas (the first from −1)
 */

/** Publication seconds per block: sort keys are seconds × 2^20 + slot (rows.ts). */
export const BLOCK_SECONDS_BITS = 22;
const KEYS_PER_BLOCK = 2 ** (BLOCK_SECONDS_BITS + 20);

/** The block of a sort key. Blocks are ordered like the sort keys in them. */
export function blockOf(sortKey: number): number {
  return Math.floor(sortKey / KEYS_PER_BLOCK);
}

/** The sort keys of a block: [first, end). */
export function sortKeyRange(block: number): [number, number] {
  return [block * KEYS_PER_BLOCK, (block + 1) * KEYS_PER_BLOCK];
}

/** One document's entry: its id and, for positional tokens, its sorted positions. */
export interface Posting {
  id: number;
  positions: readonly number[] | null;
}

class Writer {
  private buf = Buffer.allocUnsafe(256);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    this.ensure(8);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  append(other: Writer): void {
    this.ensure(other.length);
    other.buf.copy(this.buf, this.length, 0, other.length);
    this.length += other.length;
  }

  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

/** An encoded posting list: the ids, and the positions of a positional list. */
export interface EncodedPostings {
  ids: Buffer;
  pos: Buffer | null;
}

/** Encodes postings (any order, distinct ids). Positional when the first has positions. */
export function encodePostings(postings: readonly Posting[]): EncodedPostings {
  const sorted = [...postings].sort((a, b) => a.id - b.id);
  const positional = sorted.length > 0 && sorted[0]!.positions !== null;
  const w = new Writer();
  w.byte(positional ? 1 : 0);
  w.varint(sorted.length);
  let last = 0;
  for (const p of sorted) {
    if (p.id < last || (p.id === last && p !== sorted[0])) throw new RangeError(`duplicate or negative id ${p.id}`);
    w.varint(p.id - last);
    last = p.id;
  }
  if (!positional) return { ids: w.done(), pos: null };
  const parts = sorted.map((p) => {
    if (p.positions === null) throw new TypeError('mixed positional and plain postings');
    const part = new Writer();
    let prev = -1;
    for (const pos of p.positions) {
      if (pos <= prev) throw new RangeError('positions must ascend');
      part.varint(pos - prev - 1);
      prev = pos;
    }
    return part;
  });
  const pos = new Writer();
  for (const part of parts) pos.varint(part.length);
  for (const part of parts) pos.append(part);
  return { ids: w.done(), pos: pos.done() };
}

/** A reusable array of decoded positions: the first `count` entries of `data`. */
export class PositionBuffer {
  data = new Int32Array(64);
  count = 0;
}

/** A decoded posting list: ids ascending, positions decoded on demand. */
export class PostingList {
  readonly ids: Int32Array;

  /** Set for positional lists once their positions are read (see withPositions). */
  private data: Uint8Array | null;
  readonly positional: boolean;

  constructor(encoded: { ids: Uint8Array; pos: Uint8Array | null }) {
    const data = encoded.ids;
    // Inlined varint reads: lists of tens of thousands of ids are decoded per search.
    const len = data.length;
    let at = 1;
    let b = 0;
    let n = 0;
    let shift = 0;
    do {
      if (at >= len) throw new RangeError('truncated posting list');
      b = data[at++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b >= 0x80);
    const ids = new Int32Array(n);
    let id = 0;
    for (let i = 0; i < n; i++) {
      if (at >= len) throw new RangeError('truncated posting list');
      b = data[at++]!;
      let v = b & 0x7f;
      if (b >= 0x80) {
        b = data[at++]!;
        v |= (b & 0x7f) << 7;
        if (b >= 0x80) {
          b = data[at++]!;
          v |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = data[at++]!;
            v |= (b & 0x7f) << 21;
            if (b >= 0x80) {
              b = data[at++]!;
              v += (b & 0x7f) * 2 ** 28;
              if (b >= 0x80) throw new RangeError('id out of range in posting list');
            }
          }
        }
      }
      id += v;
      ids[i] = id;
    }
    if (at > len) throw new RangeError('truncated posting list');
    this.ids = ids;
    this.positional = ((data[0] ?? 0) & 1) === 1;
    this.data = encoded.pos;
  }

  /** Adds the positions of a positional list read without them. */
  withPositions(pos: Uint8Array): this {
    this.data = pos;
    this.starts = null;
    return this;
  }

  private starts: Int32Array | null = null;

  /** Byte offsets of each document's positions (null for a plain list), found on first use. */
  private get posStart(): Int32Array | null {
    if (!this.positional) return null;
    if (this.starts) return this.starts;
    const data = this.data;
    if (data === null) throw new Error('positions not read for this posting list');
    const n = this.ids.length;
    const lengths = new Int32Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      let b = data[at++]!;
      let v = b & 0x7f;
      let shift = 7;
      while (b >= 0x80) {
        b = data[at++]!;
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      }
      lengths[i] = v;
    }
    const starts = new Int32Array(n + 1);
    starts[0] = at;
    for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + lengths[i]!;
    if (starts[n]! > data.length) throw new RangeError('truncated posting list');
    return (this.starts = starts);
  }

  /** Positions of the document at index `i` of `ids` (null for a plain list). */
  positionsAt(i: number): number[] | null {
    if (!this.positional) return null;
    const into = new PositionBuffer();
    this.positionsInto(i, into);
    return Array.from(into.data.subarray(0, into.count));
  }

  /**
   * Decodes the positions of the document at index `i` into `into` (its array grown when too
   * small), without allocating in the common case.
   */
  positionsInto(i: number, into: PositionBuffer): void {
    into.count = 0;
    const starts = this.posStart;
    if (i < 0 || starts === null) return;
    let at = starts[i]!;
    const end = starts[i + 1]!;
    let buf = into.data;
    let count = 0;
    let prev = -1;
    const data = this.data!;
    while (at < end) {
      let b = data[at++]!;
      let v = b & 0x7f;
      let mul = 0x80;
      while (b >= 0x80) {
        b = data[at++]!;
        v += (b & 0x7f) * mul;
        mul *= 0x80;
      }
      prev += v + 1;
      if (count === buf.length) {
        const grown = new Int32Array(buf.length * 2 + 16);
        grown.set(buf);
        buf = into.data = grown;
      }
      buf[count++] = prev;
    }
    into.count = count;
  }

  /**
   * Index of `id` in `ids`, or −1, searching from index `from`: galloping ahead, then binary
   * search, so ids looked up in ascending order cost time in proportion to the log of the gap.
   */
  indexOf(id: number, from = 0): number {
    const ids = this.ids;
    const n = ids.length;
    let lo = Math.max(0, from);
    let hi = lo;
    let step = 1;
    while (hi < n && ids[hi]! < id) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi >= n) hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Every posting, for rewriting the list. */
  entries(): Posting[] {
    return Array.from(this.ids, (id, i) => ({ id, positions: this.positionsAt(i) }));
  }
}

/**
 * Applies removals and additions (additions win over removals of the same id) and returns the
 * new encoded list, or null when it is empty.
 */
export function mergePostings(
  current: { ids: Uint8Array; pos: Uint8Array | null } | null,
  remove: ReadonlySet<number>,
  add: ReadonlyMap<number, readonly number[] | null>,
): EncodedPostings | null {
  const kept = (current ? new PostingList(current).entries() : []).filter((p) => !remove.has(p.id) && !add.has(p.id));
  for (const [id, positions] of add) kept.push({ id, positions });
  return kept.length === 0 ? null : encodePostings(kept);
}

/** Ids present in every list, ascending (the shortest list drives the intersection). */
export function intersectIds(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0]!;
  for (const other of sorted.slice(1)) {
    const out = new Int32Array(result.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < result.length && j < other.length; i++) {
      const v = result[i]!;
      // Gallop: other lists are usually much longer.
      let step = 1;
      while (j + step < other.length && other[j + step]! < v) step *= 2;
      let lo = j;
      let hi = Math.min(j + step, other.length - 1);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (other[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
      if (other[j] === v) out[n++] = v;
    }
    result = out.subarray(0, n);
    if (n === 0) break;
  }
  return result;
}

/**
 * Keeps the ids (ascending, all present in every list) whose positions hold the lists' tokens
 * in place: a position p of the first list with p + offsets[k] in the k-th (offsets ascending,
 * the first 0; by default 0, 1, 2, …: adjacent in order). For each document the starting
 * positions still possible are narrowed list by list (all positions ascend, so each step is a
 * merge), and a document is dropped as soon as none remain, without decoding its other lists.
 * Buffers are reused: no allocation per document.
 */
export function filterPhrase(ids: Int32Array, lists: readonly PostingList[], offsets: readonly number[] = lists.map((_, k) => k)): Int32Array {
  const m = lists.length;
  const found = new Int32Array(m);
  const decoded = new PositionBuffer();
  let starts = new Int32Array(64);
  const out = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // ids ascend, so each list is searched from where the previous id was found.
    const first = lists[0]!;
    found[0] = first.indexOf(id, found[0]!);
    first.positionsInto(found[0]!, decoded);
    let live = decoded.count;
    if (starts.length < live) starts = new Int32Array(live * 2);
    starts.set(decoded.data.subarray(0, live));
    for (let k = 1; k < m && live > 0; k++) {
      const list = lists[k]!;
      found[k] = list.indexOf(id, found[k]!);
      list.positionsInto(found[k]!, decoded);
      const offset = offsets[k]!;
      const pos = decoded.data;
      const count = decoded.count;
      let kept = 0;
      let j = 0;
      for (let a = 0; a < live && j < count; a++) {
        const target = starts[a]! + offset;
        while (j < count && pos[j]! < target) j++;
        if (j < count && pos[j] === target) starts[kept++] = starts[a]!;
      }
      live = kept;
    }
    if (live > 0) out[n++] = id;
  }
  return out.subarray(0, n);
}
