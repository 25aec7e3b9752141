/** Counts of waiting work in one agency; each takes the scope the policy gave for that agency. */
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';

const n = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

/** Documents in a status, optionally leaving out those the user drafted (whom the four-eyes rule bars from the step). */
export async function documentsInStatus(tx: Tx, scope: AgencyScope, status: string, notDraftedBy?: number): Promise<number> {
  let q = tx.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', scope.agencyId).where('status', '=', status);
  if (notDraftedBy !== undefined) q = q.where((eb) => eb.or([eb('created_by', 'is', null), eb('created_by', '!=', notDraftedBy)]));
  return n(await q.executeTakeFirst());
}

/** The user's own drafts whose last step was a reviewer's 退回. */
export async function returnedDrafts(tx: Tx, scope: AgencyScope, userId: number): Promise<number> {
  const row = await tx
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('documents.agency_id', '=', scope.agencyId)
    .where('documents.status', '=', 'draft')
    .where('documents.created_by', '=', userId)
    .where((eb) =>
      eb(
        eb
          .selectFrom('audit_log')
          .select('audit_log.action')
          .where('audit_log.entity', '=', 'document')
          .where('audit_log.entity_id', '=', eb.cast<string>(eb.ref('documents.id'), 'text'))
          .where('audit_log.action', 'in', ['document.reject', 'document.submit'])
          .orderBy('audit_log.id', 'desc')
          .limit(1),
        '=',
        'document.reject',
      ),
    )
    .executeTakeFirst();
  return n(row);
}

/** Open requests whose extension waits for approval (read from the stored projection). */
export async function extensionsWaiting(tx: Tx, scope: AgencyScope): Promise<number> {
  return n(
    await tx
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agency_id', '=', scope.agencyId)
      .where('phase', '!=', 'closed')
      .where('extension_status', '=', 'requested')
      .executeTakeFirst(),
  );
}

/** Years whose report is checked and waits for the head to publish it. */
export async function reportsWaiting(tx: Tx, scope: AgencyScope): Promise<number[]> {
  const rows = await tx.selectFrom('annual_reports').select('year').where('agency_id', '=', scope.agencyId).where('status', '=', 'checked').orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}
