/**
 * A message's reply due date, explained step by step on the requests' working-day calendar, and
 * the alerts the workspace shows: 临期 from 2 working days before the due date, 逾期 after it,
 * red once a message has been open 60 calendar days (the 3-month veto comes 30 days later).
 * Pure: `today` stands in for the clock.
 */
import { compareIsoDates, daysBetween, formatChineseDate, type ExplanationStep, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import { fromCount } from '../deadlines/request-dates.ts';
import type { ComputedDate } from '../deadlines/types.ts';
import { DUE_SOON_WORKING_DAYS, RATING_WORKING_DAYS, RED_ALERT_CALENDAR_DAYS, messageKindLabels, type Rating } from './kinds.ts';
import { isOpen, type MessageState } from './lifecycle.ts';

export type DueStatus = 'onTrack' | 'dueSoon' | 'overdue' | 'closed';

export const dueStatusLabels: Record<DueStatus, string> = {
  onTrack: '正常',
  dueSoon: '临期',
  overdue: '逾期',
  closed: '已办结',
};

export interface MessageDeadlines {
  /** The limit that applies: the kind's, plus an approved extension. */
  readonly workingDays: number;
  readonly replyDue: ComputedDate;
  /** From this day on an open message is 临期. */
  readonly dueSoonFrom: IsoDate;
  readonly status: DueStatus;
  /** Open for at least 60 calendar days. */
  readonly redAlert: boolean;
  /** Calendar days from receipt to the reply (or to today while open). */
  readonly openDays: number;
  /** Whether the reply came by the due date; null while open or refused. */
  readonly repliedOnTime: boolean | null;
  /** The last day the writer may rate the reply. */
  readonly ratingDue?: ComputedDate;
  /** The rating given, or 满意 once the period has passed without one; null while it may still come. */
  readonly effectiveRating: Rating | null;
}

export function computeMessageDeadlines(s: MessageState, calendar: WorkingCalendar, today: IsoDate): MessageDeadlines {
  const extension = s.extension?.status === 'approved' ? s.extension.workingDays : 0;
  const workingDays = s.limitWorkingDays + extension;
  const before: ExplanationStep[] = [
    { label: '收到留言', date: s.receivedDate, detail: `${formatChineseDate(s.receivedDate)}收到${messageKindLabels[s.kind]}类留言` },
    { label: '依据', detail: `本机关对${messageKindLabels[s.kind]}类留言的答复时限为${s.limitWorkingDays}个工作日，自收到之日起计算` },
  ];
  for (const t of s.transfers) {
    before.push({ label: '转办', date: t.date, detail: `${formatChineseDate(t.date)}转${t.toAgencyName}办理，答复期限连续计算，不重新起算` });
  }
  if (extension > 0) {
    before.push({ label: '延期', date: s.extension!.requestedDate, detail: `经批准延长${extension}个工作日（理由：${s.extension!.reason}），已告知留言人，共${workingDays}个工作日` });
  }
  const replyDue = fromCount(calendar.addWorkingDays(s.receivedDate, workingDays), '答复期限届满日', before);
  const dueSoonFrom = calendar.addWorkingDays(s.receivedDate, Math.max(0, workingDays - DUE_SOON_WORKING_DAYS)).date;
  const due = replyDue.date!;
  const open = isOpen(s);
  const end = s.reply?.date ?? s.rejection?.date ?? today;
  const openDays = daysBetween(s.receivedDate, end);
  let status: DueStatus = 'closed';
  if (open) status = compareIsoDates(today, due) > 0 ? 'overdue' : compareIsoDates(today, dueSoonFrom) >= 0 ? 'dueSoon' : 'onTrack';
  let ratingDue: ComputedDate | undefined;
  let effectiveRating: Rating | null = s.rating?.rating ?? null;
  if (s.reply) {
    ratingDue = fromCount(calendar.addWorkingDays(s.reply.date, RATING_WORKING_DAYS), '评价期限届满日', [
      { label: '依据', detail: `留言人可在答复之日起${RATING_WORKING_DAYS}个工作日内评价，逾期未评价的视为满意` },
    ]);
    if (!effectiveRating && compareIsoDates(today, ratingDue.date!) > 0) effectiveRating = 'satisfied';
  }
  return {
    workingDays,
    replyDue,
    dueSoonFrom,
    status,
    redAlert: open && openDays >= RED_ALERT_CALENDAR_DAYS,
    openDays,
    repliedOnTime: s.reply ? compareIsoDates(s.reply.date, due) <= 0 : null,
    ...(ratingDue ? { ratingDue } : {}),
    effectiveRating,
  };
}
