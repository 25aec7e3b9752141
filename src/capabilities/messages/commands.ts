/** The messages capability's commands: mailboxes, intake (online and by staff), and each step. */
import { compareIsoDates, dateProblem, type IsoDate } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { messageRoleMayRecord, publicationHits, publicationRefusal, type Rating, replayMessage, replyLimitProblem, separationRefusal, transferRefusal, type MessageEvent } from '../../domain/messages/index.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { verifyCaptcha } from '../../services/captcha.ts';
import { applicantScope, publicIntakeScope, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { messageOfWriter } from './queries.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import type { MessageChannel } from '../../domain/messages/index.ts';
import { agencyOfMessage, appendMessageEvents, eventsOf, insertMailbox, insertMessage, limitsOf, mailboxRow, messageEventRows, messageRow } from './sql.ts';
import { cleanPhone, messageProblems, type MessageFieldProblem } from './validation.ts';
import type { MessageEventInput, NewMailboxInput, NewMessageInput, StaffMessageInput } from './contract.ts';

function refuse(problems: readonly MessageFieldProblem[]): never {
  throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });
}

export async function createMailbox(deps: ServiceDeps, actor: Actor, input: NewMailboxInput): Promise<{ id: number }> {
  const name = input.name.trim();
  if (!name) throw new AppError('INVALID_NAME', '请填写信箱名称');
  for (const days of Object.values(input.limits ?? {})) {
    const problem = replyLimitProblem(days);
    if (problem) throw new AppError('INVALID_LIMIT', problem);
  }
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, input.agencyId, 'messages.mailboxes');
    const id = await insertMailbox(tx, scope, { ...input, name }, deps.now());
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId: input.agencyId, action: 'mailbox.create', entity: 'mailbox', entityId: id, after: { name, limits: input.limits ?? null } });
    return { id };
  });
}

async function intake(tx: Tx, deps: ServiceDeps, scope: AgencyScope, input: NewMessageInput, channel: MessageChannel, receivedDate: IsoDate, actorId: number | null, limitWorkingDays?: number): Promise<{ id: number; queryCode: string }> {
  const mailbox = await mailboxRow(tx, scope, input.mailboxId);
  const limit = limitWorkingDays ?? limitsOf(mailbox)[input.kind];
  const created = await insertMessage(tx, scope, {
    mailbox_id: mailbox.id,
    channel,
    kind: input.kind,
    title: input.title.trim(),
    body: input.body.trim(),
    writer_name: input.name.trim(),
    writer_phone: cleanPhone(input.phone),
    writer_email: input.email?.trim() || null,
    writer_address: input.address?.trim() || null,
    consent_to_publish: input.consentToPublish ? 1 : 0,
    created_by: actorId,
    created_at: deps.now().toISOString(),
    received_date: receivedDate,
    limit_working_days: limit,
  });
  const received: MessageEvent = { type: 'received', date: receivedDate, kind: input.kind, channel, limitWorkingDays: limit, consentToPublish: input.consentToPublish };
  await appendMessageEvents(tx, deps, scope, created.id, [], [received], actorId, await loadCalendar(tx), chinaDate(deps.now()));
  await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: scope.agencyId, action: channel === 'online' ? 'message.submit-online' : 'message.intake', entity: 'message', entityId: created.id, after: { channel, queryCode: created.queryCode } });
  return created;
}

/** A message from the public form: the fields and the captcha are checked in one round. */
export async function submitMessageOnline(deps: ServiceDeps, agencyId: number, input: NewMessageInput, captcha: { token: string; answer: string }): Promise<{ queryCode: string }> {
  const problems = messageProblems(input);
  try {
    await verifyCaptcha(deps, captcha.token, captcha.answer);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CAPTCHA_INVALID') throw err;
    problems.push({ field: 'captchaAnswer', code: err.code, message: err.message });
  }
  if (problems.length) refuse(problems);
  return deps.db.transaction().execute(async (tx) => {
    const scope = await publicIntakeScope(tx, agencyId);
    const { queryCode } = await intake(tx, deps, scope, input, 'online', chinaDate(deps.now()), null);
    return { queryCode };
  });
}

/** Staff enter a letter, a note from the 意见箱 or a walk-in, dated the day it arrived. */
export async function intakeMessage(deps: ServiceDeps, actor: Actor & { kind: 'user' }, agencyId: number, input: StaffMessageInput): Promise<{ id: number; queryCode: string }> {
  const problems = messageProblems(input);
  if (problems.length) refuse(problems);
  const issue = dateProblem(input.receivedDate, '收到日期');
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(input.receivedDate, chinaDate(deps.now())) > 0) throw new AppError('INVALID_DATE', '收到日期不能晚于今天');
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'messages.record');
    return intake(tx, deps, scope, input, input.channel, input.receivedDate, actor.userId);
  });
}

