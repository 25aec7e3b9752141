/**
 * Findings of the report checks, and the rule table.
 *
 * Severity policy: 'error' when the report states something false or leaves required content
 * out (tables that do not add up, blank or impossible figures, prose contradicting a table,
 * missing sections, a wrong statistics period, an outdated format, template debris, a cut-off
 * text). 'warning' for deviations of form that leave the content intact (header wording, a
 * missing column or row label, a citation slip) and for checks that cannot be conclusive
 * (continuity across years, the not-yet-verified contents of section 六). A report with any
 * error cannot be published.
 */
import type { SectionKey, TableId } from './taxonomy.ts';

export type Severity = 'error' | 'warning';

export const RULES = {
  'requests.balance': {
    severity: 'error',
    title: '表三勾稽关系：第一项加第二项之和等于第三项加第四项之和',
  },
  'requests.total-row': { severity: 'error', title: '表三各行总计等于各类申请人之和' },
  'requests.total-column': { severity: 'error', title: '表三（七）总计等于各项办理结果之和' },
  'appeals.total': { severity: 'error', title: '表四各组总计等于维持、纠正、其他、尚未审结之和' },
  'cells.blank': { severity: 'error', title: '表格单元格空白（应填0）' },
  'cells.invalid': { severity: 'error', title: '表格数值不是非负整数（收费金额可为小数）' },
  'template.header': { severity: 'warning', title: '表头或行名与格式文本不一致' },
  'template.missing-column': { severity: 'warning', title: '表格缺少格式规定的列' },
  'template.missing-row': { severity: 'warning', title: '表格缺少格式规定的行' },
  'template.outdated': { severity: 'error', title: '使用已废止的试行格式或旧版报告结构' },
  'structure.missing-section': { severity: 'error', title: '缺少报告的组成部分' },
  'structure.missing-table': { severity: 'error', title: '缺少格式规定的统计表' },
  'structure.heading': { severity: 'warning', title: '部分标题缺失或与格式不一致' },
  'structure.subheading': { severity: 'warning', title: '总体情况的小标题编号缺失或不连续' },
  'structure.empty-section': { severity: 'error', title: '报告部分没有内容' },
  'structure.truncated': { severity: 'error', title: '报告文本不完整' },
  'narrative.table-mismatch': { severity: 'error', title: '文字表述与统计表不一致' },
  'fees.statement-missing': {
    severity: 'warning',
    title: '其他需要报告的事项未说明信息处理费收取情况',
  },
  'level.rule-making': { severity: 'error', title: '乡镇、街道填报了规章' },
  'continuity.in-force': {
    severity: 'warning',
    title: '现行有效件数与上年数、制发数、废止数不衔接',
  },
  'continuity.carry-over': {
    severity: 'warning',
    title: '上年结转数与上年报告的结转下年度数不一致',
  },
  'period.statistics': { severity: 'error', title: '统计期限不是报告年度的1月1日至12月31日' },
  'citation.format': { severity: 'warning', title: '年度报告格式文件引用有误' },
  'text.placeholder': { severity: 'error', title: '文中残留占位符、乱码或缺失内容' },
  'text.cover-letter': { severity: 'warning', title: '报告中残留报送上级的公文用语' },
  'text.approximate-count': { severity: 'warning', title: '确切数字后加“余”' },
  'text.year-typo': { severity: 'warning', title: '年份后缺少“年”字' },
  'structure.outline': {
    severity: 'warning',
    title: '报告介绍的组成部分与格式规定的六个部分不一致（缺项、名称有误或“N部分”与所列不符）',
  },
  'structure.heading-number': { severity: 'warning', title: '部分标题未按“一、二、……”编号' },
  'structure.title': { severity: 'warning', title: '报告标题残缺或有误' },
  'period.title-year': { severity: 'error', title: '标题的年度与统计期限的年度不一致' },
  'text.stale-year': {
    severity: 'warning',
    title: '文中所述年份不是报告年度（“截至某年底”，或以另一年份叙述本年的数字）',
  },
  'narrative.balance': {
    severity: 'error',
    title: '文字所述申请数不平衡（新收加上年结转不等于办结加结转下年度）',
  },
  'narrative.part-exceeds-whole': { severity: 'error', title: '文字所述分项数大于总数' },
  'narrative.share': { severity: 'error', title: '文字所述占比与分项数、总数不符' },
  'text.repeated': { severity: 'warning', title: '词语重复（如“保障保障”）' },
  'cells.dash': { severity: 'error', title: '应填数字的单元格填写了“/”“—”等符号（无则填0）' },
  'citation.garbled': { severity: 'warning', title: '年度报告格式文件的文号书写错乱' },
  'publication.early': { severity: 'error', title: '发布日期早于统计年度结束' },
  'publication.late': { severity: 'error', title: '发布日期晚于法定期限' },
  'text.scope': { severity: 'warning', title: '以上级的范围（全省、全市等）叙述本机关的工作' },
  'table.unreadable': { severity: 'warning', title: '无法识别表格的版式' },
  'preamble.incomplete': {
    severity: 'warning',
    title: '报告开头缺少编制依据、统计期限、网址或联系方式',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleId = keyof typeof RULES;

export interface FindingLocation {
  readonly section?: SectionKey;
  readonly table?: TableId;
  /** Official row key (taxonomy), e.g. 'new', 'withheld.state_secret', 'rules'. */
  readonly row?: string;
  /** Official column key, e.g. 'natural_person', 'total', 'reconsideration.upheld'. */
  readonly column?: string;
  /** 1-based line in the published text. */
  readonly line?: number;
  /** Where, in words. */
  readonly text: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Chinese message. */
  readonly message: string;
  readonly location: FindingLocation;
  /** Ids of the records behind the cells involved (computed reports). */
  readonly ids?: readonly string[];
}

export function finding(
  rule: RuleId,
  message: string,
  location: FindingLocation,
  ids?: readonly string[],
): Finding {
  return {
    rule,
    severity: RULES[rule].severity,
    message,
    location,
    ...(ids && ids.length > 0 ? { ids } : {}),
  };
}

/** A report may be published only without error findings. */
export function canPublish(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.severity === 'error');
}
