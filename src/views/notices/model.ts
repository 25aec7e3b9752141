/**
 * View model of the formal notices of the 依申请公开 workflow. Plain data: dates are
 * 'YYYY-MM-DD' strings computed elsewhere (src/domain/deadlines); the renderers only format them.
 */
import type { IsoDate } from '../../domain/calendar/index.ts';
import type { ReceiptChannel } from '../../domain/deadlines/index.ts';
import type { FeeQuote } from '../../domain/fees/index.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../../domain/report/taxonomy.ts';

/**
 * Outcome of a request = one leaf row of the annual report table 三. The codes are the stable
 * ones of src/domain/report/taxonomy.ts, so a notice and the report count the same decision.
 */
export type NoticeOutcome = OutcomeCode;

/** Every outcome code, in the order of table 三. */
export const NOTICE_OUTCOMES: readonly NoticeOutcome[] = OUTCOME_CODES;

/** The agency issuing the notice. */
export interface NoticeAgency {
  /** e.g. '常平乡人民政府'; also the default signature. */
  readonly name: string;
  /** e.g. '常平乡人民政府政府信息公开工作机构'. */
  readonly officeName: string;
  readonly address?: string;
  readonly phone?: string;
}

/** The application the notice is about. */
export interface NoticeRequest {
  /** The code the applicant uses to track the request online. */
  readonly queryCode: string;
  /** How the applicant is addressed: a person's name, or for companies the company name. */
  readonly applicantName: string;
  /** Chooses 您 or 贵单位 in the text; default 'person'. */
  readonly applicantKind?: 'person' | 'organisation';
  /** The Art. 31 receipt date. */
  readonly receivedDate: IsoDate;
  /** The information sought, in the applicant's words. */
  readonly description: string;
  /** How it was submitted, as it should read in the notice, e.g. '政府信息公开网上申请平台'. */
  readonly channelLabel: string;
}

/** Fields shared by every notice. */
export interface NoticeCommon {
  readonly agency: NoticeAgency;
  readonly request: NoticeRequest;
  /** 成文日期, printed under the signature. */
  readonly issueDate: IsoDate;
  /** 文号, e.g. '常政公开〔2025〕3号'; optional. */
  readonly docNumber?: string;
  /** 附件 names, listed after the body (GB/T 9704 附件说明). */
  readonly attachments?: readonly string[];
  /** Signature (发文机关署名); default `agency.name`. */
  readonly signatory?: string;
}

/** 1. 受理回执. */
export interface AcknowledgementNotice extends NoticeCommon {
  readonly kind: 'acknowledgement';
  /** Decides which item of Art. 31 fixes the receipt date. */
  readonly receiptChannel: ReceiptChannel;
  /** The Art. 33 reply deadline (20 working days). */
  readonly replyDueDate: IsoDate;
  /** Where the applicant tracks the request with the query code. */
  readonly trackingUrl: string;
}

/** 2. 补正告知书 (Art. 30). */
export interface CorrectionNotice extends NoticeCommon {
  readonly kind: 'correction';
  /** What is unclear and what to supplement, one item per entry. */
  readonly items: readonly string[];
  /** The period set by the agency ("合理的补正期限"; not fixed by the 条例). */
  readonly periodWorkingDays: number;
  /** Its last day. */
  readonly periodLastDate: IsoDate;
  /** How to submit the supplement, e.g. '通过原申请渠道提交，或者邮寄至本机关'. */
  readonly submitMethod?: string;
}

/** 3. 延期答复告知书 (Art. 33 ¶2). */
export interface ExtensionNotice extends NoticeCommon {
  readonly kind: 'extension';
  readonly originalDueDate: IsoDate;
  /** 1–20. */
  readonly extensionWorkingDays: number;
  readonly newDueDate: IsoDate;
  /** Why the reply cannot be given in time. */
  readonly reason: string;
  /** The head of the OGI office agreed (must be true; the notice says so). */
  readonly approvedByOfficeHead: boolean;
}

/** 4. 征求意见函: to a third party (Art. 32) or a co-maker agency (Art. 34). */
export interface ConsultationNotice extends NoticeCommon {
  readonly kind: 'consultation';
  readonly variant: 'thirdParty' | 'otherAgency';
  /** The addressee (the applicant is not named in the letter). */
  readonly recipientName: string;
  /** Third party addressed as 您 (person) or 贵单位 (organisation); 贵方 if not given. */
  readonly recipientKind?: 'person' | 'organisation';
  /** The information concerned, as far as it affects the recipient. */
  readonly informationConcerned: string;
  /** How to send the opinion (address, contact), printed if given. */
  readonly replyMethod?: string;
}

