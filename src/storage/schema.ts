import type { Generated, Insertable, Selectable } from 'kysely';
import type { ChainedFields } from '../domain/audit/chain.ts';
import type { RecordsTables } from '../capabilities/records/tables.ts';
import type { ConsultationsTables } from '../capabilities/consultations/tables.ts';
import type { SurveysTables } from '../capabilities/surveys/tables.ts';
import type { InterviewTables } from '../capabilities/interviews/tables.ts';
import type { HotlineTables } from '../capabilities/hotline/tables.ts';
import type { MeetingTables } from '../capabilities/records/meeting-tables.ts';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on both
 * databases, so rows look identical whichever dialect produced them (docs/decisions/002).
 */
export interface AgencyTable {
  id: Generated<number>;
  code: string;
  /** The short name people use (常平乡); `full_name` is the formal one (常平乡人民政府). */
  name: string;
  full_name: string | null;
  /** 统一社会信用代码. */
  credit_code: string | null;
  level: AgencyLevel;
  parent_id: number | null;
  /** Set when the agency is closed: it keeps its records and published pages. */
  closed_at: string | null;
  created_at: string;
}
export type { AgencyLevel } from '../domain/agencies/hierarchy.ts';
import type { AgencyLevel } from '../domain/agencies/hierarchy.ts';
import type { MailboxTable, MessageEventTable, MessageTable } from './schema-messages.ts';
import type { ReportReminderTable } from './schema-report-reminders.ts';
import type { WebsiteReportTable } from './schema-website-reports.ts';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  /** 1: may change what every agency shares (the working calendar) and manage any account. */
  platform_operator: Generated<number>;
  /** While must_change_password: the one-time password stops working after this instant. */
  one_time_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export type { Role } from '../domain/access/policy.ts';
import type { Role } from '../domain/access/policy.ts';

export interface UserRoleTable {
  user_id: number;
  agency_id: number;
  role: Role;
  /** 'agency': this agency only (本机关); 'subtree': it and every agency below it (本机关及下级). */
  scope: Generated<RoleScope>;
}
export type { RoleScope } from '../domain/access/policy.ts';
import type { RoleScope } from '../domain/access/policy.ts';

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not leak live sessions. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** The fields an entry's hash covers are the chain's (domain/audit/chain.ts). */
export interface AuditLogTable extends Omit<ChainedFields, 'seq'> {
  id: Generated<number>;
  /** Position in the hash chain (migration 0009); null only on a row written around the application. */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** One row (id 1): the newest entry of the audit chain, updated with each append. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
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
  /** Projection (migration 0010): the reply due date while open, as the current calendar gives it. */
  due_date: string | null;
  due_provisional: Generated<number>;
  /** The last day of a running 补正 or payment period; after it the request has lapsed. */
  lapse_due: string | null;
  extension_status: string | null;
  /** When the projection was last computed; null for rows not yet projected. */
  projected_at: string | null;
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

/** A failed sign-in (migration 0011): the name as typed, known or not, and the sender's address. */
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  address: string;
  failed_at: string;
}

/** An online request submitted through the portal or the API, for duplicate and volume checks. */
export interface PublicSubmissionTable {
  id: Generated<number>;
  agency_id: number;
  address: string;
  /** SHA-256 of the applicant and the description as normalised: no personal data in clear. */
  fingerprint: string;
  idempotency_key: string | null;
  /** Null while the submission is being processed. */
  query_code: string | null;
  tracking_hint: string | null;
  created_at: string;
}

/**
 * One read of a requester's identifiers by a handler of the request (docs/decisions/013).
 * Append-only: the migration's triggers refuse UPDATE and DELETE.
 */
export interface PersonalDataAccessTable {
  id: Generated<number>;
  agency_id: number;
  request_id: number;
  user_id: number | null;
  at: string;
  /** The screen or export: 'request.detail', 'request.notice.html', 'request.notice.docx'. */
  via: string;
  notice_kind: string | null;
  /** The fields shown, comma-separated: name,idNumber,phone,email,address,contactPerson. */
  fields: string;
}

export interface AgencySettingTable {
  agency_id: number;
  key: string;
  value: string;
}

export interface DocumentCategoryTable {
  id: Generated<number>;
  agency_id: number;
  code: string;
  name: string;
  parent_id: number | null;
  art20_item: number | null;
  sort: number;
}

