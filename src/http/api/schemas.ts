import { Type, type TSchema } from 'typebox';

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    // Kept through serialization: a form places details.fields next to its fields.
    details: Type.Optional(Type.Unknown({ description: '详情，如 fields：每个不合格字段及其中文说明' })),
  }),
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

/** A schema's own copy, keeping TypeBox's non-enumerable markers ('~kind', '~optional'). */
const copySchema = <T extends object>(s: T): T => Object.defineProperties({}, Object.getOwnPropertyDescriptors(s)) as T;

/**
 * A copy of a body schema whose properties, at any depth (through objects, unions and arrays),
 * carry their Chinese label as `title`, so that a validation error names the field the way the
 * form labels it and never by its API name (issue 18 item 3). Labels come from the capability's
 * contract, keyed by the property's dotted path ('receipt.date') or by its own name ('date'); a
 * title already set wins.
 */
export function titled<T extends TSchema>(schema: T, labels: Readonly<Record<string, string>>, path = ''): T {
  const out = copySchema(schema) as T & { anyOf?: TSchema[]; oneOf?: TSchema[]; allOf?: TSchema[]; items?: unknown; properties?: Record<string, TSchema> };
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const alternatives = out[key];
    if (Array.isArray(alternatives)) out[key] = alternatives.map((s) => titled(s, labels, path));
  }
  if (out.items && typeof out.items === 'object' && !Array.isArray(out.items)) out.items = titled(out.items as TSchema, labels, path);
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([key, child]) => {
        const at = path ? `${path}.${key}` : key;
        const copy = titled(child, labels, at) as TSchema & { title?: string };
        const label = labels[at] ?? labels[key];
        if (label !== undefined && copy.title === undefined) Object.defineProperty(copy, 'title', { value: label, enumerable: true, writable: true, configurable: true });
        return [key, copy];
      }),
    );
  }
  return out;
}
