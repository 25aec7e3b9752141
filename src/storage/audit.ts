import type { Kysely, Transaction } from 'kysely';
import type { Tx } from '../services/context.ts';
import type { Database } from './schema.ts';
import { ChainWalker, entryHash, type Anchor, type ChainProblem, type StoredEntry } from '../domain/audit/chain.ts';

export interface AuditRecord {
  at: Date;
  actorUserId: number | null;
  agencyId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The single writer of the audit log. Each entry is chained to the one before (docs/decisions/009):
 * the chain head row is updated first, which locks it until the surrounding transaction ends, so
 * appenders in any number of processes take turns and the chain stays one line. On SQLite the
 * database's single writer does the same. No code path updates or deletes audit rows, and the
 * migration's triggers refuse it.
 */
export async function appendAudit(tx: Tx, record: AuditRecord): Promise<void> {
  if (!tx.isTransaction) {
    await (tx as Kysely<Database>).transaction().execute((t) => appendAudit(t, record));
    return;
  }
  const head = await (tx as Transaction<Database>)
    .updateTable('audit_chain_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const fields = {
    seq: head.seq,
    at: record.at.toISOString(),
    actor_user_id: record.actorUserId,
    agency_id: record.agencyId,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId === null ? null : String(record.entityId),
    before_json: record.before === undefined ? null : JSON.stringify(redact(record.before)),
    after_json: record.after === undefined ? null : JSON.stringify(redact(record.after)),
  };
  const hash = entryHash(head.hash, fields);
  await tx.insertInto('audit_log').values({ ...fields, prev_hash: head.hash, hash }).execute();
  await tx.updateTable('audit_chain_head').set({ hash }).where('id', '=', 1).execute();
}

/** Secrets never enter the audit log. */
function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = /password|token|secret/i.test(k) ? '[已隐去]' : redact(v);
  }
  return out;
}

/** The newest entry's sequence number and hash (0 and the genesis hash for an empty log). */
export async function auditChainHead(tx: Tx): Promise<Anchor & { at: string | null }> {
  const head = await tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const last = head.seq > 0 ? await tx.selectFrom('audit_log').select('at').where('seq', '=', head.seq).executeTakeFirst() : undefined;
  return { seq: head.seq, hash: head.hash, at: last?.at ?? null };
}

export interface ChainVerification {
  entries: number;
  head: Anchor;
  problem: ChainProblem | null;
}

const BATCH = 2000;

/**
 * Reads the chain in sequence order, a batch at a time, up to the head as it was when the check
 * began (entries appended meanwhile are left for the next check), and reports the first problem.
 */
export async function verifyAuditChain(db: Tx, anchor?: Anchor): Promise<ChainVerification> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const unchained = await db.selectFrom('audit_log').select('id').where((eb) => eb.or([eb('seq', 'is', null), eb('hash', 'is', null)])).orderBy('id').limit(1).executeTakeFirst();
  if (unchained) return { entries: 0, head, problem: { kind: 'unchained', id: unchained.id } };
  const walker = new ChainWalker(anchor);
  let entries = 0;
  for (let after = 0; ; ) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'at', 'actor_user_id', 'agency_id', 'action', 'entity', 'entity_id', 'before_json', 'after_json', 'prev_hash', 'hash'])
      .where('seq', '>', after)
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(BATCH)
      .execute()) as StoredEntry[];
    for (const row of rows) {
      if (!walker.step(row)) return { entries, head, problem: walker.problem };
      entries++;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { entries, head, problem: walker.finish(head) };
}
