/**
 * The official annual report format, 《中华人民共和国政府信息公开工作年度报告格式》
 * (国办公开办函〔2021〕30号): section headings, table labels, and the stable codes the rest of the
 * system uses for them. Labels are the official text with full-width punctuation.
 *
 * The request outcome codes below are the request lifecycle's outcomes: one code per leaf row of
 * table 三, so the report is a GROUP BY over requests, never a hand tally.
 *
 * This file holds the sections and the three tables' labels and codes; taxonomy-layouts.ts lists
 * them per table in document order. Import both through taxonomy.ts.
 */

import {
  applicantTypes,
  outcomeCodes,
  type ApplicantType as RequestApplicantType,
  type OutcomeCode as RequestOutcomeCode,
} from '../requests/outcomes.ts';

/** The format document as it must be cited (C11). */
export const FORMAT_DOCUMENT = {
  number: '国办公开办函〔2021〕30号',
  title:
    '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知',
} as const;

/** The superseded 试行 format's notice (国办公开办函〔2019〕60号). */
export const TRIAL_FORMAT_DOCUMENT = {
  number: '国办公开办函〔2019〕60号',
  title: '国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知',
} as const;

// ---- sections ---------------------------------------------------------------------------------

export const SECTION_KEYS = [
  'overview',
  'proactive',
  'requests',
  'appeals',
  'problems',
  'other',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface SectionDef {
  readonly key: SectionKey;
  readonly numeral: '一' | '二' | '三' | '四' | '五' | '六';
  /** Heading text without the numeral. */
  readonly title: string;
  /** Full heading as printed, e.g. '一、总体情况'. */
  readonly heading: string;
  /** The table this section holds, if any. */
  readonly table?: TableId;
}

export const SECTIONS: readonly SectionDef[] = [
  { key: 'overview', numeral: '一', title: '总体情况', heading: '一、总体情况' },
  {
    key: 'proactive',
    numeral: '二',
    title: '主动公开政府信息情况',
    heading: '二、主动公开政府信息情况',
    table: 'proactive',
  },
  {
    key: 'requests',
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    heading: '三、收到和处理政府信息公开申请情况',
    table: 'requests',
  },
  {
    key: 'appeals',
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    table: 'appeals',
  },
  {
    key: 'problems',
    numeral: '五',
    title: '存在的主要问题及改进情况',
    heading: '五、存在的主要问题及改进情况',
  },
  { key: 'other', numeral: '六', title: '其他需要报告的事项', heading: '六、其他需要报告的事项' },
];

export function sectionDef(key: SectionKey): SectionDef {
  return SECTIONS[SECTION_KEYS.indexOf(key)]!;
}

/** The three tables: 表二 (in section 二), 表三, 表四. */
export type TableId = 'proactive' | 'requests' | 'appeals';
export const TABLE_NAMES: Readonly<Record<TableId, string>> = {
  proactive: '表二（主动公开政府信息情况）',
  requests: '表三（收到和处理政府信息公开申请情况）',
  appeals: '表四（政府信息公开行政复议、行政诉讼情况）',
};

// ---- table 二: 主动公开政府信息情况 ------------------------------------------------------------

export type ProactiveBlockKey = 'item1' | 'item5' | 'item6' | 'item8';
export type ProactiveRowKey =
  'rules' | 'normative' | 'licensing' | 'penalty' | 'enforcement' | 'fees';
export type ProactiveColumnKey = 'issued' | 'repealed' | 'inForce' | 'decisions' | 'amount';

export interface ProactiveBlockDef {
  readonly key: ProactiveBlockKey;
  /** Item of 条例第二十条. */
  readonly marker: string;
  /** The first header cell. */
  readonly contentHeader: '信息内容';
  readonly columns: readonly { readonly key: ProactiveColumnKey; readonly label: string }[];
  readonly rows: readonly { readonly key: ProactiveRowKey; readonly label: string }[];
}

export const PROACTIVE_BLOCKS: readonly ProactiveBlockDef[] = [
  {
    key: 'item1',
    marker: '第二十条第（一）项',
    contentHeader: '信息内容',
    columns: [
      { key: 'issued', label: '本年制发件数' },
      { key: 'repealed', label: '本年废止件数' },
      { key: 'inForce', label: '现行有效件数' },
    ],
    rows: [
      { key: 'rules', label: '规章' },
      { key: 'normative', label: '行政规范性文件' },
    ],
  },
  {
    key: 'item5',
    marker: '第二十条第（五）项',
    contentHeader: '信息内容',
    columns: [{ key: 'decisions', label: '本年处理决定数量' }],
    rows: [{ key: 'licensing', label: '行政许可' }],
  },
  {
    key: 'item6',
    marker: '第二十条第（六）项',
    contentHeader: '信息内容',
    columns: [{ key: 'decisions', label: '本年处理决定数量' }],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
  },
  {
    key: 'item8',
    marker: '第二十条第（八）项',
    contentHeader: '信息内容',
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）' }],
    rows: [{ key: 'fees', label: '行政事业性收费' }],
  },
];

export function proactiveBlockOf(row: ProactiveRowKey): ProactiveBlockDef {
  return PROACTIVE_BLOCKS.find((b) => b.rows.some((r) => r.key === row))!;
}

/**
 * Labels of the 2019 试行 table 二 (国办公开办函〔2019〕60号). Any of them in a report means the
 * outdated template (3.3).
 */
export const TRIAL_PROACTIVE_LABELS: readonly string[] = [
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '本年增/减',
  '本年增减',
  '处理决定数量',
  '其他对外管理服务事项',
  '采购项目数量',
  '采购总金额',
  '第二十条第（九）项',
];

// ---- table 三: 收到和处理政府信息公开申请情况 ---------------------------------------------------

/** Applicant columns of table 三, in order. */
export const APPLICANT_TYPES = applicantTypes;
export type ApplicantType = RequestApplicantType;

export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
};

