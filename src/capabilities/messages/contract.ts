/**
 * The messages capability's contract: the DTOs the API speaks and the Chinese labels, shared with
 * the workspace (no Node.js APIs here).
 */
import type { ComputedDate } from '../../domain/deadlines/types.ts';
import type { PossibleEvent } from '../../domain/workflow/engine.ts';
import type { DueStatus, MessageChannel, MessageEvent, MessageEventType, MessageKind, MessagePhase, Rating } from '../../domain/messages/index.ts';

export {
  dueStatusLabels,
  messageChannelLabels,
  messageEventLabels,
  messageKindLabels,
  messagePhaseLabels,
  rejectionReasonLabels,
  ratingLabels,
} from '../../domain/messages/index.ts';

/** What the public form and the staff entry take (the portal's limits: 国办发〔2017〕47号 practice). */
export const messageFieldLimits = { titleMin: 5, titleMax: 50, body: 2000, name: 50, phone: 20, email: 100, address: 200 } as const;

export interface MailboxDto {
  id: number;
  agencyId: number;
  name: string;
  description: string;
  /** Reply limit per kind, in working days. */
  limits: Record<MessageKind, number>;
}

export interface NewMailboxInput {
  agencyId: number;
  name: string;
  description?: string;
  limits?: Partial<Record<MessageKind, number>>;
}

export interface NewMessageInput {
  mailboxId: number;
  kind: MessageKind;
  title: string;
  body: string;
  name: string;
  phone: string;
  email?: string;
  address?: string;
  consentToPublish: boolean;
}

/** A message entered by staff: a letter, the 意见箱, a walk-in, with the day it arrived. */
export interface StaffMessageInput extends NewMessageInput {
  channel: Exclude<MessageChannel, 'online'>;
  receivedDate: string;
}

/** Events staff record; who took a reply step is the signed-in user, never a field. */
export type MessageEventInput = DistributiveOmit<Exclude<MessageEvent, { type: 'received' | 'convertedToRequest' }>, 'by'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface MessageListItem {
  id: number;
  queryCode: string;
  /** The mailbox; after a 转办, the handling agency and where the message came from. */
  mailbox: string;
  /** The agency handling the message now. */
  agency: string;
  /** The mailbox it was sent to (agency and name) when another agency handles it now; null otherwise. */
  transferredFrom: string | null;
  kind: MessageKind;
  kindLabel: string;
  title: string;
  receivedDate: string;
  phase: MessagePhase;
  phaseLabel: string;
  dueDate: string;
  dueStatus: DueStatus;
  dueStatusLabel: string;
  redAlert: boolean;
}

export interface MessageListQuery {
  agencyId: number;
  phase?: 'open' | 'closed' | MessagePhase;
  kind?: MessageKind;
  due?: 'soon' | 'overdue' | 'red';
  page: number;
  pageSize: number;
}

export interface MessageTimelineEntry {
  seq: number;
  type: MessageEventType;
  label: string;
  date: string;
  data: Record<string, unknown>;
  actorUserId: number | null;
  recordedAt: string;
}

export interface MessageDetail extends MessageListItem, MessagePublicationInfo {
  agencyId: number;
  channel: MessageChannel;
  channelLabel: string;
  body: string;
  /** Masked unless the reader handles messages (messages.personalData). */
  writer: { name: string; phone: string; email: string | null; address: string | null; masked: boolean };
  consentToPublish: boolean;
  limitWorkingDays: number;
  replyDue: ComputedDate;
  dueSoonFrom: string;
  openDays: number;
  reply: { text: string; date: string } | null;
  publishedDate: string | null;
  rating: Rating | null;
  effectiveRating: Rating | null;
  timeline: MessageTimelineEntry[];
  possibleEvents: PossibleEvent<MessageEventType>[];
}

/** What the writer sees with the query code and the last 4 phone digits. */
export interface MessageTracking extends MessageTrackingExtra {
  queryCode: string;
  title: string;
  kindLabel: string;
  agency: string;
  receivedDate: string;
  phaseLabel: string;
  /** Absent once closed. */
  replyDue?: string;
  reply: { text: string; date: string } | null;
  rejectionReason: string | null;
  ratingLabel: string | null;
  /** The last day to rate, while a rating may still be given. */
  rateBy?: string;
}

/** A leak-scan hit in a text to be published, and whether the publication's resolutions cover it. */
export interface MessagePublicationHit {
  field: 'title' | 'body' | 'reply';
  fieldLabel: string;
  kind: string;
  start: number;
  end: number;
  /** About 20 characters either side, the match marked 【…】. */
  context: string;
  message: string;
  resolved: boolean;
}

/** Sent with `{ type: 'published' }`: how each hit was resolved (masked, or kept with a reason). */
export interface MessageScanResolutionInput {
  field: 'title' | 'body' | 'reply';
  start: number;
  end: number;
  action: 'mask' | 'keep';
  reason?: string;
}

/** What the case page adds for publishing and for the conversion into a request. */
export interface MessagePublicationInfo {
  /** Hits in the texts to be published (title, body, reply) while the reply may still be published. */
  publicationHits: MessagePublicationHit[];
  /** The request the message became (属依申请公开). */
  convertedRequest: { requestId: number; queryCode: string } | null;
  /** Refused as 属依申请公开 and not converted yet: POST /messages/:id/convert-to-request. */
  mayConvertToRequest: boolean;
}

/** What the writer's tracking page adds: the explained due date, the 信访 notice, the request it became. */
export interface MessageTrackingExtra {
  dueExplanation: { label: string; detail: string }[];
  petitionNotice: string | null;
  convertedRequestCode: string | null;
}

/** A published reply as the portal shows it: the writer masked (张**), the texts as resolved for publication. */
export interface PublishedReplyItem {
  id: number;
  title: string;
  kindLabel: string;
  writer: string;
  /** 留言时间. */
  receivedDate: string;
  /** 受理日期. */
  acceptedDate: string | null;
  /** 答复日期. */
  replyDate: string;
  /** 答复单位. */
  replyAgency: string;
  publishedDate: string;
}

export interface PublishedReply extends PublishedReplyItem {
  body: string;
  reply: string;
  ratingLabel: string | null;
}

/** One period of the published statistics (see domain/messages/statistics.ts). */
export type { MessagePeriodStats } from '../../domain/messages/index.ts';

/** The Chinese label of each field the messages API takes, by name or dotted path: validation errors name fields by these. */
export const messageFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机关',
  name: '姓名',
  description: '说明',
  limits: '答复时限',
  'limits.consultation': '咨询的答复时限（工作日）',
  'limits.suggestion': '建议的答复时限（工作日）',
  'limits.complaint': '投诉的答复时限（工作日）',
  'limits.help': '求助的答复时限（工作日）',
  channel: '来源渠道',
  receivedDate: '收到日期',
  mailboxId: '信箱',
  kind: '留言类型',
  title: '标题',
  body: '留言内容',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  consentToPublish: '是否同意公开',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
  code: '查询码',
  secret: '联系电话后四位',
  rating: '评价',
  comment: '评价意见',
  // Events (POST /messages/{id}/events)
  type: '办理环节',
  date: '日期',
  reason: '理由',
  note: '备注',
  toAgencyId: '转办机关',
  workingDays: '延长的工作日数',
  notice: '告知留言人的内容',
  text: '内容',
  resolutions: '敏感信息处理',
  'resolutions.field': '所在部分',
  'resolutions.start': '起始位置',
  'resolutions.end': '结束位置',
  'resolutions.action': '处理方式',
  'resolutions.reason': '保留理由',
};
