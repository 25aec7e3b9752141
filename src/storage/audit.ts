import type { Tx } from '../services/context.ts';

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

/** Append-only: there is no update or delete path for audit rows anywhere in the code. */
export async function appendAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      at: record.at.toISOString(),
      actor_user_id: record.actorUserId,
      agency_id: record.agencyId,
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId === null ? null : String(record.entityId),
      before_json: record.before === undefined ? null : JSON.stringify(redact(record.before)),
      after_json: record.after === undefined ? null : JSON.stringify(redact(record.after)),
    })
    .execute();
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
