/** The surveys capability's commands: create and edit a draft, each step, and the public's answer. */
import { createHash, randomUUID } from 'node:crypto';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { compareIsoDates, dateProblem } from '../../domain/calendar/index.ts';
import { mayRecordNow, replay } from '../../domain/workflow/engine.ts';
import { answerProblems, answerRefusal, definitionProblems, normaliseAnswers, surveyKind, type Problem, type SurveyAnswer, type SurveyEvent, type SurveyStatus } from '../../domain/surveys/index.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { verifyCaptcha } from '../../services/captcha.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import { publicIntakeScope, scopeFor } from '../../services/policy.ts';
import { agencyOfSurvey, answerSheets, appendSurveyEvents, eventsOf, insertAnswerSheet, insertSurvey, questionsOf, surveyEventRows, surveyRow, updateSurveyDefinition } from './sql.ts';
import type { SurveyInput, SurveyStepInput } from './contract.ts';

type UserActor = Actor & { kind: 'user' };

function refuse(problems: readonly Problem[], status = 400): never {
  throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), status, { problems: problems.map((p) => p.message), fields: problems });
}

/** The definition as stored: trimmed texts, questions numbered q1, q2 … when they come without a key. */
function cleaned(input: SurveyInput) {
  return {
    title: input.title.trim(),
    description: (input.description ?? '').trim(),
    startDate: input.startDate,
    endDate: input.endDate,
    questions: input.questions.map((q, i) => ({
      key: q.key?.trim() || `q${i + 1}`,
      kind: q.kind,
      title: q.title.trim(),
      required: q.required === true,
      options: q.kind === 'single' || q.kind === 'multiple' ? q.options.map((o) => o.trim()) : [],
    })),
  };
}

export async function createSurvey(deps: ServiceDeps, actor: UserActor, agencyId: number, input: SurveyInput): Promise<{ id: number }> {
  const def = cleaned(input);
  const problems = definitionProblems(def);
  if (problems.length) refuse(problems);
  const today = chinaDate(deps.now());
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'surveys.edit');
    const id = await insertSurvey(tx, scope, def, actor.userId, deps.now());
    await appendSurveyEvents(tx, deps, scope, id, [], [{ type: 'created', date: today }], actor.userId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId, action: 'survey.create', entity: 'survey', entityId: id, after: { title: def.title, questions: def.questions.length } });
    return { id };
  });
}

/** Edits a draft; the engine refuses once it is open, so all answers answer the same questions. */
export async function editSurvey(deps: ServiceDeps, actor: UserActor, id: number, input: SurveyInput): Promise<void> {
  const def = cleaned(input);
  const problems = definitionProblems(def);
  if (problems.length) refuse(problems);
  const today = chinaDate(deps.now());
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfSurvey(tx, id), 'surveys.edit');
    const existing = eventsOf(await surveyEventRows(tx, scope, id));
    await appendSurveyEvents(tx, deps, scope, id, existing, [{ type: 'edited', date: today }], actor.userId);
    await updateSurveyDefinition(tx, scope, id, def, deps.now());
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: 'survey.edit', entity: 'survey', entityId: id, after: { title: def.title, questions: def.questions.length } });
  });
}

/** 开始调查, 结束调查 or 公布结果, by the roles the policy allows, on the engine's rules. */
export async function recordSurveyStep(deps: ServiceDeps, actor: UserActor, id: number, input: SurveyStepInput): Promise<void> {
  const today = chinaDate(deps.now());
  const issue = dateProblem(input.date);
  if (issue) throw new AppError('INVALID_DATE', issue);
  if (compareIsoDates(input.date, today) > 0) throw new AppError('INVALID_DATE', '日期不能晚于今天');
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfSurvey(tx, id));
    const row = await surveyRow(tx, scope, id);
    const existing = eventsOf(await surveyEventRows(tx, scope, id));
    const state = replay(surveyKind, existing);
    if (!state.ok) throw new AppError('TRANSITION_REFUSED', state.errors.join('；'), 409);
    const event: SurveyEvent = input.type === 'opened' ? { type: 'opened', date: input.date, questionCount: questionsOf(row).length } : { type: input.type, date: input.date };
    if (input.type === 'opened') {
      const problems = definitionProblems({ title: row.title, description: row.description, startDate: row.start_date, endDate: row.end_date, questions: questionsOf(row) }, true);
      if (problems.length) refuse(problems, 409);
    }
    const may = mayRecordNow(surveyKind, state.value, event, scope.roles);
    if (!may.ok && may.byRole) throw forbidden(input.type === 'resultsPublished' ? '公布调查结果须由负责人或管理员操作' : '您的角色不能执行此操作');
    if (!may.ok) throw new AppError('TRANSITION_REFUSED', may.errors.join('；'), 409);
    await appendSurveyEvents(tx, deps, scope, id, existing, [event], actor.userId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: `survey.${event.type}`, entity: 'survey', entityId: id, after: event });
  });
  invalidatePublicCaches(deps);
}

