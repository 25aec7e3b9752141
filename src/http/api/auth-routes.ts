import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword, login, logout } from '../../services/accounts.ts';
import { agenciesOfUser } from '../../capabilities/agencies/queries.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { clearSessionCookie, requireUser, setSessionCookie } from '../auth.ts';
import { AgencySchema, RoleSchema, titled, UserSchema, withErrors } from './schemas.ts';
import { userFieldLabels } from '../../capabilities/users/contract.ts';

const SessionResponse = Type.Object({
  user: UserSchema,
  agencies: Type.Array(Type.Intersect([AgencySchema, Type.Object({ myRoles: Type.Array(RoleSchema, { description: '本人在该机构（含经上级“本机关及下级”授权）持有的角色' }) })])),
  csrfToken: Type.String(),
  expiresAt: Type.String(),
  /** The server's clock: the workspace takes "today" from it, not from the browser. */
  serverTime: Type.String({ format: 'date-time' }),
});

/** A failed sign-in; past the threshold it carries the captcha question to answer next. */
const LoginErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Object({ captcha: Type.Object({ token: Type.String(), question: Type.String() }) })),
  }),
});

export function authRoutes(deps: ServiceDeps, secureCookies: boolean): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['账号'],
          summary: '登录',
          description: '同一用户名在同一地址失败 5 次（或在所有地址共失败 20 次）后，须同时提交验证题答案；此时错误响应的 details.captcha 给出新的验证题。',
          body: titled(
            Type.Object(
              {
                username: Type.String({ minLength: 1, maxLength: 100 }),
                password: Type.String({ minLength: 1, maxLength: 200 }),
                captchaToken: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
                captchaAnswer: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
              },
              { additionalProperties: false },
            ),
            userFieldLabels,
          ),
          response: { ...withErrors({ 200: SessionResponse }), 401: LoginErrorResponse },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { token, session } = await login(deps, { ...req.body, address: req.ip });
        setSessionCookie(reply, token, secureCookies);
        return { ...session, agencies: await agenciesOfUser(deps.db, session.user.id), serverTime: deps.now().toISOString() };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['账号'], summary: '退出登录', response: withErrors({ 200: Type.Object({ ok: Type.Boolean() }) }) } },
      async (req, reply) => {
        if (req.sessionToken) await logout(deps, req.sessionToken);
        clearSessionCookie(reply);
        return { ok: true };
      },
    );

    app.get(
      '/auth/session',
      { schema: { tags: ['账号'], summary: '当前会话', response: withErrors({ 200: SessionResponse }) } },
      async (req) => {
        const actor = requireUser(req);
        const session = req.session!;
        return { ...session, agencies: await agenciesOfUser(deps.db, actor.userId), serverTime: deps.now().toISOString() };
      },
    );

    app.post(
      '/auth/change-password',
      {
        schema: {
          tags: ['账号'],
          summary: '修改本人密码',
          body: titled(
            Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
            userFieldLabels,
          ),
          response: withErrors({ 200: Type.Object({ ok: Type.Boolean() }) }),
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req) => {
        const actor = requireUser(req);
        await changePassword(deps, actor.userId, req.body.currentPassword, req.body.newPassword, req.sessionToken, req.ip);
        return { ok: true };
      },
    );
  };
}
