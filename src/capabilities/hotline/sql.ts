/**
 * Storage of the hotline log. Every function takes the AgencyScope that only services/policy.ts
 * makes and stays within that scope's agency; nothing is deleted, deleted_at hides a row.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { HotlineListQuery } from './contract.ts';
import type { HotlineCallTable } from './tables.ts';

export type CallRow = Selectable<HotlineCallTable>;
export type CallValues = Omit<Insertable<HotlineCallTable>, 'id' | 'agency_id'>;

export async function callRows(tx: Tx, scope: AgencyScope, query: HotlineListQuery): Promise<CallRow[]> {
  let q = tx.selectFrom('hotline_calls').selectAll().where('agency_id', '=', scope.agencyId).where('deleted_at', 'is', null);
  if (query.from) q = q.where('called_at', '>=', `${query.from} 00:00`);
  if (query.to) q = q.where('called_at', '<=', `${query.to} 23:59`);
  if (query.closed) q = q.where('closed', '=', query.closed === 'closed' ? 1 : 0);
  return q.orderBy('called_at', 'desc').orderBy('id', 'desc').limit(2000).execute();
}

export async function callRow(tx: Tx, scope: AgencyScope, id: number): Promise<CallRow | undefined> {
  return tx.selectFrom('hotline_calls').selectAll().where('agency_id', '=', scope.agencyId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The calls already logged under these order numbers, deleted ones too (a re-import must not revive a duplicate). */
export async function callsByOrder(tx: Tx, scope: AgencyScope, orders: readonly string[]): Promise<Map<string, CallRow>> {
  const out = new Map<string, CallRow>();
  for (let i = 0; i < orders.length; i += 500) {
    const rows = await tx.selectFrom('hotline_calls').selectAll().where('agency_id', '=', scope.agencyId).where('order_no', 'in', orders.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.order_no!, r);
  }
  return out;
}

export async function insertCall(tx: Tx, scope: AgencyScope, values: CallValues): Promise<number> {
  const row = await tx.insertInto('hotline_calls').values({ ...values, agency_id: scope.agencyId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCall(tx: Tx, scope: AgencyScope, id: number, values: Partial<CallValues>): Promise<void> {
  await tx.updateTable('hotline_calls').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}
