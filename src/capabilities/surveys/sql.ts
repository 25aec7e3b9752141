/**
 * The surveys capability's storage: the survey row (its questions and the status projection), its
 * append-only event log, and the answer sheets. Every function takes the policy's scope and stays
 * within its agency.
 */
import { replay } from '../../domain/workflow/engine.ts';
import { surveyKind, type SurveyAnswer, type SurveyEvent, type SurveyQuestion, type SurveyState } from '../../domain/surveys/index.ts';
import { notFound } from '../../services/errors.ts';
import { acceptedOrRefused, eventLogRows } from '../../services/case-log.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { SurveyRow } from './tables.ts';

export const questionsOf = (row: SurveyRow): SurveyQuestion[] => JSON.parse(row.questions_json) as SurveyQuestion[];

/** The agency of a survey: only so the caller can ask the policy for a scope. */
export async function agencyOfSurvey(tx: Tx, id: number): Promise<number> {
  const row = await tx.selectFrom('surveys').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('问卷');
  return row.agency_id;
}

export async function surveyRow(tx: Tx, scope: AgencyScope, id: number): Promise<SurveyRow> {
  const row = await tx.selectFrom('surveys').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (!row) throw notFound('问卷');
  return row;
}

export async function surveyRows(tx: Tx, scope: AgencyScope, statuses?: readonly string[]): Promise<(SurveyRow & { responses: number })[]> {
  let q = tx
    .selectFrom('surveys')
    .selectAll('surveys')
    .select((eb) => eb.selectFrom('survey_responses').select((e) => e.fn.countAll<number>().as('n')).whereRef('survey_responses.survey_id', '=', 'surveys.id').as('responses'))
    .where('surveys.agency_id', '=', scope.agencyId)
    .orderBy('surveys.start_date', 'desc')
    .orderBy('surveys.id', 'desc');
  if (statuses) q = q.where('surveys.status', 'in', [...statuses]);
  return (await q.execute()).map((r) => ({ ...r, responses: Number(r.responses ?? 0) }));
}

export async function insertSurvey(tx: Tx, scope: AgencyScope, values: { title: string; description: string; startDate: string; endDate: string; questions: SurveyQuestion[] }, createdBy: number | null, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await tx
    .insertInto('surveys')
    .values({ agency_id: scope.agencyId, title: values.title, description: values.description, start_date: values.startDate, end_date: values.endDate, questions_json: JSON.stringify(values.questions), status: 'draft', created_by: createdBy, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateSurveyDefinition(tx: Tx, scope: AgencyScope, id: number, values: { title: string; description: string; startDate: string; endDate: string; questions: SurveyQuestion[] }, now: Date): Promise<void> {
  await tx
    .updateTable('surveys')
    .set({ title: values.title, description: values.description, start_date: values.startDate, end_date: values.endDate, questions_json: JSON.stringify(values.questions), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('agency_id', '=', scope.agencyId)
    .execute();
}

export async function surveyEventRows(tx: Tx, scope: AgencyScope, id: number) {
  return tx.selectFrom('survey_events').selectAll().where('survey_id', '=', id).where('agency_id', '=', scope.agencyId).orderBy('seq').execute();
}

export const eventsOf = (rows: readonly { data_json: string }[]): SurveyEvent[] => rows.map((r) => JSON.parse(r.data_json) as SurveyEvent);

/** Appends events after checking the whole log with the engine, and rewrites the projection. */
export async function appendSurveyEvents(tx: Tx, deps: ServiceDeps, scope: AgencyScope, id: number, existing: readonly SurveyEvent[], events: readonly SurveyEvent[], actorUserId: number | null): Promise<SurveyState> {
  const replayed = replay(surveyKind, [...existing, ...events]);
  const s = acceptedOrRefused(replayed);
  if (events.length > 0) {
    const rows = eventLogRows(events, existing.length, actorUserId, deps.now().toISOString());
    await tx.insertInto('survey_events').values(rows.map((r) => ({ ...r, survey_id: id, agency_id: scope.agencyId }))).execute();
  }
  await tx.updateTable('surveys').set({ status: s.status, published_date: s.publishedDate, updated_at: deps.now().toISOString() }).where('id', '=', id).where('agency_id', '=', scope.agencyId).execute();
  return s;
}

/** Every answer sheet of the survey, oldest first. */
export async function answerSheets(tx: Tx, scope: AgencyScope, id: number): Promise<SurveyAnswer[][]> {
  const rows = await tx.selectFrom('survey_responses').select('answers_json').where('survey_id', '=', id).where('agency_id', '=', scope.agencyId).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.answers_json) as SurveyAnswer[]);
}

/** Stores one sheet; false when this respondent already answered (the unique key decides, also under a race). */
export async function insertAnswerSheet(tx: Tx, scope: AgencyScope, id: number, respondentKey: string, answers: SurveyAnswer[], date: string, now: Date): Promise<boolean> {
  const clash = await tx.selectFrom('survey_responses').select('id').where('survey_id', '=', id).where('respondent_key', '=', respondentKey).executeTakeFirst();
  if (clash) return false;
  const inserted = await tx
    .insertInto('survey_responses')
    .values({ survey_id: id, agency_id: scope.agencyId, respondent_key: respondentKey, answers_json: JSON.stringify(answers), submitted_date: date, submitted_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['survey_id', 'respondent_key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}
