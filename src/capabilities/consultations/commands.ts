/** The consultations capability's commands: a draft, comments (online and by staff) and each step. */
import { compareIsoDates, dateProblem } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { acceptsComments, consultationKind, consultationRoleMayRecord, type ConsultationEvent } from '../../domain/consultations/index.ts';
import { replay } from '../../domain/workflow/engine.ts';
import { normalisePhone } from '../../domain/scan/index.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { verifyCaptcha } from '../../services/captcha.ts';
import { publicIntakeScope, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import { appendConsultationEvents, consultationEventRows, consultationRow, agencyOfConsultation, eventsOf, insertComment, insertConsultation } from './sql.ts';
import { commentProblems, consultationProblems, refuse, type FieldProblem } from './validation.ts';
import type { CommentChannel, ConsultationEventInput, NewCommentInput, NewConsultationInput, StaffCommentInput } from './contract.ts';

type User = Actor & { kind: 'user' };

/** Registers a draft; its period is checked against the minimum for its kind. */
export async function createConsultation(deps: ServiceDeps, actor: User, input: NewConsultationInput): Promise<{ id: number }> {
  const today = chinaDate(deps.now());
  const preparedDate = input.preparedDate ?? today;
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, input.agencyId, 'consultations.record');
    const calendar = await loadCalendar(tx);
    const problems = consultationProblems(input, calendar);
    const issue = dateProblem(preparedDate, '登记日期');
    if (issue || compareIsoDates(preparedDate, today) > 0) problems.push({ field: 'preparedDate', code: 'INVALID_DATE', message: issue ?? '登记日期不能晚于今天' });
    if (problems.length) refuse(problems);
    const concernsBusiness = input.kind === 'normativeDocument' && input.concernsBusiness === true;
    const shortPeriodReason = input.shortPeriodReason?.trim() || null;
    const id = await insertConsultation(tx, scope, {
      title: input.title.trim(),
      kind: input.kind,
      concerns_business: concernsBusiness ? 1 : 0,
      draft_text: input.draftText.trim(),
      explanation: input.explanation.trim(),
      short_period_reason: shortPeriodReason,
      contact: input.contact?.trim() ?? '',
      start_date: input.startDate,
      end_date: input.endDate,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
    });
    const prepared: ConsultationEvent = { type: 'prepared', date: preparedDate, kind: input.kind, concernsBusiness, startDate: input.startDate, endDate: input.endDate, shortPeriodReason };
    await appendConsultationEvents(tx, deps, scope, id, [], [prepared], actor.userId, calendar);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: 'consultation.create', entity: 'consultation', entityId: id, after: { title: input.title.trim(), kind: input.kind, startDate: input.startDate, endDate: input.endDate } });
    return { id };
  });
}

/** `receivedDate`: when it arrived (a letter may be entered days later). */
async function addComment(tx: Tx, deps: ServiceDeps, scope: AgencyScope, id: number, input: NewCommentInput, channel: CommentChannel, receivedDate: string, actorId: number | null): Promise<number> {
  const row = await consultationRow(tx, scope, id);
  const problems: FieldProblem[] = commentProblems(input, row.draft_text);
  if (problems.length) refuse(problems);
  const existing = eventsOf(await consultationEventRows(tx, scope, id));
  const calendar = await loadCalendar(tx);
  const state = replay(consultationKind(calendar), existing);
  if (!state.ok || !acceptsComments(state.value, receivedDate)) throw new AppError('CONSULTATION_NOT_OPEN', `不在征求意见期限内（${row.start_date} 至 ${row.end_date}），不能提交意见`, 409);
  const commentId = await insertComment(tx, scope, {
    consultation_id: id,
    channel,
    article: input.article?.trim() || null,
    body: input.body.trim(),
    name: input.name.trim(),
    phone: input.phone?.trim() ? normalisePhone(input.phone) : '',
    received_date: receivedDate,
    created_by: actorId,
    created_at: deps.now().toISOString(),
  });
  // Dated the day it arrived, unless a later step is already recorded (a letter entered late): then that step's day.
  const date = compareIsoDates(receivedDate, state.value.lastDate) >= 0 ? receivedDate : state.value.lastDate;
  const event: ConsultationEvent = date === receivedDate ? { type: 'commentReceived', date, commentId } : { type: 'commentReceived', date, commentId, receivedDate };
  await appendConsultationEvents(tx, deps, scope, id, existing, [event], actorId, calendar);
  await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: scope.agencyId, action: channel === 'online' ? 'consultation.comment-online' : 'consultation.comment-entered', entity: 'consultation', entityId: id, after: { commentId, article: input.article || null } });
  return commentId;
}

