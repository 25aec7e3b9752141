/** The messages capability's reads: mailboxes, the workspace list and case page, the writer's tracking. */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { compareIsoDates, type IsoDate } from '../../domain/calendar/index.ts';
import {
  computeMessageDeadlines,
  dueStatusLabels,
  isOpen,
  messageChannelLabels,
  messageEventLabels,
  messageKind,
  messageKindLabels,
  messagePhaseLabels,
  petitionNotice,
  publicationHits,
  ratingLabels,
  rejectionReasonLabels,
  replayMessage,
  separationRefusal,
  type DueStatus,
  type MessageChannel,
  type MessageKind,
  type MessagePhase,
  type MessageState,
} from '../../domain/messages/index.ts';
import { possibleEvents } from '../../domain/workflow/engine.ts';
import { maskMobile, maskName } from '../../domain/scan/index.ts';
import type { MessageRow } from '../../storage/schema-messages.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { allows, publicIntakeScope, scopeFor } from '../../services/policy.ts';
import { findAgency } from '../../services/agencies.ts';
import { agencyOfMessage, eventsOf, limitsOf, listedNames, listMailboxRows, listMessageRows, messageByCode, messageEventRows, messageRow, trackedEvents, type ListedMessageRow } from './sql.ts';
import type { MailboxDto, MessageDetail, MessageListItem, MessageListQuery, MessageTracking } from './contract.ts';

const OPEN: readonly string[] = ['awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed'];

/** 临期/逾期 from the stored projection and today, the same rule as computeMessageDeadlines. */
function dueStatusOf(row: MessageRow, today: IsoDate): DueStatus {
  if (!OPEN.includes(row.phase)) return 'closed';
  if (compareIsoDates(today, row.due_date) > 0) return 'overdue';
  return compareIsoDates(today, row.due_soon_from) >= 0 ? 'dueSoon' : 'onTrack';
}

function listItem(row: ListedMessageRow, today: IsoDate): MessageListItem {
  const dueStatus = dueStatusOf(row, today);
  const transferredFrom = row.mailboxAgency === row.agency ? null : `${row.mailboxAgency}${row.mailbox}`;
  return {
    id: row.id,
    queryCode: row.query_code,
    mailbox: transferredFrom ? `${row.agency}（转自${transferredFrom}）` : row.mailbox,
    agency: row.agency,
    transferredFrom,
    kind: row.kind as MessageKind,
    kindLabel: messageKindLabels[row.kind as MessageKind],
    title: row.title,
    receivedDate: row.received_date,
    phase: row.phase as MessagePhase,
    phaseLabel: messagePhaseLabels[row.phase as MessagePhase],
    dueDate: row.due_date,
    dueStatus,
    dueStatusLabel: dueStatusLabels[dueStatus],
    redAlert: OPEN.includes(row.phase) && compareIsoDates(today, row.red_from) >= 0,
  };
}

const mailboxDto = (m: Parameters<typeof limitsOf>[0]): MailboxDto => ({ id: m.id, agencyId: m.agency_id, name: m.name, description: m.description, limits: limitsOf(m) });

