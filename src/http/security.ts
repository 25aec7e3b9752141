import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export const isHttpsUrl = (url: string | undefined): boolean => url?.startsWith('https://') ?? false;

/**
 * Security headers on every response: portal, workspace, API and /api/docs.
 * `helmet` itself, built once: @fastify/helmet rebuilds it on every request (about 12 µs each,
 * a real share of a portal page's budget).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Ant Design's CSS-in-JS writes <style> elements; styles only, never scripts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Published documents may show images from agencies' other sites (the sanitizer allows http/https).
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only over https: on plain http (an intranet install, a test) it would break every asset.
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Not includeSubDomains: an agency's other sites on the same domain may still be plain http.
    strictTransportSecurity: options.https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // Other sites of the same agency may show the portal's public images and attachments.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onRequest', (req, reply, done) => {
    headers(req.raw, reply.raw, () => done());
  });
}

/** Every API response may carry personal data (sessions, requests, users, audit); none may be stored by a cache. */
export function registerNoStore(api: FastifyInstance): void {
  api.addHook('onSend', (_req, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

export function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The path of a Referer on this site, or '/': never another site. '//x' and '/\x' are read by
 * browsers as a host, so only a path starting with one '/' followed by something else is kept.
 */
export function sameSitePath(referer: string | undefined, hosts: (string | undefined)[]): string {
  if (!referer) return '/';
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return '/';
  }
  if (!/^https?:$/.test(url.protocol) || !hosts.includes(url.host)) return '/';
  const target = url.pathname + url.search;
  return /^\/(?![/\\])/.test(target) ? target : '/';
}