/**
 * A message that came through the portal (or an earlier website) on a past day, entered by staff:
 * imports, the demo, and an interview's questions left unanswered on air (whose limit is set by
 * the interview rule, not the mailbox: `limitWorkingDays`). The same checks as a staff entry; the
 * channel stays 网上留言.
 */
export async function importOnlineMessage(deps: ServiceDeps, actor: Actor & { kind: 'user' }, agencyId: number, input: NewMessageInput, receivedDate: IsoDate, limitWorkingDays?: number): Promise<{ id: number; queryCode: string }> {
  const problems = messageProblems(input);
  if (problems.length) refuse(problems);
  const issue = dateProblem(receivedDate, '收到日期');
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(receivedDate, chinaDate(deps.now())) > 0) throw new AppError('INVALID_DATE', '收到日期不能晚于今天');
  return deps.db.transaction().execute(async (tx) => intake(tx, deps, await scopeFor(tx, actor, agencyId, 'messages.record'), input, 'online', receivedDate, actor.userId, limitWorkingDays));
}

const roleRefusals: Partial<Record<MessageEvent['type'], string>> = {
  extensionApproved: '延期须经负责人批准',
  extensionRejected: '延期须经负责人批准',
  replyReviewed: '答复须由审核人或负责人审核',
  replyReturned: '答复须由审核人或负责人退回',
  replyApproved: '答复须经负责人批准',
};

/** Records one step; the reply steps are taken in the signed-in user's name. */
export async function recordMessageEvent(deps: ServiceDeps, actor: Actor & { kind: 'user' }, id: number, input: MessageEventInput): Promise<void> {
  const today = chinaDate(deps.now());
  const issue = dateProblem(input.date);
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(input.date, today) > 0) throw new AppError('INVALID_DATE', '日期不能晚于今天');
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfMessage(tx, id));
    if (!messageRoleMayRecord(input.type, scope.roles)) throw forbidden(roleRefusals[input.type] ?? '您的角色不能执行此操作');
    const existing = eventsOf(await messageEventRows(tx, scope, id));
    const calendar = await loadCalendar(tx);
    const event = (['replyDrafted', 'replyReturned', 'replyReviewed', 'replyApproved'].includes(input.type) ? { ...input, by: actor.userId } : input) as MessageEvent;
    if (event.type === 'transferred') {
      const target = await tx.selectFrom('agencies').select(['id', 'name', 'closed_at']).where('id', '=', event.toAgencyId).executeTakeFirst();
      if (!target) throw notFound('承办机关');
      if (target.closed_at) throw new AppError('AGENCY_CLOSED', '承办机关已撤销，不能转办', 409);
      if (target.id === scope.agencyId) throw new AppError('TRANSFER_TO_SELF', '不能转办给本机关', 409);
      const refusal = transferRefusal(await tx.selectFrom('agencies').select(['id', 'parent_id']).execute(), scope.agencyId, target.id);
      if (refusal) throw new AppError('TRANSFER_OUTSIDE_HIERARCHY', `${refusal}，${target.name}不在其中`, 409);
      Object.assign(event, { toAgencyName: target.name });
    }
    const state = replayMessage(existing, calendar);
    if (state.ok) {
      const refusal = separationRefusal(state.value, event.type, actor.userId);
      if (refusal) throw forbidden(`${refusal}（不同人员分别起草、审核、批准）`);
      if (event.type === 'published' && state.value.reply && state.value.consentToPublish && !state.value.publishedDate) {
        const row = await messageRow(tx, scope, id);
        const texts = { title: row.title, body: row.body, reply: state.value.reply.text };
        const leak = publicationRefusal(texts, event.resolutions ?? []);
        if (leak) throw new AppError('SCAN_HITS_UNRESOLVED', leak, 409, { hits: publicationHits(texts, event.resolutions ?? []).filter((h) => !h.resolved) });
      }
    }
    await appendMessageEvents(tx, deps, scope, id, existing, [event], actor.userId, calendar, today);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: `message.${event.type}`, entity: 'message', entityId: id, after: event });
  });
  // A published reply is a public page: the portal's and the site search's copies are dropped.
  if (input.type === 'published') invalidatePublicCaches(deps);
}

/** The writer rates the reply, proving the query code and the last 4 phone digits (once, within 20 working days). */
export async function rateAsWriter(deps: ServiceDeps, code: string, secret: string, rating: Rating, comment: string | undefined): Promise<void> {
  const { row } = await messageOfWriter(deps, code, secret);
  const today = chinaDate(deps.now());
  await deps.db.transaction().execute(async (tx) => {
    const scope = applicantScope(row.agency_id);
    const existing = eventsOf(await messageEventRows(tx, scope, row.id));
    const event: MessageEvent = { type: 'rated', date: today, rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) };
    await appendMessageEvents(tx, deps, scope, row.id, existing, [event], null, await loadCalendar(tx), today);
    await appendAudit(tx, { at: deps.now(), actorUserId: null, agencyId: row.agency_id, action: 'message.rated-by-writer', entity: 'message', entityId: row.id, after: { rating } });
  });
}
