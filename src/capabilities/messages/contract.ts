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
export type MessageEventInput = DistributiveOmit<Exclude<MessageEvent, { type: 'received' }>, 'by'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface MessageListItem {
  id: number;
  queryCode: string;
  mailbox: string;
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

export interface MessageDetail extends MessageListItem {
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
export interface MessageTracking {
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
