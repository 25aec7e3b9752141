/**
 * A notice's 文号 (issue 18 item 9): an agency that sets a 代字 (“常政信公”) numbers its notices
 * 常政信公〔2026〕3号, one sequence per agency and year, in the order they are first issued. Once
 * a notice has carried a number it keeps it, and no number is given twice (migration 0018).
 */
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { NoticeKind } from './contract.ts';
import { requestRow } from './sql.ts';

/** 代字〔年〕号 as written on a Chinese official document. */
export const formatNoticeNumber = (prefix: string, year: number, seq: number): string => `${prefix}〔${year}〕${seq}号`;

/** The number this request's notice of this kind already carries, if it was issued with one. */
export async function issuedNoticeNumber(tx: Tx, scope: AgencyScope, requestId: number, kind: NoticeKind): Promise<string | null> {
  await requestRow(tx, scope, requestId);
  const row = await tx.selectFrom('notice_numbers').select('doc_number').where('request_id', '=', requestId).where('kind', '=', kind).executeTakeFirst();
  return row?.doc_number ?? null;
}

/** The next free number of the scope's agency for a year (not yet taken: `claimNoticeNumber` takes it). */
export async function nextNoticeSeq(tx: Tx, scope: AgencyScope, year: number): Promise<number> {
  const row = await tx
    .selectFrom('notice_numbers')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('agency_id', '=', scope.agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/**
 * Records the number a notice was issued with. False when another issue took the number, or gave
 * this notice one, in the meantime: the caller then reads again and renders with that.
 */
export async function claimNoticeNumber(
  tx: Tx,
  scope: AgencyScope,
  n: { requestId: number; kind: NoticeKind; year: number; seq: number; docNumber: string; at: Date },
): Promise<boolean> {
  await requestRow(tx, scope, n.requestId);
  const inserted = await tx
    .insertInto('notice_numbers')
    .values({ agency_id: scope.agencyId, year: n.year, seq: n.seq, request_id: n.requestId, kind: n.kind, doc_number: n.docNumber, issued_at: n.at.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}
