import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { directoryAgencies, directoryNodes, searchReach } from '../../capabilities/agencies/directory.ts';
import type { SearchScope } from '../../domain/agencies/directory.ts';
import { chinaYear } from '../../domain/calendar/china-time.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { earlierVersion, getPortalPage, getPublished, latestPublished, listPublished, publicCategories, publishedAttachment, searchPublished, sitemapEntries, statutoryOverview, toChannelView } from '../../services/publications.ts';
import { renderAtomFeed, renderRssFeed, renderSitemaps } from '../../views/channels/index.ts';
import { AppError } from '../../services/errors.ts';
import { annualReportsPage, cataloguePage, documentPage, editablePage, searchPage, statutoryPage, VIEW_COUNT_SLOT } from '../../views/portal/document-pages.ts';
import { earlierVersionPage } from '../../views/portal/interpretation-parts.ts';
import { TtlCache } from '../../services/ttl-cache.ts';
import { publishedReport, publishedReports } from '../../capabilities/reports/queries.ts';
import { exportReport, type ReportFormat } from '../../capabilities/reports/exports.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { annualReportPage } from '../../views/portal/report-page.ts';
import type { Agency } from '../../storage/schema.ts';
import { hostOf, sameSitePath } from '../security.ts';
import { publicContact } from '../../capabilities/records/queries.ts';
import { consultationOfDocument } from '../../capabilities/consultations/public.ts';

const HTML = 'text/html; charset=utf-8';

