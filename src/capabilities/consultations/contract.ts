/**
 * The consultations capability's contract: the DTOs the API speaks and the Chinese labels, shared
 * with the workspace (no Node.js APIs here).
 */
import type { PossibleEvent } from '../../domain/workflow/engine.ts';
import type { Adoption, CommentStatus, ConsultationEventType, ConsultationPhase, DraftKind, FeedbackRow } from '../../domain/consultations/index.ts';

export {
  adoptionLabels,
  adoptions,
  commentStatusLabels,
  consultationEventLabels,
  consultationPhaseLabels,
  draftKindLabels,
  draftKinds,
  feedbackColumns,
  minimumPeriodText,
} from '../../domain/consultations/index.ts';
export type { Adoption, CommentStatus, ConsultationEventType, ConsultationPhase, DraftKind, FeedbackRow } from '../../domain/consultations/index.ts';

export const consultationFieldLimits = { title: 100, draftText: 50000, explanation: 20000, reason: 1000, contact: 500, comment: 2000, name: 50, phone: 20 } as const;

export const commentChannels = ['online', 'staff'] as const;
export type CommentChannel = (typeof commentChannels)[number];
export const commentChannelLabels: Record<CommentChannel, string> = { online: '网上提交', staff: '工作人员录入（信函、电子邮件、座谈）' };

export interface NewConsultationInput {
  agencyId: number;
  title: string;
  kind: DraftKind;
  /** Only for 行政规范性文件: closely concerns businesses (then ≥ 30 days). */
  concernsBusiness?: boolean | undefined;
  draftText: string;
  explanation: string;
  startDate: string;
  endDate: string;
  shortPeriodReason?: string | undefined;
  contact?: string | undefined;
  /** The day the draft was registered (default today; earlier for a draft entered late or imported). */
  preparedDate?: string | undefined;
}

export interface NewCommentInput {
  /** '第三条' (one of the draft's articles), or empty for the whole draft. */
  article?: string | undefined;
  body: string;
  name: string;
  phone?: string | undefined;
}

export interface StaffCommentInput extends NewCommentInput {
  receivedDate: string;
}

export interface FeedbackInput {
  commentId: number;
  adoption: Adoption;
  reason?: string | undefined;
}

/** The steps staff record on the case page. */
export type ConsultationEventInput =
  | { type: 'opened'; date: string }
  | { type: 'commentModerated'; date: string; commentId: number; decision: 'shown' | 'hidden'; reason?: string | undefined }
  | { type: 'closed'; date: string; feedback: FeedbackInput[] }
  | { type: 'feedbackPublished'; date: string }
  | { type: 'documentLinked'; date: string; documentId: number }
  | { type: 'note'; date: string; text: string };

export type ConsultationListFilter = ConsultationPhase | 'overdue';

export interface ConsultationListItem {
  id: number;
  agencyId: number;
  title: string;
  kind: DraftKind;
  kindLabel: string;
  startDate: string;
  endDate: string;
  phase: ConsultationPhase;
  phaseLabel: string;
  /** The end passed and the feedback is not published. */
  overdue: boolean;
  commentCount: number;
  pendingCount: number;
}

export interface CommentDto {
  id: number;
  channel: CommentChannel;
  channelLabel: string;
  article: string | null;
  body: string;
  /** In full for those handling consultations, masked (张**) for anyone else. */
  name: string;
  phone: string;
  receivedDate: string;
  status: CommentStatus;
  statusLabel: string;
}

export interface ConsultationDetail extends ConsultationListItem {
  concernsBusiness: boolean;
  draftText: string;
  explanation: string;
  shortPeriodReason: string | null;
  contact: string;
  minimumPeriod: string;
  articles: string[];
  openedDate: string | null;
  closedDate: string | null;
  feedbackPublishedDate: string | null;
  document: { id: number; title: string } | null;
  comments: CommentDto[];
  feedback: FeedbackRow[];
  timeline: { seq: number; type: ConsultationEventType; label: string; date: string; data: Record<string, unknown>; actorUserId: number | null; recordedAt: string }[];
  possibleEvents: PossibleEvent<ConsultationEventType>[];
  /** Whether the signed-in user may enter a comment received by letter, e-mail or at a meeting. */
  mayEnterComment: boolean;
}

/** What the portal shows: the draft, the shown comments (names masked) and, once published, the feedback table. */
export interface PublicConsultation {
  id: number;
  title: string;
  kindLabel: string;
  agency: string;
  startDate: string;
  endDate: string;
  openedDate: string;
  draftText: string;
  explanation: string;
  shortPeriodReason: string | null;
  contact: string;
  articles: string[];
  acceptsComments: boolean;
  comments: { article: string | null; body: string; name: string; receivedDate: string }[];
  feedback: FeedbackRow[] | null;
  feedbackPublishedDate: string | null;
  document: { id: number; title: string; path: string } | null;
}

export const consultationFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机关',
  title: '草案标题',
  kind: '草案类型',
  concernsBusiness: '是否与市场主体生产经营活动密切相关',
  draftText: '征求意见稿正文',
  explanation: '起草说明',
  startDate: '征求意见开始日期',
  endDate: '征求意见截止日期',
  shortPeriodReason: '缩短征求意见期限的理由',
  contact: '其他提交意见的方式',
  preparedDate: '登记日期',
  article: '针对的条款',
  body: '意见内容',
  name: '姓名',
  phone: '联系电话',
  receivedDate: '收到日期',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
  type: '办理环节',
  date: '日期',
  commentId: '意见',
  decision: '审核结果',
  reason: '理由',
  feedback: '意见采纳情况',
  'feedback.commentId': '意见',
  'feedback.adoption': '是否采纳',
  'feedback.reason': '理由',
  documentId: '正式文件',
  text: '内容',
};
