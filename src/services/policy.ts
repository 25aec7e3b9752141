import type { Role } from '../storage/schema.ts';

/**
 * Who may do what, in one table. Roles are scoped to an agency: holding a role in agency A
 * grants nothing in agency B.
 */
export const permissions = {
  'users.manage': ['admin'],
  'agencies.manage': ['admin'],
  'audit.read': ['admin', 'head'],
  'workspace.enter': ['admin', 'clerk', 'reviewer', 'head'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export const roleLabels: Record<Role, string> = {
  admin: '管理员',
  clerk: '信息员',
  reviewer: '审核人',
  head: '负责人',
};

export const allRoles: Role[] = ['admin', 'clerk', 'reviewer', 'head'];

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return roles.some((r) => allowed.includes(r));
}
