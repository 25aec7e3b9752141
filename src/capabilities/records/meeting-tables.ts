/** Table types of meetings (migration 0023), kept beside the other work records (decision 030). */
import type { Generated } from 'kysely';

export interface MeetingTable {
  id: Generated<number>;
  agency_id: number;
  kind: 'symposium' | 'villagers' | 'openDay';
  held_on: string;
  title: string;
  participant_count: number;
  /** JSON array of the kinds of participants. */
  participant_kinds: string;
  topics: string;
  minutes: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingFollowUpTable {
  id: Generated<number>;
  meeting_id: number;
  agency_id: number;
  sort: number;
  item: string;
  owner: string;
  due_on: string;
  done_on: string | null;
  deleted_at: string | null;
}

export interface MeetingTables {
  meetings: MeetingTable;
  meeting_follow_ups: MeetingFollowUpTable;
}
