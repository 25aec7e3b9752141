import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The portal's base URL for absolute links (feeds, sitemap, QR codes): never a Host header as sent. */
    readonly siteUrl: string;
  }
}

export interface SiteUrlOptions {
  /** GONGKAI_PUBLIC_URL, without its trailing slash. */
  publicUrl?: string | undefined;
  /** GONGKAI_ALLOWED_HOSTS, lower-case host[:port] entries. */
  allowedHosts?: string[] | undefined;
}

/**
 * Absolute links are cached by readers, crawlers and proxies, so a forged Host header must never
 * reach them (cache poisoning, links to an attacker's site). With GONGKAI_PUBLIC_URL every link
 * uses it. Otherwise a Host is used only when it is one of GONGKAI_ALLOWED_HOSTS (else the first
 * of them), and with neither setting links point at localhost on the port this server listens on.
 */
export function registerSiteUrl(app: FastifyInstance, options: SiteUrlOptions): void {
  const allowed = options.allowedHosts ?? [];
  const localhost = (): string => {
    const address = app.server.address();
    return typeof address === 'object' && address ? `http://localhost:${address.port}` : 'http://localhost';
  };
  const resolve = (req: FastifyRequest): string => {
    if (options.publicUrl) return options.publicUrl;
    if (allowed.length === 0) return localhost();
    const host = req.host.toLowerCase();
    return `${req.protocol}://${allowed.includes(host) ? host : allowed[0]}`;
  };
  app.decorateRequest('siteUrl', {
    getter(this: FastifyRequest) {
      return resolve(this);
    },
  });
}