export interface DocumentTable {
  id: Generated<number>;
  agency_id: number;
  index_no: string;
  title: string;
  issuer: string;
  doc_no: string | null;
  written_at: string | null;
  formed_at: string | null;
  published_at: string | null;
  topic: string | null;
  category_id: number | null;
  disclosure_method: string;
  doc_kind: string | null;
  validity: string;
  effective_from: string | null;
  invalid_from: string | null;
  body_html: string;
  body_text: string;
  status: string;
  scheduled_at: string | null;
  review_json: string | null;
  withdrawn_reason: string | null;
  needs_review: number;
  view_count: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  // 0016: 政策解读, the 三同步 exemption, the 退回 reason, versions (decision 018).
  interprets_id: number | null;
  interpretation_form: string | null;
  interpretation_text: string | null;
  interpretation_media_url: string | null;
  exemption_reason: string | null;
  exemption_by: number | null;
  exemption_at: string | null;
  returned_reason: string | null;
  returned_by: number | null;
  returned_at: string | null;
  revises_id: number | null;
  version: Generated<number>;
}

export interface DocumentAttachmentTable {
  id: Generated<number>;
  document_id: number;
  name: string;
  kind: string;
  mime: string;
  size_bytes: number;
  storage_key: string;
  text: string;
  created_at: string;
}

export interface DocumentScanHitTable {
  id: Generated<number>;
  document_id: number;
  source: string;
  kind: string;
  masked: string;
  context: string;
  message: string;
  resolution: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface Art20StatisticTable {
  agency_id: number;
  year: number;
  month: number;
  item: string;
  value: string;
  updated_at: string;
}

export interface PublishingPlanTable {
  id: Generated<number>;
  agency_id: number;
  channel: string;
  planned_date: string;
  title: string;
  document_id: number | null;
  done: number;
  created_at: string;
}

export interface PortalPageTable {
  agency_id: number;
  slug: string;
  title: string;
  body_html: string;
  updated_at: string;
  updated_by: number | null;
}

export interface AppealTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  case_no: string | null;
  filed_date: string;
  closed_date: string | null;
  result: string | null;
  request_id: number | null;
  summary: string;
  created_at: string;
  updated_at: string;
}

export interface AnnualReportTable {
  agency_id: number;
  year: number;
  status: string;
  narrative_json: string;
  snapshot_json: string | null;
  checked_at: string | null;
  published_at: string | null;
  published_by: number | null;
  updated_at: string;
  /** The current version's number: 1 when first published, +1 with each correction. */
  version: Generated<number>;
  /** Why the current version corrected the one before it (null for the first). */
  correction_reason: string | null;
  corrected_at: string | null;
}

/** A published version of an annual report that a correction replaced. */
export interface AnnualReportVersionTable {
  agency_id: number;
  year: number;
  version: number;
  narrative_json: string;
  snapshot_json: string;
  published_at: string;
  published_by: number | null;
  correction_reason: string | null;
  superseded_at: string;
}

/** What an agency's annual reports say in their opening paragraph (网址, contacts). */
export interface ReportContactsTable {
  agency_id: number;
  website_name: string;
  website_url: string;
  office: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  updated_at: string;
}

export interface Database extends RecordsTables, ConsultationsTables, SurveysTables, InterviewTables, HotlineTables, MeetingTables {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  settings: SettingTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  captcha_uses: CaptchaUseTable;
  login_failures: LoginFailureTable;
  public_submissions: PublicSubmissionTable;
  personal_data_access: PersonalDataAccessTable;
  agency_settings: AgencySettingTable;
  document_categories: DocumentCategoryTable;
  documents: DocumentTable;
  document_attachments: DocumentAttachmentTable;
  document_scan_hits: DocumentScanHitTable;
  art20_statistics: Art20StatisticTable;
  publishing_plan: PublishingPlanTable;
  portal_pages: PortalPageTable;
  appeals: AppealTable;
  annual_reports: AnnualReportTable;
  annual_report_versions: AnnualReportVersionTable;
  report_contacts: ReportContactsTable;
  mailboxes: MailboxTable;
  messages: MessageTable;
  message_events: MessageEventTable;
  report_reminders: ReportReminderTable;
  website_reports: WebsiteReportTable;
  notice_numbers: NoticeNumberTable;
}

/** A notice's 文号, given once (migration 0018). */
export interface NoticeNumberTable {
  agency_id: number;
  year: number;
  seq: number;
  request_id: number;
  kind: string;
  doc_number: string;
  issued_at: string;
}

export type DocumentRow = Selectable<DocumentTable>;

export type RequestRow = Selectable<RequestTable>;
export type RequestEventRow = Selectable<RequestEventTable>;

export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type User = Selectable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
