/** Sample notices: one of each kind and a complete reply for every outcome. */
import { perPageFee } from '../../../src/domain/fees/index.ts';
import {
  NOTICE_OUTCOMES,
  type AcknowledgementNotice,
  type ConsultationNotice,
  type CorrectionNotice,
  type ExtensionNotice,
  type FeeNotice,
  type Notice,
  type NoticeCommon,
  type NoticeOutcome,
  type ReplyNotice,
} from '../../../src/views/notices/index.ts';

export const common: NoticeCommon = {
  agency: {
    name: '常平乡人民政府',
    officeName: '常平乡人民政府政府信息公开工作机构',
    address: '常平县常平乡人民路1号',
    phone: '0570-1234567',
  },
  request: {
    queryCode: 'GK-2025-000123',
    applicantName: '张三',
    receivedDate: '2025-01-20',
    description: '2024年度常平乡农村低保资金发放明细。',
    channelLabel: '政府信息公开网上申请平台',
  },
  issueDate: '2025-02-14',
  docNumber: '常政公开〔2025〕3号',
};

export const acknowledgement: AcknowledgementNotice = {
  ...common,
  kind: 'acknowledgement',
  issueDate: '2025-01-20',
  receiptChannel: 'online',
  replyDueDate: '2025-02-21',
  trackingUrl: 'https://gk.changping.gov.cn/track',
};

export const correction: CorrectionNotice = {
  ...common,
  kind: 'correction',
  issueDate: '2025-01-22',
  items: [
    '请明确所需信息的时间范围（如具体年度或月份）',
    '请说明“发放明细”是指发放汇总表还是逐户发放名单。',
  ],
  periodWorkingDays: 15,
  periodLastDate: '2025-02-20',
  submitMethod: '通过原申请渠道提交，或者邮寄至本机关',
};

export const extension: ExtensionNotice = {
  ...common,
  kind: 'extension',
  originalDueDate: '2025-02-21',
  extensionWorkingDays: 20,
  newDueDate: '2025-03-21',
  reason: '您申请的信息涉及多个年度的档案，检索、审查需要较长时间',
  approvedByOfficeHead: true,
};

export const consultation: ConsultationNotice = {
  ...common,
  kind: 'consultation',
  variant: 'thirdParty',
  recipientName: '常平县宏达建材有限公司',
  informationConcerned: '贵方2024年参与常平乡道路养护项目投标时提交的报价明细',
  replyMethod: '书面意见邮寄或者送至常平县常平乡人民路1号',
};

export const consultationAgency: ConsultationNotice = {
  ...consultation,
  variant: 'otherAgency',
  recipientName: '常平县民政局',
  informationConcerned: '《关于2024年度农村低保资金发放情况的联合通报》',
};

function fee(): FeeNotice {
  const quote = perPageFee(250);
  if (!quote.ok) throw new Error(quote.errors.join(';'));
  return {
    ...common,
    kind: 'fee',
    quote: quote.value,
    paymentMethod: '通过常平县非税收入缴款平台缴纳（缴款码随本通知书送达）',
    paymentLastDate: '2025-03-17',
  };
}
export const feeNotice = fee();

export const remedies = { reconsiderationBody: '常平县人民政府', court: '常平县人民法院' };

const replyBase = { ...common, kind: 'reply' as const, remedies };

/** A complete reply for each outcome, with the details that outcome needs. */
export function replyFor(outcome: NoticeOutcome): ReplyNotice {
  const reasons = '经审查，所申请的信息涉及相关内容，具体理由如下。\n本机关已依法进行了审查。';
  const r: ReplyNotice = { ...replyBase, outcome, reasons };
  switch (outcome) {
    case 'disclosed':
      return { ...r, provision: { method: '以电子文档形式随本答复书一并提供' } };
    case 'partially_disclosed':
      return {
        ...r,
        provision: { method: '以纸质复印件形式随本答复书一并提供' },
        partialWithheldGround: 'withheld.third_party_rights',
      };
    case 'withheld.administrative_query':
      return {
        ...r,
        specialRegime: {
          matter: '不动产登记资料',
          law: '《不动产登记暂行条例》',
          whereToApply: '常平县不动产登记中心',
        },
      };
    case 'unable.not_held':
      return { ...r, notHeld: { basis: 'nonexistent' } };
    case 'unable.unclear_after_correction':
      return {
        ...r,
        correction: { noticeDate: '2025-01-22', supplementReceivedDate: '2025-02-10' },
      };
    case 'other.correction_not_supplemented':
      return { ...r, correction: { noticeDate: '2025-01-22', periodLastDate: '2025-02-12' } };
    case 'other.fee_not_paid':
      return { ...r, feeNotice: { noticeDate: '2025-01-24', paymentLastDate: '2025-02-13' } };
    case 'not_processed.duplicate':
      return { ...r, previousReply: { date: '2024-12-10', docNumber: '常政公开[2024]18号' } };
    case 'not_processed.publication':
      return {
        ...r,
        publication: {
          title: '《常平县人民政府公报》2024年第3期',
          whereToObtain: '常平县图书馆政府信息查阅点',
        },
      };
    case 'not_processed.petition_complaint':
      return { ...r, properChannel: '常平县信访局网上信访平台' };
    case 'not_processed.excessive':
      return { ...r, reasonsRequestedDate: '2025-01-27' };
    default:
      return r;
  }
}

