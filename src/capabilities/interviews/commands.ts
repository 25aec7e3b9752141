/**
 * Writes of online interviews: schedule and edit (staff), a question from the portal (captcha, only
 * before the interview), marking questions answered on air, the transcript and its publication, and
 * the conversion of questions left unanswered into messages, through the messages capability's own
 * intake, received on the interview's day and due in 5 working days.
 */
import { chinaDate, chinaDateTime } from '../../domain/calendar/china-time.ts';
import { cleanPhone } from '../messages/validation.ts';
import { importOnlineMessage } from '../messages/commands.ts';
import { getMessage, listMailboxes } from '../messages/queries.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { auditedWrite, invalidInput } from '../../services/audited-write.ts';
import { verifyCaptcha } from '../../services/captcha.ts';
import { publicIntakeScope } from '../../services/policy.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import { interviewLimits, UNANSWERED_REPLY_WORKING_DAYS, type ConvertResult, type InterviewInput, type NewQuestionInput } from './contract.ts';
import { interviewProblems, questionProblems } from './validation.ts';
import * as q from './sql.ts';

const values = (input: InterviewInput, at: string) => ({
  topic: input.topic.trim(),
  guests: input.guests.trim(),
  starts_at: input.startsAt.trim(),
  description: input.description.trim(),
  mailbox_id: input.mailboxId,
  updated_at: at,
});

async function checked(deps: ServiceDeps, actor: Actor, agencyId: number, input: InterviewInput): Promise<void> {
  const problems = interviewProblems(input);
  if (problems.length) throw invalidInput(problems);
  // The mailbox takes the unanswered questions: it must be one of this agency's.
  if (!(await listMailboxes(deps, actor, agencyId)).some((m) => m.id === input.mailboxId)) {
    throw invalidInput([{ field: 'mailboxId', code: 'UNKNOWN_MAILBOX', message: '请选择本机关的一个信箱：访谈中未答复的问题转入该信箱办理' }]);
  }
}

export async function createInterview(deps: ServiceDeps, actor: Actor, agencyId: number, input: InterviewInput): Promise<{ id: number }> {
  await checked(deps, actor, agencyId, input);
  const id = await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const v = values(input, at);
    const id = await q.insertInterview(tx, scope, { ...v, transcript: '', created_at: at });
    return { result: id, audit: { action: 'interview.create', entity: 'interview', id, after: v } };
  });
  invalidatePublicCaches(deps);
  return { id };
}

export async function updateInterview(deps: ServiceDeps, actor: Actor, agencyId: number, id: number, input: InterviewInput): Promise<{ id: number }> {
  await checked(deps, actor, agencyId, input);
  await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const before = await q.interviewRow(tx, scope, id);
    if (!before) throw notFound('访谈');
    await q.updateInterview(tx, scope, id, values(input, at));
    return { result: undefined, audit: { action: 'interview.update', entity: 'interview', id, before, after: values(input, at) } };
  });
  invalidatePublicCaches(deps);
  return { id };
}

export async function deleteInterview(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const before = await q.interviewRow(tx, scope, id);
    if (!before) throw notFound('访谈');
    await q.updateInterview(tx, scope, id, { deleted_at: at });
    return { result: undefined, audit: { action: 'interview.delete', entity: 'interview', id, before } };
  });
  invalidatePublicCaches(deps);
}

/** The transcript; `publish` shows it on the portal (only after the interview began). */
export async function saveTranscript(deps: ServiceDeps, actor: Actor, agencyId: number, id: number, transcript: string, publish: boolean): Promise<void> {
  const n = [...transcript.trim()].length;
  if (n > interviewLimits.transcript) throw invalidInput([{ field: 'transcript', code: 'TOO_LONG', message: `访谈实录不能超过 ${interviewLimits.transcript} 个字，现为 ${n} 个字` }]);
  if (publish && n === 0) throw invalidInput([{ field: 'transcript', code: 'REQUIRED', message: '请填写访谈实录后再公开' }]);
  await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const before = await q.interviewRow(tx, scope, id);
    if (!before) throw notFound('访谈');
    if (publish && before.starts_at > chinaDateTime(deps.now())) throw new AppError('INTERVIEW_NOT_HELD', `访谈定于 ${before.starts_at} 举行，举行后才能公开实录`, 409);
    await q.updateInterview(tx, scope, id, { transcript: transcript.trim(), transcript_published_at: publish ? (before.transcript_published_at ?? at) : null, updated_at: at });
    return { result: undefined, audit: { action: publish ? 'interview.publish-transcript' : 'interview.save-transcript', entity: 'interview', id, after: { transcriptLength: n, published: publish } } };
  });
  invalidatePublicCaches(deps);
}

/** A question from the portal, while the interview has not begun; the captcha is checked with the fields. */
export async function submitQuestion(deps: ServiceDeps, agencyId: number, interviewId: number, input: NewQuestionInput, captcha: { token: string; answer: string }): Promise<void> {
  const problems = questionProblems(input);
  try {
    await verifyCaptcha(deps, captcha.token, captcha.answer);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CAPTCHA_INVALID') throw err;
    problems.push({ field: 'captchaAnswer', code: err.code, message: err.message });
  }
  if (problems.length) throw invalidInput(problems);
  await recordQuestion(deps, agencyId, interviewId, input);
}

