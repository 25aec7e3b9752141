/** Reads of the hotline log: the caller is shown in full only to those who handle calls. */
import { maskMobile, maskName } from '../../domain/scan/mask.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { allows, scopeFor } from '../../services/policy.ts';
import type { HotlineCall, HotlineList, HotlineListQuery } from './contract.ts';
import type { CallRow } from './sql.ts';
import * as q from './sql.ts';

/** A call as a reader sees it: name and phone masked unless `full` (messages.personalData). */
export function callOf(r: CallRow, full: boolean): HotlineCall {
  return {
    id: r.id,
    agencyId: r.agency_id,
    orderNo: r.order_no ?? '',
    calledAt: r.called_at,
    callerName: full || !r.caller_name ? r.caller_name : maskName(r.caller_name),
    callerPhone: full || !r.caller_phone ? r.caller_phone : maskMobile(r.caller_phone),
    subject: r.subject,
    answer: r.answer,
    closed: r.closed === 1,
    source: r.source,
    masked: !full,
  };
}

export async function listCalls(deps: ServiceDeps, actor: Actor, agencyId: number, query: HotlineListQuery): Promise<HotlineList> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const full = allows(scope, 'messages.personalData');
  const needle = query.q?.trim();
  const rows = (await q.callRows(deps.db, scope, query)).filter((r) => !needle || [r.order_no ?? '', r.subject, r.answer].some((t) => t.includes(needle)));
  return { agencyId, items: rows.map((r) => callOf(r, full)), total: rows.length, closedCount: rows.filter((r) => r.closed === 1).length };
}
