/**
 * The disclosure capability's contract: the Art. 20 statistics, the publishing plan and the
 * portal's 公开指南/公开制度 pages, as the API speaks them. The workspace imports these instead of
 * re-declaring them; keep this module free of Node.js APIs.
 */

/** Art. 20 items (五)(六)(八): decisions counted per month, and fees collected (元). */
export const art20StatisticItems = {
  license: '行政许可（第二十条第（五）项）',
  penalty: '行政处罚（第二十条第（六）项）',
  enforcement: '行政强制（第二十条第（六）项）',
  fee: '行政事业性收费金额，元（第二十条第（八）项）',
} as const;
export type Art20StatisticItem = keyof typeof art20StatisticItems;
export const art20Items = Object.keys(art20StatisticItems) as Art20StatisticItem[];

/** The same items as the monthly table's column heads, with their unit. */
export const art20ColumnLabels: Record<Art20StatisticItem, string> = {
  license: '行政许可（件）',
  penalty: '行政处罚（件）',
  enforcement: '行政强制（件）',
  fee: '行政事业性收费（元）',
};

export interface Art20Entry {
  month: number;
  item: Art20StatisticItem;
  value: number;
}

export interface Art20Statistics {
  year: number;
  entries: Art20Entry[];
  totals: Record<Art20StatisticItem, number>;
}

export const planChannels = { website: '政府网站', wechat: '微信公众号', board: '公告栏' } as const;
export type PlanChannel = keyof typeof planChannels;

export interface PlanItemInput {
  channel: PlanChannel;
  plannedDate: string;
  title: string;
  documentId?: number | undefined;
}

/** A planned post, as stored. */
export interface PlanItem {
  id: number;
  agency_id: number;
  channel: PlanChannel;
  planned_date: string;
  title: string;
  document_id: number | null;
  done: number;
  created_at: string;
}

/** The portal's two pages an agency writes itself. */
export const portalPageLabels = { guide: '公开指南', rules: '公开制度' } as const;
export type PortalPageSlug = keyof typeof portalPageLabels;
export const portalPageSlugs = Object.keys(portalPageLabels) as PortalPageSlug[];

export interface PortalPageView {
  title: string;
  bodyHtml: string;
  updatedAt: string | null;
}

export interface StaleColumn {
  code: string;
  name: string;
  lastPublished: string | null;
  /** The day in China of the newest publication. */
  lastPublishedDate: string | null;
}

/** The Chinese label of each field the disclosure API takes (statistics, portal pages, plan): validation errors name fields by these. */
export const disclosureFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机构',
  year: '年度',
  entries: '统计数据',
  'entries.month': '月份',
  'entries.item': '统计项',
  'entries.value': '数值',
  title: '标题',
  bodyHtml: '正文',
  channel: '发布渠道',
  plannedDate: '计划日期',
  documentId: '关联文件',
};
