import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { directoryAgencies, directoryAgency } from '../../capabilities/agencies/directory.ts';
import { agencyDirectory } from '../../domain/agencies/directory.ts';
import { directoryView, portalView } from './directory-view.ts';
import { openColumns, type OpenColumnSlug, type PortalAgency } from '../../views/portal/layout.ts';
import { agencyHomePage, columnPage, noAgencyPage, notFoundPage, platformHomePage } from '../../views/portal/pages.ts';
import { registerDocumentPortal } from './document-routes.ts';
import { registerReportCheckPortal } from './report-check-routes.ts';
import { registerRequestPortal } from './request-routes.ts';
import { registerMessagePortal } from './message-routes.ts';
import { registerConsultationPortal } from './consultation-routes.ts';
import { registerSurveyPortal } from '../../capabilities/surveys/portal.ts';
import { registerInterviewPortal } from './interview-routes.ts';
import { registerSitePortal } from './site-routes.ts';
import { registerBrochurePortal } from './brochure-routes.ts';
import { packageRoot } from '../../paths.ts';
import { latestPublished } from '../../services/publications.ts';
import { publicSiteSettings } from '../../capabilities/agencies/site-settings.ts';
import { TtlCache } from '../../services/ttl-cache.ts';
import type { HomeItem } from '../../views/portal/home-parts.ts';

const portalCss = readFileSync(new URL('src/views/assets/portal.css', packageRoot), 'utf8');

const HTML = 'text/html; charset=utf-8';
const HOME_LATEST = 8;

const portalAgencies = directoryAgencies;
const agencyByCode = (deps: ServiceDeps, code: string): Promise<Agency | undefined> => directoryAgency(deps, code);

/** The agency whose portal `/` shows: the first top-level agency (a platform of several tops lists them all). */
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

  // The home of an agency lists the agencies below it by level; `/` is the top agency's home, or
  // with several agencies at the top, the platform's directory of all of them (decision 027).
  // The latest items cost a query per document: kept for 5 s like the other public lists (decision 005).
  const latest = new TtlCache<number, HomeItem[]>(5000, 2000);
  const home = async (agency: Agency): Promise<string> => {
    const all = await portalAgencies(deps);
    const parent = all.find((a) => a.id === agency.parent_id);
    const [items, settings, directory] = await Promise.all([
      latest.get(agency.id, async () =>
        (await latestPublished(deps, agency.id, HOME_LATEST)).map((d) => ({ id: d.id, title: d.title, docNo: d.docNo, publishedAt: d.publishedAt, interpretations: d.interpretations, policy: d.interpretation?.policy ?? null })),
      ),
      publicSiteSettings(deps, agency.id),
      directoryView(deps),
    ]);
    return agencyHomePage(portalView(agency), {
      directory: agencyDirectory(directory, agency.id),
      parent: parent && portalView(parent),
      latest: items,
      profile: { fullName: agency.full_name?.trim() || agency.name, settings },
    });
  };

  app.get('/', async (_req, reply) => {
    const all = await portalAgencies(deps);
    const tops = all.filter((a) => a.parent_id === null);
    if (tops.length > 1) return reply.type(HTML).send(platformHomePage(agencyDirectory(await directoryView(deps), null)));
    const root = tops[0] ?? all[0];
    return reply.type(HTML).send(root ? await home(root) : noAgencyPage());
  });

  app.get<{ Params: { code: string } }>('/org/:code/', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    if (!agency) return reply.callNotFound();
    return reply.type(HTML).send(await home(agency));
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
  registerConsultationPortal(app, deps, async (code) => {
    const agency = await agencyByCode(deps, code);
    return agency ? { id: agency.id, code: agency.code, name: agency.name } : null;
  });
  registerSurveyPortal(app, deps, (code) => agencyByCode(deps, code));
  registerInterviewPortal(app, deps, (code) => agencyByCode(deps, code));
  registerBrochurePortal(app, deps, (code) => agencyByCode(deps, code));
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
