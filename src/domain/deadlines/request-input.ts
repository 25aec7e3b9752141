/**
 * The input of a request's deadline computation (条例第三十至三十五条) and its validation: what
 * the caller gives, the statutory periods, and the Chinese errors for input that cannot be used.
 */
import { dateProblem, type IsoDate } from '../calendar/index.ts';
import { laterThan } from './request-dates.ts';
import type { DeadlineResult } from './types.ts';

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

/** How a channel of receipt fixes the receipt date (Art. 31). */
export interface ReceiptChannelDef {
  readonly field: keyof RequestDeadlineInput;
  readonly name: string;
  readonly basis: string;
}

const CHANNELS: Record<ReceiptChannel, ReceiptChannelDef> = {
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

/** A consultation as messages name it; numbered when there are several. */
export function consultationLabel(c: ConsultationInput, index: number | undefined): string {
  const who = c.party ? `（${c.party}）` : '';
  const base = c.kind === 'thirdParty' ? `征求第三方${who}意见` : `征求其他机关${who}意见`;
  return index === undefined ? base : `${base}（第${index + 1}次）`;
}

/** A request whose input passed validation, with what the computation reads from it. */
export interface CheckedRequest {
  readonly channel: ReceiptChannelDef;
  readonly receiptDate: IsoDate;
  readonly today: IsoDate | undefined;
  readonly extension: ExtensionInput | undefined;
  /** The 补正 period in working days: the notice's own, else the default. */
  readonly period: number;
  readonly supplementDate: IsoDate | undefined;
}

/**
 * Checks every date of the input, their order and the rules on extensions and 补正 periods.
 * @returns the checked request, or Chinese error messages in the order the fields are read.
 */
export function checkRequestInput(input: RequestDeadlineInput): DeadlineResult<CheckedRequest> {
  const errors: string[] = [];
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
  return { ok: true, value: { channel, receiptDate, today, extension, period, supplementDate } };
}
