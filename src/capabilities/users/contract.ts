/**
 * The users capability's contract: accounts, the roles granted on agencies and their scopes, with
 * their Chinese labels. The workspace imports these instead of re-declaring them; keep this
 * module free of Node.js APIs.
 */
import type { Role, RoleScope } from '../../domain/access/policy.ts';

export { allRoles, roleLabels, scopeLabels, type Role, type RoleScope } from '../../domain/access/policy.ts';

/** A one-time password (new account, reset) stops working this long after it was issued. */
export const ONE_TIME_PASSWORD_HOURS = 24;

export type UserState = 'active' | 'disabled';
export const userStateLabels: Record<UserState, string> = { active: '正常', disabled: '已停用' };

/** A role granted on an agency, for that agency (本机关) or its whole subtree (本机关及下级). */
export interface RoleGrant {
  agencyId: number;
  role: Role;
  scope: RoleScope;
}

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  disabled: boolean;
  /** Granted only by the CLI: may change the shared working calendar and manage any account. */
  platformOperator: boolean;
  roles: RoleGrant[];
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  /** When absent a one-time password is generated and returned once. */
  password?: string;
  roles: { agencyId: number; role: Role; scope?: RoleScope | undefined }[];
}

/** The Chinese label of each field the users and sign-in APIs take: validation errors name fields by these. */
export const userFieldLabels: Readonly<Record<string, string>> = {
  username: '用户名',
  displayName: '姓名',
  agencyId: '机构',
  roles: '角色',
  scope: '范围',
  disabled: '停用',
  password: '密码',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
  currentPassword: '当前密码',
  newPassword: '新密码',
};