export const replies: readonly ReplyNotice[] = NOTICE_OUTCOMES.map(replyFor);

/** Every notice kind once (the reply as 予以公开). */
export const oneOfEachKind: readonly Notice[] = [
  acknowledgement,
  correction,
  extension,
  consultation,
  consultationAgency,
  feeNotice,
  replyFor('disclosed'),
];

/** Every 条例 article cited in a text, e.g. '第三十六条第三项', in order, without repeats. */
export function citedArticles(text: string): string[] {
  const found =
    text.match(/第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+[款项])?/g) ?? [];
  return [...new Set(found)];
}

/** Articles each reply must cite, and a phrase that shows the right decision. */
export const EXPECTED: Record<NoticeOutcome, { articles: string[]; phrase: string }> = {
  disclosed: { articles: ['第三十六条第二项'], phrase: '本机关决定向您公开所申请的政府信息' },
  partially_disclosed: { articles: ['第三十七条', '第十五条'], phrase: '能够作区分处理' },
  'withheld.state_secret': {
    articles: ['第十四条', '第三十六条第三项'],
    phrase: '属于依法确定为国家秘密的政府信息',
  },
  'withheld.prohibited_by_law': {
    articles: ['第十四条', '第三十六条第三项'],
    phrase: '属于法律、行政法规禁止公开的政府信息',
  },
  'withheld.three_securities_one_stability': {
    articles: ['第十四条', '第三十六条第三项'],
    phrase: '国家安全、公共安全、经济安全、社会稳定',
  },
  'withheld.third_party_rights': {
    articles: ['第十五条', '第三十六条第三项'],
    phrase: '公开会对第三方合法权益造成损害',
  },
  'withheld.internal_affairs': {
    articles: ['第十六条第一款', '第三十六条第三项'],
    phrase: '内部事务信息',
  },
  'withheld.process_information': {
    articles: ['第十六条第二款', '第三十六条第三项'],
    phrase: '过程性信息',
  },
  'withheld.law_enforcement_file': {
    articles: ['第十六条第二款', '第三十六条第三项'],
    phrase: '属于行政执法案卷信息',
  },
  'withheld.administrative_query': {
    articles: ['第三十六条第七项'],
    phrase: '请您依照《不动产登记暂行条例》的规定办理，可以向常平县不动产登记中心申请办理',
  },
  'unable.not_held': { articles: ['第三十六条第四项'], phrase: '政府信息不存在' },
  'unable.needs_creation': { articles: ['第三十八条'], phrase: '加工、分析' },
  'unable.unclear_after_correction': {
    articles: ['第三十条'],
    phrase: '补正后的申请内容仍不明确',
  },
  'not_processed.petition_complaint': {
    articles: ['第三十九条第一款'],
    phrase: '不作为政府信息公开申请处理。您可以通过相应渠道提出：常平县信访局网上信访平台。',
  },
  'not_processed.duplicate': {
    articles: ['第三十六条第六项'],
    phrase: '作出答复（常政公开〔2024〕18号）',
  },
  'not_processed.publication': {
    articles: ['第三十九条第二款'],
    phrase: '获取途径：常平县图书馆政府信息查阅点',
  },
  'not_processed.excessive': { articles: ['第三十五条'], phrase: '不予处理' },
  'not_processed.confirm_or_reissue': {
    articles: [],
    phrase: '确认或者重新出具',
  },
  'other.correction_not_supplemented': {
    articles: ['第三十条'],
    phrase: '视为放弃申请，本机关不再处理该政府信息公开申请',
  },
  'other.fee_not_paid': {
    articles: ['第四十二条'],
    phrase: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）有关规定，视为放弃申请',
  },
  'other.other': { articles: [], phrase: '本机关已依法进行了审查' },
};

/** The visible text of the body (tags dropped, entities decoded), to test wording. */
export function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
