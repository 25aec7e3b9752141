/**
 * A message's life as an append-only list of dated events; the state is a fold over them.
 * The rules: 受理 or 不予受理 (with a listed reason), 转办 (the clock keeps running), one extension
 * with approval, a reply drafted, reviewed and approved by three different people, publication
 * only with the writer's consent, one rating within 20 working days of the reply.
 */
import { compareIsoDates, isIsoDate, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import { rolesAllow, type Permission, type Role } from '../access/policy.ts';
import {
  MAX_REPLY_WORKING_DAYS,
  RATING_WORKING_DAYS,
  isMessageChannel,
  isMessageKind,
  isRating,
  isRejectionReason,
  replyLimitProblem,
  type MessageChannel,
  type MessageKind,
  type Rating,
  type RejectionReason,
} from './kinds.ts';
import type { ScanResolution } from './publication.ts';

export type MessageEvent =
  | { type: 'received'; date: IsoDate; kind: MessageKind; channel: MessageChannel; limitWorkingDays: number; consentToPublish: boolean }
  | { type: 'accepted'; date: IsoDate }
  | { type: 'rejected'; date: IsoDate; reason: RejectionReason; note?: string }
  | { type: 'transferred'; date: IsoDate; toAgencyId: number; toAgencyName: string; note?: string }
  | { type: 'extensionRequested'; date: IsoDate; workingDays: number; reason: string }
  /** `notice`: what the writer is told about the new date (the rules require telling them). */
  | { type: 'extensionApproved'; date: IsoDate; notice: string }
  | { type: 'extensionRejected'; date: IsoDate; reason: string }
  /** `by`: the user id; the three reply steps must be taken by different people. */
  | { type: 'replyDrafted'; date: IsoDate; by: number; text: string }
  | { type: 'replyReturned'; date: IsoDate; by: number; reason: string }
  | { type: 'replyReviewed'; date: IsoDate; by: number }
  | { type: 'replyApproved'; date: IsoDate; by: number }
  /** `resolutions`: how each leak-scan hit in the published texts was resolved (masked or kept with a reason). */
  | { type: 'published'; date: IsoDate; resolutions?: ScanResolution[] }
  /** A message refused as 属依申请公开, registered as a request with the message's receipt date. */
  | { type: 'convertedToRequest'; date: IsoDate; requestId: number; requestQueryCode: string }
  | { type: 'rated'; date: IsoDate; rating: Rating; comment?: string }
  | { type: 'note'; date: IsoDate; text: string };

export type MessageEventType = MessageEvent['type'];

export type MessagePhase = 'awaitingAcceptance' | 'handling' | 'replyInReview' | 'replyReviewed' | 'replied' | 'rejected';

export const messagePhaseLabels: Record<MessagePhase, string> = {
  awaitingAcceptance: '待受理',
  handling: '办理中',
  replyInReview: '答复待审核',
  replyReviewed: '答复待批准',
  replied: '已答复',
  rejected: '不予受理',
};

export const messageEventLabels: Record<MessageEventType, string> = {
  received: '收到留言',
  accepted: '受理',
  rejected: '不予受理',
  transferred: '转办',
  extensionRequested: '申请延期',
  extensionApproved: '批准延期',
  extensionRejected: '不批准延期',
  replyDrafted: '起草答复',
  replyReturned: '退回答复',
  replyReviewed: '审核答复',
  replyApproved: '批准答复',
  published: '公开答复',
  convertedToRequest: '转为依申请公开',
  rated: '评价',
  note: '备注',
};

export interface MessageState {
  kind: MessageKind;
  channel: MessageChannel;
  receivedDate: IsoDate;
  limitWorkingDays: number;
  consentToPublish: boolean;
  phase: MessagePhase;
  lastDate: IsoDate;
  acceptedDate: IsoDate | null;
  rejection: { reason: RejectionReason; date: IsoDate } | null;
  transfers: { date: IsoDate; toAgencyId: number; toAgencyName: string }[];
  extension: { status: 'requested' | 'approved' | 'rejected'; workingDays: number; requestedDate: IsoDate; reason: string } | null;
  draft: { by: number; text: string; date: IsoDate; reviewedBy: number | null } | null;
  reply: { text: string; date: IsoDate; draftedBy: number; reviewedBy: number; approvedBy: number } | null;
  publishedDate: IsoDate | null;
  /** Scan resolutions recorded with the publication. */
  publicationResolutions: ScanResolution[];
  convertedRequest: { requestId: number; queryCode: string } | null;
  rating: { rating: Rating; comment: string | null; date: IsoDate } | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };
const fail = (...errors: string[]): { ok: false; errors: string[] } => ({ ok: false, errors });
const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';
const isUser = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Open: the agency still owes an answer. */
export const isOpen = (s: MessageState): boolean => s.phase !== 'replied' && s.phase !== 'rejected';

/**
 * Why this user may not take this reply step on this state (separation of duties), or null.
 * The drafter neither reviews nor approves their own reply, and the reviewer does not also approve.
 */
export function separationRefusal(s: MessageState, type: MessageEventType, userId: number): string | null {
  if (!s.draft) return null;
  if ((type === 'replyReviewed' || type === 'replyReturned') && s.draft.by === userId) return '起草人不能审核本人起草的答复';
  if (type === 'replyApproved' && s.draft.by === userId) return '起草人不能批准本人起草的答复';
  if (type === 'replyApproved' && s.draft.reviewedBy === userId) return '审核人不能再批准同一答复，须由另一人批准';
  return null;
}

/** The state after one more event, or the rules it breaks (Chinese). `calendar` dates the rating period. */
export function applyMessageEvent(state: MessageState | null, e: MessageEvent, calendar: WorkingCalendar): Result<MessageState> {
  if (!isIsoDate(e.date)) return fail('事件日期无效');
  if (state === null) {
    if (e.type !== 'received') return fail('留言的第一个事件必须是“收到留言”');
    if (!isMessageKind(e.kind)) return fail('留言类型无效');
    if (!isMessageChannel(e.channel)) return fail('留言渠道无效');
    const limit = replyLimitProblem(e.limitWorkingDays);
    if (limit) return fail(limit);
    return {
      ok: true,
      value: {
        kind: e.kind, channel: e.channel, receivedDate: e.date, limitWorkingDays: e.limitWorkingDays, consentToPublish: e.consentToPublish === true,
        phase: 'awaitingAcceptance', lastDate: e.date, acceptedDate: null, rejection: null, transfers: [], extension: null,
        draft: null, reply: null, publishedDate: null, publicationResolutions: [], convertedRequest: null, rating: null,
      },
    };
  }
  if (e.type === 'received') return fail('留言已收到，不能重复登记');
  if (compareIsoDates(e.date, state.lastDate) < 0) return fail(`日期不能早于上一个事件（${state.lastDate}）`);
  const s: MessageState = { ...state, lastDate: e.date };
  const ok = (value: MessageState): Result<MessageState> => ({ ok: true, value });
  const handlingPhases: readonly MessagePhase[] = ['handling', 'replyInReview', 'replyReviewed'];
  switch (e.type) {
    case 'accepted':
      return state.phase === 'awaitingAcceptance' ? ok({ ...s, phase: 'handling', acceptedDate: state.acceptedDate ?? e.date }) : fail('只有待受理的留言可以受理');
    case 'rejected':
      if (state.phase !== 'awaitingAcceptance') return fail('只有待受理的留言可以不予受理');
      if (!isRejectionReason(e.reason)) return fail('不予受理须选择理由：属信访事项、属依申请公开、重复、无实质内容或违法违规');
      return ok({ ...s, phase: 'rejected', rejection: { reason: e.reason, date: e.date } });
    case 'transferred':
      if (state.phase !== 'awaitingAcceptance' && state.phase !== 'handling') return fail('答复审核中或已办结的留言不能转办');
      if (!isUser(e.toAgencyId) || blank(e.toAgencyName)) return fail('转办须指明承办机关');
      // The clock keeps running: the receiving agency decides on 受理 again, on the same dates.
      return ok({ ...s, phase: 'awaitingAcceptance', transfers: [...state.transfers, { date: e.date, toAgencyId: e.toAgencyId, toAgencyName: e.toAgencyName }] });
    case 'extensionRequested':
      if (!handlingPhases.includes(state.phase)) return fail('只有办理中的留言可以申请延期');
      if (state.extension) return fail('延期只能申请一次');
      if (!Number.isInteger(e.workingDays) || e.workingDays < 1) return fail('延期天数应为正整数');
      if (state.limitWorkingDays + e.workingDays > MAX_REPLY_WORKING_DAYS) {
        return fail(`答复时限连同延期不得超过 ${MAX_REPLY_WORKING_DAYS} 个工作日（本留言时限 ${state.limitWorkingDays} 个工作日，最多可延 ${MAX_REPLY_WORKING_DAYS - state.limitWorkingDays} 个）`);
      }
      if (blank(e.reason)) return fail('请填写延期理由');
      return ok({ ...s, extension: { status: 'requested', workingDays: e.workingDays, requestedDate: e.date, reason: e.reason } });
    case 'extensionApproved':
    case 'extensionRejected':
      if (state.extension?.status !== 'requested' || !isOpen(state)) return fail('没有待批准的延期申请');
      if (e.type === 'extensionApproved' && blank(e.notice)) return fail('批准延期须写明告知留言人的内容');
      if (e.type === 'extensionRejected' && blank(e.reason)) return fail('请填写不批准的理由');
      return ok({ ...s, extension: { ...state.extension, status: e.type === 'extensionApproved' ? 'approved' : 'rejected' } });
    case 'replyDrafted':
      if (state.phase !== 'handling') return fail('只有已受理、办理中的留言可以起草答复');
      if (!isUser(e.by)) return fail('缺少起草人');
      if (blank(e.text)) return fail('答复内容不能为空');
      return ok({ ...s, phase: 'replyInReview', draft: { by: e.by, text: e.text, date: e.date, reviewedBy: null } });
    case 'replyReturned':
    case 'replyReviewed':
    case 'replyApproved': {
      const want: MessagePhase = e.type === 'replyApproved' ? 'replyReviewed' : e.type === 'replyReviewed' ? 'replyInReview' : state.phase;
      if (!state.draft || state.phase !== want || (e.type === 'replyReturned' && state.phase !== 'replyInReview' && state.phase !== 'replyReviewed')) {
        return fail(e.type === 'replyApproved' ? '答复须先经审核' : '没有待审核的答复');
      }
      if (!isUser(e.by)) return fail('缺少办理人');
      const refusal = separationRefusal(state, e.type, e.by);
      if (refusal) return fail(refusal);
      if (e.type === 'replyReturned') return blank(e.reason) ? fail('请填写退回理由') : ok({ ...s, phase: 'handling', draft: null });
      if (e.type === 'replyReviewed') return ok({ ...s, phase: 'replyReviewed', draft: { ...state.draft, reviewedBy: e.by } });
      const d = state.draft;
      return ok({ ...s, phase: 'replied', draft: null, reply: { text: d.text, date: e.date, draftedBy: d.by, reviewedBy: d.reviewedBy!, approvedBy: e.by } });
    }
    case 'published':
      if (state.phase !== 'replied') return fail('答复经审核批准后才能公开');
      if (!state.consentToPublish) return fail('留言人未同意公开，不能公开答复');
      if (state.publishedDate) return fail('答复已公开');
      return ok({ ...s, publishedDate: e.date, publicationResolutions: Array.isArray(e.resolutions) ? e.resolutions : [] });
    case 'convertedToRequest':
      if (state.rejection?.reason !== 'disclosureRequest') return fail('只有以“属依申请公开”不予受理的留言可以转为依申请公开申请');
      if (state.convertedRequest) return fail('该留言已转为依申请公开申请');
      if (!isUser(e.requestId) || blank(e.requestQueryCode)) return fail('缺少转成的申请');
      return ok({ ...s, convertedRequest: { requestId: e.requestId, queryCode: e.requestQueryCode } });
    case 'rated': {
      if (state.phase !== 'replied' || !state.reply) return fail('答复后才能评价');
      if (state.rating) return fail('已评价，不能重复评价');
      if (!isRating(e.rating)) return fail('评价应为满意、基本满意或不满意');
      const last = calendar.addWorkingDays(state.reply.date, RATING_WORKING_DAYS).date;
      if (compareIsoDates(e.date, last) > 0) return fail(`评价期限已于 ${last} 届满（答复之日起 ${RATING_WORKING_DAYS} 个工作日），视为满意`);
      return ok({ ...s, rating: { rating: e.rating, comment: blank(e.comment) ? null : e.comment!.trim(), date: e.date } });
    }
    case 'note':
      return blank(e.text) ? fail('备注不能为空') : ok(s);
  }
}

const permissionOf: Record<MessageEventType, Permission> = {
  received: 'messages.record',
  accepted: 'messages.record',
  rejected: 'messages.record',
  transferred: 'messages.record',
  extensionRequested: 'messages.record',
  extensionApproved: 'messages.approveExtension',
  extensionRejected: 'messages.approveExtension',
  replyDrafted: 'messages.record',
  replyReturned: 'messages.reviewReply',
  replyReviewed: 'messages.reviewReply',
  replyApproved: 'messages.approveReply',
  published: 'messages.record',
  convertedToRequest: 'messages.record',
  rated: 'messages.record',
  note: 'messages.record',
};

export function messageRoleMayRecord(type: MessageEventType, roles: readonly Role[]): boolean {
  return rolesAllow(roles, permissionOf[type]);
}

/** Fold a whole history. */
export function replayMessage(events: readonly MessageEvent[], calendar: WorkingCalendar): Result<MessageState> {
  let state: MessageState | null = null;
  for (const [i, event] of events.entries()) {
    const next = applyMessageEvent(state, event, calendar);
    if (!next.ok) return fail(...next.errors.map((err) => `第 ${i + 1} 个事件：${err}`));
    state = next.value;
  }
  return state === null ? fail('没有任何记录') : { ok: true, value: state };
}
