/**
 * A 依申请公开 request's deadlines (条例第三十至三十五条): receipt, the 补正 notice and period, the
 * reply clock with its pauses, an extension and an Art. 35 deadline. Validation is in
 * request-input.ts, the pauses in request-pauses.ts.
 */
import {
  compareIsoDates,
  formatChineseDate,
  formatChineseDateWithWeekday,
  type ExcludedInterval,
  type ExplanationStep,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/index.ts';
import { fromCount, laterThan } from './request-dates.ts';
import {
  CORRECTION_NOTICE_WORKING_DAYS,
  REPLY_WORKING_DAYS,
  checkRequestInput,
  type RequestDeadlineInput,
} from './request-input.ts';
import { computePauses, type PauseSummary } from './request-pauses.ts';
import type { ComputedDate, DeadlineResult } from './types.ts';

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
  const checked = checkRequestInput(input);
  if (!checked.ok) return checked;
  const { channel, receiptDate, today, extension, period, supplementDate } = checked.value;
  const corr = input.correction;
  const warnings: string[] = [];

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
  const { pauses, paymentDue, feeLapsedAfter } = computePauses(
    calendar,
    input.consultations ?? [],
    input.feeNotice,
    lapsed,
    warnings,
  );
  if (feeLapsedAfter !== undefined && !outcome) {
    outcome = { code: 'feeLapsed', ...OUTCOMES.feeLapsed, lapsedAfter: feeLapsedAfter };
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
