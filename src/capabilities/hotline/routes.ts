/**
 * The hotline log over HTTP, under /agencies/:id/hotline: list (caller masked for those who do not
 * handle calls), enter, edit, delete, and import a 12345 export (the request body is the file).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { AppError } from '../../services/errors.ts';
import { scopeFor } from '../../services/policy.ts';
import { requireUser } from '../../http/auth.ts';
import { DateString, IdParams, titled } from '../../http/api/schemas.ts';
import { createCall, deleteCall, importHotlineXlsx, updateCall } from './commands.ts';
import { listCalls } from './queries.ts';
import { hotlineFieldLabels as F, hotlineLimits as L } from './contract.ts';

const tags = ['互动交流'];
const Id = Type.Integer({ minimum: 1 });
const CallParams = Type.Object({ id: Id, callId: Id });
const Call = titled(
  Type.Object(
    {
      orderNo: Type.String({ maxLength: 100 }),
      calledAt: Type.String({ maxLength: 30 }),
      callerName: Type.String({ maxLength: 200 }),
      callerPhone: Type.String({ maxLength: 100 }),
      subject: Type.String({ maxLength: L.subject * 2 }),
      answer: Type.String({ maxLength: L.answer * 2 }),
      closed: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  F,
);
const ListQuery = Type.Object(
  {
    from: Type.Optional(DateString('起始日期', '起始日期')),
    to: Type.Optional(DateString('截止日期', '截止日期')),
    closed: Type.Optional(Type.Union([Type.Literal('closed'), Type.Literal('open')], { title: '是否办结' })),
    q: Type.Optional(Type.String({ maxLength: 100, title: '关键词' })),
  },
  { additionalProperties: false },
);

/** Who may import, checked before the file is received. */
function importerBeforeBody(deps: ServiceDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    const id = Number((req.params as { id?: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('VALIDATION_FAILED', '路径参数不合法：字段“id”应为正整数', 400);
    await scopeFor(deps.db, requireUser(req), id, 'messages.record');
  };
}

export function hotlineRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/agencies/:id/hotline', { schema: { tags, summary: '热线来电记录（来电人对非办理人员遮盖）', params: IdParams, querystring: ListQuery } }, async (req) =>
      listCalls(deps, requireUser(req), req.params.id, req.query),
    );
    app.post('/agencies/:id/hotline', { schema: { tags, summary: '登记一次来电', params: IdParams, body: Call } }, async (req, reply) =>
      reply.status(201).send(await createCall(deps, requireUser(req), req.params.id, req.body)),
    );
    app.put('/agencies/:id/hotline/:callId', { schema: { tags, summary: '修改来电记录', params: CallParams, body: Call } }, async (req) =>
      updateCall(deps, requireUser(req), req.params.id, req.params.callId, req.body),
    );
    app.delete('/agencies/:id/hotline/:callId', { schema: { tags, summary: '删除来电记录（保留在审计日志中）', params: CallParams } }, async (req) => {
      await deleteCall(deps, requireUser(req), req.params.id, req.params.callId);
      return { ok: true };
    });
    app.post(
      '/agencies/:id/hotline/import',
      { schema: { tags, summary: '导入 12345 工单导出表（XLSX，请求体为文件内容；按工单编号去重，逐行报告错误）', params: IdParams }, bodyLimit: 5 * 1024 * 1024, onRequest: importerBeforeBody(deps) },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 XLSX 文件内容作为请求体上传', 415);
        return importHotlineXlsx(deps, requireUser(req), req.params.id, req.body);
      },
    );
  };
}
