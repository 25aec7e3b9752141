/**
 * Reads of online interviews: the workspace's list and case page (askers masked unless the reader
 * handles messages), and the portal's (upcoming ones take questions; past ones show the published
 * transcript and the questions answered on air whose askers agreed, names as 张**).
 */
import { chinaDateTime } from '../../domain/calendar/china-time.ts';
import { maskWriterName } from '../../domain/messages/publication.ts';
import { maskMobile, maskName } from '../../domain/scan/mask.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { notFound } from '../../services/errors.ts';
import { allows, publicIntakeScope, scopeFor } from '../../services/policy.ts';
import { questionStatusLabels, type Interview, type InterviewDetail, type PublicInterview } from './contract.ts';
import type { InterviewRow, QuestionRow } from './sql.ts';
import * as q from './sql.ts';

function interviewOf(r: InterviewRow, now: string): Interview {
  return {
    id: r.id,
    agencyId: r.agency_id,
    topic: r.topic,
    guests: r.guests,
    startsAt: r.starts_at,
    description: r.description,
    mailboxId: r.mailbox_id,
    mailboxName: r.mailbox_name,
    transcript: r.transcript,
    transcriptPublishedAt: r.transcript_published_at,
    upcoming: r.starts_at > now,
    questionCount: r.question_count,
  };
}

export async function listInterviews(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<Interview[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const now = chinaDateTime(deps.now());
  return (await q.interviewRows(deps.db, scope)).map((r) => interviewOf(r, now));
}

export async function getInterview(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<InterviewDetail> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const row = await q.interviewRow(deps.db, scope, id);
  if (!row) throw notFound('访谈');
  const full = allows(scope, 'messages.personalData');
  const questions = (await q.questionRows(deps.db, scope, id)).map((r: QuestionRow) => ({
    id: r.id,
    askerName: full ? r.asker_name : maskName(r.asker_name),
    askerPhone: full ? r.asker_phone : maskMobile(r.asker_phone),
    body: r.body,
    consentToPublish: r.consent_to_publish === 1,
    submittedAt: r.submitted_at,
    status: r.status,
    statusLabel: questionStatusLabels[r.status],
    answer: r.answer,
    messageId: r.message_id,
  }));
  const interview = interviewOf(row, chinaDateTime(deps.now()));
  return { ...interview, questions, mayConvert: !interview.upcoming && allows(scope, 'messages.record') && questions.some((x) => x.status === 'pending') };
}

function publicOf(r: InterviewRow, questions: QuestionRow[], now: string): PublicInterview {
  return {
    id: r.id,
    topic: r.topic,
    guests: r.guests.split('\n').map((g) => g.trim()).filter(Boolean),
    startsAt: r.starts_at,
    description: r.description,
    upcoming: r.starts_at > now,
    transcript: r.transcript_published_at ? r.transcript : null,
    answered: r.transcript_published_at ? questions.filter((x) => x.status === 'answered' && x.consent_to_publish === 1).map((x) => ({ asker: maskWriterName(x.asker_name), body: x.body, answer: x.answer })) : [],
    questionCount: r.question_count,
    convertedCount: questions.filter((x) => x.status === 'converted').length,
  };
}

/** The portal's interviews of an open agency: upcoming first (soonest first), then past (latest first). */
export async function publicInterviews(deps: ServiceDeps, agencyId: number): Promise<{ upcoming: PublicInterview[]; past: PublicInterview[] }> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const now = chinaDateTime(deps.now());
  const rows = await q.interviewRows(deps.db, scope);
  const all = rows.map((r) => publicOf(r, [], now));
  return { upcoming: all.filter((i) => i.upcoming).reverse(), past: all.filter((i) => !i.upcoming) };
}

export async function publicInterview(deps: ServiceDeps, agencyId: number, id: number): Promise<PublicInterview | null> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const row = await q.interviewRow(deps.db, scope, id);
  if (!row) return null;
  return publicOf(row, await q.questionRows(deps.db, scope, id), chinaDateTime(deps.now()));
}