/** The stored key of a respondent token: its hash, so the token itself is never kept. */
export const respondentKey = (token: string): string => createHash('sha256').update(`survey-respondent|${token}`).digest('base64url');

/**
 * One person's answers from the portal or the API. The answers and the captcha are checked in one
 * round; one sheet per respondent token (the browser's cookie) and survey, refused the second time.
 */
export async function submitAnswers(deps: ServiceDeps, agencyId: number, surveyId: number, answers: SurveyAnswer[], respondentToken: string, captcha: { token: string; answer: string }): Promise<void> {
  const today = chinaDate(deps.now());
  const scope = await publicIntakeScope(deps.db, agencyId);
  const row = await surveyRow(deps.db, scope, surveyId);
  const refusal = answerRefusal(row.status as SurveyStatus, { startDate: row.start_date, endDate: row.end_date }, today);
  if (refusal) throw new AppError('SURVEY_NOT_OPEN', refusal, 409);
  const questions = questionsOf(row);
  const problems = answerProblems(questions, answers);
  try {
    await verifyCaptcha(deps, captcha.token, captcha.answer);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CAPTCHA_INVALID') throw err;
    problems.push({ field: 'captchaAnswer', code: err.code, message: err.message });
  }
  if (problems.length) refuse(problems);
  const key = respondentKey(respondentToken);
  const stored = await deps.db.transaction().execute((tx) => insertAnswerSheet(tx, scope, surveyId, key, normaliseAnswers(questions, answers), today, deps.now()));
  if (!stored) throw new AppError('ALREADY_ANSWERED', '您已提交过本问卷，每人只能答一次', 409);
}

/** Every sheet of a survey for the workspace (free text included): the OFFICE roles only. */
export async function sheetsForStaff(deps: ServiceDeps, actor: UserActor, id: number): Promise<SurveyAnswer[][]> {
  return deps.db.transaction().execute(async (tx) => answerSheets(tx, await scopeFor(tx, actor, await agencyOfSurvey(tx, id), 'surveys.edit'), id));
}

/**
 * Paper questionnaires (纸质问卷) collected while the survey is open, entered by staff: each sheet
 * checked like an online one, stored under a key of its own (no browser token exists).
 */
export async function enterPaperSheets(deps: ServiceDeps, actor: UserActor, id: number, sheets: SurveyAnswer[][]): Promise<number> {
  const today = chinaDate(deps.now());
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfSurvey(tx, id), 'surveys.edit');
    const row = await surveyRow(tx, scope, id);
    if (row.status !== 'open') throw new AppError('SURVEY_NOT_OPEN', '只有进行中的问卷可以录入纸质答卷', 409);
    const questions = questionsOf(row);
    for (const [i, sheet] of sheets.entries()) {
      const problems = answerProblems(questions, sheet);
      if (problems.length) refuse(problems.map((p) => ({ ...p, message: `第 ${i + 1} 份答卷${p.message}` })));
      await insertAnswerSheet(tx, scope, id, `paper:${randomUUID()}`, normaliseAnswers(questions, sheet), today, deps.now());
    }
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId: scope.agencyId, action: 'survey.paper-sheets', entity: 'survey', entityId: id, after: { sheets: sheets.length } });
    return sheets.length;
  });
}
