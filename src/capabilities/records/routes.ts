/**
 * 工作记录 over HTTP: training, the persons responsible, the yearly assessment and the superior's
 * scores, under /agencies/:id. The schemas check shapes only; the commands check values, so every
 * problem comes back in Chinese with its field.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, titled } from '../../http/api/schemas.ts';
import { createPerson, createTraining, deletePerson, deleteTraining, saveAssessment, scoreAssessment, updatePerson, updateTraining } from './commands.ts';
import { getAssessment, listPersons, listTraining, publicContact } from './queries.ts';
import { assessmentBodyLabels, assessmentFieldLabels as A, personFieldLabels as P, trainingFieldLabels as T } from './contract.ts';

const tags = ['工作记录'];
const Year = Type.Integer({ minimum: 2008, maximum: 2100, title: '年度' });
const Id = Type.Integer({ minimum: 1 });
const RecordParams = Type.Object({ id: Id, recordId: Id });
const YearParams = Type.Object({ id: Id, year: Year });
const Str = (title: string, maxLength = 5000) => Type.String({ maxLength, title });

const Training = Type.Object(
  { heldOn: Str(T.heldOn, 20), topic: Str(T.topic), trainer: Str(T.trainer), attendeeCount: Type.Integer({ title: T.attendeeCount }), attendeeNames: Str(T.attendeeNames), materials: Str(T.materials) },
  { additionalProperties: false },
);
const Person = Type.Object(
  { name: Str(P.name), post: Str(P.post), phone: Str(P.phone), officePhone: Str(P.officePhone), email: Str(P.email), since: Str(P.since, 20), until: Type.Union([Str(P.until, 20), Type.Null()]), isContact: Type.Boolean({ title: P.isContact }) },
  { additionalProperties: false },
);
const Item = Type.Object(
  {
    id: Type.Optional(Id),
    name: Str(A.name),
    weight: Type.Number({ title: A.weight }),
    selfScore: Type.Union([Type.Number({ title: A.selfScore }), Type.Null()]),
    evidenceText: Str(A.evidenceText),
    evidenceDocumentIds: Type.Array(Id, { maxItems: 20, title: A.evidenceDocumentIds }),
  },
  { additionalProperties: false },
);

export function recordRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/agencies/:id/training', { schema: { tags, summary: '培训记录（按年度）', params: IdParams, querystring: Type.Object({ year: Year }, { additionalProperties: false }) } }, async (req) =>
      listTraining(deps, requireUser(req), req.params.id, req.query.year),
    );
    app.post('/agencies/:id/training', { schema: { tags, summary: '登记一次培训', params: IdParams, body: Training } }, async (req, reply) =>
      reply.status(201).send(await createTraining(deps, requireUser(req), req.params.id, req.body)),
    );
    app.put('/agencies/:id/training/:recordId', { schema: { tags, summary: '修改培训记录', params: RecordParams, body: Training } }, async (req) =>
      updateTraining(deps, requireUser(req), req.params.id, req.params.recordId, req.body),
    );
    app.delete('/agencies/:id/training/:recordId', { schema: { tags, summary: '删除培训记录（保留在审计日志中）', params: RecordParams } }, async (req) => {
      await deleteTraining(deps, requireUser(req), req.params.id, req.params.recordId);
      return { ok: true };
    });

    app.get('/agencies/:id/responsible-persons', { schema: { tags, summary: '专人负责：政务公开工作负责人', params: IdParams } }, async (req) => ({ items: await listPersons(deps, requireUser(req), req.params.id) }));
    app.post('/agencies/:id/responsible-persons', { schema: { tags, summary: '添加负责人', params: IdParams, body: Person } }, async (req, reply) =>
      reply.status(201).send(await createPerson(deps, requireUser(req), req.params.id, req.body)),
    );
    app.put('/agencies/:id/responsible-persons/:recordId', { schema: { tags, summary: '修改负责人', params: RecordParams, body: Person } }, async (req) =>
      updatePerson(deps, requireUser(req), req.params.id, req.params.recordId, req.body),
    );
    app.delete('/agencies/:id/responsible-persons/:recordId', { schema: { tags, summary: '删除负责人（保留在审计日志中）', params: RecordParams } }, async (req) => {
      await deletePerson(deps, requireUser(req), req.params.id, req.params.recordId);
      return { ok: true };
    });
    app.get('/public/agencies/:id/contact', { schema: { tags: ['公众'], summary: '机关对外公布的政务公开联系人（不含内部手机号）', params: IdParams } }, async (req) => ({ contact: await publicContact(deps, req.params.id) }));

    app.get('/agencies/:id/assessments/:year', { schema: { tags, summary: '绩效考核：考核项目、分值、自评分、佐证材料与上级评分', params: YearParams } }, async (req) =>
      getAssessment(deps, requireUser(req), req.params.id, req.params.year),
    );
    app.put(
      '/agencies/:id/assessments/:year',
      { schema: { tags, summary: '保存考核项目与自评分（分值合计须为 100）', params: YearParams, body: titled(Type.Object({ items: Type.Array(Item, { maxItems: 30 }) }, { additionalProperties: false }), assessmentBodyLabels) } },
      async (req) => {
        await saveAssessment(deps, requireUser(req), req.params.id, req.params.year, req.body.items);
        return getAssessment(deps, requireUser(req), req.params.id, req.params.year);
      },
    );
    app.put(
      '/agencies/:id/assessments/:year/superior-scores',
      {
        schema: {
          tags,
          summary: '上级评分：由上级机关填写',
          params: YearParams,
          body: titled(Type.Object({ scores: Type.Array(Type.Object({ itemId: Id, score: Type.Union([Type.Number({ title: A.superiorScore }), Type.Null()]), note: Type.Optional(Str('评分说明', 500)) }, { additionalProperties: false }), { maxItems: 30 }) }, { additionalProperties: false }), assessmentBodyLabels),
        },
      },
      async (req) => {
        await scoreAssessment(deps, requireUser(req), req.params.id, req.params.year, req.body.scores);
        return getAssessment(deps, requireUser(req), req.params.id, req.params.year);
      },
    );
  };
}
