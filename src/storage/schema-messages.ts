import type { Generated, Selectable } from 'kysely';

/** An agency's mailbox (乡长信箱, 政务公开信箱) with its reply limit per kind, in working days. */
export interface MailboxTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  description: Generated<string>;
  consultation_days: Generated<number>;
  suggestion_days: Generated<number>;
  complaint_days: Generated<number>;
  help_days: Generated<number>;
  active: Generated<number>;
  created_at: string;
}

/** A message; the columns after `received_date` are the projection of its events. */
export interface MessageTable {
  id: Generated<number>;
  agency_id: number;
  mailbox_id: number;
  query_code: string;
  channel: string;
  kind: string;
  title: string;
  body: string;
  writer_name: string;
  writer_phone: string;
  writer_email: string | null;
  writer_address: string | null;
  consent_to_publish: number;
  created_by: number | null;
  created_at: string;
  received_date: string;
  phase: string;
  limit_working_days: number;
  due_date: string;
  due_soon_from: string;
  red_from: string;
  due_provisional: Generated<number>;
  extension_status: string | null;
  accepted_date: string | null;
  closed_date: string | null;
  replied_on_time: number | null;
  published_date: string | null;
  rating: string | null;
}

/** One event of a message. Append-only: the migration's triggers refuse UPDATE and DELETE. */
export interface MessageEventTable {
  id: Generated<number>;
  message_id: number;
  seq: number;
  /** The agency that recorded it (a 转办 changes the handling agency; the trail stays). */
  agency_id: number;
  type: string;
  date: string;
  data_json: string;
  actor_user_id: number | null;
  recorded_at: string;
}

export type MailboxRow = Selectable<MailboxTable>;
export type MessageRow = Selectable<MessageTable>;
export type MessageEventRow = Selectable<MessageEventTable>;
