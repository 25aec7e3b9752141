/**
 * Report submission (报送, issue 12 item 2) as the API sends it and the workspace shows it: each
 * subordinate's annual report status for a year against its statutory deadline, and the
 * reminders (催报) its superior sent. Free of Node.js APIs: the workspace imports it.
 */

export const submissionStatusLabels = {
  not_started: '未开始',
  draft: '草稿',
  checked: '已检查',
  published: '已发布',
  overdue: '逾期',
} as const;
export type SubmissionStatus = keyof typeof submissionStatusLabels;

/** One reminder, as the superior's list and the subordinate's own view show it. */
export interface ReportReminder {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  fromAgencyId: number;
  fromAgencyName: string;
  /** The sender's display name; null when sent by the system. */
  sentBy: string | null;
  sentAt: string;
  note: string;
}

export interface SubmissionLine {
  agencyId: number;
  code: string;
  name: string;
  levelLabel: string;
  /** 1 for a direct subordinate, 2 for one below that, … */
  depth: number;
  parentName: string | null;
  status: SubmissionStatus;
  statusLabel: string;
  /** Last day to publish (inclusive, Beijing date) for the agency's kind. */
  deadline: string;
  /** The deadline is set locally (乡镇, 街道), not by the 条例. */
  deadlineLocal: boolean;
  /** When the report was published (its current version's first publication is kept in its history). */
  publishedAt: string | null;
  /** Published after its deadline. */
  publishedLate: boolean;
  reminders: number;
  lastReminder: ReportReminder | null;
}

export interface SubmissionView {
  agencyId: number;
  agencyName: string;
  year: number;
  /** Today in China, against which 逾期 is judged. */
  today: string;
  /** The 乡镇（街道） deadline this office set (MM-DD), or null for the default. */
  townshipDeadline: string | null;
  lines: SubmissionLine[];
  summary: Record<SubmissionStatus, number> & { agencies: number; publishedLate: number };
  /** Agencies below that the actor's roles do not reach. */
  outOfReach: number;
}

export const submissionLabels = {
  title: '报送情况',
  reminder: '催报',
  remindersReceived: '上级催报记录',
  townshipDeadline: '乡镇（街道）年度报告公布期限',
  onlyLate: '只看逾期',
  publishedLate: '逾期发布',
  note: '催报说明',
} as const;
