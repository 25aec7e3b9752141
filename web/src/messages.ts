/**
 * Option lists and labels for the 互动交流 (留言) screens, built from the messages capability's
 * contract: codes and Chinese labels are declared once, in src/capabilities/messages/contract.ts.
 */
import {
  messageChannelLabels,
  messageKindLabels,
  messagePhaseLabels,
  rejectionReasonLabels,
  ratingLabels,
} from '../../src/capabilities/messages/contract.ts';
import type { MessageDetail, MessageListItem, MessageTimelineEntry } from '../../src/capabilities/messages/contract.ts';

export { messageEventLabels, messageFieldLimits, messageKindLabels, rejectionReasonLabels, ratingLabels } from '../../src/capabilities/messages/contract.ts';
export type { MailboxDto, MessageDetail, MessageEventInput, MessageListItem, MessageTimelineEntry } from '../../src/capabilities/messages/contract.ts';
export { defaultReplyLimits, MAX_REPLY_WORKING_DAYS, messageKinds } from '../../src/domain/messages/kinds.ts';

type Option = { value: string; label: string };
const options = (labels: Record<string, string>, order: readonly string[] = Object.keys(labels)): Option[] => order.map((value) => ({ value, label: labels[value]! }));

export const kindOptions = options(messageKindLabels);
/** Staff enter what came on paper or in person; 网上留言 arrive by themselves. Walk-ins first. */
export const staffChannelOptions = options(messageChannelLabels, ['inPerson', 'letter', 'suggestionBox']);
export const phaseOptions: Option[] = [{ value: 'open', label: '全部未办结' }, ...options(messagePhaseLabels), { value: 'closed', label: '全部已办结' }];
export const dueOptions: Option[] = [
  { value: 'soon', label: '临期（2 个工作日内到期）' },
  { value: 'overdue', label: '逾期' },
  { value: 'red', label: '红色预警（超过 60 天未办结）' },
];
export const rejectionOptions = options(rejectionReasonLabels);
export const ratingOptions = options(ratingLabels);

/** How a message's due date shows: colour and words together, never colour alone. */
export function dueBadge(m: Pick<MessageListItem, 'dueStatus' | 'dueStatusLabel' | 'redAlert'>): { color: string; text: string } | null {
  if (m.redAlert) return { color: '#cf1322', text: '红色预警：超过 60 天未办结' };
  if (m.dueStatus === 'overdue') return { color: 'red', text: m.dueStatusLabel };
  if (m.dueStatus === 'dueSoon') return { color: 'orange', text: m.dueStatusLabel };
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** One timeline entry's particulars in Chinese (reasons by their labels, never the stored codes). */
export function eventDetail(e: MessageTimelineEntry): string | null {
  const d = e.data;
  switch (e.type) {
    case 'received':
      return [messageChannelLabels[d.channel as keyof typeof messageChannelLabels], `答复时限 ${String(d.limitWorkingDays)} 个工作日`, d.consentToPublish ? '同意公开' : '不同意公开'].filter(Boolean).join('，');
    case 'rejected':
      return [`理由：${rejectionReasonLabels[d.reason as keyof typeof rejectionReasonLabels] ?? '—'}`, str(d.note)].filter(Boolean).join('；');
    case 'transferred':
      return [`转至 ${str(d.toAgencyName) ?? '—'}`, str(d.note)].filter(Boolean).join('；');
    case 'extensionRequested':
      return `延长 ${String(d.workingDays)} 个工作日；理由：${str(d.reason) ?? '—'}`;
    case 'extensionApproved':
      return `告知留言人：${str(d.notice) ?? '—'}`;
    case 'extensionRejected':
    case 'replyReturned':
      return `理由：${str(d.reason) ?? '—'}`;
    case 'replyDrafted':
    case 'note':
      return str(d.text);
    case 'rated':
      return [ratingLabels[d.rating as keyof typeof ratingLabels], str(d.comment)].filter(Boolean).join('；');
    default:
      return null;
  }
}

const lastOf = <T>(list: readonly T[], f: (x: T) => boolean): T | undefined => [...list].reverse().find(f);

/** The reply text waiting for review or approval: the latest draft, while one is in review. */
export function draftInReview(m: MessageDetail): { text: string; date: string } | null {
  if (m.phase !== 'replyInReview' && m.phase !== 'replyReviewed') return null;
  const draft = lastOf(m.timeline, (e) => e.type === 'replyDrafted');
  return draft ? { text: String(draft.data.text ?? ''), date: draft.date } : null;
}

/** The reviewer's 退回 the drafter must answer: shown until a new draft is submitted. */
export function pendingReturn(m: MessageDetail): { reason: string; date: string; text: string } | null {
  if (m.phase !== 'handling') return null;
  const last = lastOf(m.timeline, (e) => e.type === 'replyDrafted' || e.type === 'replyReturned');
  if (last?.type !== 'replyReturned') return null;
  const draft = lastOf(m.timeline, (e) => e.type === 'replyDrafted');
  return { reason: String(last.data.reason ?? ''), date: last.date, text: String(draft?.data.text ?? '') };
}
