/**
 * The requests capability's contract: the shapes and Chinese labels its API speaks. The workspace
 * imports these instead of re-declaring them; keep this module free of Node.js APIs.
 */
import type { IsoDate } from '../../domain/calendar/iso-date.ts';
import type { RequestChannel, RequestEvent, RequestEventType, RequestPhase } from '../../domain/requests/lifecycle.ts';
import type { RequestView } from '../../domain/requests/view.ts';
import type { ApplicantType } from '../../domain/requests/outcomes.ts';

export { applicantTypeLabels, applicantTypes, outcomeCodes, outcomeLabels } from '../../domain/requests/outcomes.ts';
export type { ComputedDate } from '../../domain/deadlines/types.ts';
export { channelLabels, phaseLabels, requestChannels } from '../../domain/requests/lifecycle.ts';

/** The formal notices of a request (views/notices renders them). */
export type NoticeKind = 'acknowledgement' | 'correction' | 'extension' | 'consultation' | 'fee' | 'reply';

export const noticeKindLabels: Record<NoticeKind, string> = {
  acknowledgement: '受理回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultation: '征求意见函',
  fee: '收费通知书',
  reply: '答复书',
};

export const idTypes = { resident_id: '居民身份证', passport: '护照', hk_macao_taiwan: '港澳台居民证件', credit_code: '统一社会信用代码', other: '其他证件' } as const;

export type IdType = keyof typeof idTypes;

export const requestedForms = { paper: '纸质', electronic: '电子', either: '纸质或电子均可' } as const;

export const deliveries = { pickup: '自行领取', post: '邮寄', email: '电子邮件', online: '网上获取', fax: '传真' } as const;

/** The ways of delivery by which the applicant chose to receive the answer electronically: the tracking page then offers the 答复书. */
/**
 * The Chinese label of every field the requests API takes, by name or dotted path: validation
 * errors name fields by these (http/api/schemas.ts `titled`), and the workspace forms label with them.
 */
export const requestFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '受理机关',
  channel: '提交渠道',
  submittedDate: '提交日期',
  receipt: '签收或确认',
  'receipt.date': '签收或双方确认日期',
  'receipt.method': '确认方式',
  applicant: '申请人',
  'applicant.type': '申请人类型',
  'applicant.name': '姓名或名称',
  'applicant.idType': '证件类型',
  'applicant.idNumber': '证件号码',
  'applicant.phone': '联系电话',
  'applicant.email': '电子邮箱',
  'applicant.address': '通信地址',
  'applicant.contactPerson': '联系人',
  description: '所需信息的名称、文号或特征描述',
  purpose: '用途',
  requestedForm: '获取形式',
  delivery: '获取方式',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
  code: '查询码',
  secret: '联系电话后四位',
  // Events (POST /requests/{id}/events)
  type: '操作',
  date: '日期',
  method: '方式',
  note: '备注',
  text: '内容',
  periodWorkingDays: '补正期限（工作日）',
  items: '需要补正的事项',
  kind: '征求意见类型',
  party: '征求意见对象',
  deliveredDate: '送达日期',
  opinion: '意见',
  summary: '意见摘要',
  receivedDate: '收到日期',
  quantity: '数量',
  amountYuan: '金额（元）',
  workingDays: '延长的工作日数',
  reason: '理由',
  dueDate: '答复期限',
  outcome: '答复结果',
  reasons: '答复理由',
  details: '答复事项',
  'details.alreadyPublic': '已主动公开',
  'details.provision': '法律依据',
  'details.notHeldBasis': '不存在的情形',
  'details.competentAgency': '负责公开的机关',
  'details.competentAgencyContact': '该机关的联系方式',
  'details.specialMatter': '特定事项',
  'details.specialLaw': '所依据的法律、行政法规',
  'details.whereToApply': '办理途径',
  'details.previousReplyDate': '此前答复日期',
  'details.publicationTitle': '公开的文件名称',
  'details.whereToObtain': '获取途径',
  'details.properChannel': '应当通过的途径',
};

export const electronicDeliveries: readonly (keyof typeof deliveries)[] = ['email', 'online'];

/** A 补正's clarified text, and the files an applicant may send with it online. */
export const SUPPLEMENT_TEXT_MAX = 5000;
export const SUPPLEMENT_MAX_FILES = 5;

export interface ApplicantInput {
  type: ApplicantType;
  name: string;
  idType?: IdType | undefined;
  idNumber?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  /** For organisations: the person to contact. */
  contactPerson?: string | undefined;
}

export interface NewRequestInput {
  applicant: ApplicantInput;
  description: string;
  purpose?: string | undefined;
  requestedForm: keyof typeof requestedForms;
  delivery: keyof typeof deliveries;
}

export interface IntakeInput extends NewRequestInput {
  agencyId: number;
  channel: RequestChannel;
  /** The day it was handed in / posted / sent. */
  submittedDate: IsoDate;
  /** Art. 31 receipt: the day signed for (registered mail) or both sides confirmed. Not for 当面. */
  receipt?: { date: IsoDate; method: 'signedFor' | 'confirmed' } | undefined;
}

export const eventTypeLabels: Record<RequestEventType, string> = {
  submitted: '提交申请',
  receiptConfirmed: '确认收到申请',
  correctionRequested: '发出补正告知',
  correctionReceived: '收到补正材料',
  consultationStarted: '发出征求意见函',
  consultationEnded: '征求意见结束',
  feeNoticeSent: '发出收费通知',
  feePaid: '申请人缴费',
  extensionRequested: '申请延期答复',
  extensionApproved: '批准延期',
  extensionRejected: '不批准延期',
  excessiveReasonsRequested: '要求说明理由（第三十五条）',
  excessiveDeadlineSet: '另行确定答复期限',
  replied: '作出答复',
  note: '备注',
};

