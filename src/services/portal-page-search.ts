/**
 * The agency's own pages in its site search: published annual reports and the 公开指南 /
 * 公开制度. They are few per agency (one report a year, two pages), so they are matched by the
 * search's own rules (`matchesAll`: every term, Han terms as substrings) over their text,
 * instead of taking a place in the document index, whose entries are documents.
 */
import { highlight, matchesAll, parseQuery, snippet } from '../domain/search/index.ts';
import { htmlToPlainText } from '../views/sanitize.ts';
import { SNIPPET_LENGTH } from '../storage/search-index.ts';
import type { ServiceDeps } from './context.ts';
import type { Narrative } from '../capabilities/reports/contract.ts';
import { TtlCache } from './ttl-cache.ts';
import { replySearchPages } from '../capabilities/messages/public.ts';
import { consultationSearchPages } from '../capabilities/consultations/public.ts';

export interface PageHit {
  /** Below the agency's address: `/annual-reports/2025`, `/open/guide`. */
  path: string;
  kindLabel: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
}

const pageLabels = { guide: '政府信息公开指南', rules: '政府信息公开制度' } as const;

interface Candidate {
  path: string;
  kindLabel: string;
  title: string;
  text: string;
  year?: number;
}

/**
 * The agency's pages as plain text, read once per 5 seconds (like the other public caches):
 * a search that misses the result cache then only matches, it does not query and convert again.
 */
const candidateCache = new WeakMap<ServiceDeps, TtlCache<number, Candidate[]>>();

/** Drops this process's copies after a change (with the other public caches). */
export function clearPageSearchCache(deps: ServiceDeps): void {
  candidateCache.get(deps)?.clear();
}

async function loadCandidates(deps: ServiceDeps, agencyId: number): Promise<Candidate[]> {
  const agency = await deps.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) return [];
  const reports = await deps.db.selectFrom('annual_reports').select(['year', 'narrative_json']).where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('year', 'desc').execute();
  const candidates: Candidate[] = reports.map((r) => {
    const n = JSON.parse(r.narrative_json) as Narrative;
    return {
      path: `/annual-reports/${r.year}`,
      kindLabel: '年度报告',
      title: `${agency.name}${r.year}年政府信息公开工作年度报告`,
      text: [n.preamble, n.overview, n.problems, n.other].filter(Boolean).join('\n'),
      year: r.year,
    };
  });
  const pages = await deps.db.selectFrom('portal_pages').select(['slug', 'title', 'body_html']).where('agency_id', '=', agencyId).where('slug', 'in', ['guide', 'rules']).orderBy('slug').execute();
  for (const p of pages) {
    const slug = p.slug as keyof typeof pageLabels;
    candidates.push({ path: `/open/${slug}`, kindLabel: pageLabels[slug], title: p.title || pageLabels[slug], text: htmlToPlainText(p.body_html) });
  }
  // Published 留言 replies (issue 16): only replies the writer agreed to publish, with the texts as published.
  candidates.push(...(await replySearchPages(deps, agencyId)));
  // 意见征集 on the portal (open and ended), with the draft and its 起草说明.
  candidates.push(...(await consultationSearchPages(deps, agencyId)));
  return candidates;
}

/** The matching pages of one agency, reports newest first, then the guide and the rules; `year` keeps only that year's report. */
export async function searchAgencyPages(deps: ServiceDeps, agencyId: number, q: string, year?: number): Promise<PageHit[]> {
  const parsed = parseQuery(q);
  if (parsed.terms.length === 0) return [];
  let cache = candidateCache.get(deps);
  if (!cache) candidateCache.set(deps, (cache = new TtlCache<number, Candidate[]>(5000, 5000)));
  const candidates = (await cache.get(agencyId, () => loadCandidates(deps, agencyId))).filter((c) => (year ? c.year === year : true));
  const terms = parsed.terms;
  return candidates
    .filter((c) => matchesAll(`${c.title}\n${c.text}`, parsed))
    .map((c) => ({ path: c.path, kindLabel: c.kindLabel, title: c.title, titleHtml: highlight(c.title, terms), snippetHtml: highlight(snippet(c.text, terms, SNIPPET_LENGTH), terms) }));
}
