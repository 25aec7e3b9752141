import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { deleteCalendarYear, getCalendarYear, importCalendarYear, listCalendarYears, loadCalendar, saveCalendarYear } from '../../services/calendar.ts';
import { computeDueDate } from '../../services/due-date.ts';
import { requireUser } from '../auth.ts';
import { DateString, titled } from './schemas.ts';

/** The Chinese label of each field the calendar API takes: validation errors name fields by these. */
export const calendarFieldLabels: Readonly<Record<string, string>> = {
  days: '日期安排',
  'days.date': '日期',
  'days.isOffDay': '是否休息日',
  'days.name': '名称',
  sources: '依据',
  text: '文件内容',
  year: '年份',
};

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export function calendarRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/calendar/years', { schema: { tags: ['工作日历'], summary: '已载入的年度' } }, async (req) => {
      requireUser(req);
      return { items: await listCalendarYears(deps) };
    });

    app.get('/calendar/years/:year', { schema: { tags: ['工作日历'], summary: '某年的节假日与调休上班日', params: YearParams } }, async (req) => {
      requireUser(req);
      return getCalendarYear(deps, req.params.year);
    });

    app.put(
      '/calendar/years/:year',
      {
        schema: {
          tags: ['工作日历'],
          summary: '新增或替换某年的安排（平台管理员）',
          params: YearParams,
          body: titled(Type.Object(
            {
              days: Type.Array(Type.Object({ date: DateString(), isOffDay: Type.Boolean(), name: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }), { maxItems: 200 }),
              sources: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 })),
            },
            { additionalProperties: false },
          ), calendarFieldLabels),
        },
      },
      async (req) => saveCalendarYear(deps, requireUser(req), { year: req.params.year, days: req.body.days, sources: req.body.sources ?? [] }),
    );

    app.post(
      '/calendar/import',
      {
        schema: {
          tags: ['工作日历'],
          summary: '从文件导入一年（holiday-cn JSON 或“YYYY-MM-DD,休|班,名称”文本）',
          body: titled(Type.Object({ text: Type.String({ minLength: 1, maxLength: 1_000_000 }), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }), calendarFieldLabels),
        },
      },
      async (req) => importCalendarYear(deps, requireUser(req), req.body.text, req.body.year),
    );

    app.delete('/calendar/years/:year', { schema: { tags: ['工作日历'], summary: '删除某年（平台管理员）', params: YearParams } }, async (req) => {
      await deleteCalendarYear(deps, requireUser(req), req.params.year);
      return { ok: true };
    });

    app.get(
      '/calendar/due-date',
      {
        schema: {
          tags: ['工作日历'],
          summary: '计算到期日及计算说明',
          querystring: Type.Object({ received: DateString('收到日期'), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        requireUser(req);
        return computeDueDate(await loadCalendar(deps.db), req.query.received, req.query.workingDays ?? 20);
      },
    );
  };
}
