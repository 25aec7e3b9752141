import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { publicMailboxes } from '../../capabilities/messages/queries.ts';
import { publicSiteSettings } from '../../capabilities/agencies/site-settings.ts';
import { contactPage, privacyPage, sitemapPage, siteInfoHtml, type MailboxLink } from '../../views/portal/site-pages.ts';

const HTML = 'text/html; charset=utf-8';
const SITE_INFO = '<!--site-info-->';

/**
 * 联系我们, 网站地图, 隐私声明, and the footer's identification block on every portal page: the
 * layout leaves a marker and this fills it with the settings of the agency the page shows (the
 * default agency's on pages outside /org/CODE/), so no page renderer needs to load them.
 */
export function registerSitePortal(
  app: FastifyInstance,
  deps: ServiceDeps,
  agencyByCode: (code: string) => Promise<Agency | undefined>,
  defaultAgency: () => Promise<Agency | undefined>,
): void {
  const view = (a: Agency) => ({ code: a.code, name: a.name });
  // A closed agency takes no messages (publicIntakeScope refuses it): its pages list no mailbox.
  const mailboxes = async (a: Agency): Promise<MailboxLink[]> =>
    a.closed_at ? [] : (await publicMailboxes(deps, a.code)).mailboxes.map((m) => ({ id: m.id, name: m.name }));

  app.get<{ Params: { code: string } }>('/org/:code/contact', async (req, reply) => {
    const agency = await agencyByCode(req.params.code);
    if (!agency) return reply.callNotFound();
    return reply.type(HTML).send(contactPage(view(agency), await publicSiteSettings(deps, agency.id), await mailboxes(agency)));
  });

  app.get<{ Params: { code: string } }>('/org/:code/sitemap', async (req, reply) => {
    const agency = await agencyByCode(req.params.code);
    if (!agency) return reply.callNotFound();
    return reply.type(HTML).send(sitemapPage(view(agency), await mailboxes(agency)));
  });

  app.get('/privacy', async (_req, reply) => {
    const agency = await defaultAgency();
    return reply.type(HTML).send(privacyPage(agency ? view(agency) : null));
  });

  const pageAgency = async (url: string): Promise<Agency | undefined> => {
    const match = /^\/org\/([^/?#]+)/.exec(url);
    if (!match) return defaultAgency();
    let code = match[1]!;
    try {
      code = decodeURIComponent(code);
    } catch {
      /* malformed escape: the raw text finds nothing, and the footer stays plain */
    }
    return (await agencyByCode(code)) ?? defaultAgency();
  };

  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(SITE_INFO) || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const agency = await pageAgency(req.url);
    const info = agency ? siteInfoHtml(await publicSiteSettings(deps, agency.id)).value : '';
    return payload.replace(SITE_INFO, info);
  });
}
