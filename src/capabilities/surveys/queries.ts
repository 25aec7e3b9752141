/**
 * Reads of surveys: the workspace's list and survey page (results with the free-text answers, for
 * those who handle surveys), and the portal's open surveys and published results (aggregates only;
 * the free-text answers are never read for the public).
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { possibleEvents, replay } from '../../domain/workflow/engine.ts';
import { aggregate, answerRefusal, surveyEventLabels, surveyKind, surveyStatusLabels, textAnswers, type SurveyEvent, type SurveyStatus } from '../../domain/surveys/index.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { AppError, notFound } from '../../services/errors.ts';
import { allows, publicIntakeScope, scopeFor } from '../../services/policy.ts';
import { agencyOfSurvey, answerSheets, eventsOf, questionsOf, surveyEventRows, surveyRow, surveyRows } from './sql.ts';
import type { SurveyRow } from './tables.ts';
import type { PublicSurvey, PublishedSurveyResults, SurveyDetail, SurveyListItem } from './contract.ts';

const listItem = (r: SurveyRow & { responses: number }): SurveyListItem => ({
  id: r.id,
  title: r.title,
  status: r.status as SurveyStatus,
  statusLabel: surveyStatusLabels[r.status as SurveyStatus],
  startDate: r.start_date,
  endDate: r.end_date,
  responses: r.responses,
  publishedDate: r.published_date,
});

export async function listSurveys(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<{ items: SurveyListItem[] }> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  return { items: (await surveyRows(deps.db, scope)).map(listItem) };
}

export async function getSurvey(deps: ServiceDeps, actor: Actor, id: number): Promise<SurveyDetail> {
  const tx = deps.db;
  const scope = await scopeFor(tx, actor, await agencyOfSurvey(tx, id));
  const row = await surveyRow(tx, scope, id);
  const eventRows = await surveyEventRows(tx, scope, id);
  const names = new Map((await tx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [0, ...eventRows.map((e) => e.actor_user_id ?? 0)]).execute()).map((u) => [u.id, u.display_name]));
  const events = eventsOf(eventRows);
  const state = replay(surveyKind, events);
  if (!state.ok) throw new AppError('CORRUPT_RECORD', state.errors.join('；'), 500);
  const sheets = await answerSheets(tx, scope, id);
  const questions = questionsOf(row);
  // Free text may name people: only those who handle surveys read it.
  const readsTexts = allows(scope, 'surveys.edit');
  return {
    ...listItem({ ...row, responses: sheets.length }),
    agencyId: row.agency_id,
    description: row.description,
    questions,
    timeline: eventRows.map((e, i) => ({ type: events[i]!.type, label: surveyEventLabels[events[i]!.type], date: e.date, actor: e.actor_user_id ? (names.get(e.actor_user_id) ?? null) : null })),
    actions: possibleEvents(surveyKind, state.value, scope.roles, chinaDate(deps.now())) as SurveyDetail['actions'],
    results: aggregate(questions, sheets),
    texts: readsTexts ? questions.filter((q) => q.kind === 'text').map((q) => ({ question: q.key, title: q.title, answers: textAnswers(q.key, sheets) })) : [],
  };
}

/** The portal's surveys of an agency: those open now or upcoming, and those with published results. */
export async function portalSurveys(deps: ServiceDeps, agencyId: number): Promise<{ open: SurveyListItem[]; published: SurveyListItem[] }> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const today = chinaDate(deps.now());
  const rows = await surveyRows(deps.db, scope, ['open', 'closed', 'published']);
  const hideCount = (i: SurveyListItem): SurveyListItem => ({ ...i, responses: 0 });
  return {
    open: rows.filter((r) => r.status === 'open' && r.end_date >= today).map(listItem).map(hideCount),
    published: rows.filter((r) => r.status === 'published').map(listItem),
  };
}

/** One survey with its form; a draft is not public. */
export async function publicSurvey(deps: ServiceDeps, agencyId: number, id: number): Promise<PublicSurvey> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const row = await surveyRow(deps.db, scope, id);
  if (row.status === 'draft') throw notFound('问卷');
  const status = row.status as SurveyStatus;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    startDate: row.start_date,
    endDate: row.end_date,
    status,
    questions: questionsOf(row),
    refusal: answerRefusal(status, { startDate: row.start_date, endDate: row.end_date }, chinaDate(deps.now())),
  };
}

/** The published results: aggregates only, read again from the event log (not the projection alone). */
export async function publishedResults(deps: ServiceDeps, agencyId: number, id: number): Promise<PublishedSurveyResults> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const row = await surveyRow(deps.db, scope, id);
  const state = replay(surveyKind, eventsOf(await surveyEventRows(deps.db, scope, id)) as SurveyEvent[]);
  if (!state.ok || state.value.status !== 'published' || !state.value.publishedDate) throw notFound('调查结果');
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    startDate: row.start_date,
    endDate: row.end_date,
    publishedDate: state.value.publishedDate,
    results: aggregate(questionsOf(row), await answerSheets(deps.db, scope, id)),
  };
}
