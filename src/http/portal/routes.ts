import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { findAgency, listAllAgencies } from '../../services/agencies.ts';
import { openColumns, type OpenColumnSlug, type PortalAgency } from '../../views/portal/layout.ts';
import { agencyHomePage, columnPage, noAgencyPage, notFoundPage } from '../../views/portal/pages.ts';
import { requestColumnPage, requestReceiptPage, trackingPage, type FormValues } from '../../views/portal/request-pages.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { trackRequest, type IdType, deliveries, requestedForms } from '../../services/requests.ts';
import { submitPublicRequest } from '../../services/public-submissions.ts';
import { AppError } from '../../services/errors.ts';
import type { ApplicantType } from '../../domain/requests/outcomes.ts';
import { SUBMIT_LIMIT, TRACK_LIMIT } from '../api/public-routes.ts';
import { registerDocumentPortal } from './document-routes.ts';
import { registerReportCheckPortal } from './report-check-routes.ts';
import { packageRoot } from '../../paths.ts';

const portalCss = readFileSync(new URL('src/views/assets/portal.css', packageRoot), 'utf8');

const HTML = 'text/html; charset=utf-8';

/**
 * The portal reads agencies on every page; they change rarely, so they are cached briefly
 * (a few seconds of staleness after an edit is acceptable on public pages, and it holds
 * across several server processes sharing one PostgreSQL).
 */
const AGENCY_CACHE_MS = 5000;
const agencyCache = new WeakMap<ServiceDeps, { at: number; all: Agency[] }>();

async function portalAgencies(deps: ServiceDeps): Promise<Agency[]> {
  const hit = agencyCache.get(deps);
  const now = Date.now();
  if (hit && now - hit.at < AGENCY_CACHE_MS) return hit.all;
  const all = await listAllAgencies(deps.db);
  agencyCache.set(deps, { at: now, all });
  return all;
}

async function agencyByCode(deps: ServiceDeps, code: string): Promise<Agency | undefined> {
  const all = await portalAgencies(deps);
  return all.find((a) => a.code === code) ?? (await findAgency(deps.db, code));
}

/** The agency whose portal `/` shows: the first top-level agency (a platform lists the rest). */
async function defaultAgency(deps: ServiceDeps): Promise<PortalAgency | null> {
  const all = await portalAgencies(deps);
  const root = all.find((a) => a.parent_id === null) ?? all[0];
  return root ? { code: root.code, name: root.name } : null;
}

