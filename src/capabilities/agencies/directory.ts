/**
 * The public directory as the portal and the site search read it: every agency, cached briefly,
 * and the reach of a search (an agency, or an agency and everything below it) checked against it.
 */
import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { AppError } from '../../services/errors.ts';
import { searchFilterOf, searchScopeProblem, type SearchScope } from '../../domain/agencies/directory.ts';
import type { AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { agencyNode, findAgency, listAllAgencies } from './sql.ts';

/**
 * The portal reads agencies on every page; they change rarely, so they are cached briefly
 * (a few seconds of staleness after an edit is acceptable on public pages, and it holds
 * across several server processes sharing one PostgreSQL).
 */
const AGENCY_CACHE_MS = 5000;
const agencyCache = new WeakMap<ServiceDeps, { at: number; all: Agency[] }>();

/** Every agency, in creation order (the same array while the cache entry holds). */
export async function directoryAgencies(deps: ServiceDeps): Promise<Agency[]> {
  const hit = agencyCache.get(deps);
  const now = Date.now();
  if (hit && now - hit.at < AGENCY_CACHE_MS) return hit.all;
  const all = await listAllAgencies(deps.db);
  agencyCache.set(deps, { at: now, all });
  return all;
}

/** An agency by its code (or its short or full name, as the API has always accepted). */
export async function directoryAgency(deps: ServiceDeps, codeOrName: string): Promise<Agency | undefined> {
  const all = await directoryAgencies(deps);
  return all.find((a) => a.code === codeOrName) ?? (await findAgency(deps.db, codeOrName));
}

const nodeCache = new WeakMap<Agency[], AgencyNode[]>();

/** The hierarchy's view of the cached list (built once per cache entry: 10,000 agencies in a province). */
export async function directoryNodes(deps: ServiceDeps): Promise<AgencyNode[]> {
  const all = await directoryAgencies(deps);
  let nodes = nodeCache.get(all);
  if (!nodes) nodeCache.set(all, (nodes = all.map(agencyNode)));
  return nodes;
}

export interface SearchReach {
  agency: Agency | undefined;
  scope: SearchScope;
  /** The index filter: `agencyId`, `subtreeOf`, or neither (the whole platform). */
  filter: { agencyId?: number; subtreeOf?: number };
}

/**
 * The reach of a site search from its parameters, or a 400 with a Chinese message: an unknown
 * agency code, a scope that is not `agency` or `subtree`, a scope without an agency.
 */
export async function searchReach(deps: ServiceDeps, code: string | undefined, scope: string | undefined): Promise<SearchReach> {
  const problem = scope === undefined ? null : searchScopeProblem(scope);
  if (problem) throw new AppError('INVALID_SEARCH_SCOPE', problem, 400);
  const reach = (scope ?? 'agency') as SearchScope;
  if (code === undefined) {
    if (scope !== undefined) throw new AppError('SCOPE_NEEDS_AGENCY', '搜索范围须与机构代码（agency）一起使用', 400);
    return { agency: undefined, scope: reach, filter: {} };
  }
  const agency = await directoryAgency(deps, code);
  if (!agency) throw new AppError('UNKNOWN_AGENCY', `没有代码为“${code.slice(0, 100)}”的机构，请检查机构代码`, 400);
  return { agency, scope: reach, filter: searchFilterOf(await directoryNodes(deps), agency.id, reach) };
}