/** The 7 numeric columns of table 三. */
export type RequestColumnKey = ApplicantType | 'total';
export const REQUEST_COLUMNS: readonly RequestColumnKey[] = [...APPLICANT_TYPES, 'total'];
export const REQUEST_COLUMN_LABELS: Readonly<Record<RequestColumnKey, string>> = {
  ...APPLICANT_TYPE_LABELS,
  total: '总计',
};
/** Header cells that group columns and carry no numbers. */
export const REQUEST_HEADER_GROUPS = {
  applicants: '申请人情况',
  organizations: '法人或其他组织',
  note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
} as const;

export type OutcomeGroup = 'withheld' | 'unavailable' | 'not_processed' | 'other';

export const OUTCOME_GROUPS: Readonly<Record<OutcomeGroup, string>> = {
  withheld: '（三）不予公开',
  unavailable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
};

/** Request outcome codes, one per leaf row of 三、本年度办理结果. Stable: stored in the database. */
export const OUTCOME_CODES = outcomeCodes;
export type OutcomeCode = RequestOutcomeCode;

export interface OutcomeDef {
  readonly code: OutcomeCode;
  readonly group?: OutcomeGroup;
  /** Official row label including its numbering, e.g. '1.属于国家秘密'. */
  readonly label: string;
  /** Label with the group, for messages, e.g. '（三）不予公开 1.属于国家秘密'. */
  readonly fullLabel: string;
}

const leaf = (code: OutcomeCode, group: OutcomeGroup, label: string): OutcomeDef => ({
  code,
  group,
  label,
  fullLabel: `${OUTCOME_GROUPS[group]} ${label}`,
});

