/** The consultations capability's reads: the workspace list and case page, and the overdue query for supervision. */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import {
  articlesOf,
  commentStatusLabels,
  consultationEventLabels,
  consultationKind,
  consultationPhaseLabels,
  draftKindLabels,
  feedbackTable,
  isFeedbackOverdue,
  minimumPeriodText,
  type CommentStatus,
  type ConsultationEventType,
  type ConsultationPhase,
  type DraftKind,
} from '../../domain/consultations/index.ts';
import { maskWriterName } from '../../domain/messages/index.ts';
import { maskMobile } from '../../domain/scan/index.ts';
import { possibleEvents, replay } from '../../domain/workflow/engine.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { allows, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { agencyOfConsultation, commentRows, consultationEventRows, consultationRow, eventsOf, listConsultationRows, overdueConsultationRows, type ListedConsultationRow } from './sql.ts';
import { commentChannelLabels, type CommentChannel, type CommentDto, type ConsultationDetail, type ConsultationListFilter, type ConsultationListItem } from './contract.ts';
import type { ConsultationCommentRow } from './tables.ts';

export function listItem(row: ListedConsultationRow, today: IsoDate): ConsultationListItem {
  const phase = row.phase as ConsultationPhase;
  return {
    id: row.id,
    agencyId: row.agency_id,
    title: row.title,
    kind: row.kind as DraftKind,
    kindLabel: draftKindLabels[row.kind as DraftKind],
    startDate: row.start_date,
    endDate: row.end_date,
    phase,
    phaseLabel: consultationPhaseLabels[phase],
    overdue: isFeedbackOverdue({ phase, endDate: row.end_date }, today),
    commentCount: row.comments,
    pendingCount: row.pending,
  };
}

export async function listConsultations(deps: ServiceDeps, actor: Actor, agencyId: number, filter?: ConsultationListFilter): Promise<{ items: ConsultationListItem[] }> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const today = chinaDate(deps.now());
  return { items: (await listConsultationRows(deps.db, scope, filter, today)).map((r) => listItem(r, today)) };
}

/**
 * 逾期 for the supervision lists: consultations of the scope's agency whose period ended without
 * published feedback (decision 024). Takes the policy's scope, like every read of agency data.
 */
export async function consultationsWithoutFeedback(deps: ServiceDeps, scope: AgencyScope, today: IsoDate): Promise<ConsultationListItem[]> {
  return (await overdueConsultationRows(deps.db, scope, today)).map((r) => listItem(r, today));
}

function commentDto(c: ConsultationCommentRow, full: boolean): CommentDto {
  return {
    id: c.id,
    channel: c.channel as CommentChannel,
    channelLabel: commentChannelLabels[c.channel as CommentChannel],
    article: c.article,
    body: c.body,
    name: full ? c.name : maskWriterName(c.name),
    phone: full ? c.phone : c.phone ? maskMobile(c.phone) : '',
    receivedDate: c.received_date,
    status: c.status as CommentStatus,
    statusLabel: commentStatusLabels[c.status as CommentStatus],
  };
}

/** The case page: the draft, the comments (names in full only for those handling it), the feedback, the timeline and the possible steps. */
export async function getConsultation(deps: ServiceDeps, actor: Actor, id: number): Promise<ConsultationDetail> {
  const scope = await scopeFor(deps.db, actor, await agencyOfConsultation(deps.db, id));
  const row = await consultationRow(deps.db, scope, id);
  const eventRows = await consultationEventRows(deps.db, scope, id);
  const comments = await commentRows(deps.db, scope, id);
  const calendar = await loadCalendar(deps.db);
  const replayed = replay(consultationKind(calendar), eventsOf(eventRows));
  if (!replayed.ok) throw new AppError('HISTORY_INVALID', replayed.errors.join('；'), 500);
  const s = replayed.value;
  const today = chinaDate(deps.now());
  const full = allows(scope, 'consultations.record');
  const counts = { comments: comments.length, pending: comments.filter((c) => c.status === 'pending').length };
  return {
    ...listItem({ ...row, ...counts }, today),
    concernsBusiness: row.concerns_business === 1,
    draftText: row.draft_text,
    explanation: row.explanation,
    shortPeriodReason: row.short_period_reason,
    contact: row.contact,
    minimumPeriod: minimumPeriodText(s.kind, s.concernsBusiness),
    articles: articlesOf(row.draft_text),
    openedDate: s.openedDate,
    closedDate: s.closedDate,
    feedbackPublishedDate: s.feedbackPublishedDate,
    document: s.document,
    comments: comments.map((c) => commentDto(c, full)),
    feedback: feedbackTable(comments.map((c) => ({ id: c.id, name: c.name, article: c.article, body: c.body })), s.feedback),
    timeline: eventRows.map((r) => ({ seq: r.seq, type: r.type as ConsultationEventType, label: consultationEventLabels[r.type as ConsultationEventType], date: r.date, data: JSON.parse(r.data_json) as Record<string, unknown>, actorUserId: r.actor_user_id, recordedAt: r.recorded_at })),
    possibleEvents: possibleEvents(consultationKind(calendar), s, scope.roles, today),
    mayEnterComment: full && s.phase === 'open',
  };
}
