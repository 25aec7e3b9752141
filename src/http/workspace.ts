import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { packageRoot } from '../paths.ts';

const distDir = fileURLToPath(new URL('web/dist/', packageRoot));

/** Serves the built staff workspace (web/dist) at /admin/, with client-side routes falling back to index.html. */
export async function registerWorkspace(app: FastifyInstance): Promise<void> {
  const indexFile = `${distDir}index.html`;
  if (!existsSync(indexFile)) {
    app.get('/admin/*', async (_req, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>工作台未构建</title><p>工作台尚未构建，请先运行 <code>npm run build</code>。</p></html>'),
    );
    return;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/admin/',
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (scripts/build.js): served as the browser accepts.
    preCompressed: true,
    // Vite names assets by their content hash: a new build gets new names, so a copy never goes
    // stale. Anything else under /admin/ is revalidated.
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
  const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/admin/', sendIndex);
  app.get('/admin/*', async (req, reply) => {
    // Missing hashed assets must 404, not receive the SPA shell.
    if (req.url.startsWith('/admin/assets/')) return reply.callNotFound();
    return sendIndex(req, reply);
  });
}
