/**
 * A consultation's life as an append-only list of dated events, folded by the one workflow engine
 * (domain/workflow/engine.ts). Rules: the period meets the minimum for the kind (periods.ts) when
 * the draft is prepared; it goes on the portal no later than its first day; comments arrive only
 * within the period and are each moderated (shown or not) before closing; closing, from the last
 * day on, answers every shown comment (采纳, 部分采纳 or 不予采纳, with a reason unless adopted);
 * the feedback is then published. The final document may be linked after closing.
 */
import { compareIsoDates, isIsoDate, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import { rolesAllow, type Permission, type Role } from '../access/policy.ts';
import type { CaseKind, Result } from '../workflow/engine.ts';
import { isDraftKind, periodProblem, type DraftKind } from './periods.ts';

export const adoptions = ['adopted', 'partlyAdopted', 'notAdopted'] as const;
export type Adoption = (typeof adoptions)[number];
export const adoptionLabels: Record<Adoption, string> = { adopted: '采纳', partlyAdopted: '部分采纳', notAdopted: '不予采纳' };
export const isAdoption = (v: unknown): v is Adoption => typeof v === 'string' && (adoptions as readonly string[]).includes(v);

export interface FeedbackDecision {
  commentId: number;
  adoption: Adoption;
  /** Why (required unless adopted in full). */
  reason: string;
}

export type ConsultationEvent =
  | { type: 'prepared'; date: IsoDate; kind: DraftKind; concernsBusiness: boolean; startDate: IsoDate; endDate: IsoDate; shortPeriodReason?: string | null }
  | { type: 'opened'; date: IsoDate }
  /** `date`: when it was recorded; `receivedDate`: when it arrived (a letter entered later), which must fall in the period. */
  | { type: 'commentReceived'; date: IsoDate; commentId: number; receivedDate?: IsoDate }
  | { type: 'commentModerated'; date: IsoDate; commentId: number; decision: 'shown' | 'hidden'; reason?: string }
  | { type: 'closed'; date: IsoDate; feedback: FeedbackDecision[] }
  | { type: 'feedbackPublished'; date: IsoDate }
  | { type: 'documentLinked'; date: IsoDate; documentId: number; documentTitle: string }
  | { type: 'note'; date: IsoDate; text: string };

export type ConsultationEventType = ConsultationEvent['type'];

export type ConsultationPhase = 'prepared' | 'open' | 'closed' | 'feedbackPublished';

export const consultationPhaseLabels: Record<ConsultationPhase, string> = {
  prepared: '待发布',
  open: '征集中',
  closed: '已结束待公布反馈',
  feedbackPublished: '已公布反馈',
};

export const consultationEventLabels: Record<ConsultationEventType, string> = {
  prepared: '登记草案',
  opened: '发布征集',
  commentReceived: '收到意见',
  commentModerated: '审核意见',
  closed: '结束征集并形成采纳情况',
  feedbackPublished: '公布意见采纳情况',
  documentLinked: '关联正式文件',
  note: '备注',
};

export type CommentStatus = 'pending' | 'shown' | 'hidden';
export const commentStatusLabels: Record<CommentStatus, string> = { pending: '待审核', shown: '已通过（公开显示）', hidden: '未通过（不显示）' };

export interface ConsultationState {
  kind: DraftKind;
  concernsBusiness: boolean;
  startDate: IsoDate;
  endDate: IsoDate;
  shortPeriodReason: string | null;
  phase: ConsultationPhase;
  lastDate: IsoDate;
  openedDate: IsoDate | null;
  closedDate: IsoDate | null;
  feedbackPublishedDate: IsoDate | null;
  /** Every comment received, in order, with its moderation. */
  comments: { id: number; status: CommentStatus }[];
  feedback: FeedbackDecision[];
  document: { id: number; title: string } | null;
}

const fail = (...errors: string[]): { ok: false; errors: string[] } => ({ ok: false, errors });
const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Whether comments may be received on `date`: open and within the period (both days included). */
export function acceptsComments(s: ConsultationState, date: IsoDate): boolean {
  return s.phase === 'open' && compareIsoDates(date, s.startDate) >= 0 && compareIsoDates(date, s.endDate) <= 0;
}

/** Why the feedback does not answer exactly the shown comments, or null. */
export function feedbackProblem(s: ConsultationState, feedback: readonly FeedbackDecision[]): string | null {
  const pending = s.comments.filter((c) => c.status === 'pending').length;
  if (pending) return `还有 ${pending} 条意见未审核，审核后才能结束征集`;
  const shown = s.comments.filter((c) => c.status === 'shown').map((c) => c.id);
  const answered = feedback.map((f) => f.commentId);
  if (new Set(answered).size !== answered.length) return '同一条意见只能答复一次';
  const missing = shown.filter((id) => !answered.includes(id));
  if (missing.length) return `每条通过审核的意见都须写明是否采纳，还有 ${missing.length} 条未填写`;
  if (answered.some((id) => !shown.includes(id))) return '采纳情况只能针对通过审核的意见';
  for (const f of feedback) {
    if (!isAdoption(f.adoption)) return '是否采纳应为采纳、部分采纳或不予采纳';
    if (f.adoption !== 'adopted' && blank(f.reason)) return '部分采纳或不予采纳的意见须写明理由';
  }
  return null;
}

/** The state after one more event, or the rules it breaks (Chinese). */
export function applyConsultationEvent(state: ConsultationState | null, e: ConsultationEvent, calendar: WorkingCalendar): Result<ConsultationState> {
  if (!isIsoDate(e.date)) return fail('事件日期无效');
  if (state === null) {
    if (e.type !== 'prepared') return fail('意见征集的第一个事件必须是“登记草案”');
    if (!isDraftKind(e.kind)) return fail('草案类型无效');
    const problem = periodProblem(e, calendar);
    if (problem) return fail(problem.message);
    return {
      ok: true,
      value: {
        kind: e.kind, concernsBusiness: e.kind === 'normativeDocument' && e.concernsBusiness === true, startDate: e.startDate, endDate: e.endDate,
        shortPeriodReason: blank(e.shortPeriodReason) ? null : e.shortPeriodReason!.trim(), phase: 'prepared', lastDate: e.date,
        openedDate: null, closedDate: null, feedbackPublishedDate: null, comments: [], feedback: [], document: null,
      },
    };
  }
  if (e.type === 'prepared') return fail('草案已登记，不能重复登记');
  if (compareIsoDates(e.date, state.lastDate) < 0) return fail(`日期不能早于上一个事件（${state.lastDate}）`);
  const s: ConsultationState = { ...state, lastDate: e.date };
  const ok = (value: ConsultationState): Result<ConsultationState> => ({ ok: true, value });
  switch (e.type) {
    case 'opened':
      if (state.phase !== 'prepared') return fail('只有待发布的征集可以发布');
      // Published later than its first day, the period the public sees would be shorter than the one checked.
      if (compareIsoDates(e.date, state.startDate) > 0) return fail(`征求意见稿须在期限开始之日（${state.startDate}）或之前发布；请修改期限后重新登记`);
      return ok({ ...s, phase: 'open', openedDate: e.date });
    case 'commentReceived': {
      const received = e.receivedDate ?? e.date;
      if (!isIsoDate(received) || compareIsoDates(received, e.date) > 0) return fail('收到日期无效');
      if (!acceptsComments(state, received)) return fail(`不在征求意见期限内（${state.startDate} 至 ${state.endDate}），不能提交意见`);
      if (!isId(e.commentId) || state.comments.some((c) => c.id === e.commentId)) return fail('意见编号无效');
      return ok({ ...s, comments: [...state.comments, { id: e.commentId, status: 'pending' }] });
    }
    case 'commentModerated': {
      if (state.phase !== 'open' && state.phase !== 'closed') return fail('只有征集中的意见可以审核');
      if (state.phase === 'closed') return fail('征集已结束，意见不能再审核');
      const c = state.comments.find((x) => x.id === e.commentId);
      if (!c) return fail('没有这条意见');
      if (c.status !== 'pending') return fail('这条意见已审核');
      if (e.decision !== 'shown' && e.decision !== 'hidden') return fail('审核结果应为通过或不通过');
      if (e.decision === 'hidden' && blank(e.reason)) return fail('不予显示的意见须写明理由');
      return ok({ ...s, comments: state.comments.map((x) => (x.id === e.commentId ? { ...x, status: e.decision } : x)) });
    }
    case 'closed': {
      if (state.phase !== 'open') return fail('只有征集中的意见征集可以结束');
      if (compareIsoDates(e.date, state.endDate) < 0) return fail(`征求意见期限至 ${state.endDate}，期限届满前不能结束`);
      const problem = feedbackProblem(state, Array.isArray(e.feedback) ? e.feedback : []);
      if (problem) return fail(problem);
      return ok({ ...s, phase: 'closed', closedDate: e.date, feedback: e.feedback.map((f) => ({ commentId: f.commentId, adoption: f.adoption, reason: f.reason.trim() })) });
    }
    case 'feedbackPublished':
      if (state.phase !== 'closed') return fail('结束征集并形成意见采纳情况后才能公布');
      return ok({ ...s, phase: 'feedbackPublished', feedbackPublishedDate: e.date });
    case 'documentLinked':
      if (state.phase !== 'closed' && state.phase !== 'feedbackPublished') return fail('征集结束后才能关联正式文件');
      if (!isId(e.documentId) || blank(e.documentTitle)) return fail('请选择正式文件');
      return ok({ ...s, document: { id: e.documentId, title: e.documentTitle } });
    case 'note':
      return blank(e.text) ? fail('备注不能为空') : ok(s);
  }
}

const permissionOf: Record<ConsultationEventType, Permission> = {
  prepared: 'consultations.record',
  opened: 'consultations.record',
  commentReceived: 'consultations.record',
  commentModerated: 'consultations.record',
  closed: 'consultations.record',
  feedbackPublished: 'consultations.publish',
  documentLinked: 'consultations.record',
  note: 'consultations.record',
};

export const consultationRoleMayRecord = (type: ConsultationEventType, roles: readonly Role[]): boolean => rolesAllow(roles, permissionOf[type]);

/** Event types staff record from the case page, in the order offered ('prepared' starts a case; comments come with their own forms). */
export const consultationEventTypes: readonly ConsultationEventType[] = ['opened', 'closed', 'feedbackPublished', 'documentLinked', 'note'];

function representatives(s: ConsultationState, type: ConsultationEventType, date: IsoDate): ConsultationEvent[] {
  switch (type) {
    case 'opened':
    case 'feedbackPublished':
      return [{ type, date }];
    case 'closed':
      // Admitted when the period allows it and nothing waits for moderation; the form supplies the table.
      return [{ type, date, feedback: s.comments.filter((c) => c.status === 'shown').map((c) => ({ commentId: c.id, adoption: 'adopted' as const, reason: '' })) }];
    case 'documentLinked':
      return [{ type, date, documentId: 1, documentTitle: '正式文件' }];
    case 'note':
      return [{ type, date, text: '备注' }];
    default:
      return [];
  }
}

export function consultationKind(calendar: WorkingCalendar): CaseKind<ConsultationState, ConsultationEvent, Role> {
  return {
    eventTypes: consultationEventTypes,
    apply: (state, event) => applyConsultationEvent(state, event, calendar),
    mayRecord: consultationRoleMayRecord,
    representatives,
  };
}

/** 逾期: the period ended and the feedback is not published (the supervision lists show it). */
export function isFeedbackOverdue(s: Pick<ConsultationState, 'phase' | 'endDate'>, today: IsoDate): boolean {
  return (s.phase === 'open' || s.phase === 'closed') && compareIsoDates(today, s.endDate) > 0;
}
