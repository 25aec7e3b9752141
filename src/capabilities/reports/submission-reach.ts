/**
 * The agencies below a superior office that the actor may follow (报送, 汇总): its subtree in tree
 * order, kept to the agencies where the actor's roles allow `reports.reviewSubordinates`. Only
 * subordinateReach() makes a SubordinateReach, and only after scopeFor() allowed the superior:
 * the storage functions that read several agencies' rows take it instead of bare ids.
 */
import { permissions } from '../../domain/access/policy.ts';
import { agencyLevels, type AgencyNode } from '../../domain/agencies/hierarchy.ts';
import type { Agency } from '../../storage/schema.ts';
import { listAllAgencies } from '../../services/agencies.ts';
import type { Actor, Tx } from '../../services/context.ts';
import { agencyIdsInReach, scopeFor, type AgencyScope } from '../../services/policy.ts';

declare const reachMark: unique symbol;

export interface ReachMember {
  agency: Agency;
  /** 0 for the superior itself, 1 for a direct subordinate, … */
  depth: number;
  parentName: string | null;
  levelLabel: string;
}

export interface SubordinateReach {
  readonly scope: AgencyScope;
  readonly superior: Agency;
  /** The superior (depth 0) and every subordinate in reach, depth first, each level in id order. */
  readonly members: readonly ReachMember[];
  readonly ids: readonly number[];
  /** Agencies below that the actor's roles do not reach: counted, not named. */
  readonly outOfReach: number;
  readonly all: ReadonlyMap<number, Agency>;
  /** The same agencies as hierarchy nodes, for ancestorsOf(). */
  readonly nodes: ReadonlyMap<number, AgencyNode>;
  readonly [reachMark]: true;
}

/** `root` and the agencies below it, depth first, each level in id order (a cycle in stored data still ends). */
function treeOrder(root: Agency, all: readonly Agency[]): { agency: Agency; depth: number }[] {
  const children = new Map<number, Agency[]>();
  for (const a of all) if (a.parent_id !== null) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a]);
  const out = [{ agency: root, depth: 0 }];
  const seen = new Set<number>([root.id]);
  const walk = (id: number, depth: number): void => {
    for (const child of (children.get(id) ?? []).sort((a, b) => a.id - b.id)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push({ agency: child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(root.id, 1);
  return out;
}

export async function subordinateReach(tx: Tx, actor: Actor, agencyId: number): Promise<SubordinateReach> {
  const scope = await scopeFor(tx, actor, agencyId, 'reports.reviewSubordinates');
  const all = await listAllAgencies(tx);
  const byId = new Map(all.map((a) => [a.id, a]));
  const tree = treeOrder(byId.get(agencyId)!, all);
  let allowed = tree;
  if (actor.kind !== 'system') {
    const reach = new Set<number>([agencyId]);
    for (const role of permissions['reports.reviewSubordinates']) for (const id of await agencyIdsInReach(tx, actor.userId, role)) reach.add(id);
    allowed = tree.filter((m) => reach.has(m.agency.id));
  }
  const members = allowed.map((m) => ({
    ...m,
    parentName: m.agency.parent_id !== null ? (byId.get(m.agency.parent_id)?.name ?? null) : null,
    levelLabel: agencyLevels[m.agency.level],
  }));
  return { scope, superior: byId.get(agencyId)!, members, ids: members.map((m) => m.agency.id), outOfReach: tree.length - allowed.length, all: byId, nodes: new Map(all.map((a) => [a.id, { id: a.id, name: a.name, level: a.level, parentId: a.parent_id }])) } as unknown as SubordinateReach;
}

/** What the status list and the roll-up say of each member before their own figures. */
export function memberIdentity(m: ReachMember) {
  return { agencyId: m.agency.id, code: m.agency.code, name: m.agency.name, levelLabel: m.levelLabel, depth: m.depth };
}
