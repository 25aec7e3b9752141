/**
 * One write of a capability: the policy's scope for a permission, the transaction, and the audit
 * entry of what the work reports. Used by the interviews, hotline and meeting records.
 */
import type { Permission } from '../domain/access/policy.ts';
import { appendAudit } from '../storage/audit.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { AppError } from './errors.ts';
import { scopeFor, type AgencyScope } from './policy.ts';

export interface AuditNote {
  action: string;
  entity: string;
  id: number | string;
  before?: unknown;
  after?: unknown;
}

export const actorUserId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

export async function auditedWrite<T>(deps: ServiceDeps, actor: Actor, agencyId: number, permission: Permission, work: (tx: Tx, scope: AgencyScope, at: string) => Promise<{ result: T; audit: AuditNote }>): Promise<T> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, permission);
    const now = deps.now();
    const { result, audit } = await work(tx, scope, now.toISOString());
    await appendAudit(tx, { at: now, actorUserId: actorUserId(actor), agencyId, action: audit.action, entity: audit.entity, entityId: audit.id, before: audit.before ?? null, after: audit.after ?? null });
    return result;
  });
}

/** Every problem of an input, in Chinese, each with its field (the first one's code is the error's). */
export function invalidInput(problems: readonly { field: string; code: string; message: string }[]): AppError {
  return new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });
}
