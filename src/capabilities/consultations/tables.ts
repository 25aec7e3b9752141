/** Table types of the consultations capability (migration 0021), merged into the storage's Database type. */
import type { Generated, Selectable } from 'kysely';

export interface ConsultationTable {
  id: Generated<number>;
  agency_id: number;
  title: string;
  kind: string;
  concerns_business: Generated<number>;
  draft_text: string;
  explanation: string;
  short_period_reason: string | null;
  contact: Generated<string>;
  start_date: string;
  end_date: string;
  created_by: number | null;
  created_at: string;
  phase: string;
  opened_date: string | null;
  closed_date: string | null;
  feedback_published_date: string | null;
  document_id: number | null;
}

export interface ConsultationCommentTable {
  id: Generated<number>;
  consultation_id: number;
  agency_id: number;
  channel: string;
  article: string | null;
  body: string;
  name: string;
  phone: Generated<string>;
  received_date: string;
  created_by: number | null;
  created_at: string;
  status: string;
}

/** Append-only: the migration's triggers refuse UPDATE and DELETE. */
export interface ConsultationEventTable {
  id: Generated<number>;
  consultation_id: number;
  seq: number;
  agency_id: number;
  type: string;
  date: string;
  data_json: string;
  actor_user_id: number | null;
  recorded_at: string;
}

export interface ConsultationsTables {
  consultations: ConsultationTable;
  consultation_comments: ConsultationCommentTable;
  consultation_events: ConsultationEventTable;
}

export type ConsultationRow = Selectable<ConsultationTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentTable>;
export type ConsultationEventRow = Selectable<ConsultationEventTable>;
