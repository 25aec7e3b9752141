import {
  addDays,
  compareIsoDates,
  dateProblem,
  explainWorkingDayCount,
  formatChineseDate,
  formatChineseDateWithWeekday,
  type ExcludedInterval,
  type ExplanationStep,
  type IsoDate,
  type WorkingCalendar,
  type WorkingDayCount,
} from '../calendar/index.ts';
import type { ComputedDate, DeadlineResult } from './types.ts';

/**
 * How the application reached the agency (条例第三十一条):
 * - 'inPerson' 当面提交 (also oral applications recorded by the office);
 * - 'registeredMail' 邮寄并由机关签收;
 * - 'ordinaryMail' 平常信函等无需签收的邮寄 (the office confirms with the applicant that day);
 * - 'online' 互联网渠道 (网上平台), 'email' 电子邮件, 'fax' 传真 — the day both sides confirm.
 */
export type ReceiptChannel =
  'inPerson' | 'registeredMail' | 'ordinaryMail' | 'online' | 'email' | 'fax';

/** A 补正 (correction) notice under Art. 30. */
export interface CorrectionInput {
  /** The day the notice reached the applicant; the applicant's period counts from the next day. */
  readonly noticeServedDate: IsoDate;
  /**
   * The 补正 period set in this notice, in working days. The 条例 only says "合理的补正期限";
   * {@link DEFAULT_CORRECTION_PERIOD_WORKING_DAYS} is a default, not law.
   */
  readonly periodWorkingDays?: number;
  /** The day the corrected application was received; the reply clock restarts from it. */
  readonly supplementReceivedDate?: IsoDate;
}

/** A written consultation: third party (Art. 32) or other agency (Art. 34). */
export interface ConsultationInput {
  readonly kind: 'thirdParty' | 'otherAgency';
  /** The day the consultation letter was sent; the pause starts the next day. */
  readonly sentDate: IsoDate;
  /** The day the consulted party received it; its 15 working days count from the next day. */
  readonly deliveredDate?: IsoDate;
  /** The day its answer was received; the pause ends that day. */
  readonly replyDate?: IsoDate;
  /** Name of the consulted party, for explanations. */
  readonly party?: string;
}

/** A 收费通知 (fee notice) and its payment. */
export interface FeeNoticeInput {
  /** The day the notice was sent; the pause starts the next day. */
  readonly sentDate: IsoDate;
  /** The day the applicant received it; the 20 working days to pay count from the next day. */
  readonly receivedDate?: IsoDate;
  /** The day payment arrived; the pause ends that day. */
  readonly paidDate?: IsoDate;
}

/** An extension of the reply deadline (Art. 33 ¶2). */
export interface ExtensionInput {
  /** The head of the OGI office approved it (the caller asserts this; must be true). */
  readonly approved: boolean;
  /** At most 20. */
  readonly workingDays: number;
  /** The day it was decided, to check it came before the original deadline. */
  readonly decidedDate?: IsoDate;
}

/** An agency-set longer deadline for an excessive request (Art. 35). */
export interface ExcessiveRequestInput {
  readonly dueDate: IsoDate;
  /** The day the applicant was notified. */
  readonly noticeDate?: IsoDate;
}

/** Everything about one request that affects its deadlines. */
export interface RequestDeadlineInput {
  readonly channel: ReceiptChannel;
  /** 'inPerson': the day it was handed in. */
  readonly submittedDate?: IsoDate;
  /** 'registeredMail': the day the agency signed for it. */
  readonly signedForDate?: IsoDate;
  /** 'ordinaryMail', 'online', 'email', 'fax': the day both sides confirmed. */
  readonly confirmedDate?: IsoDate;
  /** Used only to decide whether a period has lapsed; nothing reads the clock. */
  readonly today?: IsoDate;
  readonly correction?: CorrectionInput;
  readonly consultations?: readonly ConsultationInput[];
  readonly feeNotice?: FeeNoticeInput;
  /** At most one; a second one is rejected. */
  readonly extensions?: readonly ExtensionInput[];
  readonly excessive?: ExcessiveRequestInput;
}

