/**
 * A one-person office may let the same account draft, review and approve (and ask for and
 * approve an extension). It is an agency setting that states its reason; every self-review is then
 * marked on the record and in the audit log.
 */
import { appendAudit } from '../storage/audit.ts';
import { AppError } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { scopeFor } from './policy.ts';

const KEY = 'self_review';

export interface SelfReviewSetting {
  allowed: boolean;
  reason: string | null;
  /** Who set it and when (ISO). */
  by: number | null;
  at: string | null;
}

export async function getSelfReview(tx: Tx, agencyId: number): Promise<SelfReviewSetting> {
  const row = await tx.selectFrom('agency_settings').select('value').where('agency_id', '=', agencyId).where('key', '=', KEY).executeTakeFirst();
  if (!row) return { allowed: false, reason: null, by: null, at: null };
  const v = JSON.parse(row.value) as { reason: string; by: number | null; at: string };
  return { allowed: true, reason: v.reason, by: v.by, at: v.at };
}

export async function setSelfReview(deps: ServiceDeps, actor: Actor, agencyId: number, input: { allowed: boolean; reason?: string | undefined }): Promise<SelfReviewSetting> {
  const reason = input.reason?.trim() ?? '';
  if (input.allowed && reason.length < 4) throw new AppError('REASON_REQUIRED', '开启自审须写明理由（如：本机构仅一人从事政务公开工作）', 400);
  return deps.db.transaction().execute(async (tx) => {
    await scopeFor(tx, actor, agencyId, 'selfReview.allow');
    const before = await getSelfReview(tx, agencyId);
    await tx.deleteFrom('agency_settings').where('agency_id', '=', agencyId).where('key', '=', KEY).execute();
    const by = actor.kind === 'user' ? actor.userId : null;
    if (input.allowed) await tx.insertInto('agency_settings').values({ agency_id: agencyId, key: KEY, value: JSON.stringify({ reason, by, at: deps.now().toISOString() }) }).execute();
    const after = await getSelfReview(tx, agencyId);
    await appendAudit(tx, { at: deps.now(), actorUserId: by, agencyId, action: input.allowed ? 'agency.self-review-on' : 'agency.self-review-off', entity: 'agency', entityId: agencyId, before, after });
    return after;
  });
}