/** A question already checked (the portal form above; the demo), taken while the interview has not begun. */
export async function recordQuestion(deps: ServiceDeps, agencyId: number, interviewId: number, input: NewQuestionInput): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const scope = await publicIntakeScope(tx, agencyId);
    const interview = await q.interviewRow(tx, scope, interviewId);
    if (!interview) throw notFound('访谈');
    const now = chinaDateTime(deps.now());
    if (interview.starts_at <= now) throw new AppError('QUESTIONS_CLOSED', '访谈已开始，不再征集问题；您可以通过信箱留言', 409);
    await q.insertQuestion(tx, scope, { interview_id: interviewId, asker_name: input.name.trim(), asker_phone: cleanPhone(input.phone), body: input.body.trim(), consent_to_publish: input.consentToPublish ? 1 : 0, submitted_at: deps.now().toISOString(), status: 'pending', answer: '' });
  });
}

/** Questions answered on air, with the gist of the answer (after the interview began). */
export async function markAnswered(deps: ServiceDeps, actor: Actor, agencyId: number, id: number, answers: { questionId: number; answer: string }[]): Promise<void> {
  await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
    const interview = await q.interviewRow(tx, scope, id);
    if (!interview) throw notFound('访谈');
    if (interview.starts_at > chinaDateTime(deps.now())) throw new AppError('INTERVIEW_NOT_HELD', `访谈定于 ${interview.starts_at} 举行，举行后才能标记现场答复`, 409);
    const rows = new Map((await q.questionRows(tx, scope, id)).map((r) => [r.id, r]));
    const problems = answers.flatMap((a, i) => {
      const r = rows.get(a.questionId);
      if (!r) return [{ field: `answers.${i}.questionId`, code: 'UNKNOWN_QUESTION', message: `问题（编号 ${a.questionId}）不属于该访谈` }];
      if (r.status === 'converted') return [{ field: `answers.${i}.questionId`, code: 'ALREADY_CONVERTED', message: `问题（编号 ${a.questionId}）已转为留言办理` }];
      if ([...a.answer.trim()].length > interviewLimits.question * 4) return [{ field: `answers.${i}.answer`, code: 'TOO_LONG', message: `答复要点不能超过 ${interviewLimits.question * 4} 个字` }];
      return [];
    });
    if (problems.length) throw invalidInput(problems);
    for (const a of answers) await q.updateQuestion(tx, scope, a.questionId, { status: 'answered', answer: a.answer.trim(), handled_at: at });
    return { result: undefined, audit: { action: 'interview.answered', entity: 'interview', id, after: { questions: answers.map((a) => a.questionId) } } };
  });
  invalidatePublicCaches(deps);
}

const messageTitle = (topic: string): string => {
  const t = `在线访谈提问：${topic}`;
  return [...t].length <= 50 ? t : `${[...t].slice(0, 49).join('')}…`;
};

/**
 * After the interview, every question still pending becomes a 咨询 message in the interview's
 * mailbox, received on the interview's day and due in 5 working days on the messages' clock.
 * Each goes through the messages capability's intake (its checks, its events, its audit); the
 * question then records the message. Two transactions per question, as the conversion into a
 * request (decision 017): a failure between them leaves a message the question does not name yet.
 */
export async function convertUnanswered(deps: ServiceDeps, actor: Actor & { kind: 'user' }, agencyId: number, id: number): Promise<ConvertResult> {
  const pending = await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope) => {
    const interview = await q.interviewRow(tx, scope, id);
    if (!interview) throw notFound('访谈');
    if (interview.starts_at > chinaDateTime(deps.now())) throw new AppError('INTERVIEW_NOT_HELD', `访谈定于 ${interview.starts_at} 举行，举行后才能将未答复的问题转为留言`, 409);
    const rows = (await q.questionRows(tx, scope, id)).filter((r) => r.status === 'pending');
    if (rows.length === 0) throw new AppError('NOTHING_TO_CONVERT', '该访谈没有待答复的问题', 409);
    return { result: { interview, rows }, audit: { action: 'interview.convert-unanswered', entity: 'interview', id, after: { questions: rows.map((r) => r.id) } } };
  });
  const received = chinaDate(pending.interview.starts_at);
  const converted: ConvertResult['converted'] = [];
  for (const r of pending.rows) {
    const message = await importOnlineMessage(
      deps,
      actor,
      agencyId,
      { mailboxId: pending.interview.mailbox_id, kind: 'consultation', title: messageTitle(pending.interview.topic), body: r.body, name: r.asker_name, phone: r.asker_phone, consentToPublish: r.consent_to_publish === 1 },
      received,
      UNANSWERED_REPLY_WORKING_DAYS,
    );
    await auditedWrite(deps, actor, agencyId, 'messages.record', async (tx, scope, at) => {
      await q.updateQuestion(tx, scope, r.id, { status: 'converted', message_id: message.id, handled_at: at });
      return { result: undefined, audit: { action: 'interview.question-converted', entity: 'interview', id, after: { questionId: r.id, messageId: message.id } } };
    });
    const detail = await getMessage(deps, actor, message.id);
    converted.push({ questionId: r.id, messageId: message.id, queryCode: message.queryCode, dueDate: detail.dueDate });
  }
  return { converted };
}
