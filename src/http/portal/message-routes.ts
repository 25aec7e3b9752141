/**
 * The portal's 互动交流 column (issue 16): mailboxes and the message form, the receipt, tracking
 * and rating by POST, the published replies, and the statistics. Server-rendered; no page needs
 * JavaScript.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { interactionHome, messageCss, messageFormPage, messageReceiptPage, messageTrackingPage, type MessageTrackingState } from '../../views/portal/message-pages.ts';
import { repliesPage, replyPage, statisticsPage } from '../../views/portal/message-public-pages.ts';
import type { FieldErrors, FormValues } from '../../views/portal/request-pages.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { AppError } from '../../services/errors.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { isMessageKind, isRating, type MessageKind } from '../../domain/messages/index.ts';
import { submitMessageOnline, rateAsWriter } from '../../capabilities/messages/commands.ts';
import { publicMailboxes, trackMessage } from '../../capabilities/messages/queries.ts';
import { messageStatisticsOf, messageYears, publishedReplies, publishedReply } from '../../capabilities/messages/public.ts';
import { SUBMIT_LIMIT, TRACK_LIMIT } from '../api/public-routes.ts';
import { fieldErrorsOf } from './request-routes.ts';

const HTML = 'text/html; charset=utf-8';
const PAGE_SIZE = 20;
type Body = Record<string, unknown> | undefined;
type Found = PortalAgency & { id: number };

const textOf = (body: Body, key: string): string | undefined => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
const page = (reply: FastifyReply, status: number, body: string, cache = false) =>
  reply.status(status).type(HTML).header('cache-control', cache ? 'public, max-age=5' : 'no-store').send(body);
const positive = (v: unknown, fallback: number, max: number): number => {
  const n = typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

export function registerMessagePortal(root: FastifyInstance, deps: ServiceDeps, agencyByCode: (code: string) => Promise<Agency | undefined>): void {
  const portalAgency = async (code: string): Promise<Found | null> => {
    const a = await agencyByCode(code);
    return a ? { id: a.id, code: a.code, name: a.name } : null;
  };
  void root.register(async (app) => routes(app, deps, portalAgency));
}

const formFields = ['kind', 'title', 'body', 'name', 'phone', 'email', 'address', 'consentToPublish'] as const;

async function routes(app: FastifyInstance, deps: ServiceDeps, portalAgency: (code: string) => Promise<Found | null>): Promise<void> {
  // A refusal raised before a handler runs (the rate limit) is shown as the tracking page.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: { code?: string } }>, reply) => {
    const agency = err instanceof AppError && err.status < 500 ? await portalAgency(req.params.code ?? '') : null;
    if (!agency || !(err instanceof AppError)) throw err;
    return page(reply, err.status, messageTrackingPage(agency, { error: err.message }));
  });

  app.get('/assets/message-pages.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(messageCss));

  app.get<{ Params: { code: string } }>('/org/:code/open/interaction', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const { mailboxes } = await publicMailboxes(deps, agency.code);
    const latest = await publishedReplies(deps, agency.id, '', 1, 5);
    return page(reply, 200, interactionHome(agency, mailboxes, latest.items), true);
  });

  const mailboxOf = async (agency: Found, id: string) => (await publicMailboxes(deps, agency.code)).mailboxes.find((m) => String(m.id) === id);

  app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/mailbox/:id', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const mailbox = agency && (await mailboxOf(agency, req.params.id));
    if (!agency || !mailbox) return reply.callNotFound();
    const captcha = await newCaptcha(deps);
    return page(reply, 200, messageFormPage(agency, mailbox, {}, captcha.question, captcha.token));
  });

  app.post<{ Params: { code: string; id: string }; Body: Body }>('/org/:code/open/interaction/mailbox/:id', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const mailbox = agency && (await mailboxOf(agency, req.params.id));
    if (!agency || !mailbox) return reply.callNotFound();
    // Nothing is cut: an over-long field is refused with its length, and the text is shown again whole.
    const values: FormValues = Object.fromEntries(formFields.map((k) => [k, textOf(req.body, k)]));
    const rerender = async (errors: FieldErrors, general: string[], status = 400) => {
      const captcha = await newCaptcha(deps);
      return page(reply, status, messageFormPage(agency, mailbox, values, captcha.question, captcha.token, errors, general));
    };
    if (textOf(req.body, 'website')) return rerender({}, ['提交未通过校验，请重试']);
    const consent = values.consentToPublish === 'yes' ? true : values.consentToPublish === 'no' ? false : undefined;
    try {
      const { queryCode } = await submitMessageOnline(
        deps,
        agency.id,
        {
          mailboxId: mailbox.id,
          kind: (isMessageKind(values.kind) ? values.kind : '') as MessageKind,
          title: values.title ?? '',
          body: values.body ?? '',
          name: values.name ?? '',
          phone: values.phone ?? '',
          ...(values.email?.trim() ? { email: values.email } : {}),
          ...(values.address?.trim() ? { address: values.address } : {}),
          consentToPublish: consent as boolean,
        },
        { token: textOf(req.body, 'captchaToken') ?? '', answer: textOf(req.body, 'captchaAnswer') ?? '' },
      );
      return page(reply, 201, messageReceiptPage(agency, queryCode));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const { errors, general } = fieldErrorsOf(err);
      return rerender(errors, general, err.status === 409 || err.status === 429 ? err.status : 400);
    }
  });

  /** Tracks with the pair; a wrong pair is the form again with the reason. */
  const tracked = async (code: string, secret: string, extra: Partial<MessageTrackingState> = {}): Promise<{ status: number; state: MessageTrackingState }> => {
    try {
      return { status: 200, state: { code, secret, result: await trackMessage(deps, code, secret), ...extra } };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return { status: err.status, state: { code, error: err.message } };
    }
  };
  const pair = (body: Body) => ({ code: (textOf(body, 'code') ?? '').slice(0, 40), secret: (textOf(body, 'secret') ?? '').slice(0, 10) });

  app.get<{ Params: { code: string } }>('/org/:code/open/interaction/track', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    return page(reply, 200, messageTrackingPage(agency, {}));
  });

  app.post<{ Params: { code: string }; Body: Body }>('/org/:code/open/interaction/track', { config: { rateLimit: TRACK_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const { code, secret } = pair(req.body);
    if (!code.trim() || !secret.trim()) return page(reply, 400, messageTrackingPage(agency, { code, error: '请输入查询码和联系电话后四位' }));
    const { status, state } = await tracked(code, secret);
    return page(reply, status, messageTrackingPage(agency, state));
  });

  app.post<{ Params: { code: string }; Body: Body }>('/org/:code/open/interaction/rate', { config: { rateLimit: TRACK_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const { code, secret } = pair(req.body);
    const values: FormValues = { rating: textOf(req.body, 'rating'), comment: textOf(req.body, 'comment') };
    const errors: FieldErrors = {};
    if (!isRating(values.rating)) errors.rating = ['请选择满意、基本满意或不满意'];
    if ([...(values.comment ?? '')].length > 500) errors.comment = [`意见不能超过 500 个字，现为 ${[...(values.comment ?? '')].length} 个字`];
    if (Object.keys(errors).length) {
      const { status, state } = await tracked(code, secret, { rating: { values, errors } });
      return page(reply, status === 200 ? 400 : status, messageTrackingPage(agency, state));
    }
    try {
      await rateAsWriter(deps, code, secret, values.rating as Parameters<typeof rateAsWriter>[3], values.comment);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const { state } = await tracked(code, secret);
      return page(reply, err.status, messageTrackingPage(agency, { ...state, error: err.message }));
    }
    const { status, state } = await tracked(code, secret, { done: '感谢您的评价，评价已记录。' });
    return page(reply, status, messageTrackingPage(agency, state));
  });

  app.get<{ Params: { code: string }; Querystring: { q?: unknown; page?: unknown } }>('/org/:code/open/interaction/replies', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 256) : '';
    const n = positive(req.query.page, 1, 500);
    return page(reply, 200, repliesPage(agency, q, n, PAGE_SIZE, await publishedReplies(deps, agency.id, q, n, PAGE_SIZE)), true);
  });

  app.get<{ Params: { code: string; id: string } }>('/org/:code/open/interaction/replies/:id', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    const id = positive(req.params.id, 0, Number.MAX_SAFE_INTEGER);
    const found = agency && id ? await publishedReply(deps, agency.id, id) : null;
    if (!agency || !found) return reply.callNotFound();
    return page(reply, 200, replyPage(agency, found), true);
  });

  app.get<{ Params: { code: string }; Querystring: { year?: unknown } }>('/org/:code/open/interaction/statistics', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const years = await messageYears(deps, agency.id);
    const asked = positive(req.query.year, 0, 2100);
    const year = years.includes(asked) ? asked : Number(chinaDate(deps.now()).slice(0, 4));
    return page(reply, 200, statisticsPage(agency, year, years, await messageStatisticsOf(deps, agency.id, year)), true);
  });
}
