import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_HOURS, type SessionInfo } from '../services/accounts.ts';
import { AppError } from '../services/errors.ts';
import { scopeFor, type AgencyScope } from '../services/policy.ts';
import type { Actor, ServiceDeps } from '../services/context.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The only routes a session opened with a one-time password may call. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['GET /api/v1/auth/session', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/change-password', 'POST /api/v1/auth/login']);
/** Routes anyone may call without signing in; a staff cookie changes nothing there. */
const PUBLIC_API = /^\/api\/v1\/(public\/|search$)/;

/**
 * Resolves the session cookie on every /api request, and enforces the CSRF token on
 * cookie-authenticated writes (synchronizer token kept server-side with the session).
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
}

/** The session hook, registered inside the API's scope only: public pages never pay for it. */
export function registerSessionHook(api: FastifyInstance, deps: ServiceDeps): void {
  api.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(deps, token);
    if (!session) return;
    req.session = session;
    req.sessionToken = token;
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID', '安全令牌无效或缺失，请刷新页面后重试', 403);
    }
    // A one-time password opens nothing but the way to replace it.
    const route = `${req.method} ${req.routeOptions.url ?? ''}`;
    if (session.user.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(route) && !PUBLIC_API.test(req.routeOptions.url ?? '')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改一次性密码，再使用其他功能', 403);
    }
  });
}

/** Secure when the public URL is https, or when this request came over https (directly or via a trusted proxy). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure || reply.request.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The signed-in actor, or 401. */
export function requireUser(req: FastifyRequest): Actor & { kind: 'user' } {
  if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录', 401);
  return { kind: 'user', userId: req.session.user.id };
}

/**
 * The signed-in actor's scope in an agency (any role there, directly or through a subtree grant):
 * the one check every agency-scoped route makes before it reads (401 without a session, 403 for
 * staff of other agencies). Finer rules stay with the services, through the same policy.
 */
export async function requireStaff(deps: ServiceDeps, req: FastifyRequest, agencyId: number): Promise<AgencyScope> {
  return scopeFor(deps.db, requireUser(req), agencyId, 'agency.read');
}
