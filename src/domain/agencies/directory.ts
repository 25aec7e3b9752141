/**
 * The platform's directory of agencies and the reach of a site search, from the hierarchy alone
 * (pure: callers pass the agencies they know, as the portal's cached list).
 */
import { agencyLevels, subtreeOf, type AgencyLevel, type AgencyNode } from './hierarchy.ts';

/** A government with the departments that belong to it. */
export interface DirectoryGovernment<T extends AgencyNode> {
  agency: T;
  departments: T[];
}

export interface DirectoryLevel<T extends AgencyNode> {
  level: AgencyLevel;
  label: string;
  governments: DirectoryGovernment<T>[];
}

export interface Directory<T extends AgencyNode> {
  /** The departments of the government the directory starts at (none for the whole platform). */
  departments: T[];
  /** The governments below it (or every government of the platform), top level first. */
  levels: DirectoryLevel<T>[];
}

const LEVEL_ORDER: readonly AgencyLevel[] = ['province', 'city', 'county', 'township'];

/**
 * The agencies below `rootId` (every agency when null) by level: governments grouped 省, 市,
 * 县（区）, 乡镇（街道）, each with its departments; the root's own departments apart. Order within
 * a group is the order of `nodes`.
 */
export function agencyDirectory<T extends AgencyNode>(nodes: readonly T[], rootId: number | null): Directory<T> {
  const inside = rootId === null ? null : new Set(subtreeOf(rootId, nodes));
  const members = nodes.filter((n) => n.id !== rootId && (inside === null || inside.has(n.id)));
  const departmentsOf = new Map<number | null, T[]>();
  for (const n of members) {
    if (n.level !== 'department') continue;
    const list = departmentsOf.get(n.parentId);
    if (list) list.push(n);
    else departmentsOf.set(n.parentId, [n]);
  }
  const levels = LEVEL_ORDER.map((level) => ({
    level,
    label: agencyLevels[level],
    governments: members.filter((n) => n.level === level).map((agency) => ({ agency, departments: departmentsOf.get(agency.id) ?? [] })),
  })).filter((l) => l.governments.length > 0);
  // A department whose government is not listed (the platform's root's, or stored under a top
  // it should not have) still appears, with the root's own departments.
  const listed = new Set(members.filter((n) => n.level !== 'department').map((n) => n.id));
  const departments = members.filter((n) => n.level === 'department' && (n.parentId === null || !listed.has(n.parentId)));
  return { departments, levels };
}

/** How far a site search reaches: the agency alone, or the agency and everything below it. */
export const searchScopes = { agency: '仅本机关', subtree: '本机关及下级' } as const;
export type SearchScope = keyof typeof searchScopes;

/** Why a search scope given as text is not one (in Chinese), or null. */
export function searchScopeProblem(value: string): string | null {
  return Object.hasOwn(searchScopes, value) ? null : `搜索范围“${value.slice(0, 20)}”无效，应为 agency（${searchScopes.agency}）或 subtree（${searchScopes.subtree}）`;
}

/**
 * The index filter for a search of `agencyId` with `scope`. A subtree is one index token
 * (decision 027), and the sole top of the platform is every document (no filter: the cheapest
 * search). `nodes` may be a few seconds old (the portal's cache): an agency that has just
 * gained its first child still searches by its subtree token, never by its own alone.
 */
export function searchFilterOf(nodes: readonly AgencyNode[], agencyId: number, scope: SearchScope): { agencyId?: number; subtreeOf?: number } {
  if (scope === 'agency') return { agencyId };
  const tops = nodes.filter((n) => n.parentId === null);
  if (tops.length === 1 && tops[0]!.id === agencyId && subtreeOf(agencyId, nodes).length === nodes.length) return {};
  return { subtreeOf: agencyId };
}
