import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config.ts';

/** Secrets that must never reach the log, whatever a log line comes to include. */
const REDACTED = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...['password', 'currentPassword', 'newPassword'].flatMap((field) => [`req.body.${field}`, `body.${field}`]),
];

/**
 * Fastify's logger (pino, JSON lines on stdout). At the default level 'warn' only failures are
 * written, so throughput is kept; 'info' adds one line per request and response.
 */
export function loggerOptions(level: LogLevel | undefined, stream?: NodeJS.WritableStream): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  return {
    logger: level
      ? {
          level,
          redact: REDACTED,
          // Paths without query strings: a tracking link carries the applicant's secret.
          serializers: { req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }) },
          ...(stream ? { stream } : {}),
        }
      : false,
    // Random, so an id a clerk quotes names one request across restarts and server processes.
    genReqId: () => randomUUID(),
  };
}
