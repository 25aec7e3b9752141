/**
 * The 互动交流 statistics the portal publishes (国办秘函〔2019〕19号 checks): per month and per year,
 * messages received, replied, replied on time, the average working days to reply, and the
 * satisfaction of rated replies, where a reply left unrated for 20 working days counts as 满意.
 * Pure: every figure is a count over the records passed in.
 */
import { addDays, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import type { Rating } from './kinds.ts';

export interface MessageStatRecord {
  receivedDate: IsoDate;
  /** The day the approved reply went out; null while open or when refused. */
  replyDate: IsoDate | null;
  repliedOnTime: boolean | null;
  /** The rating, 满意 once the rating period passed without one, null while a rating may come. */
  effectiveRating: Rating | null;
}

export interface MessagePeriodStats {
  /** 'YYYY' or 'YYYY-MM'. */
  period: string;
  /** Received in the period. */
  received: number;
  /** Replied in the period (by the reply's date). */
  replied: number;
  /** Of those replied in the period, by the due date. */
  onTime: number;
  /** Working days from receipt to reply over the replies of the period, one decimal; null without replies. */
  averageWorkingDays: number | null;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Replies of the period whose rating period is still running. */
  awaitingRating: number;
  /** (满意 + 基本满意) / rated, in per cent with one decimal; null when none is rated yet. */
  satisfactionRate: number | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function periodStats(period: string, records: readonly MessageStatRecord[], calendar: WorkingCalendar): MessagePeriodStats {
  const inPeriod = (d: IsoDate | null): boolean => d !== null && d.startsWith(period);
  const replies = records.filter((r) => inPeriod(r.replyDate));
  const days = replies.map((r) => calendar.countWorkingDays(addDays(r.receivedDate, 1), r.replyDate!));
  const count = (rating: Rating) => replies.filter((r) => r.effectiveRating === rating).length;
  const satisfied = count('satisfied');
  const basicallySatisfied = count('basicallySatisfied');
  const dissatisfied = count('dissatisfied');
  const rated = satisfied + basicallySatisfied + dissatisfied;
  return {
    period,
    received: records.filter((r) => inPeriod(r.receivedDate)).length,
    replied: replies.length,
    onTime: replies.filter((r) => r.repliedOnTime === true).length,
    averageWorkingDays: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null,
    satisfied,
    basicallySatisfied,
    dissatisfied,
    awaitingRating: replies.length - rated,
    satisfactionRate: rated ? round1(((satisfied + basicallySatisfied) * 100) / rated) : null,
  };
}

/** The year's figures and each of its twelve months. */
export function messageStatistics(records: readonly MessageStatRecord[], calendar: WorkingCalendar, year: number): { year: MessagePeriodStats; months: MessagePeriodStats[] } {
  const y = String(year);
  return {
    year: periodStats(y, records, calendar),
    months: Array.from({ length: 12 }, (_, i) => periodStats(`${y}-${String(i + 1).padStart(2, '0')}`, records, calendar)),
  };
}

/** The 信访 notice told to a writer whose message was refused as 属信访事项: where to go instead. */
export function petitionNotice(agencyName: string): string {
  return `您反映的问题属于信访事项，不属于本信箱的答复范围。根据《信访工作条例》，请您向有权处理该事项的机关或者当地信访工作机构提出，也可以通过国家信访局网上信访平台（https://wsxf.gjxfj.gov.cn）或当地县级以上人民政府信访工作机构的来信、来访、网上渠道反映。${agencyName}已记录您的留言。`;
}
