/**
 * 督办 and the website self-check (issue 11 item 4), pure: from plain records of one agency and
 * "today" it returns the figures (each with the records behind it) and the 单项否决 verdicts of
 * the State Council's website checks (国办秘函〔2019〕19号). No I/O; the capability
 * (capabilities/supervision) reads the records and adds the agencies up for a superior.
 */
import { compareIsoDates, daysBetween, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import { proactivePublicationDue } from '../deadlines/index.ts';

/** 19号: the home page is not updated for 2 weeks. */
export const HOME_FAIL_DAYS = 14;
/** A monitoring product's early warning: 10 days (interaction-rules.md §5). */
export const HOME_WARN_DAYS = 10;
/** 19号: 动态/要闻 columns go stale after 2 weeks. */
export const NEWS_STALE_DAYS = 14;
/** 19号: 通知公告/政策文件 columns go stale after 6 months, counted here as 183 days. */
export const OTHER_STALE_DAYS = 183;
/**
 * "长期未更新": the rules file gives no length. One year is our reading, unverified
 * ([recalled] in interaction-rules.md terms); change it here when a source confirms it.
 */
export const LONG_STALE_DAYS = 365;
/** 19号: a valid message unanswered for more than 3 months, counted as 90 days. */
export const MESSAGE_FAIL_DAYS = 90;
/** Warning 30 days earlier, the messages' own red alert (domain/messages RED_ALERT_CALENDAR_DAYS). */
export const MESSAGE_WARN_DAYS = 60;

/** Fail and warn thresholds of each 单项否决 check (a count at or above `fail` fails the site). */
export const checkThresholds = {
  homePage: { fail: HOME_FAIL_DAYS, warn: HOME_WARN_DAYS },
  staleColumns: { fail: 5, warn: 3 },
  longStaleColumns: { fail: 10, warn: 7 },
  blankColumns: { fail: 5, warn: 3 },
  unansweredMessages: { fail: 1, warn: 1 },
} as const;
export type CheckKey = keyof typeof checkThresholds;
export const checkKeys = Object.keys(checkThresholds) as CheckKey[];

export const figureKeys = [
  'staleColumns',
  'longStaleColumns',
  'blankColumns',
  'messagesOver60',
  'messagesOver90',
  'consultationsWithoutFeedback',
  'requestsDueSoon',
  'requestsOverdue',
  'documentsOverdue',
  'documentsPublishedLate',
  'reportsLate',
] as const;
export type FigureKey = (typeof figureKeys)[number];

export type RecordKind = 'column' | 'message' | 'consultation' | 'request' | 'document' | 'report';

/** One record behind a figure: what it is, its date, and why it counts. */
export interface DrillRecord {
  kind: RecordKind;
  id: number;
  label: string;
  date: IsoDate | null;
  note: string;
}

export interface ColumnInput {
  id: number;
  name: string;
  /** Beijing date of its newest published document; null for a blank column. */
  lastPublished: IsoDate | null;
}
export interface MessageInput {
  id: number;
  label: string;
  receivedDate: IsoDate;
}
/** An open request with a running reply deadline (the stored projection's due date). */
export interface RequestInput {
  id: number;
  label: string;
  dueDate: IsoDate;
}
/** A proactively disclosed document (not withdrawn): formed or changed on `formedDate`. */
export interface DocumentInput {
  id: number;
  label: string;
  formedDate: IsoDate;
  publishedDate: IsoDate | null;
}
/** A consultation (征求意见) whose comment period ends on `endDate`. */
export interface ConsultationInput {
  id: number;
  label: string;
  endDate: IsoDate;
  feedbackPublished: boolean;
}
export interface ReportInput {
  year: number;
  deadline: IsoDate;
  publishedDate: IsoDate | null;
}

export interface SupervisionInput {
  /** Beijing date of the newest item on the agency's portal home page; null when none. */
  homeLastUpdated: IsoDate | null;
  columns: readonly ColumnInput[];
  /** Messages not yet answered (closed or refused ones are left out by the caller). */
  openMessages: readonly MessageInput[];
  openRequests: readonly RequestInput[];
  consultations: readonly ConsultationInput[];
  documents: readonly DocumentInput[];
  report: ReportInput | null;
}

export type ColumnState = 'fresh' | 'stale' | 'blank';
export interface ColumnFigure {
  id: number;
  name: string;
  kind: 'news' | 'other';
  lastPublished: IsoDate | null;
  daysSince: number | null;
  state: ColumnState;
  longStale: boolean;
}

export type Verdict = 'pass' | 'warn' | 'fail';
export interface CheckResult {
  key: CheckKey;
  verdict: Verdict;
  /** The measured value: days for the home page, a count otherwise (null: the home page never updated). */
  value: number | null;
}

export interface AgencySupervision {
  today: IsoDate;
  home: { lastUpdated: IsoDate | null; daysSince: number | null };
  columns: ColumnFigure[];
  figures: Record<FigureKey, DrillRecord[]>;
  checks: CheckResult[];
}

/** 动态/要闻 columns are held to 2 weeks, every other column to 6 months. */
export const isNewsColumn = (name: string): boolean => /动态|要闻|新闻|工作信息/.test(name);

export function verdictOf(key: CheckKey, value: number | null): Verdict {
  const t = checkThresholds[key];
  if (value === null) return 'fail';
  if (value >= t.fail) return 'fail';
  return value >= t.warn ? 'warn' : 'pass';
}

const byDate = (a: DrillRecord, b: DrillRecord) => compareIsoDates(a.date ?? '0000-01-01', b.date ?? '0000-01-01') || a.id - b.id;

function columnFigures(columns: readonly ColumnInput[], today: IsoDate): ColumnFigure[] {
  return columns.map((c) => {
    const kind = isNewsColumn(c.name) ? 'news' : 'other';
    const daysSince = c.lastPublished ? daysBetween(c.lastPublished, today) : null;
    const limit = kind === 'news' ? NEWS_STALE_DAYS : OTHER_STALE_DAYS;
    const state: ColumnState = daysSince === null ? 'blank' : daysSince >= limit ? 'stale' : 'fresh';
    return { id: c.id, name: c.name, kind, lastPublished: c.lastPublished, daysSince, state, longStale: daysSince !== null && daysSince >= LONG_STALE_DAYS };
  });
}

/**
 * The figures and verdicts of one agency. `calendar` gives the 第二十六条 deadline (20 working
 * days) and the requests' "due soon" window of `dueSoonWorkingDays` working days (the requests
 * list's own rule: due from today up to, not including, that many working days + 1 ahead).
 */
export function superviseAgency(input: SupervisionInput, today: IsoDate, calendar: WorkingCalendar, dueSoonWorkingDays: number): AgencySupervision {
  const columns = columnFigures(input.columns, today);
  const columnRecord = (c: ColumnFigure, note: string): DrillRecord => ({ kind: 'column', id: c.id, label: c.name, date: c.lastPublished, note });
  const ageOf = (m: MessageInput) => daysBetween(m.receivedDate, today);
  const messages = (over: number) =>
    input.openMessages.filter((m) => ageOf(m) > over).map((m): DrillRecord => ({ kind: 'message', id: m.id, label: m.label, date: m.receivedDate, note: `已 ${ageOf(m)} 天未办结` }));
  const notSoonFrom = calendar.addWorkingDays(today, dueSoonWorkingDays + 1).date;
  const request = (r: RequestInput, note: string): DrillRecord => ({ kind: 'request', id: r.id, label: r.label, date: r.dueDate, note });

  const documentsOverdue: DrillRecord[] = [];
  const documentsPublishedLate: DrillRecord[] = [];
  for (const d of input.documents) {
    const due = proactivePublicationDue(d.formedDate, calendar).date;
    if (!due) continue;
    if (d.publishedDate === null) {
      if (compareIsoDates(today, due) > 0) documentsOverdue.push({ kind: 'document', id: d.id, label: d.label, date: d.formedDate, note: `应于 ${due} 前公开，尚未公开` });
    } else if (compareIsoDates(d.publishedDate, due) > 0 && d.publishedDate.slice(0, 4) === today.slice(0, 4)) {
      documentsPublishedLate.push({ kind: 'document', id: d.id, label: d.label, date: d.formedDate, note: `应于 ${due} 前公开，${d.publishedDate} 公开` });
    }
  }

  const reportsLate: DrillRecord[] = [];
  const r = input.report;
  if (r && (r.publishedDate === null ? compareIsoDates(today, r.deadline) > 0 : compareIsoDates(r.publishedDate, r.deadline) > 0)) {
    reportsLate.push({ kind: 'report', id: r.year, label: `${r.year}年度报告`, date: r.deadline, note: r.publishedDate ? `逾期发布（${r.publishedDate}）` : `期限 ${r.deadline}，尚未发布` });
  }

  const figures: Record<FigureKey, DrillRecord[]> = {
    staleColumns: columns.filter((c) => c.state === 'stale').map((c) => columnRecord(c, `${c.daysSince} 天未更新`)),
    longStaleColumns: columns.filter((c) => c.longStale).map((c) => columnRecord(c, `${c.daysSince} 天未更新`)),
    blankColumns: columns.filter((c) => c.state === 'blank').map((c) => columnRecord(c, '从未发布信息')),
    messagesOver60: messages(60),
    messagesOver90: messages(90),
    // 征集调查的结果反馈更新不及时: the period is over and no feedback is published.
    consultationsWithoutFeedback: input.consultations
      .filter((c) => !c.feedbackPublished && compareIsoDates(today, c.endDate) > 0)
      .map((c) => ({ kind: 'consultation', id: c.id, label: c.label, date: c.endDate, note: `${c.endDate} 征集结束，未公布意见采纳情况` })),
    requestsDueSoon: input.openRequests.filter((q) => compareIsoDates(q.dueDate, today) >= 0 && compareIsoDates(q.dueDate, notSoonFrom) < 0).map((q) => request(q, `${q.dueDate} 到期`)),
    requestsOverdue: input.openRequests.filter((q) => compareIsoDates(today, q.dueDate) > 0).map((q) => request(q, `${q.dueDate} 已到期`)),
    documentsOverdue,
    documentsPublishedLate,
    reportsLate,
  };
  for (const k of figureKeys) figures[k].sort(byDate);

  const homeDays = input.homeLastUpdated ? daysBetween(input.homeLastUpdated, today) : null;
  const oldestOpen = Math.max(0, ...input.openMessages.map(ageOf));
  const checks: CheckResult[] = [
    { key: 'homePage', verdict: verdictOf('homePage', homeDays), value: homeDays },
    { key: 'staleColumns', verdict: verdictOf('staleColumns', figures.staleColumns.length), value: figures.staleColumns.length },
    { key: 'longStaleColumns', verdict: verdictOf('longStaleColumns', figures.longStaleColumns.length), value: figures.longStaleColumns.length },
    { key: 'blankColumns', verdict: verdictOf('blankColumns', figures.blankColumns.length), value: figures.blankColumns.length },
    // A count of messages would hide the age; the verdict is on the oldest open one.
    { key: 'unansweredMessages', verdict: oldestOpen > MESSAGE_FAIL_DAYS ? 'fail' : oldestOpen > MESSAGE_WARN_DAYS ? 'warn' : 'pass', value: figures.messagesOver90.length },
  ];
  return { today, home: { lastUpdated: input.homeLastUpdated, daysSince: homeDays }, columns, figures, checks };
}

/** Sums of a superior's agencies: each figure's count and, per check, how many agencies pass, warn or fail. */
export function rollUp(agencies: readonly AgencySupervision[]): { figures: Record<FigureKey, number>; checks: Record<CheckKey, Record<Verdict, number>> } {
  const figures = Object.fromEntries(figureKeys.map((k) => [k, agencies.reduce((s, a) => s + a.figures[k].length, 0)])) as Record<FigureKey, number>;
  const checks = Object.fromEntries(checkKeys.map((k) => [k, { pass: 0, warn: 0, fail: 0 }])) as Record<CheckKey, Record<Verdict, number>>;
  for (const a of agencies) for (const c of a.checks) checks[c.key][c.verdict]++;
  return { figures, checks };
}
