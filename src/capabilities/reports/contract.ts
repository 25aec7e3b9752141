/**
 * The reports capability's contract: the annual report as the workspace edits it, its drill-down,
 * the 行政复议/行政诉讼 cases behind table 四, and the superior office's review of its subordinates'
 * reports. The workspace imports these instead of re-declaring them; keep this module free of
 * Node.js APIs.
 */
import type { AnnualReport, AppealKind, AppealResult, Finding, RequestColumnKey, RequestRowKey } from '../../domain/report/index.ts';

export {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_ROWS,
  requestRowFullLabel,
} from '../../domain/report/taxonomy.ts';
export type { AnnualReport, Cell, Finding, ReportContacts, RequestColumnKey, RequestRowKey } from '../../domain/report/index.ts';

export const reportStatusLabels = { draft: '草稿', checked: '已校验', published: '已发布' } as const;
export type ReportStatus = keyof typeof reportStatusLabels;

export interface Narrative {
  preamble?: string;
  overview: string;
  problems: string;
  other: string;
}

/** The parts of the report written by hand, as the editor heads them. */
export const narrativeLabels: Record<keyof Narrative, string> = {
  preamble: '开头（依据、统计期限、网址、联系方式；留空则按本机关的联系信息生成标准开头）',
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项（须说明信息处理费收取情况）',
};

export interface ReportView {
  agencyId: number;
  year: number;
  status: ReportStatus;
  statusLabel: string;
  narrative: Narrative;
  /**
   * The tables. Table 三 is counted in SQL, so its cells carry no ids: the drill-down asks for
   * one cell at a time (ReportCellRecords). Table 四's cells list their cases.
   */
  report: AnnualReport | null;
  errors: string[];
  findings: Finding[];
  canPublish: boolean;
  deadline: { date: string; local: boolean; overdue: boolean };
  publishedAt: string | null;
  /** The first day the report may be published: its year must have ended (Beijing date). */
  publishableFrom: string;
  /** The date printed with the agency's name at the end (落款): the publication date, else today. */
  signedOn: string;
  /** The agency's full name, printed above that date. */
  signedBy: string;
  /** The current version (1 until corrected). */
  version: number;
  /** Why the current version corrected the one before it, and when. */
  correction: { reason: string; at: string } | null;
  /** Versions that corrections replaced, oldest first. */
  earlierVersions: ReportVersionInfo[];
}

export interface ReportVersionInfo {
  version: number;
  publishedAt: string;
  /** Why this version corrected the one before it (null for the first). */
  reason: string | null;
  supersededAt: string;
}

/** A correction of a published report: the reason, and the prose of the new version. */
export interface ReportCorrection extends Narrative {
  reason: string;
}

/** The opening paragraph's settings as the workspace labels them. */
export const reportContactLabels = {
  websiteName: '网站名称',
  websiteUrl: '网址',
  office: '联系机构',
  address: '地址',
  postcode: '邮编',
  phone: '电话',
  email: '电子邮箱',
} as const;

/** The requests one cell of table 三 counts, as the records stand today. */
export interface ReportCellRecords {
  row: RequestRowKey;
  col: RequestColumnKey;
  /** Request ids, R-prefixed as in the report's cells ("R12"). */
  ids: string[];
  /** Each request's 查询码, by its R-prefixed id: what the drill-down shows. */
  queryCodes: Record<string, string>;
}

export const reportFormats = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;
export type ReportFormat = keyof typeof reportFormats;
export const reportFormatNames = Object.keys(reportFormats) as ReportFormat[];

/** The case types as the register names them (table 四 heads the litigation ones shorter). */
export const appealKinds: Record<AppealKind, string> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
};
export type ClosedAppealResult = Exclude<AppealResult, 'pending'>;
export const appealResults: Record<ClosedAppealResult, string> = { upheld: '维持', corrected: '纠正', other: '其他结果' };

export interface AppealInput {
  kind: AppealKind;
  caseNo?: string | undefined;
  filedDate: string;
  closedDate?: string | null | undefined;
  result?: ClosedAppealResult | null | undefined;
  requestId?: number | null | undefined;
  summary: string;
}

/** A case as stored. */
export interface Appeal {
  id: number;
  agency_id: number;
  kind: AppealKind;
  case_no: string | null;
  filed_date: string;
  closed_date: string | null;
  result: ClosedAppealResult | null;
  request_id: number | null;
  summary: string;
  created_at: string;
  updated_at: string;
}

export const subordinateStatusLabels = { published: '已发布', uploaded: '已上传', unpublished: '未发布' } as const;
export type SubordinateStatus = keyof typeof subordinateStatusLabels;

export interface SubordinateLine {
  agencyId: number;
  code: string;
  name: string;
  levelLabel: string;
  /** 1 for a direct subordinate, 2 for one below that, … */
  depth: number;
  parentName: string | null;
  status: SubordinateStatus;
  statusLabel: string;
  publishedAt: string | null;
  /** The uploaded file's name, for status `uploaded`. */
  fileName: string | null;
  /** Null when nothing was checked (未发布) or the file could not be read. */
  errors: number | null;
  warnings: number | null;
  /** Why nothing was checked, or why the file could not be read. */
  message: string | null;
  /** Agency and year as the checker read them from the report. */
  readAgency: string | null;
  readYear: number | null;
  findings: { rule: string; ruleTitle: string; severity: 'error' | 'warning'; message: string; location: string }[];
}

/** The review as the API sends it. */
export interface SubordinateCheckView {
  agencyId: number;
  agencyName: string;
  year: number;
  lines: SubordinateLine[];
  summary: { agencies: number; published: number; uploaded: number; unpublished: number; withErrors: number; unreadable: number };
  /** Agencies below that the actor's roles do not reach (a role held for 本机关 only reaches none). */
  outOfReach: number;
}

/** The Chinese label of each field the reports and appeals APIs take: validation errors name fields by these. */
export const reportFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机构',
  year: '年度',
  text: '报告全文',
  kind: '案件类型',
  caseNo: '案号',
  filedDate: '受理或立案日期',
  closedDate: '审结日期',
  result: '结果',
  requestId: '关联的申请',
  summary: '案情摘要',
};