/** 适老化 large-text mode is a class on the root element. */
const withTextSize = (page: string, large: boolean): string => (large ? page.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="large-text">') : page);
const PAGE_SIZE = 20;

const int = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const str = (v: unknown, max = 100): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** Public pages of proactive disclosure: catalogue, documents, search, statutory items, guide. */
export function registerDocumentPortal(app: FastifyInstance, deps: ServiceDeps, agencyByCode: (code: string) => Promise<Agency | undefined>): void {
  const renderedPages = new TtlCache<string, Buffer[]>(5000, 2000);
  // A search page is rendered once per cached result (publications.ts hands out the same object
  // while its 5-second entry holds); the key adds what else the page shows.
  const renderedSearches = new WeakMap<object, Map<string, string>>();
  const resolve = async (code: string): Promise<{ agency: Agency; view: PortalAgency } | null> => {
    const agency = await agencyByCode(code);
    return agency ? { agency, view: { code: agency.code, name: agency.name } } : null;
  };

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>('/org/:code/open/catalogue', async (req, reply) => {
    const a = await resolve(req.params.code);
    if (!a) return reply.callNotFound();
    const filters = { category: str(req.query.category, 40), year: int(req.query.year, 1990, 2100), validity: str(req.query.validity, 20) };
    const page = int(req.query.page, 1, 500) ?? 1;
    const [categories, list] = await Promise.all([
      publicCategories(deps, a.agency.id),
      listPublished(deps, { agencyId: a.agency.id, ...filters, page, pageSize: PAGE_SIZE }),
    ]);
    const thisYear = chinaYear(deps.now());
    return reply.type(HTML).send(
      cataloguePage(a.view, { categories, filters, years: Array.from({ length: 10 }, (_, i) => thisYear - i), page, pageSize: PAGE_SIZE, total: list.total, items: list.items }),
    );
  });

  app.get<{ Params: { code: string; id: string } }>('/org/:code/documents/:id', async (req, reply) => {
    const a = await resolve(req.params.code);
    const id = int(req.params.id, 1, 2 ** 31);
    if (!a || !id) return reply.callNotFound();
    const doc = await getPublished(deps, a.agency.id, id, true);
    if (!doc) {
      // A withdrawn version that was revised keeps a page with its 撤回 note (decision 018).
      const earlier = await earlierVersion(deps, a.agency.id, id);
      return earlier ? reply.type(HTML).send(earlierVersionPage(a.view, earlier)) : reply.callNotFound();
    }
    // The page is rendered once per cache period; only the view count changes per request.
    // Kept as encoded pieces around the view-count slots, so a request only joins bytes.
    const large = req.cookies?.gk_large === '1';
    const links = `${doc.interpretations.map((i) => i.id).join(',')}:${doc.interpretation?.policy?.id ?? ''}:${doc.previousVersion?.id ?? ''}`;
    // The 意见征集 the document came from (decision 024).
    const consultation = await consultationOfDocument(deps, a.agency.id, id);
    const pieces = await renderedPages.get(`${a.agency.code}:${id}:${large ? 'L' : 'N'}:${doc.title.length}:${doc.bodyHtml.length}:${links}:${consultation?.id ?? ''}`, async () =>
      withTextSize(documentPage(a.view, doc, consultation), large)
        .split(VIEW_COUNT_SLOT)
        .map((part) => Buffer.from(part)),
    );
    const count = Buffer.from(String(doc.viewCount));
    const parts: Buffer[] = [];
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push(count);
      parts.push(piece);
    });
    return reply.type(HTML).send(Buffer.concat(parts));
  });

  app.get<{ Params: { code: string; id: string; att: string } }>('/org/:code/documents/:id/attachments/:att', async (req, reply) => {
    const a = await resolve(req.params.code);
    const id = int(req.params.id, 1, 2 ** 31);
    const att = int(req.params.att, 1, 2 ** 31);
    if (!a || !id || !att) return reply.callNotFound();
    const file = await publishedAttachment(deps, a.agency.id, id, att);
    if (!file) return reply.callNotFound();
    return reply
      .type(file.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  });

  // The site search: one agency (the default), the agency and everything below it (`scope=subtree`,
  // decision 027), or at /search the whole platform. Results name their agency when it is another.
  const search = async (req: FastifyRequest<{ Querystring: Record<string, string> }>, reply: FastifyReply, a: { agency: Agency; view: PortalAgency } | null) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 256) : '';
    const filters = { category: str(req.query.category, 40), year: int(req.query.year, 1990, 2100), validity: str(req.query.validity, 20) };
    const page = int(req.query.page, 1, 500) ?? 1;
    const categories = a ? (await publicCategories(deps, a.agency.id)).filter((c) => c.parent_id === null) : [];
    const nodes = await directoryNodes(deps);
    const hasBelow = !!a && nodes.some((n) => n.parentId === a.agency.id);
    let result: Awaited<ReturnType<typeof searchPublished>> = { total: 0, totalCapped: false, items: [], pages: [] };
    let error: string | undefined;
    let scope: SearchScope = 'agency';
    try {
      const reach = a ? await searchReach(deps, a.agency.code, str(req.query.scope, 20)) : null;
      scope = reach?.scope ?? 'agency';
      if (q.trim()) result = await searchPublished(deps, { q, ...(reach?.filter ?? {}), ...filters, page, pageSize: PAGE_SIZE });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.message;
      reply.status(err.status);
    }
    const byId = new Map((await directoryAgencies(deps)).map((x) => [x.id, x]));
    const agencyOf = (id: number) => {
      const x = byId.get(id);
      return x ? { code: x.code, name: x.name } : undefined;
    };
    const render = () =>
      searchPage(a?.view ?? null, { q, page, pageSize: PAGE_SIZE, ...result, items: result.items.map((i) => ({ ...i, agency: agencyOf(i.agencyId) })), filters, categories, error, scope: hasBelow ? scope : undefined });
    if (error || !q.trim()) return reply.type(HTML).send(render());
    let pages = renderedSearches.get(result);
    if (!pages) renderedSearches.set(result, (pages = new Map()));
    const key = `${a?.agency.code ?? ''}\n${a?.agency.name ?? ''}\n${hasBelow ? scope : ''}\n${categories.map((c) => `${c.code}:${c.name}`).join(',')}`;
    let body = pages.get(key);
    if (body === undefined) pages.set(key, (body = render()));
    return reply.type(HTML).send(body);
  };

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>('/org/:code/search', async (req, reply) => {
    const a = await resolve(req.params.code);
    if (!a) return reply.callNotFound();
    return search(req, reply, a);
  });

  app.get<{ Querystring: Record<string, string> }>('/search', async (req, reply) => search(req, reply, null));

  app.get<{ Params: { code: string } }>('/org/:code/open/statutory', async (req, reply) => {
    const a = await resolve(req.params.code);
    if (!a) return reply.callNotFound();
    return reply.type(HTML).send(statutoryPage(a.view, await statutoryOverview(deps, a.agency.id)));
  });

  app.get<{ Params: { code: string } }>('/org/:code/open/annual-reports', async (req, reply) => {
    const a = await resolve(req.params.code);
    if (!a) return reply.callNotFound();
    return reply.type(HTML).send(annualReportsPage(a.view, await publishedReports(deps, a.agency.id)));
  });

  // /annual-reports/2025 is the portal's page of the current version; 2025-v1 an earlier version
  // a correction replaced; .html the bare A4 print version, .docx/.xlsx/.json the downloads.
  app.get<{ Params: { code: string; file: string } }>('/org/:code/annual-reports/:file', async (req, reply) => {
    const a = await resolve(req.params.code);
    const m = /^(\d{4})(?:-v(\d{1,3}))?(?:\.(docx|xlsx|json|html))?$/.exec(req.params.file);
    if (!a || !m) return reply.callNotFound();
    const year = Number(m[1]);
    const published = await publishedReport(deps, a.agency.id, year, m[2] ? Number(m[2]) : undefined);
    if (!published) return reply.callNotFound();
    // The current version has one address only: its plain year.
    if (m[2] && published.version === published.currentVersion) return reply.redirect(`/org/${a.agency.code}/annual-reports/${year}${m[3] ? `.${m[3]}` : ''}`);
    const signer = a.agency.full_name?.trim() || a.agency.name;
    if (!m[3]) return reply.type(HTML).send(annualReportPage(a.view, year, published, signer));
    const format = m[3] as ReportFormat;
    const out = await exportReport(published.report, format, { signer, ...(published.publishedDate ? { date: published.publishedDate } : {}) });
    const fileName = published.version === published.currentVersion ? out.fileName : out.fileName.replace(/(\.\w+)$/, `（第${published.version}版，已更正）$1`);
    if (format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return reply.type(out.contentType).send(out.body);
  });

  for (const slug of ['guide', 'rules'] as const) {
    app.get<{ Params: { code: string } }>(`/org/:code/open/${slug}`, async (req, reply) => {
      const a = await resolve(req.params.code);
      if (!a) return reply.callNotFound();
      return reply.type(HTML).send(editablePage(a.view, slug, await getPortalPage(deps, a.agency.id, slug), slug === 'guide' ? await publicContact(deps, a.agency.id) : null));
    });
  }

  for (const kind of ['atom', 'rss'] as const) {
    app.get<{ Params: { code: string } }>(`/org/:code/feed.${kind}`, async (req, reply) => {
      const a = await resolve(req.params.code);
      if (!a) return reply.callNotFound();
      const site = req.siteUrl;
      const docs = (await latestPublished(deps, a.agency.id, 50)).map((d) => toChannelView(a.view, d, site));
      const options = { selfUrl: `${site}/org/${a.agency.code}/feed.${kind}`, siteUrl: `${site}/org/${a.agency.code}/`, updated: docs[0]?.publishedAt ?? new Date(0).toISOString() };
      const xml = kind === 'atom' ? renderAtomFeed(a.view, docs, options) : renderRssFeed(a.view, docs, options);
      return reply.type(kind === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8').send(xml);
    });
  }

  const sitemaps = async (req: { siteUrl: string }) => {
    const site = req.siteUrl;
    return renderSitemaps(await sitemapEntries(deps, site), (i) => `${site}/sitemaps/${i + 1}.xml`);
  };
  app.get('/sitemap.xml', async (req, reply) => {
    const set = await sitemaps(req);
    return reply.type('application/xml; charset=utf-8').send(set.index ?? set.sitemaps[0]);
  });
  app.get<{ Params: { n: string } }>('/sitemaps/:n', async (req, reply) => {
    const n = int(req.params.n.replace(/\.xml$/, ''), 1, 100000);
    const set = await sitemaps(req);
    const body = n ? set.sitemaps[n - 1] : undefined;
    if (!body || !set.index) return reply.callNotFound();
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  // 适老化 large-text mode without JavaScript: a cookie the page renderer honours.
  app.get<{ Querystring: { large?: string } }>('/a11y/text-size', async (req, reply) => {
    const large = req.query.large === '1';
    reply.setCookie('gk_large', large ? '1' : '0', { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return reply.redirect(sameSitePath(req.headers.referer, [req.host, hostOf(process.env.GONGKAI_PUBLIC_URL)]));
  });
  // A plain callback, not async: this runs on every response.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.cookies?.gk_large !== '1' || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      done(null, payload);
      return;
    }
    done(null, withTextSize(payload, true));
  });
}