export async function agencyFromRequest(deps: ServiceDeps, req: FastifyRequest): Promise<PortalAgency | null> {
  const match = /^\/org\/([^/?#]+)/.exec(req.url);
  if (match) {
    let code = match[1]!;
    try {
      code = decodeURIComponent(code);
    } catch {
      /* malformed escape: fall through with the raw text */
    }
    const agency = await agencyByCode(deps, code);
    if (agency) return { code: agency.code, name: agency.name };
  }
  return defaultAgency(deps);
}

export function renderNotFound(deps: ServiceDeps) {
  return async (req: FastifyRequest): Promise<string> => notFoundPage(await agencyFromRequest(deps, req));
}

export function registerPortal(app: FastifyInstance, deps: ServiceDeps): void {
  app.get('/assets/portal.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(portalCss),
  );

  const home = async (agency: PortalAgency): Promise<string> => {
    const all = await portalAgencies(deps);
    const self = all.find((a) => a.code === agency.code);
    // A government's portal leads to the townships and departments below it.
    const isBelow = (a: Agency) => self !== undefined && a.parent_id === self.id;
    const view = (a: Agency) => ({ code: a.code, name: a.name });
    const below = all.filter(isBelow).slice(0, 200).map(view);
    const others = all.filter((a) => a.code !== agency.code && !isBelow(a)).slice(0, 200).map(view);
    return agencyHomePage(agency, others, below);
  };

  app.get('/', async (_req, reply) => {
    const agency = await defaultAgency(deps);
    return reply.type(HTML).send(agency ? await home(agency) : noAgencyPage());
  });

  app.get<{ Params: { code: string } }>('/org/:code/', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    if (!agency) return reply.callNotFound();
    return reply.type(HTML).send(await home({ code: agency.code, name: agency.name }));
  });

  registerDocumentPortal(app, deps, (code) => agencyByCode(deps, code));

  const portalAgency = async (code: string): Promise<PortalAgency | null> => {
    const agency = await agencyByCode(deps, code);
    return agency ? { code: agency.code, name: agency.name } : null;
  };
  registerReportCheckPortal(app, portalAgency);

  app.get<{ Params: { code: string } }>('/org/:code/open/request', async (req, reply) => {
    const agency = await portalAgency(req.params.code);
    if (!agency) return reply.callNotFound();
    const captcha = await newCaptcha(deps);
    // A retry of this form (a lost answer, a resubmitted page) carries the same key: no duplicate.
    return reply.type(HTML).header('cache-control', 'no-store').send(requestColumnPage(agency, { idempotencyKey: randomUUID() }, captcha.question, captcha.token));
  });

  app.post<{ Params: { code: string }; Body: Record<string, string | undefined> }>(
    '/org/:code/open/request',
    { config: { rateLimit: SUBMIT_LIMIT } },
    async (req, reply) => {
      const agency = await agencyByCode(deps, req.params.code);
      if (!agency) return reply.callNotFound();
      const v = typeof req.body === 'object' && req.body ? req.body : {};
      const str = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k]!.slice(0, 6000) : undefined);
      const values: FormValues = Object.fromEntries(
        ['applicantType', 'applicantName', 'contactPerson', 'idType', 'idNumber', 'phone', 'email', 'address', 'description', 'purpose', 'requestedForm', 'delivery', 'idempotencyKey'].map((k) => [k, str(k)]),
      );
      const rerender = async (errors: string[], status = 400) => {
        const captcha = await newCaptcha(deps);
        return reply
          .status(status)
          .type(HTML)
          .header('cache-control', 'no-store')
          .send(requestColumnPage({ code: agency.code, name: agency.name }, values, captcha.question, captcha.token, errors));
      };
      if (str('website')) return rerender(['提交未通过校验，请重试']);
      try {
        const created = await submitPublicRequest(deps, {
          agencyId: agency.id,
          address: req.ip,
          idempotencyKey: values.idempotencyKey || undefined,
          captchaToken: str('captchaToken') ?? '',
          captchaAnswer: str('captchaAnswer') ?? '',
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
        return reply
          .status(201)
          .type(HTML)
          .header('cache-control', 'no-store')
          .send(requestReceiptPage({ code: agency.code, name: agency.name }, created.queryCode, created.trackingHint));
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const problems = (err.details as { problems?: string[] } | undefined)?.problems;
          if (err.code === 'IDEMPOTENCY_KEY_REUSED' || err.code === 'INVALID_IDEMPOTENCY_KEY') values.idempotencyKey = randomUUID();
          return rerender(problems ?? [err.message], err.status === 409 || err.status === 429 ? err.status : 400);
        }
        throw err;
      }
    },
  );

  app.get<{ Params: { code: string }; Querystring: { code?: string; secret?: string } }>(
    '/org/:code/open/request/track',
    { config: { rateLimit: TRACK_LIMIT } },
    async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency) return reply.callNotFound();
      const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 40) : undefined;
      const secret = typeof req.query.secret === 'string' ? req.query.secret.slice(0, 10) : undefined;
      let result = null;
      let error: string | null = null;
      if (code && secret) {
        try {
          result = await trackRequest(deps, code, secret);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          error = err.message;
        }
      }
      return reply
        .status(error ? 404 : 200)
        .type(HTML)
        .header('cache-control', 'no-store')
        .send(trackingPage(agency, { code }, result, error));
    },
  );

  app.get<{ Params: { code: string; column: string } }>('/org/:code/open/:column', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    const column = openColumns.find((c) => c.slug === req.params.column);
    if (!agency || !column) return reply.callNotFound();
    return reply.type(HTML).send(columnPage({ code: agency.code, name: agency.name }, column.slug as OpenColumnSlug));
  });
}
