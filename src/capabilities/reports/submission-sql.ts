/**
 * Storage of report submission (报送): the report rows of the agencies a superior follows, its
 * reminders (催报, migration 0017) and the 乡镇（街道） deadline it sets (an agency setting). Reads
 * of several agencies take a SubordinateReach (made only after the policy allowed the superior);
 * an agency's own reminders take its AgencyScope.
 */
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { SubordinateReach } from './submission-reach.ts';

/** The agency setting holding the 乡镇（街道） report deadline (MM-DD) a superior set. */
export const TOWNSHIP_DEADLINE_KEY = 'report_deadline.township';

/** The year's report row (status, publication) of each agency in reach that has one. */
export async function reportStates(tx: Tx, reach: SubordinateReach, year: number) {
  if (reach.ids.length === 0) return [];
  return tx
    .selectFrom('annual_reports')
    .select(['agency_id', 'status', 'published_at', 'version'])
    .where('agency_id', 'in', [...reach.ids])
    .where('year', '=', year)
    .execute();
}

const reminderColumns = (tx: Tx) =>
  tx
    .selectFrom('report_reminders as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('agencies as f', 'f.id', 'r.from_agency_id')
    .leftJoin('users as u', 'u.id', 'r.sent_by')
    .select(['r.id', 'r.agency_id', 'a.name as agency_name', 'r.year', 'r.from_agency_id', 'f.name as from_agency_name', 'u.display_name as sent_by', 'r.sent_at', 'r.note']);

/** The reminders of `year` to the agencies in reach, oldest first. */
export async function reminderRows(tx: Tx, reach: SubordinateReach, year: number) {
  if (reach.ids.length === 0) return [];
  return reminderColumns(tx).where('r.agency_id', 'in', [...reach.ids]).where('r.year', '=', year).orderBy('r.id').execute();
}

/** The reminders the scope's agency received (of `year`, or every year), newest first. */
export async function remindersTo(tx: Tx, scope: AgencyScope, year: number | null) {
  let q = reminderColumns(tx).where('r.agency_id', '=', scope.agencyId);
  if (year !== null) q = q.where('r.year', '=', year);
  return q.orderBy('r.id', 'desc').execute();
}

export async function insertReminder(tx: Tx, reach: SubordinateReach, values: { agencyId: number; year: number; sentBy: number | null; sentAt: string; note: string }): Promise<number> {
  const row = await tx
    .insertInto('report_reminders')
    .values({ agency_id: values.agencyId, year: values.year, from_agency_id: reach.scope.agencyId, sent_by: values.sentBy, sent_at: values.sentAt, note: values.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The 乡镇（街道） deadlines set by the given agencies (the reach and the superiors above it), by agency. */
export async function townshipDeadlineRows(tx: Tx, reach: SubordinateReach, above: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set([...reach.ids, ...above])];
  const rows = await tx.selectFrom('agency_settings').select(['agency_id', 'value']).where('agency_id', 'in', ids).where('key', '=', TOWNSHIP_DEADLINE_KEY).execute();
  return new Map(rows.map((r) => [r.agency_id, r.value]));
}

export async function saveTownshipDeadlineRow(tx: Tx, scope: AgencyScope, value: string | null): Promise<void> {
  await tx.deleteFrom('agency_settings').where('agency_id', '=', scope.agencyId).where('key', '=', TOWNSHIP_DEADLINE_KEY).execute();
  if (value !== null) await tx.insertInto('agency_settings').values({ agency_id: scope.agencyId, key: TOWNSHIP_DEADLINE_KEY, value }).execute();
}
