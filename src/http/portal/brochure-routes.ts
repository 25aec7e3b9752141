import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { chinaYear } from '../../domain/calendar/china-time.ts';
import { brochureFigures } from '../../domain/report/brochure-figures.ts';
import { publicSiteSettings } from '../../capabilities/agencies/site-settings.ts';
import { publicContact } from '../../capabilities/records/queries.ts';
import { publishedReport, publishedReports } from '../../capabilities/reports/queries.ts';
import { getPortalPage } from '../../services/publications.ts';
import { renderBrochure, type BrochureSize } from '../../views/channels/brochure.ts';
import { html } from '../../views/html.ts';
import { portalPage } from '../../views/portal/layout.ts';

const HTML = 'text/html; charset=utf-8';
/** The 条例 took effect in 2008: no agency has a report of an earlier year. */
const FIRST_YEAR = 2008;

/**
 * GET /org/:code/brochure?year=YYYY&size=a4|a5: the printable 宣传册 (decision 031). Without a
 * year it shows the latest published report's year, or last year when none is published.
 */
export function registerBrochurePortal(app: FastifyInstance, deps: ServiceDeps, agencyByCode: (code: string) => Promise<Agency | undefined>): void {
  app.get<{ Params: { code: string }; Querystring: { year?: unknown; size?: unknown } }>('/org/:code/brochure', async (req, reply) => {
    const agency = await agencyByCode(req.params.code);
    if (!agency) return reply.callNotFound();
    const view = { code: agency.code, name: agency.name };
    const lastYear = chinaYear(deps.now()) - 1;
    const { year: yearText, size: sizeText } = req.query;
    const errors: string[] = [];
    if (yearText !== undefined && (typeof yearText !== 'string' || !/^\d{4}$/.test(yearText) || Number(yearText) < FIRST_YEAR || Number(yearText) > lastYear + 1)) {
      errors.push(`年度须为 ${FIRST_YEAR} 至 ${lastYear + 1} 之间的四位年份`);
    }
    if (sizeText !== undefined && sizeText !== 'a4' && sizeText !== 'a5') errors.push('纸张规格须为 a4 或 a5');
    if (errors.length > 0) {
      const body = html`<h1>宣传册参数有误</h1><ul class="errors">${errors.map((e) => html`<li>${e}</li>`)}</ul><p><a href="/org/${agency.code}/brochure">查看默认宣传册（A4）</a></p>`;
      return reply.code(400).type(HTML).send(portalPage({ title: '宣传册参数有误', agency: view, body }));
    }
    const year = yearText !== undefined ? Number(yearText) : ((await publishedReports(deps, agency.id))[0]?.year ?? lastYear);
    const size: BrochureSize = sizeText === 'a5' ? 'a5' : 'a4';
    const [guide, settings, contact, report] = await Promise.all([
      getPortalPage(deps, agency.id, 'guide'),
      publicSiteSettings(deps, agency.id),
      publicContact(deps, agency.id),
      publishedReport(deps, agency.id, year),
    ]);
    const home = `${req.siteUrl}/org/${encodeURIComponent(agency.code)}/`;
    return reply.type(HTML).send(
      renderBrochure({
        // A leaflet names the organ in full, as its annual report is signed.
        agency: { code: agency.code, name: agency.full_name?.trim() || agency.name },
        size,
        year,
        guide: guide ? { title: guide.title, bodyHtml: guide.body_html } : null,
        settings,
        contact,
        figures: report ? brochureFigures(report.report) : null,
        homeUrl: home,
        requestUrl: `${home}open/request`,
      }),
    );
  });
}
