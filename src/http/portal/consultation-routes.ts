/**
 * The portal's 意见征集 pages (issue 16 item 2): the list, one consultation with its comment form
 * (POST, the message form's captcha and rate limit) and its published feedback. Server-rendered;
 * no page needs JavaScript.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { consultationCss, consultationPage, consultationsPage, type CommentFormState } from '../../views/portal/consultation-pages.ts';
import type { FormValues } from '../../views/portal/request-pages.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { AppError } from '../../services/errors.ts';
import { submitCommentOnline } from '../../capabilities/consultations/commands.ts';
import { publicConsultation, publicConsultations } from '../../capabilities/consultations/public.ts';
import { SUBMIT_LIMIT } from '../api/public-routes.ts';
import { fieldErrorsOf } from './request-routes.ts';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown> | undefined;
type Found = PortalAgency & { id: number };
const textOf = (body: Body, key: string): string | undefined => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
const page = (reply: FastifyReply, status: number, body: string, cache = false) => reply.status(status).type(HTML).header('cache-control', cache ? 'public, max-age=5' : 'no-store').send(body);
const idOf = (v: string): number => (/^\d{1,9}$/.test(v) ? Number(v) : 0);

export function registerConsultationPortal(root: FastifyInstance, deps: ServiceDeps, portalAgency: (code: string) => Promise<Found | null>): void {
  void root.register(async (app) => {
    app.get('/assets/consultation-pages.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(consultationCss));

    app.get<{ Params: { code: string } }>('/org/:code/open/interaction/consultations', async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency) return reply.callNotFound();
      return page(reply, 200, consultationsPage(agency, await publicConsultations(deps, agency.id)), true);
    });

    const show = async (reply: FastifyReply, agency: Found, id: number, status: number, form: CommentFormState) => {
      const c = await publicConsultation(deps, agency, id);
      if (!c) return reply.callNotFound();
      const captcha = c.acceptsComments ? await newCaptcha(deps) : null;
      return page(reply, status, consultationPage(agency, c, captcha, form));
    };

    app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/consultations/:id', async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency || !idOf(req.params.id)) return reply.callNotFound();
      return show(reply, agency, idOf(req.params.id), 200, {});
    });

    app.post<{ Params: { code: string; id: string }; Body: Body }>('/org/:code/open/interaction/consultations/:id', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      const id = idOf(req.params.id);
      if (!agency || !id) return reply.callNotFound();
      // Nothing is cut: the text comes back whole with the problems.
      const values: FormValues = Object.fromEntries(['article', 'body', 'name', 'phone'].map((k) => [k, textOf(req.body, k)]));
      if (textOf(req.body, 'website')) return show(reply, agency, id, 400, { values, general: ['提交未通过校验，请重试'] });
      try {
        await submitCommentOnline(
          deps,
          agency.id,
          id,
          { ...(values.article ? { article: values.article } : {}), body: values.body ?? '', name: values.name ?? '', ...(values.phone?.trim() ? { phone: values.phone } : {}) },
          { token: textOf(req.body, 'captchaToken') ?? '', answer: textOf(req.body, 'captchaAnswer') ?? '' },
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.status === 404) return reply.callNotFound();
        const { errors, general } = fieldErrorsOf(err);
        return show(reply, agency, id, err.status === 409 || err.status === 429 ? err.status : 400, { values, errors, general });
      }
      return show(reply, agency, id, 201, { done: true });
    });
  });
}
