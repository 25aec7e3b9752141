/**
 * 意见征集 (public consultation on drafts): the kinds of draft and the minimum comment periods.
 * Sources (../shared/rules/interaction-rules.md §2): 重大行政决策 国务院令第713号 Art. 15 and 规章
 * 规章制定程序条例 Arts. 15, 21, "generally ≥ 30 days", a shorter period explained when it opens;
 * 行政规范性文件 ≥ 7 working days [secondary], ≥ 30 days when closely tied to businesses
 * (优化营商环境条例 Art. 62) [recalled: unverified].
 */
import { compareIsoDates, daysBetween, isIsoDate, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';

export const draftKinds = ['regulation', 'majorDecision', 'normativeDocument', 'other'] as const;
export type DraftKind = (typeof draftKinds)[number];

export const draftKindLabels: Record<DraftKind, string> = {
  regulation: '规章',
  majorDecision: '重大行政决策',
  normativeDocument: '行政规范性文件',
  other: '其他',
};

export const isDraftKind = (v: unknown): v is DraftKind => typeof v === 'string' && (draftKinds as readonly string[]).includes(v);

/** Calendar days for 规章, 重大行政决策 and business-related 规范性文件. */
export const MIN_CALENDAR_DAYS = 30;
/** Working days for other 行政规范性文件. */
export const MIN_WORKING_DAYS = 7;

export interface PeriodInput {
  kind: DraftKind;
  /** 行政规范性文件 that closely concern businesses (与市场主体生产经营活动密切相关). */
  concernsBusiness: boolean;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Why a 规章 or 重大行政决策 has a shorter period; published with the draft. */
  shortPeriodReason?: string | null | undefined;
}

export interface PeriodProblem {
  code: 'INVALID_DATE' | 'CONSULTATION_PERIOD_TOO_SHORT';
  message: string;
}

/** The period's length as the rules count it: both days included. */
export function periodLength(p: Pick<PeriodInput, 'startDate' | 'endDate'>, calendar: WorkingCalendar): { calendarDays: number; workingDays: number } {
  return { calendarDays: daysBetween(p.startDate, p.endDate) + 1, workingDays: calendar.countWorkingDays(p.startDate, p.endDate) };
}

/** What the period must be for this draft, in words (shown on the form and in refusals). */
export function minimumPeriodText(kind: DraftKind, concernsBusiness: boolean): string {
  if (kind === 'regulation' || kind === 'majorDecision') return `${draftKindLabels[kind]}征求意见期限一般不少于 ${MIN_CALENDAR_DAYS} 日，确需缩短的须说明理由并随草案公布`;
  if (kind === 'normativeDocument') {
    return concernsBusiness
      ? `与市场主体生产经营活动密切相关的行政规范性文件，征求意见期限不少于 ${MIN_CALENDAR_DAYS} 日`
      : `行政规范性文件征求意见期限不少于 ${MIN_WORKING_DAYS} 个工作日`;
  }
  return '征求意见期限由起草机关确定';
}

const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';

/** Why this period is not allowed for this draft, or null. Both dates count; working days on the platform calendar. */
export function periodProblem(p: PeriodInput, calendar: WorkingCalendar): PeriodProblem | null {
  if (!isIsoDate(p.startDate) || !isIsoDate(p.endDate)) return { code: 'INVALID_DATE', message: '征求意见的起止日期无效' };
  if (compareIsoDates(p.endDate, p.startDate) < 0) return { code: 'INVALID_DATE', message: '征求意见的截止日期不能早于开始日期' };
  const { calendarDays, workingDays } = periodLength(p, calendar);
  const span = `本次 ${p.startDate} 至 ${p.endDate}，共 ${calendarDays} 日、${workingDays} 个工作日`;
  const short = (need: string): PeriodProblem => ({ code: 'CONSULTATION_PERIOD_TOO_SHORT', message: `${need}（${span}）` });
  if (p.kind === 'regulation' || p.kind === 'majorDecision') {
    if (calendarDays < MIN_CALENDAR_DAYS && blank(p.shortPeriodReason)) return short(`${minimumPeriodText(p.kind, false)}；请延长期限或填写缩短的理由`);
    return null;
  }
  if (p.kind === 'normativeDocument') {
    if (p.concernsBusiness && calendarDays < MIN_CALENDAR_DAYS) return short(minimumPeriodText(p.kind, true));
    if (!p.concernsBusiness && workingDays < MIN_WORKING_DAYS) return short(minimumPeriodText(p.kind, false));
  }
  return null;
}

/** Whether a short period was taken on the strength of a published reason. */
export function isShortened(p: PeriodInput, calendar: WorkingCalendar): boolean {
  return (p.kind === 'regulation' || p.kind === 'majorDecision') && periodLength(p, calendar).calendarDays < MIN_CALENDAR_DAYS;
}
