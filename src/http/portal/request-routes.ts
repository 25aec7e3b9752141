/**
 * The portal's 依申请公开 pages: the online form (every problem told in one round, next to its
 * field), tracking by POST (the code and the phone digits never in a URL; an old GET link with
 * them gets the form, asking again), the applicant's 补正 online (multipart, registered in this
 * plugin's own scope only) and the 答复书 download.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { requestColumnPage, requestReceiptPage, type FieldErrors, type FormValues } from '../../views/portal/request-pages.ts';
import { trackingPage, type TrackingState } from '../../views/portal/tracking-pages.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { trackRequest, type IdType, deliveries, requestedForms, SUPPLEMENT_MAX_FILES } from '../../services/requests.ts';
import { submitPublicRequest } from '../../services/public-submissions.ts';
import { applicantReply, submitSupplement } from '../../capabilities/requests/applicant.ts';
import { requestFields } from '../../capabilities/requests/validation.ts';
import { MAX_ATTACHMENT_BYTES } from '../../services/attachments/index.ts';
import { AppError } from '../../services/errors.ts';
import type { ApplicantType } from '../../domain/requests/outcomes.ts';
import { SUBMIT_LIMIT, TRACK_LIMIT } from '../api/public-routes.ts';
import { packageRoot } from '../../paths.ts';

const HTML = 'text/html; charset=utf-8';
const asset = (name: string): string => readFileSync(new URL(`src/views/assets/${name}`, packageRoot), 'utf8');
const formCss = asset('request-form.css');
const formJs = asset('request-form.js');

type Body = Record<string, unknown> | undefined;
const textOf = (body: Body, key: string): string | undefined => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);

/** Each field's messages, from an AppError's `details.fields` (those with no field are general). */
export function fieldErrorsOf(err: AppError): { errors: FieldErrors; general: string[] } {
  const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!fields) return { errors: {}, general: [err.message] };
  const errors: FieldErrors = {};
  for (const f of fields) errors[f.field] = [...(errors[f.field] ?? []), f.message];
  return { errors, general: [] };
}

const page = (reply: FastifyReply, status: number, html: string) => reply.status(status).type(HTML).header('cache-control', 'no-store').send(html);

/** A refused 补正 or download is shown on the tracking page; the status says what kind of refusal. */
const refusalStatus = (err: AppError): number => (err.status === 404 || err.status === 409 || err.status === 413 || err.status === 429 ? err.status : 400);

export function registerRequestPortal(root: FastifyInstance, deps: ServiceDeps, portalAgency: (code: string) => Promise<(PortalAgency & { id: number }) | null>): void {
  void root.register(async (app) => routes(app, deps, portalAgency));
}

