import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on both
 * databases, so rows look identical whichever dialect produced them (docs/decisions/002).
 */
export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: AgencyLevel;
  parent_id: number | null;
  created_at: string;
}
export type AgencyLevel = 'province' | 'city' | 'county' | 'township' | 'department';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export type Role = 'admin' | 'clerk' | 'reviewer' | 'head';

export interface UserRoleTable {
  user_id: number;
  agency_id: number;
  role: Role;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not leak live sessions. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  agency_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface CalendarYearTable {
  year: number;
  sources_json: string;
  updated_at: string;
  updated_by: number | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  is_off_day: number;
  name: string;
}

export interface RequestTable {
  id: Generated<number>;
  agency_id: number;
  query_code: string;
  channel: string;
  applicant_type: string;
  applicant_name: string;
  applicant_id_type: string | null;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  contact_person: string | null;
  description: string;
  purpose: string | null;
  requested_form: string;
  delivery: string;
  created_by: number | null;
  created_at: string;
  phase: string;
  outcome: string | null;
  submitted_date: string;
  receipt_date: string | null;
  closed_date: string | null;
}

export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  seq: number;
  type: string;
  date: string;
  data_json: string;
  actor_user_id: number | null;
  recorded_at: string;
}

export interface CaptchaUseTable {
  token_id: string;
  expires_at: string;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  captcha_uses: CaptchaUseTable;
}

export type RequestRow = Selectable<RequestTable>;
export type RequestEventRow = Selectable<RequestEventTable>;

export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type User = Selectable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
