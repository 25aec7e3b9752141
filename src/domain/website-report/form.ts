/**
 * 政府网站工作年度报表 (国办函〔2018〕12号): the form's rows, and the form computed from the
 * year's counts. Pure: the capability reads the counts, this decides what each row shows.
 *
 * UNVERIFIED: the section names are from a secondary source and every field below is
 * [recalled] in ../shared/rules/interaction-rules.md §6 — not read in the official form. Each
 * row carries `verified: false` until someone checks it against the form; rows the platform adds
 * (not on the form) carry `extension: true`. A figure the platform has no records for is
 * 未接入 (null), never 0.
 */

export const websiteReportSections = {
  identity: '网站基本信息',
  publishing: '信息发布',
  specials: '专栏专题',
  interpretation: '解读回应',
  services: '办事服务',
  interaction: '互动交流',
  security: '安全防护',
  newMedia: '移动新媒体',
  innovation: '创新发展',
} as const;
export type WebsiteReportSection = keyof typeof websiteReportSections;

/** What the platform counts from its own records; null where it keeps no such records. */
export interface WebsiteReportFacts {
  agencyName: string;
  year: number;
  identity: { websiteName: string; homeUrl: string; sponsor: string; siteCode: string; icp: string; policeRecord: string };
  /** Documents published in the year (China dates), by the kind of their top-level column. */
  published: { total: number; overview: number; news: number; catalogue: number; other: number };
  /** 解读 published in the year: 文字解读 (材料) and 图解/视频 (产品). */
  interpretations: { total: number; materials: number; products: number };
  messages: { received: number; replied: number; averageWorkingDays: number | null; publishedReplies: number };
  /** Planned posts of the year whose document was published, per channel. */
  channels: { wechat: number };
  /** Tables other capabilities add; null until they exist (未接入). */
  consultations: { rounds: number; opinions: number; resultsPublished: number } | null;
  interviews: { sessions: number; questions: number; answered: number } | null;
}

export interface WebsiteReportRow {
  key: string;
  section: WebsiteReportSection;
  label: string;
  /** null: 未接入 — the platform keeps no records for it. */
  value: number | string | null;
  unit: string;
  /** Checked against the official form (none is yet: §6 of the rules file is recalled). */
  verified: boolean;
  /** Not on the official form; the platform adds it. */
  extension?: true;
  /** Where the figure comes from, or why it is 未接入. */
  source: string;
}

export interface WebsiteReport {
  agencyName: string;
  year: number;
  title: string;
  rows: WebsiteReportRow[];
}

export const NOT_CONNECTED = '未接入';

type RowSpec = Omit<WebsiteReportRow, 'verified' | 'unit'> & { unit?: string };

const none = (key: string, section: WebsiteReportSection, label: string, why: string): RowSpec => ({ key, section, label, value: null, source: why });

/** Rows counted from another capability's records, or all 未接入 while it has none. */
function recorded<T>(facts: T | null, section: WebsiteReportSection, source: string, why: string, rows: [string, string, string, (f: T) => number][]): RowSpec[] {
  return rows.map(([key, label, unit, pick]) => (facts ? { key, section, label, value: pick(facts), unit, source } : none(key, section, label, why)));
}

