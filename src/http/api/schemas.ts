import { Type, type TSchema } from 'typebox';

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const RoleSchema = Type.Union(
  [Type.Literal('admin'), Type.Literal('clerk'), Type.Literal('reviewer'), Type.Literal('head')],
  { description: '角色：admin 管理员、clerk 信息员、reviewer 审核人、head 负责人' },
);

export const ScopeSchema = Type.Union([Type.Literal('agency'), Type.Literal('subtree')], { description: '范围：agency 本机关、subtree 本机关及下级' });

export const AgencyLevelSchema = Type.Union([
  Type.Literal('province'),
  Type.Literal('city'),
  Type.Literal('county'),
  Type.Literal('township'),
  Type.Literal('department'),
]);

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  platformOperator: Type.Boolean({ description: '平台运维人员（可修改工作日历、管理所有账号；仅能由命令行授予）' }),
  roles: Type.Array(Type.Object({ agencyId: Type.Integer(), role: RoleSchema, scope: ScopeSchema })),
});

export const AgencySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: AgencyLevelSchema,
  levelLabel: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  fullName: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  closed: Type.Boolean(),
});

/** Standard error responses every route documents. */
export function withErrors<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
}

/** A date YYYY-MM-DD in the plausible window 1949–2100 (a real-date check follows in the services). */
export const DATE_PATTERN = '^(19(49|[5-9]\\d)|20\\d\\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
/** `title`: the field's Chinese label, which validation errors name it by. */
export const DateString = (description?: string, title?: string) =>
  Type.String({ pattern: DATE_PATTERN, description: `${description ?? '日期'}：YYYY-MM-DD，1949 年至 2100 年之间`, ...(title ? { title } : {}) });
