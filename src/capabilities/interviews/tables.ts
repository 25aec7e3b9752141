/** Table types of the interviews capability (migration 0023), merged into the storage's Database type. */
import type { Generated } from 'kysely';

export interface InterviewTable {
  id: Generated<number>;
  agency_id: number;
  topic: string;
  /** Guests, one a line (name and post). */
  guests: string;
  /** China time, 'YYYY-MM-DD HH:MM'. */
  starts_at: string;
  description: string;
  mailbox_id: number;
  transcript: string;
  transcript_published_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface InterviewQuestionTable {
  id: Generated<number>;
  interview_id: number;
  agency_id: number;
  asker_name: string;
  asker_phone: string;
  body: string;
  consent_to_publish: number;
  submitted_at: string;
  status: 'pending' | 'answered' | 'converted';
  answer: string;
  message_id: number | null;
  handled_at: string | null;
}

export interface InterviewTables {
  interviews: InterviewTable;
  interview_questions: InterviewQuestionTable;
}
