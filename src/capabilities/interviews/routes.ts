/**
 * Online interviews over HTTP, under /agencies/:id/interviews (staff). The portal's pages and the
 * question form are server-rendered (src/http/portal/interview-routes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, titled } from '../../http/api/schemas.ts';
import { convertUnanswered, createInterview, deleteInterview, markAnswered, saveTranscript, updateInterview } from './commands.ts';
import { getInterview, listInterviews } from './queries.ts';
import { interviewFieldLabels as F } from './contract.ts';

const tags = ['互动交流'];
const Id = Type.Integer({ minimum: 1 });
const Params = Type.Object({ id: Id, interviewId: Id });
const Interview = titled(
  Type.Object(
    { topic: Type.String({ maxLength: 1000 }), guests: Type.String({ maxLength: 5000 }), startsAt: Type.String({ maxLength: 30 }), description: Type.String({ maxLength: 20_000 }), mailboxId: Id },
    { additionalProperties: false },
  ),
  F,
);
const Transcript = titled(Type.Object({ transcript: Type.String({ maxLength: 200_000 }), publish: Type.Boolean({ title: '公开实录' }) }, { additionalProperties: false }), F);
const Answers = titled(Type.Object({ answers: Type.Array(Type.Object({ questionId: Id, answer: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }), { maxItems: 500 }) }, { additionalProperties: false }), F);

export function interviewRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/agencies/:id/interviews', { schema: { tags, summary: '在线访谈列表', params: IdParams } }, async (req) => ({ items: await listInterviews(deps, requireUser(req), req.params.id) }));
    app.post('/agencies/:id/interviews', { schema: { tags, summary: '预告一期在线访谈', params: IdParams, body: Interview } }, async (req, reply) =>
      reply.status(201).send(await createInterview(deps, requireUser(req), req.params.id, req.body)),
    );
    app.get('/agencies/:id/interviews/:interviewId', { schema: { tags, summary: '访谈详情与网民提问', params: Params } }, async (req) => getInterview(deps, requireUser(req), req.params.id, req.params.interviewId));
    app.put('/agencies/:id/interviews/:interviewId', { schema: { tags, summary: '修改访谈', params: Params, body: Interview } }, async (req) =>
      updateInterview(deps, requireUser(req), req.params.id, req.params.interviewId, req.body),
    );
    app.delete('/agencies/:id/interviews/:interviewId', { schema: { tags, summary: '删除访谈（保留在审计日志中）', params: Params } }, async (req) => {
      await deleteInterview(deps, requireUser(req), req.params.id, req.params.interviewId);
      return { ok: true };
    });
    app.put('/agencies/:id/interviews/:interviewId/transcript', { schema: { tags, summary: '保存或公开访谈实录', params: Params, body: Transcript } }, async (req) => {
      await saveTranscript(deps, requireUser(req), req.params.id, req.params.interviewId, req.body.transcript, req.body.publish);
      return getInterview(deps, requireUser(req), req.params.id, req.params.interviewId);
    });
    app.post('/agencies/:id/interviews/:interviewId/answered', { schema: { tags, summary: '标记访谈中已答复的问题', params: Params, body: Answers } }, async (req) => {
      await markAnswered(deps, requireUser(req), req.params.id, req.params.interviewId, req.body.answers);
      return getInterview(deps, requireUser(req), req.params.id, req.params.interviewId);
    });
    app.post('/agencies/:id/interviews/:interviewId/convert-unanswered', { schema: { tags, summary: '未答复的问题转为留言（5 个工作日内答复）', params: Params } }, async (req) =>
      convertUnanswered(deps, requireUser(req), req.params.id, req.params.interviewId),
    );
  };
}
