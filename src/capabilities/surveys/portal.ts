/**
 * The portal's 问卷调查 routes under 互动交流: the list, a survey's form (no JavaScript needed), the
 * answer, and the published results. One answer per person is enforced as one answer per browser:
 * a random token in a cookie (its hash stored with the sheet, unique per survey), plus the
 * text-question captcha and the per-address rate limit on every answer.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { AppError } from '../../services/errors.ts';
import { SUBMIT_LIMIT } from '../../http/api/public-routes.ts';
import { fieldErrorsOf } from '../../http/portal/request-routes.ts';
import { surveyCss, surveyFormPage, surveyResultsPage, surveysHome, surveyThanksPage, type SurveyFormValues } from '../../views/portal/survey-pages.ts';
import { messageTrackingPage } from '../../views/portal/message-pages.ts';
import type { SurveyAnswer, SurveyQuestion } from '../../domain/surveys/index.ts';
import { submitAnswers } from './commands.ts';
import { portalSurveys, publicSurvey, publishedResults } from './queries.ts';

const HTML = 'text/html; charset=utf-8';
/** The answering browser's token (decision 029). */
export const RESPONDENT_COOKIE = 'gk_respondent';
type Found = PortalAgency & { id: number };
type Body = Record<string, unknown> | undefined;

const page = (reply: FastifyReply, status: number, body: string, cache = false) =>
  reply.status(status).type(HTML).header('cache-control', cache ? 'public, max-age=5' : 'no-store').send(body);
const idOf = (v: string): number => (/^[1-9]\d{0,9}$/.test(v) ? Number(v) : 0);

/** The posted form as answers: a value that is not a number is kept as NaN, so the check refuses it. */
export function answersFromForm(questions: readonly SurveyQuestion[], body: Body): { answers: SurveyAnswer[]; values: SurveyFormValues } {
  const values: SurveyFormValues = {};
  const answers: SurveyAnswer[] = [];
  for (const q of questions) {
    const raw = body?.[`q_${q.key}`];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    values[`q_${q.key}`] = q.kind === 'multiple' ? list : list[0];
    if (list.length === 0 || (q.kind === 'text' && !list[0]!.trim())) continue;
    if (q.kind === 'text') answers.push({ question: q.key, text: list[0]! });
    else if (q.kind === 'multiple') answers.push({ question: q.key, choices: list.map((v) => (/^\d{1,3}$/.test(v) ? Number(v) : NaN)) });
    else if (list.length > 1) answers.push({ question: q.key, choices: list.map(Number) });
    else if (q.kind === 'rating') answers.push({ question: q.key, rating: /^\d$/.test(list[0]!) ? Number(list[0]) : NaN });
    else answers.push({ question: q.key, choice: /^\d{1,3}$/.test(list[0]!) ? Number(list[0]) : NaN });
  }
  return { answers, values };
}

export function registerSurveyPortal(root: FastifyInstance, deps: ServiceDeps, agencyByCode: (code: string) => Promise<Agency | undefined>): void {
  const portalAgency = async (code: string): Promise<Found | null> => {
    const a = await agencyByCode(code);
    return a ? { id: a.id, code: a.code, name: a.name } : null;
  };
  void root.register(async (app) => routes(app, deps, portalAgency));
}

async function routes(app: FastifyInstance, deps: ServiceDeps, portalAgency: (code: string) => Promise<Found | null>): Promise<void> {
  // A refusal raised before a handler runs (the rate limit) is shown as a page, not as JSON.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: { code?: string } }>, reply) => {
    const agency = err instanceof AppError && err.status < 500 ? await portalAgency(req.params.code ?? '') : null;
    if (!agency || !(err instanceof AppError)) throw err;
    return page(reply, err.status, messageTrackingPage(agency, { error: err.message }));
  });

  app.get('/assets/survey-pages.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(surveyCss));

  app.get<{ Params: { code: string } }>('/org/:code/open/interaction/surveys', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    return page(reply, 200, surveysHome(agency, await portalSurveys(deps, agency.id)), true);
  });

  const surveyOf = async (agency: Found, id: string) => {
    const n = idOf(id);
    if (!n) return null;
    try {
      return await publicSurvey(deps, agency.id, n);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  };
  const ensureToken = (req: FastifyRequest, reply: FastifyReply): string | null => {
    const have = req.cookies[RESPONDENT_COOKIE];
    if (have && /^[A-Za-z0-9_-]{16,100}$/.test(have)) return have;
    reply.setCookie(RESPONDENT_COOKIE, randomBytes(18).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 400 * 86400 });
    return null;
  };

  app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/surveys/:id', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const survey = agency && (await surveyOf(agency, req.params.id));
    if (!agency || !survey) return reply.callNotFound();
    ensureToken(req, reply);
    const captcha = survey.refusal ? null : await newCaptcha(deps);
    return page(reply, 200, surveyFormPage(agency, survey, {}, captcha));
  });

  app.post<{ Params: { code: string; id: string }; Body: Body }>('/org/:code/open/interaction/surveys/:id', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const survey = agency && (await surveyOf(agency, req.params.id));
    if (!agency || !survey) return reply.callNotFound();
    const { answers, values } = answersFromForm(survey.questions, req.body);
    const rerender = async (errors: Record<string, string[]>, general: string[], status: number) =>
      page(reply, status, surveyFormPage(agency, survey, values, survey.refusal ? null : await newCaptcha(deps), errors, general));
    if (typeof req.body?.website === 'string' && req.body.website) return rerender({}, ['提交未通过校验，请重试'], 400);
    const token = ensureToken(req, reply);
    if (!token) return rerender({}, ['本站需要在您的浏览器中保存一个随机标识（Cookie），以保证每人只答一次。请允许本站使用 Cookie 后重新提交。'], 400);
    try {
      const captcha = { token: typeof req.body?.captchaToken === 'string' ? req.body.captchaToken : '', answer: typeof req.body?.captchaAnswer === 'string' ? req.body.captchaAnswer : '' };
      await submitAnswers(deps, agency.id, survey.id, answers, token, captcha);
      return page(reply, 201, surveyThanksPage(agency, survey));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const { errors, general } = fieldErrorsOf(err);
      // Problems come on questions' keys; the form's fields are q_<key>.
      const onFields = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'captchaAnswer' ? k : `q_${k}`, v ?? []]));
      return rerender(onFields, general, err.status === 409 || err.status === 429 ? err.status : 400);
    }
  });

  app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/surveys/:id/results', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const id = idOf(req.params.id);
    if (!agency || !id) return reply.callNotFound();
    try {
      return page(reply, 200, surveyResultsPage(agency, await publishedResults(deps, agency.id, id)), true);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return reply.callNotFound();
      throw err;
    }
  });
}