/** The form, filled from the facts. Row order is the form's order. */
export function computeWebsiteReport(f: WebsiteReportFacts): WebsiteReport {
  const id = f.identity;
  const setting = (label: string) => `网站设置“${label}”`;
  const c = f.consultations;
  const iv = f.interviews;
  const specs: RowSpec[] = [
    { key: 'websiteName', section: 'identity', label: '网站名称', value: id.websiteName, source: '年度报告设置“网站名称”' },
    { key: 'homeUrl', section: 'identity', label: '首页网址', value: id.homeUrl, source: '年度报告设置“网址”' },
    { key: 'sponsor', section: 'identity', label: '主办单位', value: id.sponsor, source: setting('主办单位') },
    { key: 'siteCode', section: 'identity', label: '政府网站标识码', value: id.siteCode, source: setting('网站标识码') },
    { key: 'icp', section: 'identity', label: 'ICP备案号', value: id.icp, source: setting('ICP备案号') },
    { key: 'policeRecord', section: 'identity', label: '公安机关备案号', value: id.policeRecord, source: setting('公安机关备案号') },
    none('uniqueVisitors', 'identity', '独立用户访问总量', '平台不记录访问统计'),
    none('totalVisits', 'identity', '网站总访问量', '平台不记录访问统计'),
    { key: 'publishedTotal', section: 'publishing', label: '信息发布总数', value: f.published.total, unit: '条', source: '本年发布的文件（不含解读）' },
    { key: 'publishedOverview', section: 'publishing', label: '其中：概况类信息', value: f.published.overview, unit: '条', source: '“机关职能、机构设置……”栏目' },
    { key: 'publishedNews', section: 'publishing', label: '政务动态信息', value: f.published.news, unit: '条', source: '名称含“动态”“要闻”“新闻”的栏目' },
    { key: 'publishedCatalogue', section: 'publishing', label: '信息公开目录信息', value: f.published.catalogue, unit: '条', source: '条例第二十条其余各项栏目' },
    { key: 'publishedOther', section: 'publishing', label: '其他栏目信息', value: f.published.other, unit: '条', extension: true, source: '以上之外的栏目（如通知公告）' },
    none('specialsMaintained', 'specials', '专栏专题维护数量', '平台没有专栏专题记录'),
    none('specialsOpened', 'specials', '专栏专题新开设数量', '平台没有专栏专题记录'),
    { key: 'interpretationTotal', section: 'interpretation', label: '解读信息发布总数', value: f.interpretations.total, unit: '条', source: '本年发布的政策解读' },
    { key: 'interpretationMaterials', section: 'interpretation', label: '其中：解读材料', value: f.interpretations.materials, unit: '条', source: '文字解读' },
    { key: 'interpretationProducts', section: 'interpretation', label: '解读产品', value: f.interpretations.products, unit: '条', source: '图解、视频解读' },
    none('mediaArticles', 'interpretation', '媒体评论文章', '平台没有媒体评论记录'),
    none('hotspotResponses', 'interpretation', '回应公众关注热点或重大舆情数量', '平台没有舆情回应记录'),
    none('services', 'services', '办事服务', '平台没有办事服务事项记录'),
    { key: 'messagesReceived', section: 'interaction', label: '留言办理：收到留言数量', value: f.messages.received, unit: '条', source: '本年收到的留言' },
    { key: 'messagesReplied', section: 'interaction', label: '办结留言数量', value: f.messages.replied, unit: '条', source: '本年答复的留言' },
    {
      key: 'messagesAverageDays',
      section: 'interaction',
      label: '平均办理时间',
      value: f.messages.averageWorkingDays,
      unit: '工作日',
      source: f.messages.averageWorkingDays === null ? '本年没有答复的留言' : '收到至答复的工作日数，平均（表上单位为“天”，待核实）',
    },
    { key: 'messagesPublished', section: 'interaction', label: '公开答复数量', value: f.messages.publishedReplies, unit: '条', source: '本年公开的答复' },
    ...recorded(c, 'interaction', '本年开始的意见征集和问卷调查、收到的意见和答卷、公布的采纳情况和调查结果', '意见征集、问卷调查尚未接入', [
      ['surveyRounds', '征集调查：期数', '期', (x) => x.rounds],
      ['surveyOpinions', '收到意见数量', '条', (x) => x.opinions],
      ['surveyResults', '公布调查结果期数', '期', (x) => x.resultsPublished],
    ]),
    ...recorded(iv, 'interaction', '本年已举行的在线访谈及其网民提问、已答复的提问', '在线访谈尚未接入', [
      ['interviewSessions', '在线访谈：期数', '期', (x) => x.sessions],
      ['interviewQuestions', '网民留言数量', '条', (x) => x.questions],
      ['interviewAnswered', '答复网民提问数量', '条', (x) => x.answered],
    ]),
    none('security', 'security', '安全检测评估、安全通报、应急处置', '平台没有安全防护记录'),
    none('weiboName', 'newMedia', '微博：名称', '平台没有微博渠道'),
    none('weiboPosts', 'newMedia', '微博：信息发布量', '平台没有微博渠道'),
    none('weiboFollowers', 'newMedia', '微博：关注量', '平台没有微博渠道'),
    { key: 'wechatPosts', section: 'newMedia', label: '微信：信息发布量', value: f.channels.wechat, unit: '条', source: '发布计划中已发布文件的微信公众号条目' },
    none('wechatSubscribers', 'newMedia', '微信：订阅数', '平台不记录公众号订阅数'),
    none('innovation', 'innovation', '创新发展', '由填报人说明，平台没有记录'),
  ];
  return {
    agencyName: f.agencyName,
    year: f.year,
    title: `${f.identity.websiteName || f.agencyName}${f.year}年政府网站工作年度报表`,
    rows: specs.map((s) => ({ unit: '', ...s, verified: false })),
  };
}

export interface WebsiteReportFinding {
  severity: 'error' | 'warning';
  key: string;
  message: string;
}

/** An identity field left blank is an error (the form cannot go out without it); 未接入 rows are a warning. */
export function checkWebsiteReport(report: WebsiteReport): WebsiteReportFinding[] {
  const out: WebsiteReportFinding[] = [];
  for (const r of report.rows) {
    if (r.section === 'identity' && r.value === '') out.push({ severity: 'error', key: r.key, message: `请先填写“${r.label}”（${r.source}）` });
  }
  const missing = report.rows.filter((r) => r.value === null).map((r) => r.label);
  if (missing.length) out.push({ severity: 'warning', key: 'notConnected', message: `${missing.length} 项平台没有记录，报表中显示为“${NOT_CONNECTED}”，须另行填报：${missing.join('、')}` });
  return out;
}

/** 31 January of the next year (国办函〔2018〕12号). */
export const websiteReportDeadline = (year: number): string => `${year + 1}-01-31`;

export function displayValue(row: WebsiteReportRow): string {
  return row.value === null ? NOT_CONNECTED : String(row.value);
}