/** What a staff member's button says for each event they may record (the timeline uses eventTypeLabels). */
export const actionLabels: Record<RequestEventType, string> = {
  submitted: '登记申请',
  receiptConfirmed: '确认收到',
  correctionRequested: '补正告知',
  correctionReceived: '收到补正',
  consultationStarted: '征求意见',
  consultationEnded: '意见已回复',
  feeNoticeSent: '收费通知',
  feePaid: '已缴费',
  extensionRequested: '申请延期',
  extensionApproved: '批准延期',
  extensionRejected: '不批准延期',
  excessiveReasonsRequested: '要求说明理由',
  excessiveDeadlineSet: '另定答复期限',
  replied: '作出答复',
  note: '添加备注',
};

/** What staff submit for a fee notice: the fee is computed, never typed in. */
export type EventInput =
  | Exclude<RequestEvent, { type: 'feeNoticeSent' } | { type: 'submitted' }>
  | { type: 'feeNoticeSent'; date: IsoDate; receivedDate?: IsoDate; method: 'perRequest' | 'perPage'; quantity?: number };

export interface RequestSummary {
  id: number;
  queryCode: string;
  channel: RequestChannel;
  channelLabel: string;
  applicantType: string;
  applicantTypeLabel: string;
  applicantName: string;
  description: string;
  submittedDate: string;
  receiptDate: string | null;
  phase: RequestPhase;
  statusLabel: string;
  outcome: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  workingDaysLeft: number | null;
  lapsed: RequestView['lapsed'];
  closedDate: string | null;
}

export interface ListFilters {
  agencyId: number;
  phase?: RequestPhase | 'open' | undefined;
  due?: 'soon' | 'overdue' | undefined;
  year?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** A page of the list. The count stops at 10,000 (totalCapped: "10000+"). */
export interface RequestPage {
  total: number;
  totalCapped: boolean;
  items: RequestSummary[];
}

/** "Due soon": within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

export interface TimelineEntry {
  seq: number;
  type: RequestEventType;
  label: string;
  date: string;
  detail: string;
  recordedAt: string;
  actor: string | null;
  /** Files the applicant sent with a 补正 online, with the API path that downloads each. */
  files?: { name: string; size: number; url: string }[];
}

export interface RequestDetail extends RequestSummary {
  agencyId: number;
  applicant: {
    type: string;
    name: string;
    idType: string | null;
    idNumber: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    contactPerson: string | null;
  };
  fullDescription: string;
  purpose: string | null;
  requestedForm: string;
  delivery: string;
  outcomeLabel: string | null;
  view: RequestView | null;
  timeline: TimelineEntry[];
  /** Event types that may be recorded now, given the state and the actor's roles. */
  allowedActions: RequestEventType[];
  /** Formal notices the history supports. */
  notices: NoticeKind[];
  /**
   * 'full': this reader handles requests, sees the applicant's identifiers and the read is on
   * record; 'masked': every identifier is masked (and nothing is recorded), notices are refused.
   */
  personalData: 'full' | 'masked';
  /** Whether this reader may list who read the applicant's personal data (an agency admin). */
  mayListPersonalDataReads: boolean;
}

export interface PublicTracking {
  queryCode: string;
  agencyName: string;
  submittedDate: string;
  receiptDate: string | null;
  statusLabel: string;
  dueDate: string | null;
  dueProvisional: boolean;
  explanation: { label: string; date?: string | undefined; detail: string }[];
  timeline: { label: string; date: string }[];
  closedDate: string | null;
  outcomeLabel: string | null;
  /** While the applicant is asked to supplement: what, and by when (the last day of the period). */
  correction: { items: string[]; servedDate: string; periodWorkingDays: number; dueDate: string | null } | null;
  /** Whether the supplement can be sent online now (the period has not run out). */
  supplementOpen: boolean;
  /** Whether the applicant may download the 答复书 (closed, and electronic delivery chosen). */
  replyAvailable: boolean;
}

/** The applicant's fields that identify a person, as the access records name them (docs/decisions/013). */
export const personalFieldLabels = {
  name: '姓名',
  idNumber: '证件号码',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通讯地址',
  contactPerson: '联系人',
} as const;
export type PersonalField = keyof typeof personalFieldLabels;

/** The screens and exports through which a handler reads personal data. */
export const personalDataViaLabels = {
  'request.detail': '申请详情页',
  'request.notice.html': '打印文书',
  'request.notice.docx': '下载文书（DOCX）',
  /** The applicant, proving the query code and the secret on the tracking page, downloads a notice (no user). */
  'applicant.notice': '申请人凭查询码下载',
} as const;
export type PersonalDataVia = keyof typeof personalDataViaLabels;

/** One recorded read of a request's personal data. */
export interface PersonalDataRead {
  id: number;
  at: string;
  userId: number | null;
  /** The reader's display name and user name; null for the system. */
  userName: string | null;
  username: string | null;
  via: PersonalDataVia;
  /** The screen, and for a notice which one: “打印文书：答复书”. */
  viaLabel: string;
  noticeKind: NoticeKind | null;
  fields: PersonalField[];
  fieldLabels: string[];
}

export interface PersonalDataReadPage {
  total: number;
  items: PersonalDataRead[];
}
