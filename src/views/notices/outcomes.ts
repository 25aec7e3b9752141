/**
 * The legal basis of each reply outcome: which 条例 articles the 答复书 cites, per the row mapping in
 * /work/shared/rules/ogi-rules.md §3.4.
 */
import type { NoticeOutcome, ReplyNotice } from './model.ts';

export interface OutcomeInfo {
  /** Short name for messages (the report's row label is in the taxonomy). */
  readonly label: string;
  /** Whether the reply must give staff's reasons (e.g. Art. 36 item 3: 说明理由). */
  readonly reasonsRequired: boolean;
}

export const OUTCOME_INFO: Readonly<Record<NoticeOutcome, OutcomeInfo>> = {
  disclosed: { label: '予以公开', reasonsRequired: false },
  partially_disclosed: { label: '部分公开', reasonsRequired: true },
  'withheld.state_secret': { label: '属于国家秘密', reasonsRequired: true },
  'withheld.prohibited_by_law': {
    label: '其他法律行政法规禁止公开',
    reasonsRequired: true,
  },
  'withheld.three_securities_one_stability': {
    label: '危及“三安全一稳定”',
    reasonsRequired: true,
  },
  'withheld.third_party_rights': {
    label: '保护第三方合法权益',
    reasonsRequired: true,
  },
  'withheld.internal_affairs': {
    label: '属于三类内部事务信息',
    reasonsRequired: true,
  },
  'withheld.process_information': {
    label: '属于四类过程性信息',
    reasonsRequired: true,
  },
  'withheld.law_enforcement_file': {
    label: '属于行政执法案卷',
    reasonsRequired: true,
  },
  'withheld.administrative_query': {
    label: '属于行政查询事项',
    reasonsRequired: false,
  },
  'unable.not_held': {
    label: '本机关不掌握相关政府信息',
    reasonsRequired: false,
  },
  'unable.needs_creation': {
    label: '没有现成信息需要另行制作',
    reasonsRequired: false,
  },
  'unable.unclear_after_correction': {
    label: '补正后申请内容仍不明确',
    reasonsRequired: false,
  },
  'not_processed.petition_complaint': {
    label: '信访举报投诉类申请',
    reasonsRequired: false,
  },
  'not_processed.duplicate': { label: '重复申请', reasonsRequired: false },
  'not_processed.publication': {
    label: '要求提供公开出版物',
    reasonsRequired: false,
  },
  'not_processed.excessive': {
    label: '无正当理由大量反复申请',
    reasonsRequired: false,
  },
  'not_processed.confirm_or_reissue': {
    label: '要求行政机关确认或重新出具已获取信息',
    reasonsRequired: false,
  },
  'other.correction_not_supplemented': {
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    reasonsRequired: false,
  },
  'other.fee_not_paid': {
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    reasonsRequired: false,
  },
  'other.other': { label: '其他', reasonsRequired: true },
};

export function isNoticeOutcome(value: unknown): value is NoticeOutcome {
  return typeof value === 'string' && Object.hasOwn(OUTCOME_INFO, value);
}

/** Art. 36 item 3: every decision not to disclose is told with reasons. */
const NOT_DISCLOSE = '第三十六条第三项';

/** The 不予公开 ground of each withheld.* code (not the Art. 36 item 7 referral). */
export const WITHHOLDING_ARTICLE: Partial<Readonly<Record<NoticeOutcome, string>>> = {
  'withheld.state_secret': '第十四条',
  'withheld.prohibited_by_law': '第十四条',
  'withheld.three_securities_one_stability': '第十四条',
  'withheld.third_party_rights': '第十五条',
  'withheld.internal_affairs': '第十六条第一款',
  'withheld.process_information': '第十六条第二款',
  'withheld.law_enforcement_file': '第十六条第二款',
};

/**
 * The 条例 articles a reply cites, e.g. ['第十五条', '第三十六条第三项']. Empty when no single
 * article governs ('not_processed.confirm_or_reissue', 'other.other'). The fee outcome also
 * cites the 109号 办法, which the text names.
 */
export function outcomeArticles(reply: ReplyNotice): string[] {
  const o = reply.outcome;
  const ground = WITHHOLDING_ARTICLE[o];
  if (ground) return [ground, NOT_DISCLOSE];
  switch (o) {
    case 'disclosed':
      return [reply.provision?.alreadyPublic ? '第三十六条第一项' : '第三十六条第二项'];
    case 'partially_disclosed': {
      const g = reply.partialWithheldGround && WITHHOLDING_ARTICLE[reply.partialWithheldGround];
      return g ? ['第三十七条', g] : ['第三十七条'];
    }
    case 'withheld.administrative_query':
      return ['第三十六条第七项'];
    case 'unable.not_held':
      return [reply.notHeld?.basis === 'notResponsible' ? '第三十六条第五项' : '第三十六条第四项'];
    case 'unable.needs_creation':
      return ['第三十八条'];
    case 'unable.unclear_after_correction':
    case 'other.correction_not_supplemented':
      return ['第三十条'];
    case 'not_processed.petition_complaint':
      return ['第三十九条第一款'];
    case 'not_processed.duplicate':
      return ['第三十六条第六项'];
    case 'not_processed.publication':
      return ['第三十九条第二款'];
    case 'not_processed.excessive':
      return ['第三十五条'];
    case 'other.fee_not_paid':
      return ['第四十二条'];
    default:
      return [];
  }
}
