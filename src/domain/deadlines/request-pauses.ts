/**
 * Pauses of a request's reply clock: consultations (条例第三十二、三十四条) and a fee notice until
 * payment. Each gives the other side's deadline and the working days it takes off the reply clock.
 */
import {
  addDays,
  formatChineseDate,
  formatChineseDateWithWeekday,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/index.ts';
import { fromCount, laterThan } from './request-dates.ts';
import {
  CONSULTATION_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  consultationLabel,
  type ConsultationInput,
  type FeeNoticeInput,
} from './request-input.ts';
import type { ComputedDate } from './types.ts';

export type PauseKind = 'thirdParty' | 'otherAgency' | 'fee';
/** 'ended': answer/payment received; 'lapsed': its period ran out; 'open': still waiting. */
export type PauseStatus = 'ended' | 'lapsed' | 'open';

/** A pause of the reply clock. Working days in `excludedFrom`..`excludedTo` do not count. */
export interface PauseSummary {
  readonly kind: PauseKind;
  /** Chinese, e.g. '征求第三方意见'. */
  readonly label: string;
  readonly startDate: IsoDate;
  readonly excludedFrom: IsoDate;
  /** Inclusive; before `excludedFrom` when the pause ended the day it began (nothing excluded). */
  readonly excludedTo: IsoDate;
  readonly status: PauseStatus;
  /** The consulted party's reply deadline, or the applicant's payment deadline. */
  readonly counterpartDue: ComputedDate;
  /** Working days in the excluded interval. */
  readonly excludedWorkingDays: number;
}

/** The pauses of a request, with the applicant's payment deadline when there is a fee notice. */
export interface Pauses {
  readonly pauses: PauseSummary[];
  readonly paymentDue: ComputedDate | undefined;
  /** The last day to pay, when the fee period lapsed unpaid. */
  readonly feeLapsedAfter: IsoDate | undefined;
}

/**
 * Every pause in order: the consultations, then the fee notice. `lapsed` says whether a period
 * ending on a day has run out; warnings about late answers or payments go to `warnings`.
 */
export function computePauses(
  calendar: WorkingCalendar,
  consultations: readonly ConsultationInput[],
  fee: FeeNoticeInput | undefined,
  lapsed: (due: IsoDate) => boolean,
  warnings: string[],
): Pauses {
  const pauses: PauseSummary[] = [];
  consultations.forEach((c, i) => {
    const label = consultationLabel(c, consultations.length > 1 ? i : undefined);
    const third = c.kind === 'thirdParty';
    const base = c.deliveredDate ?? c.sentDate;
    const cc = calendar.addWorkingDays(base, CONSULTATION_WORKING_DAYS);
    const assumedDelivery = c.deliveredDate === undefined;
    const counterpartDue = fromCount(
      cc,
      third ? '第三方提出意见的期限届满日' : '被征求意见机关答复的期限届满日',
      [
        {
          label: '依据',
          detail: third
            ? '第三方应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出的由行政机关决定是否公开（条例第三十二条）'
            : '被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出的视为同意公开（条例第三十四条）',
        },
        assumedDelivery
          ? {
              label: '送达日未知',
              date: c.sentDate,
              detail: `未提供对方收到征求意见书之日，暂按发函当日${formatChineseDate(c.sentDate)}计算`,
            }
          : {
              label: '对方收到',
              date: base,
              detail: `对方于${formatChineseDateWithWeekday(base)}收到征求意见书`,
            },
      ],
      assumedDelivery && c.replyDate === undefined,
    );
    pauses.push(
      pauseOf(
        calendar,
        c.kind,
        label,
        c.sentDate,
        cc.date,
        c.replyDate,
        lapsed(cc.date),
        counterpartDue,
        warnings,
        {
          late: `${label}：答复于${c.replyDate ?? ''}收到，晚于其期限${cc.date}，超出部分不从答复期限中扣除`,
        },
      ),
    );
  });

  let paymentDue: ComputedDate | undefined;
  let feeLapsedAfter: IsoDate | undefined;
  if (fee) {
    const base = fee.receivedDate ?? fee.sentDate;
    const pc = calendar.addWorkingDays(base, FEE_PAYMENT_WORKING_DAYS);
    const assumed = fee.receivedDate === undefined;
    paymentDue = fromCount(
      pc,
      '申请人缴费期限届满日',
      [
        {
          label: '依据',
          detail:
            '申请人应当自收到收费通知的次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请（信息处理费管理规定）',
        },
        assumed
          ? {
              label: '收到日未知',
              date: fee.sentDate,
              detail: `未提供申请人收到收费通知之日，暂按发出当日${formatChineseDate(fee.sentDate)}计算`,
            }
          : {
              label: '申请人收到',
              date: base,
              detail: `申请人于${formatChineseDateWithWeekday(base)}收到收费通知`,
            },
      ],
      assumed && fee.paidDate === undefined,
    );
    const isLapsed = fee.paidDate === undefined && lapsed(pc.date);
    pauses.push(
      pauseOf(
        calendar,
        'fee',
        '收费通知至缴费',
        fee.sentDate,
        pc.date,
        fee.paidDate,
        isLapsed,
        paymentDue,
        warnings,
        {
          late: `申请人于${fee.paidDate ?? ''}缴费，晚于缴费期限${pc.date}，超出部分不从答复期限中扣除`,
        },
      ),
    );
    if (isLapsed) feeLapsedAfter = pc.date;
  }
  return { pauses, paymentDue, feeLapsedAfter };
}

function pauseOf(
  calendar: WorkingCalendar,
  kind: PauseKind,
  label: string,
  startDate: IsoDate,
  counterpartDueDate: IsoDate,
  endDate: IsoDate | undefined,
  isLapsed: boolean,
  counterpartDue: ComputedDate,
  warnings: string[],
  messages: { late: string },
): PauseSummary {
  let to: IsoDate;
  let status: PauseStatus;
  if (endDate !== undefined) {
    status = 'ended';
    if (laterThan(endDate, counterpartDueDate)) {
      warnings.push(messages.late);
      to = counterpartDueDate;
    } else {
      to = endDate;
    }
  } else {
    status = isLapsed ? 'lapsed' : 'open';
    to = counterpartDueDate;
  }
  const from = addDays(startDate, 1);
  return {
    kind,
    label,
    startDate,
    excludedFrom: from,
    excludedTo: to,
    status,
    counterpartDue,
    excludedWorkingDays: calendar.countWorkingDays(from, to),
  };
}
