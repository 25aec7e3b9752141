import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import { AppError } from '../services/errors.ts';
import type { ServiceDeps } from '../services/context.ts';
import { registerAuth, registerSessionHook } from './auth.ts';
import { registerErrorHandling } from './errors.ts';
import { loggerOptions } from './logging.ts';
import { isHttpsUrl, registerNoStore, registerSecurityHeaders } from './security.ts';
import type { LogLevel, TrustProxy } from '../config.ts';
import { authRoutes } from './api/auth-routes.ts';
import { adminRoutes } from './api/admin-routes.ts';
import { noticeRoutes, requestRoutes } from '../capabilities/requests/routes.ts';
import { calendarRoutes } from './api/calendar-routes.ts';
import { publicRoutes, searchRoutes } from './api/public-routes.ts';
import { documentRoutes, MAX_UPLOAD_BYTES, uploadContentTypes } from '../capabilities/documents/routes.ts';
import { disclosureRoutes } from '../capabilities/disclosure/routes.ts';
import { reportRoutes } from '../capabilities/reports/routes.ts';
import { messageRoutes, publicMessageRoutes } from '../capabilities/messages/routes.ts';
import { consultationRoutes, publicConsultationRoutes } from '../capabilities/consultations/routes.ts';
import { publicSurveyRoutes, surveyRoutes } from '../capabilities/surveys/routes.ts';
import { subordinateReportRoutes } from '../capabilities/reports/subordinate-routes.ts';
import { auditChainRoutes } from './api/audit-routes.ts';
import { inboxRoutes } from '../capabilities/inbox/routes.ts';
import { recordRoutes } from '../capabilities/records/routes.ts';
import { supervisionRoutes } from '../capabilities/supervision/routes.ts';
import { websiteReportRoutes } from '../capabilities/website-report/routes.ts';
import { meetingRoutes } from '../capabilities/records/meetings-routes.ts';
import { hotlineRoutes } from '../capabilities/hotline/routes.ts';
import { interviewRoutes } from '../capabilities/interviews/routes.ts';
import { registerPortal, renderNotFound } from './portal/routes.ts';
import { registerWorkspace } from './workspace.ts';
import { registerSiteUrl } from './site-url.ts';
import { registerTextHygiene } from './text-hygiene.ts';

export interface AppOptions {
  version: string;
  /** No logger when unset (tests); `gongkai serve` passes GONGKAI_LOG_LEVEL. */
  logLevel?: LogLevel;
  /** Where log lines go (tests capture them); stdout otherwise. */
  logStream?: NodeJS.WritableStream;
  /** GONGKAI_PUBLIC_URL: https turns on HSTS and Secure session cookies. */
  publicUrl?: string | undefined;
  /** GONGKAI_ALLOWED_HOSTS: Host headers accepted for absolute links when publicUrl is unset. */
  allowedHosts?: string[];
  /** GONGKAI_TRUST_PROXY, passed to Fastify: req.ip, and so the rate limits, then come from X-Forwarded-For. */
  trustProxy?: TrustProxy;
}

/** JSON bodies are validated strictly (a wrong type is an error) and fully; query strings and path
 *  parameters arrive as text and are coerced to the declared type. */
function buildValidators() {
  // verbose: an error carries its schema, whose `title` names the field in Chinese (errors.ts).
  const common = { allErrors: false, useDefaults: true, strict: false, verbose: true } as const;
  // A body is a form's fields: report every invalid one at once, so the form can mark them all.
  const strict = new Ajv({ ...common, allErrors: true, coerceTypes: false, removeAdditional: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array', removeAdditional: false });
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema);
}

export async function buildApp(deps: ServiceDeps, options: AppOptions): Promise<FastifyInstance> {
  const https = isHttpsUrl(options.publicUrl);
  const app = Fastify({
    ...loggerOptions(options.logLevel, options.logStream),
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(buildValidators());
  registerSecurityHeaders(app, { https });
  registerSiteUrl(app, { publicUrl: options.publicUrl, allowedHosts: options.allowedHosts });
  registerTextHygiene(app);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试', 429),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Gongkai 公开 API',
        description: '政府信息公开平台接口。所有错误返回 {"error":{"code","message"}}。',
        version: options.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandling(app, renderNotFound(deps));
  registerAuth(app);

  app.get('/healthz', async () => ({ status: 'ok', database: deps.dialect, version: options.version, ...(deps.readers ? { readers: deps.readers.stats() } : {}) }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      registerSessionHook(api, deps);
      registerNoStore(api);
      api.addContentTypeParser(uploadContentTypes, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
      await api.register(authRoutes(deps, https));
      await api.register(adminRoutes(deps));
      await api.register(requestRoutes(deps));
      await api.register(noticeRoutes(deps));
      await api.register(calendarRoutes(deps));
      await api.register(publicRoutes(deps));
      await api.register(searchRoutes(deps));
      await api.register(documentRoutes(deps));
      await api.register(disclosureRoutes(deps));
      await api.register(reportRoutes(deps));
      await api.register(messageRoutes(deps));
      await api.register(publicMessageRoutes(deps));
      await api.register(consultationRoutes(deps));
      await api.register(publicConsultationRoutes(deps));
      await api.register(surveyRoutes(deps));
      await api.register(publicSurveyRoutes(deps));
      await api.register(subordinateReportRoutes(deps));
      await api.register(auditChainRoutes(deps));
      await api.register(inboxRoutes(deps));
      await api.register(recordRoutes(deps));
      await api.register(supervisionRoutes(deps));
      await api.register(websiteReportRoutes(deps));
      await api.register(meetingRoutes(deps));
      await api.register(hotlineRoutes(deps));
      await api.register(interviewRoutes(deps));
    },
    { prefix: '/api/v1' },
  );

  registerPortal(app, deps);
  await registerWorkspace(app);
  return app;
}
