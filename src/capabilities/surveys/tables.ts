/** Table types of the surveys capability (migration 0022), merged into the storage's Database type. */
import type { Generated, Selectable } from 'kysely';

export interface SurveyTable {
  id: Generated<number>;
  agency_id: number;
  title: string;
  description: Generated<string>;
  start_date: string;
  end_date: string;
  /** SurveyQuestion[] (domain/surveys), fixed once the survey opens. */
  questions_json: string;
  /** The projection of the survey's events. */
  status: string;
  published_date: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyEventTable {
  id: Generated<number>;
  survey_id: number;
  seq: number;
  agency_id: number;
  type: string;
  date: string;
  data_json: string;
  actor_user_id: number | null;
  recorded_at: string;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  survey_id: number;
  agency_id: number;
  /** SHA-256 of the answering browser's token: one sheet per browser and survey. */
  respondent_key: string;
  /** SurveyAnswer[], checked and normalised. */
  answers_json: string;
  submitted_date: string;
  submitted_at: string;
}

export interface SurveysTables {
  surveys: SurveyTable;
  survey_events: SurveyEventTable;
  survey_responses: SurveyResponseTable;
}

export type SurveyRow = Selectable<SurveyTable>;