/** Agency default for the applicant's 补正 period (practice, not law; configurable per notice). */
export const DEFAULT_CORRECTION_PERIOD_WORKING_DAYS = 15;
/** Art. 33: reply within 20 working days. */
export const REPLY_WORKING_DAYS = 20;
/** Art. 30: 补正 notice within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Art. 33: an extension adds at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Arts. 32 and 34: the consulted party has 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** Fee rules: pay within 20 working days of receiving the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

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

/** A request closed because the applicant let a period lapse (table 三, row (六)). */
export interface RequestOutcome {
  readonly code: 'correctionLapsed' | 'feeLapsed';
  /** Row of the annual report table 三. */
  readonly reportRow: '（六）1' | '（六）2';
  readonly label: string;
  /** The last day of the lapsed period. */
  readonly lapsedAfter: IsoDate;
}

/** All deadlines of one request. */
export interface RequestDeadlines {
  readonly receiptDate: IsoDate;
  /** The receipt date with its Art. 31 basis. */
  readonly receipt: ComputedDate;
  /** Art. 30: last day to send a 补正 notice. */
  readonly correctionNoticeDue: ComputedDate;
  /** Last day for the applicant to supplement (only with a 补正 notice). */
  readonly correctionPeriodDue?: ComputedDate;
  /** The day the reply clock runs from (receipt, or receipt of the corrected application). */
  readonly replyClockStart?: IsoDate;
  /** Art. 33: 20 working days, pauses excluded. No date while awaiting a supplement. */
  readonly replyDue: ComputedDate;
  /** With the approved extension. */
  readonly extendedReplyDue?: ComputedDate;
  /** Art. 35 agency-set deadline. */
  readonly agencySetReplyDue?: ComputedDate;
  /** The deadline that applies: Art. 35, else extended, else the 20-day one. */
  readonly finalReplyDue: ComputedDate;
  readonly pauses: readonly PauseSummary[];
  /** The applicant's payment deadline (with a fee notice). */
  readonly paymentDue?: ComputedDate;
  /** Set when the request is closed by a lapsed 补正 or fee period. */
  readonly outcome?: RequestOutcome;
  /** True if any date above is provisional. */
  readonly provisional: boolean;
  readonly missingYears: readonly number[];
  /** Irregularities that do not stop the computation (Chinese). */
  readonly warnings: readonly string[];
}

const CHANNELS: Record<
  ReceiptChannel,
  { field: keyof RequestDeadlineInput; name: string; basis: string }
> = {
  inPerson: {
    field: 'submittedDate',
    name: '当面提交',
    basis: '当面提交申请的，以提交之日为收到申请之日（条例第三十一条第一项）',
  },
  registeredMail: {
    field: 'signedForDate',
    name: '邮寄（签收）',
    basis: '以邮寄方式提交申请的，以行政机关签收之日为收到申请之日（条例第三十一条第二项）',
  },
  ordinaryMail: {
    field: 'confirmedDate',
    name: '平常信函',
    basis:
      '以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日（条例第三十一条第二项）',
  },
  online: {
    field: 'confirmedDate',
    name: '互联网渠道',
    basis: '通过互联网渠道提交申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）',
  },
  email: {
    field: 'confirmedDate',
    name: '电子邮件',
    basis:
      '通过电子邮件（互联网渠道）提交申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）',
  },
  fax: {
    field: 'confirmedDate',
    name: '传真',
    basis:
      '通过政府信息公开工作机构的传真提交申请的，以双方确认之日为收到申请之日（条例第三十一条第三项）',
  },
};

const FIELD_NAMES: Record<string, string> = {
  submittedDate: '提交之日',
  signedForDate: '签收之日',
  confirmedDate: '双方确认之日',
};

