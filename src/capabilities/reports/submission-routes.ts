/**
 * Report submission (报送): a superior's status list of its subordinates' annual reports for a
 * year, its reminders (催报), the reminders an agency received, and the 乡镇（街道） deadline a
 * superior sets. Who may is decided by the policy in the service (reports.reviewSubordinates).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams } from '../../http/api/schemas.ts';
import { remindersReceived, sendReminder, setTownshipDeadline, submissionStatus } from './submission.ts';

const Year = Type.Integer({ minimum: 2008, maximum: 2100, title: '报告年度' });

export function submissionRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agencies/:id/report-submission',
      { schema: { tags: ['年度报告'], summary: '报送情况：各下级机关本年度报告的状态（未开始、草稿、已检查、已发布、逾期）与催报记录', params: IdParams, querystring: Type.Object({ year: Year }, { additionalProperties: false }) } },
      async (req) => submissionStatus(deps, requireUser(req), req.params.id, req.query.year),
    );
    app.post(
      '/agencies/:id/report-submission/reminders',
      {
        schema: {
          tags: ['年度报告'],
          summary: '催报：提醒一个尚未发布年度报告的下级机关（记录催报人、时间和对象）',
          params: IdParams,
          body: Type.Object({ agencyId: Type.Integer({ minimum: 1, title: '下级机关' }), year: Year, note: Type.Optional(Type.String({ maxLength: 500, title: '催报说明' })) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => reply.status(201).send(await sendReminder(deps, requireUser(req), req.params.id, { targetId: req.body.agencyId, year: req.body.year, note: req.body.note })),
    );
    app.get(
      '/agencies/:id/report-reminders',
      { schema: { tags: ['年度报告'], summary: '本机关收到的上级催报记录', params: IdParams, querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }) } },
      async (req) => ({ items: await remindersReceived(deps, requireUser(req), req.params.id, req.query.year ?? null) }),
    );
    app.put(
      '/agencies/:id/report-submission/township-deadline',
      {
        schema: {
          tags: ['年度报告'],
          summary: '设置下级乡镇（街道）年度报告的公布期限（月-日，留空恢复默认的3月31日）',
          params: IdParams,
          body: Type.Object({ townshipDeadline: Type.Union([Type.String({ pattern: '^[0-9]{2}-[0-9]{2}$', title: '乡镇（街道）年度报告公布期限' }), Type.Null()]) }, { additionalProperties: false }),
        },
      },
      async (req) => setTownshipDeadline(deps, requireUser(req), req.params.id, req.body.townshipDeadline),
    );
  };
}
