/**
 * The administrative hierarchy an agency sits in: 省 → 市 → 县（区）→ 乡镇（街道）, with 部门 (a
 * government's department) at any of these levels. Pure: callers pass the agencies they know.
 *
 * Allowed parents (a platform may start at any government level, so every government may be a
 * root; a department always belongs to a government):
 * - 省: none;  市: 省 or none;  县: 市 or 省 (省直管县) or none;  乡镇: 县 or none;
 * - 部门: any government (省, 市, 县, 乡镇).
 */
export type AgencyLevel = 'province' | 'city' | 'county' | 'township' | 'department';

export const agencyLevels: Record<AgencyLevel, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  township: '乡镇（街道）',
  department: '部门',
};

const GOVERNMENTS: readonly AgencyLevel[] = ['province', 'city', 'county', 'township'];

const allowedParents: Record<AgencyLevel, readonly (AgencyLevel | null)[]> = {
  province: [null],
  city: ['province', null],
  county: ['city', 'province', null],
  township: ['county', null],
  department: GOVERNMENTS,
};

export interface AgencyNode {
  readonly id: number;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly parentId: number | null;
}

/**
 * Why `level` may not sit under `parent` (null = at the top), in Chinese; null when it may.
 * `ancestorsOfParent` (the parent's own chain, nearest first) lets a move be checked for cycles.
 */
export function placementProblem(
  child: { id?: number; name: string; level: AgencyLevel },
  parent: AgencyNode | null,
  ancestorsOfParent: readonly AgencyNode[] = [],
): string | null {
  if (!(child.level in agencyLevels)) return `机构层级“${String(child.level)}”无效`;
  const allowed = allowedParents[child.level];
  if (!parent) {
    return allowed.includes(null) ? null : `${agencyLevels[child.level]}须隶属于一级人民政府，不能作为顶级机构`;
  }
  if (child.id !== undefined && (parent.id === child.id || ancestorsOfParent.some((a) => a.id === child.id))) {
    return `不能把“${child.name}”移到它自己或它的下级机构之下（会形成循环）`;
  }
  if (allowed.includes(parent.level)) return null;
  if (child.level === 'township' && (parent.level === 'province' || parent.level === 'city')) {
    return `乡镇（街道）须隶属于县（区），不能直接隶属于${agencyLevels[parent.level]}“${parent.name}”`;
  }
  if (parent.level === 'department') return `“${parent.name}”是部门，其下不能设立${agencyLevels[child.level]}`;
  return `${agencyLevels[child.level]}不能隶属于${agencyLevels[parent.level]}“${parent.name}”`;
}

/** The chain above `id`, nearest first (stops on a cycle in stored data instead of looping). */
export function ancestorsOf(id: number, byId: ReadonlyMap<number, AgencyNode>): AgencyNode[] {
  const out: AgencyNode[] = [];
  const seen = new Set<number>([id]);
  let cur = byId.get(id)?.parentId ?? null;
  while (cur !== null && !seen.has(cur)) {
    const node = byId.get(cur);
    if (!node) break;
    out.push(node);
    seen.add(cur);
    cur = node.parentId;
  }
  return out;
}

/** `id` and every agency below it. */
export function subtreeOf(id: number, nodes: readonly AgencyNode[]): number[] {
  const children = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: number[] = [];
  const stack = [id];
  const seen = new Set<number>();
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    out.push(cur);
    stack.push(...(children.get(cur) ?? []));
  }
  return out;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Why a 统一社会信用代码 is not valid (GB 32100-2015: 18 characters from a 31-character set,
 * the last one a check character), or null.
 */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `统一社会信用代码应为 18 位，“${code}”为 ${code.length} 位`;
  const values = [...code].map((ch) => CREDIT_CHARS.indexOf(ch));
  if (values.some((v) => v < 0)) return `统一社会信用代码只能由数字和大写字母（不含 I、O、Z、S、V）组成`;
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + w * values[i]!, 0);
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CHARS[check] === code[17] ? null : '统一社会信用代码校验位不符，请核对';
}
