/** The 15 items of 条例第二十条, the default top level of every agency's 公开目录. */
export const art20Items: { item: number; code: string; name: string }[] = [
  { item: 1, code: 'art20-01', name: '行政法规、规章和规范性文件' },
  { item: 2, code: 'art20-02', name: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名' },
  { item: 3, code: 'art20-03', name: '国民经济和社会发展规划、专项规划、区域规划及相关政策' },
  { item: 4, code: 'art20-04', name: '国民经济和社会发展统计信息' },
  { item: 5, code: 'art20-05', name: '行政许可和其他对外管理服务事项' },
  { item: 6, code: 'art20-06', name: '行政处罚、行政强制' },
  { item: 7, code: 'art20-07', name: '财政预算、决算信息' },
  { item: 8, code: 'art20-08', name: '行政事业性收费项目及其依据、标准' },
  { item: 9, code: 'art20-09', name: '政府集中采购项目' },
  { item: 10, code: 'art20-10', name: '重大建设项目' },
  { item: 11, code: 'art20-11', name: '扶贫、教育、医疗、社会保障、促进就业' },
  { item: 12, code: 'art20-12', name: '突发公共事件应急预案、预警信息及应对情况' },
  { item: 13, code: 'art20-13', name: '环境保护、公共卫生、安全生产、食品药品、产品质量监督检查' },
  { item: 14, code: 'art20-14', name: '公务员招考' },
  { item: 15, code: 'art20-15', name: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息' },
];

export const validityLabels = { valid: '有效', expired: '失效', repealed: '废止' } as const;
export type Validity = keyof typeof validityLabels;

/** 规章 and 行政规范性文件 are counted in section 二 of the annual report. */
export const docKindLabels = { rule: '规章', normative: '行政规范性文件' } as const;
export type DocKind = keyof typeof docKindLabels;

export const disclosureMethods = { proactive: '主动公开', onRequest: '依申请公开' } as const;

export const documentStatuses = ['draft', 'submitted', 'reviewed', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export const statusLabels: Record<DocumentStatus, string> = {
  draft: '草稿',
  submitted: '待保密审查',
  reviewed: '审查通过待批准',
  approved: '已批准待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export { nextStatus, documentActions, documentActionLabels, type DocumentAction, type WorkflowFacts } from './workflow.ts';

/**
 * Formats an index number (索引号) from an agency's scheme. Placeholders: {agency} agency
 * code, {year}, {seq} (or {seq:N} zero-padded to N digits), {category} category code.
 */
export function formatIndexNo(scheme: string, parts: { agency: string; year: number; seq: number; category?: string | undefined }): string {
  return scheme.replace(/\{(agency|year|seq|category)(?::(\d{1,2}))?\}/g, (_m, name: string, width?: string) => {
    const value = name === 'agency' ? parts.agency : name === 'year' ? String(parts.year) : name === 'category' ? parts.category ?? '00' : String(parts.seq);
    return width ? value.padStart(Number(width), '0') : value;
  });
}

export const DEFAULT_INDEX_SCHEME = '{agency}/{year}-{seq:5}';

export function validateIndexScheme(scheme: string): string | null {
  if (!scheme.includes('{seq')) return '索引号规则须包含序号 {seq}，以保证唯一';
  if (scheme.length > 100) return '索引号规则过长';
  const unknown = scheme.match(/\{(?!(agency|year|seq|category)(:\d{1,2})?\})[^}]*\}/);
  if (unknown) return `未知的占位符 ${unknown[0]}`;
  return null;
}