const OUTCOMES = {
  correctionLapsed: {
    reportRow: '（六）1',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  feeLapsed: {
    reportRow: '（六）2',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
} as const;

function fromCount(
  count: WorkingDayCount,
  subject: string,
  before: readonly ExplanationStep[],
  estimated = false,
  after: readonly ExplanationStep[] = [],
): ComputedDate {
  return {
    date: count.date,
    provisional: count.provisional,
    missingYears: count.missingYears,
    estimated,
    steps: [...before, ...explainWorkingDayCount(count, subject), ...after],
  };
}

const laterThan = (a: IsoDate, b: IsoDate): boolean => compareIsoDates(a, b) > 0;

/**
 * Computes every deadline of a 依申请公开 request under 条例 Arts. 30–35.
 *
 * Day counting: the start day does not count; counting begins the next day (the usual practice;
 * the 条例 does not say). A pause (consultation or fee notice) excludes the working days from the
 * day after the letter or notice was sent through the day the answer or payment arrived; a pause
 * still open is assumed to last until the other side's deadline (result marked `estimated`), and a
 * late answer is excluded only up to that deadline. Pure: `input.today` stands in for the clock.
 *
 * @returns the deadlines, or Chinese error messages for invalid input.
 */
export function computeRequestDeadlines(
  input: RequestDeadlineInput,
  calendar: WorkingCalendar,
): DeadlineResult<RequestDeadlines> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const dateOk = (value: unknown, what: string): value is IsoDate => {
    if (value === undefined) return false;
    const problem = dateProblem(value, what);
    if (problem) errors.push(problem);
    return !problem;
  };

  // --- receipt (Art. 31)
  const channel = Object.hasOwn(CHANNELS, input.channel) ? CHANNELS[input.channel] : undefined;
  if (!channel) {
    return { ok: false, errors: [`提交渠道“${String(input.channel)}”无效`] };
  }
  const rawReceipt = input[channel.field];
  const fieldName = FIELD_NAMES[channel.field] ?? '收到申请之日';
  if (rawReceipt === undefined) {
    errors.push(`${channel.name}的申请须提供${fieldName}，才能确定收到申请之日（条例第三十一条）`);
  }
  const receiptOk = dateOk(rawReceipt, fieldName);
  const today = dateOk(input.today, '今天的日期') ? input.today : undefined;

  // --- shape checks that need no dates
  const extensions = input.extensions ?? [];
  if (extensions.length > 1) {
    errors.push('答复期限只能延长一次（条例第三十三条第二款）');
  }
  const extension = extensions[0];
  if (extension) {
    if (extension.approved !== true) {
      errors.push('延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条第二款）');
    }
    const n = extension.workingDays;
    if (!Number.isInteger(n) || n < 1) {
      errors.push(`延长的工作日数“${String(n)}”无效：应为1至20的整数`);
    } else if (n > MAX_EXTENSION_WORKING_DAYS) {
      errors.push(`延长的期限最长不得超过20个工作日（条例第三十三条第二款），不能延长${n}个工作日`);
    }
    dateOk(extension.decidedDate, '延期决定之日');
  }
  const period = input.correction?.periodWorkingDays ?? DEFAULT_CORRECTION_PERIOD_WORKING_DAYS;
  if (input.correction && (!Number.isInteger(period) || period < 1 || period > 366)) {
    errors.push(`补正期限“${String(period)}”无效：应为1至366之间的整数个工作日`);
  }
  if (!receiptOk || errors.length > 0) return { ok: false, errors };
  const receiptDate = rawReceipt as IsoDate;
  if (today && laterThan(receiptDate, today)) {
    errors.push(`收到申请之日${receiptDate}晚于今天${today}`);
  }
  const notBefore = (d: IsoDate, ref: IsoDate, what: string, refWhat: string): void => {
    if (laterThan(ref, d)) errors.push(`${what}${d}早于${refWhat}${ref}`);
  };

  // --- correction dates
  const corr = input.correction;
  let supplementDate: IsoDate | undefined;
  if (corr) {
    if (dateOk(corr.noticeServedDate, '补正通知送达之日')) {
      notBefore(corr.noticeServedDate, receiptDate, '补正通知送达之日', '收到申请之日');
      if (dateOk(corr.supplementReceivedDate, '收到补正申请之日')) {
        notBefore(
          corr.supplementReceivedDate,
          corr.noticeServedDate,
          '收到补正申请之日',
          '补正通知送达之日',
        );
        supplementDate = corr.supplementReceivedDate;
      }
    } else if (corr.noticeServedDate === undefined) {
      errors.push('补正须提供补正通知送达申请人之日');
    }
  }
  // --- consultation and fee dates
  const consultations = input.consultations ?? [];
  consultations.forEach((c, i) => {
    const what = consultationLabel(c, consultations.length > 1 ? i : undefined);
    if (c.kind !== 'thirdParty' && c.kind !== 'otherAgency') {
      errors.push(`${what}：类型“${String(c.kind)}”无效`);
      return;
    }
    if (!dateOk(c.sentDate, `${what}：发函之日`)) {
      if (c.sentDate === undefined) errors.push(`${what}：须提供发出征求意见函之日`);
      return;
    }
    notBefore(c.sentDate, receiptDate, `${what}：发函之日`, '收到申请之日');
    if (dateOk(c.deliveredDate, `${what}：对方收到之日`)) {
      notBefore(c.deliveredDate, c.sentDate, `${what}：对方收到之日`, '发函之日');
    }
    if (dateOk(c.replyDate, `${what}：收到答复之日`)) {
      notBefore(
        c.replyDate,
        c.deliveredDate ?? c.sentDate,
        `${what}：收到答复之日`,
        '对方收到或发函之日',
      );
    }
  });
  const fee = input.feeNotice;
  if (fee) {
    if (dateOk(fee.sentDate, '收费通知发出之日')) {
      notBefore(fee.sentDate, receiptDate, '收费通知发出之日', '收到申请之日');
      if (dateOk(fee.receivedDate, '申请人收到收费通知之日')) {
        notBefore(fee.receivedDate, fee.sentDate, '申请人收到收费通知之日', '收费通知发出之日');
      }
      if (dateOk(fee.paidDate, '缴费之日')) {
        notBefore(fee.paidDate, fee.sentDate, '缴费之日', '收费通知发出之日');
      }
    } else if (fee.sentDate === undefined) {
      errors.push('收费通知须提供发出之日');
    }
  }
  if (input.excessive) {
    if (dateOk(input.excessive.dueDate, '第三十五条答复期限')) {
      notBefore(input.excessive.dueDate, receiptDate, '第三十五条答复期限', '收到申请之日');
    } else if (input.excessive.dueDate === undefined) {
      errors.push('第三十五条延迟答复须提供行政机关确定的答复期限');
    }
    dateOk(input.excessive.noticeDate, '告知申请人延迟答复之日');
  }
  if (errors.length > 0) return { ok: false, errors };

  const lapsed = (due: IsoDate): boolean => today !== undefined && laterThan(today, due);

  // --- receipt explanation
  const receiptSteps: ExplanationStep[] = [
    {
      label: '收到申请',
      date: receiptDate,
      detail: `${channel.basis}：${formatChineseDateWithWeekday(receiptDate)}`,
    },
  ];
  if (!calendar.isWorkingDay(receiptDate)) {
    receiptSteps.push({
      label: '收到日为非工作日',
      date: receiptDate,
      detail: '收到申请之日不是工作日，仍以该日为收到之日，期限自次日起计算（次日起的工作日计入）',
    });
  }
  const receipt: ComputedDate = {
    date: receiptDate,
    provisional: false,
    missingYears: [],
    estimated: false,
    steps: receiptSteps,
  };

  // --- 补正 notice (Art. 30)
  const noticeCount = calendar.addWorkingDays(receiptDate, CORRECTION_NOTICE_WORKING_DAYS);
  const correctionNoticeDue = fromCount(noticeCount, '补正通知的最后期限', [
    {
      label: '依据',
      detail:
        '申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人补正（条例第三十条）',
    },
  ]);

  let outcome: RequestOutcome | undefined;
  let correctionPeriodDue: ComputedDate | undefined;
  if (corr) {
    if (laterThan(corr.noticeServedDate, noticeCount.date)) {
      warnings.push(
        `补正通知送达之日${corr.noticeServedDate}晚于法定告知期限${noticeCount.date}（收到申请之日起7个工作日，条例第三十条）`,
      );
    }
    const pc = calendar.addWorkingDays(corr.noticeServedDate, period);
    correctionPeriodDue = fromCount(pc, '申请人补正期限届满日', [
      {
        label: '依据',
        detail: `补正期限由本机关在补正通知中确定（条例第三十条“合理的补正期限”），本通知为${period}个工作日${
          corr.periodWorkingDays === undefined ? '（系统默认值，非法定期限）' : ''
        }，自通知送达次日起计算`,
      },
      {
        label: '通知送达',
        date: corr.noticeServedDate,
        detail: `补正通知于${formatChineseDateWithWeekday(corr.noticeServedDate)}送达申请人`,
      },
    ]);
    if (supplementDate && laterThan(supplementDate, pc.date)) {
      warnings.push(
        `申请人于${supplementDate}补正，已超过补正期限${pc.date}；是否仍予处理由本机关决定`,
      );
    }
    if (!supplementDate && lapsed(pc.date)) {
      outcome = { code: 'correctionLapsed', ...OUTCOMES.correctionLapsed, lapsedAfter: pc.date };
    }
  }

  // --- pauses (Arts. 32, 33 ¶3, 34; fee notice)
  const clockStart = corr ? supplementDate : receiptDate;
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
    if (isLapsed && !outcome) {
      outcome = { code: 'feeLapsed', ...OUTCOMES.feeLapsed, lapsedAfter: pc.date };
    }
  }

  // --- reply (Art. 33)
  const exclude: ExcludedInterval[] = pauses
    .filter((p) => compareIsoDates(p.excludedFrom, p.excludedTo) <= 0)
    .map((p) => ({ from: p.excludedFrom, to: p.excludedTo, label: p.label }));
  const openPause = pauses.some((p) => p.status === 'open');
  const pauseNote: ExplanationStep[] = openPause
    ? [
        {
          label: '估算',
          detail:
            '尚有征求意见或缴费未结束，暂按对方答复（缴费）期限届满计算暂停期间；结束后须重新计算',
        },
      ]
    : [];
  const replyBasis: ExplanationStep = {
    label: '依据',
    detail:
      '不能当场答复的，应当自收到申请之日起20个工作日内予以答复；征求第三方和其他机关意见所需时间不计算在期限内（条例第三十三条）',
  };

  let replyDue: ComputedDate;
  let extendedReplyDue: ComputedDate | undefined;
  if (clockStart === undefined) {
    const waiting: ExplanationStep = outcome
      ? {
          label: '视为放弃',
          date: outcome.lapsedAfter,
          detail: `申请人未在补正期限（至${formatChineseDate(outcome.lapsedAfter)}）内补正，视为放弃申请，不再处理（条例第三十条）`,
        }
      : {
          label: '等待补正',
          detail: '已通知补正，答复期限自收到补正后的申请之日起计算（条例第三十条）',
        };
    replyDue = {
      provisional: false,
      missingYears: [],
      estimated: false,
      steps: [replyBasis, waiting],
    };
  } else {
    const startStep: ExplanationStep = supplementDate
      ? {
          label: '重新起算',
          date: supplementDate,
          detail: `申请人于${formatChineseDateWithWeekday(supplementDate)}补正，答复期限自收到补正后的申请之日起计算（条例第三十条）`,
        }
      : { label: '收到申请', date: receiptDate, detail: channel.basis };
    const rc = calendar.addWorkingDays(clockStart, REPLY_WORKING_DAYS, { exclude });
    replyDue = fromCount(rc, '答复期限届满日', [replyBasis, startStep], openPause, pauseNote);
    if (extension) {
      const n = extension.workingDays;
      const ec = calendar.addWorkingDays(clockStart, REPLY_WORKING_DAYS + n, { exclude });
      extendedReplyDue = fromCount(
        ec,
        '延长后的答复期限届满日',
        [
          {
            label: '延长',
            detail: `经政府信息公开工作机构负责人同意并告知申请人，延长${n}个工作日（条例第三十三条第二款，最长20个工作日）：原期限${formatChineseDate(
              rc.date,
            )}届满后续算，合计${REPLY_WORKING_DAYS + n}个工作日`,
          },
          startStep,
        ],
        openPause,
        pauseNote,
      );
      if (extension.decidedDate && laterThan(extension.decidedDate, rc.date)) {
        warnings.push(`延期决定之日${extension.decidedDate}晚于原答复期限${rc.date}`);
      }
    }
    for (const p of pauses) {
      const due = extendedReplyDue?.date ?? rc.date;
      if (laterThan(p.startDate, due)) {
        warnings.push(`${p.label}开始于${p.startDate}，已在答复期限${due}之后，不影响期限计算`);
      }
      if (laterThan(clockStart, p.startDate)) {
        warnings.push(`${p.label}开始于${p.startDate}，早于答复期限起算日${clockStart}`);
      }
    }
  }

  let agencySetReplyDue: ComputedDate | undefined;
  if (input.excessive) {
    const due = input.excessive.dueDate;
    agencySetReplyDue = {
      date: due,
      provisional: false,
      missingYears: [],
      estimated: false,
      steps: [
        {
          label: '依据',
          detail:
            '申请公开政府信息的数量、频次明显超过合理范围，申请人说明理由合理但无法在规定期限内答复的，行政机关可以确定延迟答复的合理期限并告知申请人（条例第三十五条）',
        },
        ...(input.excessive.noticeDate
          ? [
              {
                label: '告知申请人',
                date: input.excessive.noticeDate,
                detail: `于${formatChineseDate(input.excessive.noticeDate)}告知申请人`,
              },
            ]
          : []),
        {
          label: '届满',
          date: due,
          detail: `本机关确定的答复期限为${formatChineseDateWithWeekday(due)}`,
        },
      ],
    };
    const statutory = extendedReplyDue?.date ?? replyDue.date;
    if (statutory && !laterThan(due, statutory)) {
      warnings.push(
        `第三十五条确定的答复期限${due}不晚于法定答复期限${statutory}，延迟答复没有意义，请核对`,
      );
    }
  }

  const finalReplyDue = agencySetReplyDue ?? extendedReplyDue ?? replyDue;
  const all = [
    receipt,
    correctionNoticeDue,
    correctionPeriodDue,
    replyDue,
    extendedReplyDue,
    paymentDue,
    ...pauses.map((p) => p.counterpartDue),
  ];
  const missing = new Set<number>();
  for (const c of all) for (const y of c?.missingYears ?? []) missing.add(y);
  const missingYears = [...missing].sort((a, b) => a - b);

  return {
    ok: true,
    value: {
      receiptDate,
      receipt,
      correctionNoticeDue,
      ...(correctionPeriodDue ? { correctionPeriodDue } : {}),
      ...(clockStart ? { replyClockStart: clockStart } : {}),
      replyDue,
      ...(extendedReplyDue ? { extendedReplyDue } : {}),
      ...(agencySetReplyDue ? { agencySetReplyDue } : {}),
      finalReplyDue,
      pauses,
      ...(paymentDue ? { paymentDue } : {}),
      ...(outcome ? { outcome } : {}),
      provisional: missingYears.length > 0,
      missingYears,
      warnings,
    },
  };
}

function consultationLabel(c: ConsultationInput, index: number | undefined): string {
  const who = c.party ? `（${c.party}）` : '';
  const base = c.kind === 'thirdParty' ? `征求第三方${who}意见` : `征求其他机关${who}意见`;
  return index === undefined ? base : `${base}（第${index + 1}次）`;
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
