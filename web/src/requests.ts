/** Labels and types shared by the request screens (the API returns codes). */
export const channelOptions = [
  { value: 'inPerson', label: '当面' },
  { value: 'mail', label: '信函' },
  { value: 'fax', label: '传真' },
  { value: 'email', label: '电子邮件' },
  { value: 'online', label: '网上' },
  { value: 'other', label: '其他' },
];

export const applicantTypeOptions = [
  { value: 'natural_person', label: '自然人' },
  { value: 'commercial', label: '法人或其他组织 — 商业企业' },
  { value: 'research', label: '法人或其他组织 — 科研机构' },
  { value: 'public_interest', label: '法人或其他组织 — 社会公益组织' },
  { value: 'legal_service', label: '法人或其他组织 — 法律服务机构' },
  { value: 'other_org', label: '法人或其他组织 — 其他' },
];

export const idTypeOptions = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'passport', label: '护照' },
  { value: 'hk_macao_taiwan', label: '港澳台居民证件' },
  { value: 'credit_code', label: '统一社会信用代码' },
  { value: 'other', label: '其他证件' },
];

export const formOptions = [
  { value: 'paper', label: '纸质' },
  { value: 'electronic', label: '电子' },
  { value: 'either', label: '纸质或电子均可' },
];

export const deliveryOptions = [
  { value: 'pickup', label: '自行领取' },
  { value: 'post', label: '邮寄' },
  { value: 'email', label: '电子邮件' },
  { value: 'online', label: '网上获取' },
  { value: 'fax', label: '传真' },
];

export const phaseOptions = [
  { value: 'open', label: '全部未办结' },
  { value: 'awaitingReceipt', label: '待确认收到' },
  { value: 'processing', label: '办理中' },
  { value: 'awaitingCorrection', label: '待申请人补正' },
  { value: 'consulting', label: '征求意见中' },
  { value: 'awaitingPayment', label: '待申请人缴费' },
  { value: 'closed', label: '已办结' },
];

/** The outcome taxonomy of table 三, grouped as on the report. */
export const outcomeGroups: { label: string; options: { value: string; label: string }[] }[] = [
  { label: '予以公开', options: [{ value: 'disclosed', label: '予以公开' }] },
  { label: '部分公开', options: [{ value: 'partially_disclosed', label: '部分公开（区分处理）' }] },
  {
    label: '不予公开',
    options: [
      { value: 'withheld.state_secret', label: '属于国家秘密' },
      { value: 'withheld.prohibited_by_law', label: '其他法律行政法规禁止公开' },
      { value: 'withheld.three_securities_one_stability', label: '危及“三安全一稳定”' },
      { value: 'withheld.third_party_rights', label: '保护第三方合法权益' },
      { value: 'withheld.internal_affairs', label: '属于三类内部事务信息' },
      { value: 'withheld.process_information', label: '属于四类过程性信息' },
      { value: 'withheld.law_enforcement_file', label: '属于行政执法案卷' },
      { value: 'withheld.administrative_query', label: '属于行政查询事项' },
    ],
  },
  {
    label: '无法提供',
    options: [
      { value: 'unable.not_held', label: '本机关不掌握相关政府信息' },
      { value: 'unable.needs_creation', label: '没有现成信息需要另行制作' },
      { value: 'unable.unclear_after_correction', label: '补正后申请内容仍不明确' },
    ],
  },
  {
    label: '不予处理',
    options: [
      { value: 'not_processed.petition_complaint', label: '信访举报投诉类申请' },
      { value: 'not_processed.duplicate', label: '重复申请' },
      { value: 'not_processed.publication', label: '要求提供公开出版物' },
      { value: 'not_processed.excessive', label: '无正当理由大量反复申请' },
      { value: 'not_processed.confirm_or_reissue', label: '要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    label: '其他处理',
    options: [
      { value: 'other.correction_not_supplemented', label: '申请人无正当理由逾期不补正' },
      { value: 'other.fee_not_paid', label: '申请人逾期未按收费通知要求缴纳费用' },
      { value: 'other.other', label: '其他' },
    ],
  },
];

export const actionLabels: Record<string, string> = {
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

export interface RequestSummary {
  id: number;
  queryCode: string;
  channelLabel: string;
  applicantTypeLabel: string;
  applicantName: string;
  description: string;
  submittedDate: string;
  receiptDate: string | null;
  phase: string;
  statusLabel: string;
  outcome: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  workingDaysLeft: number | null;
  lapsed: 'correction' | 'fee' | null;
  closedDate: string | null;
}

export interface Step {
  label: string;
  date?: string;
  detail: string;
}

export interface ComputedDate {
  date?: string;
  provisional: boolean;
  steps: Step[];
}

export interface RequestDetail extends RequestSummary {
  applicant: Record<string, string | null>;
  fullDescription: string;
  purpose: string | null;
  requestedForm: string;
  delivery: string;
  outcomeLabel: string | null;
  allowedActions: string[];
  notices: string[];
  timeline: { seq: number; label: string; date: string; detail: string; recordedAt: string; actor: string | null }[];
  view: {
    deadlines: {
      receipt: ComputedDate;
      correctionNoticeDue: ComputedDate;
      correctionPeriodDue?: ComputedDate;
      finalReplyDue: ComputedDate;
      paymentDue?: ComputedDate;
      warnings: string[];
    } | null;
  } | null;
}

export const noticeLabels: Record<string, string> = {
  acknowledgement: '受理回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultation: '征求意见函',
  fee: '收费通知书',
  reply: '答复书',
};
