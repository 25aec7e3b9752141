/**
 * Storage of meetings and their follow-up items. Every function takes the AgencyScope that only
 * services/policy.ts makes and stays within its agency; nothing is deleted, deleted_at hides a row.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { MeetingFollowUpTable, MeetingTable } from './meeting-tables.ts';

export type MeetingRow = Selectable<MeetingTable>;
export type FollowUpRow = Selectable<MeetingFollowUpTable>;
type MeetingValues = Omit<Insertable<MeetingTable>, 'id' | 'agency_id'>;

export async function meetingRows(tx: Tx, scope: AgencyScope, year: number): Promise<MeetingRow[]> {
  return tx
    .selectFrom('meetings')
    .selectAll()
    .where('agency_id', '=', scope.agencyId)
    .where('deleted_at', 'is', null)
    .where('held_on', '>=', `${year}-01-01`)
    .where('held_on', '<=', `${year}-12-31`)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function meetingRow(tx: Tx, scope: AgencyScope, id: number): Promise<MeetingRow | undefined> {
  return tx.selectFrom('meetings').selectAll().where('agency_id', '=', scope.agencyId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertMeeting(tx: Tx, scope: AgencyScope, values: MeetingValues): Promise<number> {
  return (await tx.insertInto('meetings').values({ ...values, agency_id: scope.agencyId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMeeting(tx: Tx, scope: AgencyScope, id: number, values: Partial<MeetingValues>): Promise<void> {
  await tx.updateTable('meetings').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}

export async function followUpRows(tx: Tx, scope: AgencyScope, meetingIds: readonly number[]): Promise<FollowUpRow[]> {
  if (meetingIds.length === 0) return [];
  return tx.selectFrom('meeting_follow_ups').selectAll().where('agency_id', '=', scope.agencyId).where('meeting_id', 'in', [...meetingIds]).where('deleted_at', 'is', null).orderBy('meeting_id').orderBy('sort').execute();
}

export async function insertFollowUp(tx: Tx, scope: AgencyScope, values: Omit<Insertable<MeetingFollowUpTable>, 'id' | 'agency_id'>): Promise<void> {
  await tx.insertInto('meeting_follow_ups').values({ ...values, agency_id: scope.agencyId }).execute();
}

export async function updateFollowUp(tx: Tx, scope: AgencyScope, id: number, values: Partial<Omit<FollowUpRow, 'id' | 'agency_id' | 'meeting_id'>>): Promise<void> {
  await tx.updateTable('meeting_follow_ups').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}
