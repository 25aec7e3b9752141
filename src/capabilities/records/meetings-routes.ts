/** Meetings over HTTP, under /agencies/:id/meetings (工作记录 beside training, decision 030). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, titled } from '../../http/api/schemas.ts';
import { createMeeting, deleteMeeting, listMeetings, updateMeeting } from './meetings.ts';
import { meetingFieldLabels as F, meetingKinds } from './meetings-contract.ts';

const tags = ['互动交流'];
const Id = Type.Integer({ minimum: 1 });
const Str = (maxLength: number) => Type.String({ maxLength });
const Meeting = titled(
  Type.Object(
    {
      kind: Type.Union(meetingKinds.map((k) => Type.Literal(k))),
      heldOn: Str(20),
      title: Str(1000),
      participantCount: Type.Integer(),
      participantKinds: Type.Array(Str(100), { maxItems: 30 }),
      topics: Str(10_000),
      minutes: Str(100_000),
      followUps: Type.Array(Type.Object({ id: Type.Optional(Id), item: Str(5000), owner: Str(500), dueOn: Str(20), doneOn: Type.Union([Str(20), Type.Null()]) }, { additionalProperties: false }), { maxItems: 100 }),
    },
    { additionalProperties: false },
  ),
  F,
);

export function meetingRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/agencies/:id/meetings', { schema: { tags, summary: '座谈会、村民会议、政府开放日（按年度）', params: IdParams, querystring: Type.Object({ year: Type.Integer({ minimum: 2008, maximum: 2100, title: '年度' }) }, { additionalProperties: false }) } }, async (req) =>
      listMeetings(deps, requireUser(req), req.params.id, req.query.year),
    );
    app.post('/agencies/:id/meetings', { schema: { tags, summary: '登记一次会议及其跟进事项', params: IdParams, body: Meeting } }, async (req, reply) =>
      reply.status(201).send(await createMeeting(deps, requireUser(req), req.params.id, req.body)),
    );
    app.put('/agencies/:id/meetings/:meetingId', { schema: { tags, summary: '修改会议记录（跟进事项整体保存）', params: Type.Object({ id: Id, meetingId: Id }), body: Meeting } }, async (req) =>
      updateMeeting(deps, requireUser(req), req.params.id, req.params.meetingId, req.body),
    );
    app.delete('/agencies/:id/meetings/:meetingId', { schema: { tags, summary: '删除会议记录（保留在审计日志中）', params: Type.Object({ id: Id, meetingId: Id }) } }, async (req) => {
      await deleteMeeting(deps, requireUser(req), req.params.id, req.params.meetingId);
      return { ok: true };
    });
  };
}