async function routes(app: FastifyInstance, deps: ServiceDeps, portalAgency: (code: string) => Promise<(PortalAgency & { id: number }) | null>): Promise<void> {
  // Refusals raised before a handler runs (the rate limit) are shown as the page, not as JSON.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: { code?: string } }>, reply) => {
    const agency = err instanceof AppError && err.status < 500 ? await portalAgency(req.params.code ?? '') : null;
    if (!agency || !(err instanceof AppError)) throw err;
    if (req.routeOptions.url === '/org/:code/open/request') {
      const captcha = await newCaptcha(deps);
      return page(reply, err.status, requestColumnPage(agency, { idempotencyKey: randomUUID() }, captcha.question, captcha.token, {}, [err.message]));
    }
    return page(reply, err.status, trackingPage(agency, { error: err.message }));
  });

  app.get('/assets/request-form.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(formCss));
  app.get('/assets/request-form.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(formJs));


  app.get<{ Params: { code: string } }>('/org/:code/open/request', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const captcha = await newCaptcha(deps);
    // A retry of this form (a lost answer, a resubmitted page) carries the same key: no duplicate.
    return page(reply, 200, requestColumnPage(agency, { idempotencyKey: randomUUID() }, captcha.question, captcha.token));
  });

  app.post<{ Params: { code: string }; Body: Body }>('/org/:code/open/request', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const body = typeof req.body === 'object' && req.body ? req.body : {};
    // Nothing is cut: an over-long field is refused with its length, and the text is shown again whole.
    const values: FormValues = Object.fromEntries([...requestFields, 'idempotencyKey'].map((k) => [k, textOf(body, k)]));
    const rerender = async (errors: FieldErrors, general: string[], status = 400) => {
      const captcha = await newCaptcha(deps);
      return page(reply, status, requestColumnPage(agency, values, captcha.question, captcha.token, errors, general));
    };
    if (textOf(body, 'website')) return rerender({}, ['提交未通过校验，请重试']);
    try {
      const created = await submitPublicRequest(deps, {
        agencyId: agency.id,
        address: req.ip,
        idempotencyKey: values.idempotencyKey || undefined,
        captchaToken: textOf(body, 'captchaToken') ?? '',
        captchaAnswer: textOf(body, 'captchaAnswer') ?? '',
        request: {
          applicant: {
            type: (values.applicantType ?? '') as ApplicantType,
            name: values.applicantName ?? '',
            idType: (values.idType || undefined) as IdType | undefined,
            idNumber: values.idNumber,
            phone: values.phone,
            email: values.email,
            address: values.address,
            contactPerson: values.contactPerson,
          },
          description: values.description ?? '',
          purpose: values.purpose,
          requestedForm: (values.requestedForm ?? '') as keyof typeof requestedForms,
          delivery: (values.delivery ?? '') as keyof typeof deliveries,
        },
      });
      return page(reply, 201, requestReceiptPage(agency, created.queryCode, created.trackingHint));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'IDEMPOTENCY_KEY_REUSED' || err.code === 'INVALID_IDEMPOTENCY_KEY') values.idempotencyKey = randomUUID();
      const { errors, general } = fieldErrorsOf(err);
      return rerender(errors, general, err.status === 409 || err.status === 429 ? err.status : 400);
    }
  });

  /** Tracks with the pair; a wrong pair is the form again with the reason. */
  const tracked = async (code: string, secret: string, extra: Partial<TrackingState> = {}): Promise<{ status: number; state: TrackingState }> => {
    try {
      return { status: 200, state: { code, secret, result: await trackRequest(deps, code, secret), ...extra } };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return { status: err.status, state: { code, error: err.message } };
    }
  };

  // Old links (a bookmark, a receipt's link) may carry ?code=…&secret=…: the secret is never read
  // from a URL, so the page asks again, with only the query code filled in.
  app.get<{ Params: { code: string }; Querystring: { code?: unknown } }>('/org/:code/open/request/track', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 40) : undefined;
    return page(reply, 200, trackingPage(agency, { code }));
  });

  app.post<{ Params: { code: string }; Body: Body }>('/org/:code/open/request/track', { config: { rateLimit: TRACK_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const code = (textOf(req.body, 'code') ?? '').slice(0, 40);
    const secret = (textOf(req.body, 'secret') ?? '').slice(0, 10);
    if (!code.trim() || !secret.trim()) return page(reply, 400, trackingPage(agency, { code, error: '请输入查询码和联系电话（或证件号码）后四位' }));
    const { status, state } = await tracked(code, secret);
    return page(reply, status, trackingPage(agency, state));
  });

  app.post<{ Params: { code: string }; Body: Body }>('/org/:code/open/request/reply', { config: { rateLimit: TRACK_LIMIT } }, async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const code = (textOf(req.body, 'code') ?? '').slice(0, 40);
    const secret = (textOf(req.body, 'secret') ?? '').slice(0, 10);
    const format = textOf(req.body, 'format') === 'html' ? 'html' : 'docx';
    try {
      const notice = await applicantReply(deps, code, secret, format);
      reply.header('cache-control', 'no-store');
      if (format === 'html') return reply.type(HTML).send(notice.body);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(notice.title)}.docx`)
        .send(notice.body);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const { state } = await tracked(code, secret);
      return page(reply, refusalStatus(err), trackingPage(agency, { ...state, error: err.message }));
    }
  });

  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // The pair, the text and a few files; anything beyond is refused rather than read.
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: SUPPLEMENT_MAX_FILES + 1, fields: 4, parts: SUPPLEMENT_MAX_FILES + 5, fieldSize: 64 * 1024, headerPairs: 50 },
    });
    scope.post<{ Params: { code: string } }>('/org/:code/open/request/supplement', { config: { rateLimit: SUBMIT_LIMIT } }, async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency) return reply.callNotFound();
      const fields: Record<string, string> = {};
      const files: { name: string; data: Buffer }[] = [];
      let readError: string | null = null;
      if (!req.isMultipart()) readError = '请通过补正表单提交';
      else {
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') {
              const data = await part.toBuffer();
              if (part.fieldname === 'files' && (data.length > 0 || part.filename)) files.push({ name: part.filename.slice(0, 200), data });
            } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          }
        } catch (err) {
          const code = (err as FastifyError).code;
          readError =
            code === 'FST_REQ_FILE_TOO_LARGE'
              ? `单个文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，请压缩或拆分后再上传`
              : code === 'FST_FILES_LIMIT'
                ? `补正材料最多 ${SUPPLEMENT_MAX_FILES} 个文件`
                : '上传的内容不完整或格式不正确，请重新提交';
        }
      }
      const code = (fields.code ?? '').slice(0, 40);
      const secret = (fields.secret ?? '').slice(0, 10);
      const values = { text: fields.text ?? '' };
      const again = async (status: number, supplement: TrackingState['supplement'], error?: string) => {
        const { status: trackStatus, state } = await tracked(code, secret, { supplement });
        return page(reply, trackStatus === 200 ? status : trackStatus, trackingPage(agency, { ...state, ...(error ? { error } : {}) }));
      };
      if (readError) return again(400, { values, errors: { files: [readError] }, general: [] });
      try {
        const { date } = await submitSupplement(deps, { code, secret, text: values.text, files });
        const { status, state } = await tracked(code, secret, { done: `补正已提交，收到补正之日为 ${date}；答复期限自该日起重新计算。` });
        return page(reply, status, trackingPage(agency, state));
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const { errors, general } = fieldErrorsOf(err);
        if (err.status === 400) return again(400, { values, errors, general });
        return again(refusalStatus(err), undefined, err.message);
      }
    });
  });
}