export async function listMailboxes(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<MailboxDto[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  return (await listMailboxRows(deps.db, scope)).map(mailboxDto);
}

/** The mailboxes the portal offers for an agency (names and limits are public). */
export async function publicMailboxes(deps: ServiceDeps, agencyCode: string): Promise<{ agency: string; mailboxes: MailboxDto[] }> {
  const agency = await findAgency(deps.db, agencyCode);
  if (!agency) throw new AppError('NOT_FOUND', '机构不存在', 404);
  const scope = await publicIntakeScope(deps.db, agency.id);
  return { agency: agency.name, mailboxes: (await listMailboxRows(deps.db, scope)).map(mailboxDto) };
}

export async function listMessages(deps: ServiceDeps, actor: Actor, q: MessageListQuery): Promise<{ total: number; items: MessageListItem[] }> {
  const scope = await scopeFor(deps.db, actor, q.agencyId);
  const today = chinaDate(deps.now());
  const { total, rows } = await listMessageRows(deps.db, scope, q, today);
  return { total, items: rows.map((r) => listItem(r, today)) };
}

/** The case page: the message, the writer (masked unless the reader handles messages), the explained due date, the timeline and the possible steps. */
export async function getMessage(deps: ServiceDeps, actor: Actor, id: number): Promise<MessageDetail> {
  const scope = await scopeFor(deps.db, actor, await agencyOfMessage(deps.db, id));
  const row = await messageRow(deps.db, scope, id);
  const names = await listedNames(deps.db, row);
  const eventRows = await messageEventRows(deps.db, scope, id);
  const calendar = await loadCalendar(deps.db);
  const replayed = replayMessage(eventsOf(eventRows), calendar);
  if (!replayed.ok) throw new AppError('HISTORY_INVALID', replayed.errors.join('；'), 500);
  const s: MessageState = replayed.value;
  const today = chinaDate(deps.now());
  const d = computeMessageDeadlines(s, calendar, today);
  const full = allows(scope, 'messages.personalData');
  const userId = actor.kind === 'user' ? actor.userId : -1;
  const possible = possibleEvents(messageKind(calendar), s, scope.roles, today).map((p) => {
    const refusal = p.allowed ? separationRefusal(s, p.type, userId) : null;
    return refusal ? { type: p.type, allowed: false, reason: refusal } : p;
  });
  return {
    ...listItem({ ...row, ...names }, today),
    redAlert: d.redAlert,
    agencyId: row.agency_id,
    channel: row.channel as MessageChannel,
    channelLabel: messageChannelLabels[row.channel as MessageChannel],
    body: row.body,
    writer: full
      ? { name: row.writer_name, phone: row.writer_phone, email: row.writer_email, address: row.writer_address, masked: false }
      : { name: maskName(row.writer_name), phone: maskMobile(row.writer_phone), email: row.writer_email ? '***' : null, address: row.writer_address ? '***' : null, masked: true },
    consentToPublish: s.consentToPublish,
    limitWorkingDays: d.workingDays,
    replyDue: d.replyDue,
    dueSoonFrom: d.dueSoonFrom,
    openDays: d.openDays,
    reply: s.reply ? { text: s.reply.text, date: s.reply.date } : null,
    publishedDate: s.publishedDate,
    rating: s.rating?.rating ?? null,
    effectiveRating: d.effectiveRating,
    timeline: eventRows.map((r) => ({ seq: r.seq, type: r.type as MessageDetail['timeline'][number]['type'], label: messageEventLabels[r.type as keyof typeof messageEventLabels], date: r.date, data: JSON.parse(r.data_json) as Record<string, unknown>, actorUserId: r.actor_user_id, recordedAt: r.recorded_at })),
    possibleEvents: possible,
    publicationHits: s.reply && s.consentToPublish && !s.publishedDate ? publicationHits({ title: row.title, body: row.body, reply: s.reply.text }) : [],
    convertedRequest: s.convertedRequest,
    mayConvertToRequest: s.rejection?.reason === 'disclosureRequest' && !s.convertedRequest && allows(scope, 'messages.record') && full,
  };
}

const TRACK_FAILED = (): AppError => new AppError('TRACKING_FAILED', '查询码或联系电话后四位不正确', 404);

/** The message of a writer who proved its query code and the last 4 digits of their phone. */
export async function messageOfWriter(deps: ServiceDeps, code: string, secret: string): Promise<{ row: MessageRow & { agency: string }; state: MessageState }> {
  const row = await messageByCode(deps.db, code);
  const expected = row ? row.writer_phone.slice(-4) : '';
  if (!row || expected.length !== 4 || expected !== secret.trim()) throw TRACK_FAILED();
  const replayed = replayMessage(await trackedEvents(deps.db, row.id), await loadCalendar(deps.db));
  if (!replayed.ok) throw TRACK_FAILED();
  return { row, state: replayed.value };
}

/** What the writer sees: state and dates, the reply once approved; no staff names, no personal data. */
export async function trackMessage(deps: ServiceDeps, code: string, secret: string): Promise<MessageTracking> {
  const { row, state } = await messageOfWriter(deps, code, secret);
  const calendar = await loadCalendar(deps.db);
  const d = computeMessageDeadlines(state, calendar, chinaDate(deps.now()));
  const mayRate = state.reply !== null && state.rating === null && d.effectiveRating === null;
  return {
    queryCode: row.query_code,
    title: row.title,
    kindLabel: messageKindLabels[state.kind],
    agency: row.agency,
    receivedDate: state.receivedDate,
    phaseLabel: messagePhaseLabels[state.phase],
    ...(isOpen(state) ? { replyDue: d.replyDue.date! } : {}),
    reply: state.reply ? { text: state.reply.text, date: state.reply.date } : null,
    rejectionReason: state.rejection ? rejectionReasonLabels[state.rejection.reason] : null,
    ratingLabel: d.effectiveRating ? ratingLabels[d.effectiveRating] : null,
    ...(mayRate && d.ratingDue?.date ? { rateBy: d.ratingDue.date } : {}),
    dueExplanation: isOpen(state) ? d.replyDue.steps.map((st) => ({ label: st.label, detail: st.detail })) : [],
    petitionNotice: state.rejection?.reason === 'petition' ? petitionNotice(row.agency) : null,
    convertedRequestCode: state.convertedRequest?.queryCode ?? null,
  };
}