/** 5. 收费通知书 (国办函〔2020〕109号). */
export interface FeeNotice extends NoticeCommon {
  readonly kind: 'fee';
  /** From src/domain/fees: method, tier lines, total (integer 元). */
  readonly quote: FeeQuote;
  /** How to pay, e.g. bank account or payment platform. */
  readonly paymentMethod: string;
  /** Last day of the 20 working days counted from the day after receipt of the notice. */
  readonly paymentLastDate: IsoDate;
}

/** How disclosed information is provided (Art. 36 items 1–2, Art. 37). */
export interface ProvisionDetails {
  /** Already proactively disclosed: Art. 36 item 1 (tell where), otherwise item 2. */
  readonly alreadyPublic?: boolean;
  /**
   * Item 2: form and way of provision, e.g. '以电子文档形式随本答复书一并提供'.
   * Item 1: where it is published, e.g. '常平乡人民政府门户网站“政府信息公开”专栏'.
   */
  readonly method: string;
  /** Web address where it can be found (item 1). */
  readonly url?: string;
}

/** Staff's explanation and the outcome-specific facts a reply needs. */
export interface ReplyNotice extends NoticeCommon {
  readonly kind: 'reply';
  readonly outcome: NoticeOutcome;
  /** Staff's reasons, free text; blank lines or line breaks separate paragraphs. */
  readonly reasons?: string;
  /** For 'disclosed' and 'partially_disclosed'. */
  readonly provision?: ProvisionDetails;
  /** For 'partially_disclosed': the ground for the withheld part, to cite its article too. */
  readonly partialWithheldGround?: NoticeOutcome;
  /** For 'unable.not_held': not found (Art. 36 item 4) or not this agency's (item 5). */
  readonly notHeld?: {
    readonly basis: 'nonexistent' | 'notResponsible';
    /** The competent agency, if it can be identified (item 5). */
    readonly competentAgency?: string;
    readonly competentAgencyContact?: string;
  };
  /** For 'withheld.administrative_query': the special access regime (Art. 36 item 7). */
  readonly specialRegime?: {
    /** e.g. '不动产登记资料查询'. */
    readonly matter: string;
    /** The law or regulation, e.g. '《不动产登记暂行条例》'. */
    readonly law: string;
    /** Where to apply, e.g. '常平县不动产登记中心'. */
    readonly whereToApply?: string;
  };
  /** For 'not_processed.duplicate': the earlier reply (Art. 36 item 6). */
  readonly previousReply?: { readonly date: IsoDate; readonly docNumber?: string };
  /** For 'not_processed.publication': where to get it (Art. 39 ¶2). */
  readonly publication?: { readonly title?: string; readonly whereToObtain?: string };
  /** For 'not_processed.petition_complaint': the proper channel (Art. 39 ¶1). */
  readonly properChannel?: string;
  /** For 'not_processed.excessive': the day the agency asked for reasons (Art. 35). */
  readonly reasonsRequestedDate?: IsoDate;
  /** For 'unable.unclear_after_correction' and 'other.correction_not_supplemented'. */
  readonly correction?: {
    readonly noticeDate: IsoDate;
    readonly periodLastDate?: IsoDate;
    readonly supplementReceivedDate?: IsoDate;
  };
  /** For 'other.fee_not_paid'. */
  readonly feeNotice?: { readonly noticeDate: IsoDate; readonly paymentLastDate: IsoDate };
  /** The applicant's remedies; both are required, never printed blank. */
  readonly remedies: {
    /** 行政复议机关, e.g. '常平县人民政府'. */
    readonly reconsiderationBody?: string;
    /** The full court name, e.g. '常平县人民法院'. */
    readonly court?: string;
  };
}

/** Any notice, discriminated by `kind`. */
export type Notice =
  | AcknowledgementNotice
  | CorrectionNotice
  | ExtensionNotice
  | ConsultationNotice
  | FeeNotice
  | ReplyNotice;

export type NoticeKind = Notice['kind'];

/** Thrown when a notice cannot be issued; `problems` lists what is missing or wrong, in Chinese. */
export class NoticeDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`通知书内容不完整或有误，不能出具：${problems.join('；')}`);
    this.name = 'NoticeDataError';
  }
}
