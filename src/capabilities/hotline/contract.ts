/**
 * The hotline log (热线, issue 16 item 4): calls entered one by one or imported from a 12345 work
 * order export. Types and Chinese labels the API speaks; no Node.js APIs, so the workspace imports
 * them. A hotline call is not a 依申请公开 request and never counts as one.
 */
export const hotlineFieldLabels = {
  orderNo: '工单编号',
  calledAt: '来电时间',
  callerName: '来电人',
  callerPhone: '来电号码',
  subject: '诉求内容',
  answer: '答复内容',
  closed: '是否办结',
} as const;

export const hotlineClosedLabels = { closed: '已办结', open: '未办结' } as const;

export const hotlineLimits = { orderNo: 40, callerName: 50, callerPhone: 30, subject: 2000, answer: 4000, importRows: 5000 } as const;

export interface HotlineCallInput {
  /** 12345 工单编号, empty for a call to the agency's own line. */
  orderNo: string;
  /** China time, 'YYYY-MM-DD HH:MM'. */
  calledAt: string;
  callerName: string;
  callerPhone: string;
  subject: string;
  answer: string;
  closed: boolean;
}

export interface HotlineCall extends HotlineCallInput {
  id: number;
  agencyId: number;
  source: 'manual' | 'import';
  /** Whether the caller's name and phone are shown in full (only to those who handle calls). */
  masked: boolean;
}

export interface HotlineList {
  agencyId: number;
  items: HotlineCall[];
  total: number;
  closedCount: number;
}

export interface HotlineListQuery {
  from?: string | undefined;
  to?: string | undefined;
  closed?: 'closed' | 'open' | undefined;
  q?: string | undefined;
}

/** One row of an import that was not taken, with every problem in Chinese. */
export interface HotlineImportRowError {
  row: number;
  orderNo: string;
  problems: string[];
}

export interface HotlineImportResult {
  /** Data rows read (the header excluded, blank rows excluded). */
  rows: number;
  created: number;
  /** Orders already in the log whose answer or state changed: updated in place. */
  updated: number;
  /** Orders already in the log, unchanged. */
  unchanged: number;
  errors: HotlineImportRowError[];
}