/** A comment from the portal: fields and captcha checked in one round; dated today in China. */
export async function submitCommentOnline(deps: ServiceDeps, agencyId: number, id: number, input: NewCommentInput, captcha: { token: string; answer: string }): Promise<{ commentId: number }> {
  let captchaProblem: FieldProblem | null = null;
  try {
    await verifyCaptcha(deps, captcha.token, captcha.answer);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CAPTCHA_INVALID') throw err;
    captchaProblem = { field: 'captchaAnswer', code: err.code, message: err.message };
  }
  return deps.db.transaction().execute(async (tx) => {
    const scope = await publicIntakeScope(tx, agencyId);
    const row = await consultationRow(tx, scope, id);
    const problems = [...commentProblems(input, row.draft_text), ...(captchaProblem ? [captchaProblem] : [])];
    if (problems.length) refuse(problems);
    return { commentId: await addComment(tx, deps, scope, id, input, 'online', chinaDate(deps.now()), null) };
  });
}

/** A comment received by letter, e-mail or at a meeting, entered by staff with the day it arrived. */
export async function enterComment(deps: ServiceDeps, actor: User, id: number, input: StaffCommentInput): Promise<{ commentId: number }> {
  return importComment(deps, actor, id, input, 'staff');
}

/** A comment that arrived on a past day through the portal or otherwise, entered by staff: imports and the demo. */
export async function importComment(deps: ServiceDeps, actor: User, id: number, input: StaffCommentInput, channel: CommentChannel): Promise<{ commentId: number }> {
  const issue = dateProblem(input.receivedDate, '收到日期');
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(input.receivedDate, chinaDate(deps.now())) > 0) throw new AppError('INVALID_DATE', '收到日期不能晚于今天');
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfConsultation(tx, id), 'consultations.record');
    return { commentId: await addComment(tx, deps, scope, id, input, channel, input.receivedDate, actor.userId) };
  });
}

/** Records one step (open, moderate, close with the feedback table, publish, link the final document, note). */
export async function recordConsultationEvent(deps: ServiceDeps, actor: User, id: number, input: ConsultationEventInput): Promise<void> {
  const today = chinaDate(deps.now());
  const issue = dateProblem(input.date);
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(input.date, today) > 0) throw new AppError('INVALID_DATE', '日期不能晚于今天');
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfConsultation(tx, id));
    if (!consultationRoleMayRecord(input.type, scope.roles)) throw forbidden(input.type === 'feedbackPublished' ? '意见采纳情况须由负责人或管理员公布' : '您的角色不能执行此操作');
    const existing = eventsOf(await consultationEventRows(tx, scope, id));
    let event: ConsultationEvent;
    if (input.type === 'documentLinked') {
      const doc = await tx.selectFrom('documents').select(['id', 'title', 'agency_id']).where('id', '=', input.documentId).executeTakeFirst();
      if (!doc || doc.agency_id !== scope.agencyId) throw notFound('本机关的正式文件');
      event = { type: 'documentLinked', date: input.date, documentId: doc.id, documentTitle: doc.title };
    } else if (input.type === 'closed') {
      event = { type: 'closed', date: input.date, feedback: input.feedback.map((f) => ({ commentId: f.commentId, adoption: f.adoption, reason: f.reason?.trim() ?? '' })) };
    } else if (input.type === 'commentModerated') {
      event = { type: 'commentModerated', date: input.date, commentId: input.commentId, decision: input.decision, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}) };
    } else event = input;
    await appendConsultationEvents(tx, deps, scope, id, existing, [event], actor.userId, await loadCalendar(tx));
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: `consultation.${event.type}`, entity: 'consultation', entityId: id, after: event });
  });
  // What the portal shows changed: its copies and the site search's are dropped.
  if (input.type !== 'note') invalidatePublicCaches(deps);
}
