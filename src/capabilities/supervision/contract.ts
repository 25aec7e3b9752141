/**
 * 督办 dashboard and website self-check (issue 11 item 4) as the API sends it and the workspace
 * shows it. Free of Node.js APIs: the workspace imports it.
 */
import { DUE_SOON_WORKING_DAYS } from '../requests/contract.ts';
import type { AgencySupervision, CheckKey, FigureKey, RecordKind, Verdict } from '../../domain/supervision/index.ts';
import { checkThresholds, figureKeys, checkKeys, LONG_STALE_DAYS, MESSAGE_FAIL_DAYS, MESSAGE_WARN_DAYS, NEWS_STALE_DAYS, OTHER_STALE_DAYS } from '../../domain/supervision/index.ts';

export { checkKeys, checkThresholds, figureKeys };
export type { CheckKey, FigureKey, RecordKind, Verdict };
export type { AgencySupervision, CheckResult, ColumnFigure, DrillRecord } from '../../domain/supervision/index.ts';

export const figureLabels: Record<FigureKey, string> = {
  staleColumns: '未按时更新栏目',
  longStaleColumns: '长期未更新栏目',
  blankColumns: '空白栏目',
  messagesOver60: '超过60天未办结留言',
  messagesOver90: '超过90天未办结留言',
  consultationsWithoutFeedback: '未公布反馈的征求意见',
  requestsDueSoon: '临期申请',
  requestsOverdue: '超期申请',
  documentsOverdue: '超过第二十六条期限未公开',
  documentsPublishedLate: '本年逾期公开的信息',
  reportsLate: '年度报告未按期发布',
};

/** What each figure counts, as the dashboard's tooltip and the XLSX's note say it. */
export const figureNotes: Record<FigureKey, string> = {
  staleColumns: `动态、要闻类栏目超过${NEWS_STALE_DAYS}天、其他栏目超过${OTHER_STALE_DAYS}天（约6个月）未更新`,
  longStaleColumns: `超过${LONG_STALE_DAYS}天未更新（“长期”的天数未经核实）`,
  blankColumns: '从未发布过信息的栏目',
  messagesOver60: '受理后超过60天仍未答复办结',
  messagesOver90: '受理后超过90天（3个月）仍未答复办结',
  consultationsWithoutFeedback: '征集期已结束、尚未公布意见采纳情况',
  requestsDueSoon: `答复期限在${DUE_SOON_WORKING_DAYS}个工作日内`,
  requestsOverdue: '已过答复期限仍未办结',
  documentsOverdue: '信息形成或变更之日起20个工作日内未公开（条例第二十六条）',
  documentsPublishedLate: '本年公开、但晚于第二十六条期限',
  reportsLate: '上一年度报告未在条例第四十九条期限内发布',
};

export const checkLabels: Record<CheckKey, string> = {
  homePage: '首页更新',
  staleColumns: '栏目更新',
  longStaleColumns: '长期未更新栏目',
  blankColumns: '空白栏目',
  unansweredMessages: '互动回应',
};

/** Each 单项否决 condition of 国办秘函〔2019〕19号, and the stricter warning. */
export const checkRules: Record<CheckKey, { fail: string; warn: string }> = {
  homePage: { fail: `首页连续${checkThresholds.homePage.fail}天（2周）未更新`, warn: `首页${checkThresholds.homePage.warn}天未更新` },
  staleColumns: { fail: `未按时更新的栏目达到${checkThresholds.staleColumns.fail}个`, warn: `达到${checkThresholds.staleColumns.warn}个` },
  longStaleColumns: { fail: `长期未更新的栏目达到${checkThresholds.longStaleColumns.fail}个`, warn: `达到${checkThresholds.longStaleColumns.warn}个` },
  blankColumns: { fail: `空白栏目达到${checkThresholds.blankColumns.fail}个`, warn: `达到${checkThresholds.blankColumns.warn}个` },
  unansweredMessages: { fail: `有留言超过${MESSAGE_FAIL_DAYS}天（3个月）未答复`, warn: `有留言超过${MESSAGE_WARN_DAYS}天未答复` },
};

export const verdictLabels: Record<Verdict, string> = { pass: '合格', warn: '预警', fail: '单项否决' };

export const columnStateLabels = { fresh: '正常', stale: '未按时更新', blank: '空白' } as const;

export const recordKindLabels: Record<RecordKind, string> = { column: '栏目', message: '留言', consultation: '征求意见', request: '申请', document: '信息', report: '年度报告' };

/** Where a record opens in the workspace (a column opens the document list, a report the reports page). */
export function recordPath(kind: RecordKind, id: number): string {
  switch (kind) {
    case 'message':
      return `/interaction/messages/${id}`;
    case 'consultation':
      return `/interaction/consultations/${id}`;
    case 'request':
      return `/requests/${id}`;
    case 'document':
      return `/proactive/${id}`;
    case 'report':
      return '/reports';
    default:
      return '/proactive';
  }
}

export interface AgencySupervisionView extends AgencySupervision {
  agencyId: number;
  code: string;
  name: string;
  levelLabel: string;
  /** 0 for the agency asked for, 1 for a direct subordinate, … */
  depth: number;
}

export interface SupervisionView {
  agencyId: number;
  agencyName: string;
  today: string;
  /** The agency asked for first, then each agency below it that the user may read. */
  agencies: AgencySupervisionView[];
  /** Sums over `agencies`: each figure's count; per check, how many agencies pass, warn, fail. */
  totals: { figures: Record<FigureKey, number>; checks: Record<CheckKey, Record<Verdict, number>> };
  /** Agencies below that the user's roles do not reach: counted, not named. */
  outOfReach: number;
  /** Figures the platform cannot compute yet, with the reason. */
  notComputed: { label: string; reason: string }[];
}

export const supervisionFormats = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export const supervisionFieldLabels = { export: '导出格式', subtree: '包含下级机关' } as const;
