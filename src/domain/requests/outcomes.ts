/**
 * The outcome of a request is exactly one leaf of table 三 of the annual report
 * (国办公开办函〔2021〕30号), so the report is a count, never a hand tally.
 */
export const outcomeCodes = [
  'disclosed',
  'partially_disclosed',
  'withheld.state_secret',
  'withheld.prohibited_by_law',
  'withheld.three_securities_one_stability',
  'withheld.third_party_rights',
  'withheld.internal_affairs',
  'withheld.process_information',
  'withheld.law_enforcement_file',
  'withheld.administrative_query',
  'unable.not_held',
  'unable.needs_creation',
  'unable.unclear_after_correction',
  'not_processed.petition_complaint',
  'not_processed.duplicate',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirm_or_reissue',
  'other.correction_not_supplemented',
  'other.fee_not_paid',
  'other.other',
] as const;

export type OutcomeCode = (typeof outcomeCodes)[number];

export const isOutcomeCode = (value: unknown): value is OutcomeCode =>
  typeof value === 'string' && (outcomeCodes as readonly string[]).includes(value);

/** Group label and leaf label, as printed in table 三. */
export const outcomeLabels: Record<OutcomeCode, { group: string; leaf: string }> = {
  disclosed: { group: '予以公开', leaf: '予以公开' },
  partially_disclosed: { group: '部分公开', leaf: '部分公开' },
  'withheld.state_secret': { group: '不予公开', leaf: '属于国家秘密' },
  'withheld.prohibited_by_law': { group: '不予公开', leaf: '其他法律行政法规禁止公开' },
  'withheld.three_securities_one_stability': { group: '不予公开', leaf: '危及“三安全一稳定”' },
  'withheld.third_party_rights': { group: '不予公开', leaf: '保护第三方合法权益' },
  'withheld.internal_affairs': { group: '不予公开', leaf: '属于三类内部事务信息' },
  'withheld.process_information': { group: '不予公开', leaf: '属于四类过程性信息' },
  'withheld.law_enforcement_file': { group: '不予公开', leaf: '属于行政执法案卷' },
  'withheld.administrative_query': { group: '不予公开', leaf: '属于行政查询事项' },
  'unable.not_held': { group: '无法提供', leaf: '本机关不掌握相关政府信息' },
  'unable.needs_creation': { group: '无法提供', leaf: '没有现成信息需要另行制作' },
  'unable.unclear_after_correction': { group: '无法提供', leaf: '补正后申请内容仍不明确' },
  'not_processed.petition_complaint': { group: '不予处理', leaf: '信访举报投诉类申请' },
  'not_processed.duplicate': { group: '不予处理', leaf: '重复申请' },
  'not_processed.publication': { group: '不予处理', leaf: '要求提供公开出版物' },
  'not_processed.excessive': { group: '不予处理', leaf: '无正当理由大量反复申请' },
  'not_processed.confirm_or_reissue': { group: '不予处理', leaf: '要求行政机关确认或重新出具已获取信息' },
  'other.correction_not_supplemented': {
    group: '其他处理',
    leaf: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  'other.fee_not_paid': {
    group: '其他处理',
    leaf: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  'other.other': { group: '其他处理', leaf: '其他' },
};

/** The report's six applicant columns. */
export const applicantTypes = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_service',
  'other_org',
] as const;

export type ApplicantType = (typeof applicantTypes)[number];

export const applicantTypeLabels: Record<ApplicantType, string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
};

export const isApplicantType = (value: unknown): value is ApplicantType =>
  typeof value === 'string' && (applicantTypes as readonly string[]).includes(value);
