import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { findAgency, listAllAgencies } from '../../services/agencies.ts';
import { openColumns, type OpenColumnSlug, type PortalAgency } from '../../views/portal/layout.ts';
import { agencyHomePage, columnPage, noAgencyPage, notFoundPage } from '../../views/portal/pages.ts';
import { registerDocumentPortal } from './document-routes.ts';
import { registerReportCheckPortal } from './report-check-routes.ts';
import { registerRequestPortal } from './request-routes.ts';
import { registerMessagePortal } from './message-routes.ts';
import { registerSurveyPortal } from '../../capabilities/surveys/portal.ts';
import { registerInterviewPortal } from './interview-routes.ts';
import { registerSitePortal } from './site-routes.ts';
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

  registerRequestPortal(app, deps, async (code) => {
    const agency = await agencyByCode(deps, code);
    return agency ? { id: agency.id, code: agency.code, name: agency.name } : null;
  });

  registerMessagePortal(app, deps, (code) => agencyByCode(deps, code));
  registerSurveyPortal(app, deps, (code) => agencyByCode(deps, code));
  registerInterviewPortal(app, deps, (code) => agencyByCode(deps, code));
  registerSitePortal(app, deps, (code) => agencyByCode(deps, code), async () => {
    const root = await defaultAgency(deps);
    return root ? agencyByCode(deps, root.code) : undefined;
  });

  app.get<{ Params: { code: string; column: string } }>('/org/:code/open/:column', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    const column = openColumns.find((c) => c.slug === req.params.column);
    if (!agency || !column) return reply.callNotFound();
    return reply.type(HTML).send(columnPage({ code: agency.code, name: agency.name }, column.slug as OpenColumnSlug));
  });
}
