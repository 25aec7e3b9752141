/**
 * The documents capability's contract: the shapes and Chinese labels its API speaks. The workspace
 * imports these instead of re-declaring them; keep this module free of Node.js APIs.
 */
import type { IsoDate } from '../../domain/calendar/iso-date.ts';
import type { DocKind, DocumentStatus, Validity } from '../../domain/documents/catalogue.ts';
import type { ActionChoice, DocumentAction } from '../../domain/documents/workflow.ts';

export { docKindLabels, documentStatuses, statusLabels, validityLabels } from '../../domain/documents/catalogue.ts';
export { documentActionLabels } from '../../domain/documents/workflow.ts';
export type { DocKind, DocumentStatus, Validity } from '../../domain/documents/catalogue.ts';
export type { ActionChoice, DocumentAction } from '../../domain/documents/workflow.ts';

export interface DocumentInput {
  title: string;
  issuer?: string | undefined;
  docNo?: string | undefined;
  writtenAt?: IsoDate | undefined;
  /** 形成或者变更之日 (Art. 26 clock); defaults to the written date. */
  formedAt?: IsoDate | undefined;
  topic?: string | undefined;
  categoryCode?: string | undefined;
  docKind?: DocKind | null | undefined;
  validity?: Validity | undefined;
  effectiveFrom?: IsoDate | undefined;
  invalidFrom?: IsoDate | undefined;
  bodyHtml: string;
  /** Given for legacy imports; otherwise assigned from the agency's scheme. */
  indexNo?: string | undefined;
}

/** Each field's name on the form: the API's validation errors name fields by these, never by their keys. */
export const documentFieldLabels: Record<keyof DocumentInput | 'agencyId', string> = {
  agencyId: '机构',
  title: '标题',
  issuer: '发布机构',
  docNo: '文号',
  writtenAt: '成文日期',
  formedAt: '形成或变更日期',
  topic: '主题分类',
  categoryCode: '公开目录类别',
  docKind: '文件类型',
  validity: '有效性',
  effectiveFrom: '生效日期',
  invalidFrom: '失效或废止日期',
  bodyHtml: '正文',
  indexNo: '索引号',
};

export interface ReviewChecklist {
  /** 是否涉及国家秘密 */
  noStateSecret: boolean;
  /** 是否涉及工作秘密、商业秘密、个人隐私 */
  noPrivacy: boolean;
  /** 公开后是否可能危及“三安全一稳定” */
  noSecurityRisk: boolean;
  /** 是否属于主动公开范围 */
  inScope: boolean;
  opinion: string;
}

/** The four points a 保密审查 confirms, in the order the checklist shows them. */
export const reviewChecklistLabels: Record<Exclude<keyof ReviewChecklist, 'opinion'>, string> = {
  noStateSecret: '不涉及国家秘密',
  noPrivacy: '不涉及工作秘密、商业秘密和个人隐私',
  noSecurityRisk: '公开后不危及国家安全、公共安全、经济安全和社会稳定',
  inScope: '属于主动公开范围',
};

export interface DocumentListFilters {
  status?: DocumentStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface DocumentSummary {
  id: number;
  indexNo: string;
  title: string;
  issuer: string;
  docNo: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  status: DocumentStatus;
  statusLabel: string;
  validity: string;
  validityLabel: string;
  docKind: string | null;
  categoryId: number | null;
  needsReview: boolean;
  unresolvedHits: number;
  /** Art. 26: the last day to publish, counted from 形成/变更. */
  publicationDue: string | null;
  publicationOverdue: boolean;
}

export interface DocumentAttachment {
  id: number;
  name: string;
  kind: string;
  mime: string;
  sizeBytes: number;
}

export interface ScanFinding {
  id: number;
  source: string;
  kind: string;
  masked: string;
  context: string;
  message: string;
  resolution: string | null;
}

export interface DocumentDetail extends DocumentSummary {
  agencyId: number;
  topic: string | null;
  formedAt: string | null;
  effectiveFrom: string | null;
  invalidFrom: string | null;
  bodyHtml: string;
  categoryCode: string | null;
  scheduledAt: string | null;
  review: ReviewChecklist | null;
  withdrawnReason: string | null;
  viewCount: number;
  attachments: DocumentAttachment[];
  scanHits: ScanFinding[];
  /** The workspace's buttons: the same rules the transition applies, for this actor. */
  actions: ActionChoice[];
}

export type TransitionAction = Exclude<DocumentAction, 'edit'>;
