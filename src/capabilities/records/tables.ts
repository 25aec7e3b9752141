/**
 * Table types of the records capability (migration 0020). Kept here, beside the capability, and
 * merged into the storage's Database type; scores and weights are stored in tenths of a point
 * (integers), so both databases add them exactly.
 */
import type { Generated } from 'kysely';

export interface TrainingRecordTable {
  id: Generated<number>;
  agency_id: number;
  held_on: string;
  topic: string;
  trainer: string;
  attendee_count: number;
  attendee_names: string;
  materials: string;
  created_at: string;
  updated_at: string;
  /** Deleted records stay (nothing is lost); lists leave them out. */
  deleted_at: string | null;
}

export interface ResponsiblePersonTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  post: string;
  phone: string;
  office_phone: string;
  email: string;
  since: string;
  until: string | null;
  is_contact: number;
  updated_at: string;
  deleted_at: string | null;
}

export interface AssessmentItemTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  sort: number;
  name: string;
  weight_tenths: number;
  self_tenths: number | null;
  evidence_text: string;
  /** JSON array of document ids of the same agency. */
  evidence_document_ids: string;
  superior_tenths: number | null;
  superior_note: string;
  superior_by: number | null;
  superior_at: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface RecordsTables {
  training_records: TrainingRecordTable;
  responsible_persons: ResponsiblePersonTable;
  assessment_items: AssessmentItemTable;
}