export const OUTCOMES: readonly OutcomeDef[] = [
  { code: 'disclosed', label: '（一）予以公开', fullLabel: '（一）予以公开' },
  {
    code: 'partially_disclosed',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    fullLabel: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  },
  leaf('withheld.state_secret', 'withheld', '1.属于国家秘密'),
  leaf('withheld.prohibited_by_law', 'withheld', '2.其他法律行政法规禁止公开'),
  leaf('withheld.three_securities_one_stability', 'withheld', '3.危及“三安全一稳定”'),
  leaf('withheld.third_party_rights', 'withheld', '4.保护第三方合法权益'),
  leaf('withheld.internal_affairs', 'withheld', '5.属于三类内部事务信息'),
  leaf('withheld.process_information', 'withheld', '6.属于四类过程性信息'),
  leaf('withheld.law_enforcement_file', 'withheld', '7.属于行政执法案卷'),
  leaf('withheld.administrative_query', 'withheld', '8.属于行政查询事项'),
  leaf('unable.not_held', 'unavailable', '1.本机关不掌握相关政府信息'),
  leaf('unable.needs_creation', 'unavailable', '2.没有现成信息需要另行制作'),
  leaf('unable.unclear_after_correction', 'unavailable', '3.补正后申请内容仍不明确'),
  leaf('not_processed.petition_complaint', 'not_processed', '1.信访举报投诉类申请'),
  leaf('not_processed.duplicate', 'not_processed', '2.重复申请'),
  leaf('not_processed.publication', 'not_processed', '3.要求提供公开出版物'),
  leaf('not_processed.excessive', 'not_processed', '4.无正当理由大量反复申请'),
  leaf('not_processed.confirm_or_reissue', 'not_processed', '5.要求行政机关确认或重新出具已获取信息'),
  leaf(
    'other.correction_not_supplemented',
    'other',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  ),
  leaf(
    'other.fee_not_paid',
    'other',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  ),
  leaf('other.other', 'other', '3.其他'),
];

export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && (OUTCOME_CODES as readonly string[]).includes(value);
}

export function outcomeDef(code: OutcomeCode): OutcomeDef {
  return OUTCOMES[OUTCOME_CODES.indexOf(code)]!;
}

/** Rows of table 三 in order: 一, 二, the outcome leaves, (七)总计, 四. */
export type RequestRowKey = 'new' | 'carried_in' | OutcomeCode | 'closed_total' | 'carried_out';
export const REQUEST_ROWS: readonly RequestRowKey[] = [
  'new',
  'carried_in',
  ...OUTCOME_CODES,
  'closed_total',
  'carried_out',
];
export const REQUEST_ROW_LABELS: Readonly<Record<RequestRowKey, string>> = {
  new: '一、本年新收政府信息公开申请数量',
  carried_in: '二、上年结转政府信息公开申请数量',
  ...(Object.fromEntries(OUTCOMES.map((o) => [o.code, o.label])) as Record<OutcomeCode, string>),
  closed_total: '（七）总计',
  carried_out: '四、结转下年度继续办理',
};
/** Label of the block holding the outcome rows. */
export const REQUEST_RESULTS_LABEL = '三、本年度办理结果';

export function requestRowFullLabel(row: RequestRowKey): string {
  if (isOutcomeCode(row)) return outcomeDef(row).fullLabel;
  return REQUEST_ROW_LABELS[row];
}

// ---- table 四: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------------

export const APPEAL_KINDS = [
  'reconsideration',
  'litigation_direct',
  'litigation_after_reconsideration',
] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_KIND_LABELS: Readonly<Record<AppealKind, string>> = {
  reconsideration: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};
/** Header over both litigation groups. */
export const LITIGATION_LABEL = '行政诉讼';

/** Results of a case; 'pending' is 尚未审结 at the year end. */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
export type AppealColumnKey = AppealResult | 'total';
export const APPEAL_COLUMNS: readonly AppealColumnKey[] = [...APPEAL_RESULTS, 'total'];
export const APPEAL_COLUMN_LABELS: Readonly<Record<AppealColumnKey, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

// ---- agencies -----------------------------------------------------------------------------------

/** Level of the reporting organ. 街道办事处 report as 'township'. */
export type AgencyLevel = 'province' | 'city' | 'county' | 'township' | 'department';
