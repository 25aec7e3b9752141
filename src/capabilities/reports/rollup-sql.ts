/**
 * Storage of the roll-up (汇总): the published reports (current version: the row in
 * annual_reports, which a correction rewrites) of the members a superior may follow. It takes a
 * SubordinateReach, made only after the policy allowed the superior, and reads no agency outside it.
 */
import type { Tx } from '../../services/context.ts';
import type { SubordinateReach } from './submission-reach.ts';

export async function publishedOfMembers(tx: Tx, reach: SubordinateReach, ids: readonly number[], year: number) {
  const inReach = ids.filter((id) => reach.ids.includes(id));
  if (inReach.length === 0) return [];
  return tx
    .selectFrom('annual_reports')
    .select(['agency_id', 'snapshot_json', 'published_at', 'version'])
    .where('agency_id', 'in', inReach)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .where('snapshot_json', 'is not', null)
    .execute();
}
