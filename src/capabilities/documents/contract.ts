/**
 * The documents capability's contract: the shapes and Chinese labels its API speaks. The workspace
 * imports these instead of re-declaring them; keep this module free of Node.js APIs.
 */
import type { IsoDate } from '../../domain/calendar/iso-date.ts';
import type { DocKind, DocumentStatus, Validity } from '../../domain/documents/catalogue.ts';
import type { ActionChoice, DocumentAction } from '../../domain/documents/workflow.ts';

export { docKindLabels, documentStatuses, statusLabels, validityLabels } from '../../domain/documents/catalogue.ts';
export { documentActionLabels } from '../../domain/documents/workflow.ts';
export { interpretationFormLabels, interpretationForms, interpretationTextLabels, MIN_INTERPRETATION_TEXT } from '../../domain/documents/interpretation.ts';
export type { InterpretationForm } from '../../domain/documents/interpretation.ts';
import type { InterpretationForm } from '../../domain/documents/interpretation.ts';
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
  /** Makes the document a 政策解读 of this policy document (same agency). */
  interpretsId?: number | null | undefined;
  interpretationForm?: InterpretationForm | undefined;
  /** A 图解's text alternative, a video's captions or 文字稿, a text 解读's summary. */
  interpretationText?: string | undefined;
  interpretationMediaUrl?: string | undefined;
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
  interpretsId: '所解读的政策文件',
  interpretationForm: '解读形式',
  interpretationText: '文字说明或文字稿',
  interpretationMediaUrl: '视频地址',
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

/** The other fields the documents API takes (workflow steps, columns, settings), for validation errors. */
export const documentActionFieldLabels: Readonly<Record<string, string>> = {
  action: '操作',
  reason: '理由',
  scheduledAt: '定时发布时间',
  checklist: '保密审查',
  ...Object.fromEntries(Object.entries(reviewChecklistLabels).map(([k, v]) => [`checklist.${k}`, v])),
  'checklist.opinion': '审查意见',
  resolution: '处理说明',
  agencyId: '机构',
  code: '栏目代码',
  name: '栏目名称',
  parentCode: '上级栏目代码',
  scheme: '索引号规则',
};

export interface DocumentListFilters {
  status?: DocumentStatus | undefined;
  q?: string | undefined;
  /** Only 规章 and 规范性文件 that have no 解读 and no exemption (三同步). */
  missingInterpretation?: boolean | undefined;
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
  /** Set on a 解读: the policy it interprets. */
  interpretsId: number | null;
  /** A 规章 or 规范性文件 with no 解读 (withdrawn ones aside) and no recorded exemption. */
  lacksInterpretation: boolean;
  version: number;
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
  /** Set when the document is a 解读. */
  interpretation: InterpretationInfo | null;
  /** The 解读 of this document (any status). */
  interpretations: LinkedDocument[];
  /** 三同步: whether a 解读 is required and, when publishing (a policy, or a 解读 alone) would be refused now, why. */
  interpretationGate: { required: boolean; blocked: { code: string; message: string } | null };
  exemption: RecordedNote | null;
  /** The last 退回's reason, until the draft is submitted again. */
  returned: RecordedNote | null;
  /** The withdrawn version this one revises, and the revision of this one. */
  previousVersion: LinkedDocument | null;
  nextVersion: LinkedDocument | null;
}

export interface LinkedDocument {
  id: number;
  title: string;
  indexNo: string;
  status: DocumentStatus;
  statusLabel: string;
  formLabel?: string | undefined;
}

export interface InterpretationInfo {
  form: InterpretationForm;
  formLabel: string;
  text: string | null;
  mediaUrl: string | null;
  policy: LinkedDocument;
}

/** A note someone recorded: why, by whom, when. */
export interface RecordedNote {
  reason: string;
  by: string | null;
  at: string;
}

export type TransitionAction = Exclude<DocumentAction, 'edit'>;
