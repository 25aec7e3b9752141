import { createHash } from 'node:crypto';

/**
 * The audit log as a hash chain: each entry's hash covers the previous entry's hash and the
 * entry's own stored fields, so changing, removing or inserting an entry anywhere but at the end
 * breaks every later link. A chain can still be rebuilt whole by someone who can write the
 * database; exporting the newest hash elsewhere (an anchor) catches that too.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as stored: exactly the columns the hash covers. */
export interface ChainedFields {
  seq: number;
  at: string;
  actor_user_id: number | null;
  agency_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  const content = JSON.stringify([e.seq, e.at, e.actor_user_id, e.agency_id, e.action, e.entity, e.entity_id, e.before_json, e.after_json]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

export interface StoredEntry extends ChainedFields {
  id: number;
  prev_hash: string | null;
  hash: string | null;
}

export type ChainProblem =
  /** Entries are missing between two that remain (deleted). */
  | { kind: 'gap'; afterSeq: number; nextSeq: number; id: number }
  /** The entry does not name the previous entry's hash (removed, reordered or forged). */
  | { kind: 'link'; seq: number; id: number }
  /** The entry's fields no longer give its hash (edited). */
  | { kind: 'content'; seq: number; id: number }
  /** An entry written around the chain (no sequence number or hash). */
  | { kind: 'unchained'; id: number }
  /** The newest entries are gone: the chain ends before the recorded head. */
  | { kind: 'tail'; lastSeq: number; headSeq: number }
  /** The chain no longer passes through a hash exported earlier. */
  | { kind: 'anchor'; seq: number };

export interface Anchor {
  seq: number;
  hash: string;
}

/** Walks entries in sequence order, one batch at a time; stops at the first problem. */
export class ChainWalker {
  private seq = 0;
  private hash = GENESIS_HASH;
  private anchorSeen = false;
  problem: ChainProblem | null = null;

  constructor(private readonly anchor?: Anchor) {}

  get last(): Anchor {
    return { seq: this.seq, hash: this.hash };
  }

  /** Returns false once a problem is found. */
  step(e: StoredEntry): boolean {
    if (this.problem) return false;
    if (e.seq !== this.seq + 1) this.problem = { kind: 'gap', afterSeq: this.seq, nextSeq: e.seq, id: e.id };
    else if (e.prev_hash !== this.hash) this.problem = { kind: 'link', seq: e.seq, id: e.id };
    else if (e.hash !== entryHash(this.hash, e)) this.problem = { kind: 'content', seq: e.seq, id: e.id };
    else if (this.anchor && e.seq === this.anchor.seq && e.hash !== this.anchor.hash) this.problem = { kind: 'anchor', seq: e.seq };
    if (this.problem) return false;
    if (this.anchor && e.seq === this.anchor.seq) this.anchorSeen = true;
    this.seq = e.seq;
    this.hash = e.hash!;
    return true;
  }

  /** After the last entry: the recorded head must be where the chain ended. */
  finish(head: Anchor): ChainProblem | null {
    if (this.problem) return this.problem;
    if (head.seq !== this.seq || head.hash !== this.hash) this.problem = { kind: 'tail', lastSeq: this.seq, headSeq: head.seq };
    else if (this.anchor && !this.anchorSeen) this.problem = { kind: 'anchor', seq: this.anchor.seq };
    return this.problem;
  }
}

/** The problem for people, in Chinese. */
export function describeChainProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'gap':
      return `第 ${p.afterSeq} 条之后缺少 ${p.nextSeq - p.afterSeq - 1} 条记录（下一条为第 ${p.nextSeq} 条，编号 ${p.id}）：记录被删除`;
    case 'link':
      return `第 ${p.seq} 条记录（编号 ${p.id}）与前一条记录的哈希不衔接：记录被删除、调换或伪造`;
    case 'content':
      return `第 ${p.seq} 条记录（编号 ${p.id}）的内容与其哈希不符：记录被修改`;
    case 'unchained':
      return `编号 ${p.id} 的记录没有链上序号或哈希：绕过系统直接写入`;
    case 'tail':
      return `链在第 ${p.lastSeq} 条结束，但链头记录为第 ${p.headSeq} 条：最新的记录被删除`;
    case 'anchor':
      return `第 ${p.seq} 条记录与先前导出的哈希不符或已不存在：审计日志被整体改写`;
  }
}

/** `seq:hash` as printed by `gongkai audit head`. */
export function parseAnchor(text: string): Anchor | null {
  const m = /^([1-9]\d{0,11}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
