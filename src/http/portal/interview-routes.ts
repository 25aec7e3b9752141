/** The portal's 在线访谈 pages and the question form (POST, captcha, rate-limited like the message form). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { AppError } from '../../services/errors.ts';
import { submitQuestion } from '../../capabilities/interviews/commands.ts';
import { publicInterview, publicInterviews } from '../../capabilities/interviews/queries.ts';
import { interviewListPage, interviewPage, type QuestionFormState } from '../../views/portal/interview-pages.ts';
import type { FieldErrors, FormValues } from '../../views/portal/request-pages.ts';
import { SUBMIT_LIMIT } from '../api/public-routes.ts';
import { fieldErrorsOf } from './request-routes.ts';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown> | undefined;
const textOf = (body: Body, key: string): string | undefined => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
const send = (reply: FastifyReply, status: number, body: string, cache = false) => reply.status(status).type(HTML).header('cache-control', cache ? 'public, max-age=5' : 'no-store').send(body);

export function registerInterviewPortal(root: FastifyInstance, deps: ServiceDeps, agencyByCode: (code: string) => Promise<Agency | undefined>): void {
  void root.register(async (app) => {
    const found = async (code: string, id?: string) => {
      const a = await agencyByCode(code);
      if (!a || a.closed_at) return null;
      const agency = { id: a.id, code: a.code, name: a.name };
      if (id === undefined) return { agency, interview: null };
      const n = Number(id);
      const interview = Number.isSafeInteger(n) && n > 0 ? await publicInterview(deps, a.id, n) : null;
      return interview ? { agency, interview } : null;
    };
    const form = async (values: FormValues = {}, errors: FieldErrors = {}, general: string[] = [], done = false): Promise<QuestionFormState> => {
      const c = await newCaptcha(deps);
      return { values, errors, general, captchaQuestion: c.question, captchaToken: c.token, done };
    };

    app.get<{ Params: { code: string } }>('/org/:code/open/interaction/interviews', async (req, reply) => {
      const f = await found(req.params.code);
      if (!f) return reply.callNotFound();
      return send(reply, 200, interviewListPage(f.agency, await publicInterviews(deps, f.agency.id)), true);
    });

    app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/interviews/:id', async (req, reply) => {
      const f = await found(req.params.code, req.params.id);
      if (!f?.interview) return reply.callNotFound();
      return send(reply, 200, interviewPage(f.agency, f.interview, f.interview.upcoming ? await form() : null));
    });

    app.post<{ Params: { code: string; id: string }; Body: Body }>('/org/:code/open/interaction/interviews/:id', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
      const f = await found(req.params.code, req.params.id);
      if (!f?.interview) return reply.callNotFound();
      const values: FormValues = Object.fromEntries(['name', 'phone', 'body', 'consentToPublish'].map((k) => [k, textOf(req.body, k)]));
      if (textOf(req.body, 'website')) return send(reply, 400, interviewPage(f.agency, f.interview, await form(values, {}, ['提交未通过校验，请重试'])));
      const consent = values.consentToPublish === 'yes' ? true : values.consentToPublish === 'no' ? false : undefined;
      try {
        await submitQuestion(
          deps,
          f.agency.id,
          f.interview.id,
          { name: values.name ?? '', phone: values.phone ?? '', body: values.body ?? '', consentToPublish: consent as boolean },
          { token: textOf(req.body, 'captchaToken') ?? '', answer: textOf(req.body, 'captchaAnswer') ?? '' },
        );
        return send(reply, 201, interviewPage(f.agency, f.interview, await form({}, {}, [], true)));
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const { errors, general } = fieldErrorsOf(err);
        // Closed meanwhile: the page as it now stands, with the reason.
        const interview = err.code === 'QUESTIONS_CLOSED' ? ((await publicInterview(deps, f.agency.id, f.interview.id)) ?? f.interview) : f.interview;
        return send(reply, err.status === 409 || err.status === 429 ? err.status : 400, interviewPage(f.agency, { ...interview, upcoming: true }, await form(values, errors, general)));
      }
    });
  });
}
