import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import {
  deliveries,
  getRequest,
  idTypes,
  intakeRequest,
  listRequests,
  recordEvent,
  reminders,
  requestedForms,
  listPersonalDataReads,
  personalDataViaLabels,
  personalFieldLabels,
  type EventInput,
  type PersonalDataVia,
  type PersonalField,
} from '../../services/requests.ts';
import { requestChannels } from '../../domain/requests/lifecycle.ts';
import { applicantTypes, outcomeCodes } from '../../domain/requests/outcomes.ts';
import { requireStaff, requireUser } from '../../http/auth.ts';
import { renderNotice } from '../../services/notices.ts';
import { noticeSettingLabels, type NoticeSettings } from '../agencies/contract.ts';
import { saveNoticeSettings } from '../agencies/commands.ts';
import { getNoticeSettings } from '../agencies/queries.ts';
import type { NoticeKind } from '../../views/notices/index.ts';
import { DateString, IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { supplementFile } from './queries.ts';
import { requestFieldLimits as L } from './validation.ts';
import { requestFieldLabels, SUPPLEMENT_TEXT_MAX } from './contract.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const ApplicantSchema = Type.Object(
  {
    type: lit(applicantTypes),
    name: Text(L.applicantName),
    idType: Type.Optional(lit(Object.keys(idTypes) as (keyof typeof idTypes)[])),
    idNumber: Type.Optional(Text(L.idNumber, 0)),
    phone: Type.Optional(Text(L.phone, 0)),
    email: Type.Optional(Text(L.email, 0)),
    address: Type.Optional(Text(L.address, 0)),
    contactPerson: Type.Optional(Text(L.contactPerson, 0)),
  },
  { additionalProperties: false },
);

export const NewRequestFields = {
  applicant: ApplicantSchema,
  description: Text(L.description),
  purpose: Type.Optional(Text(L.purpose, 0)),
  requestedForm: lit(Object.keys(requestedForms) as (keyof typeof requestedForms)[]),
  delivery: lit(Object.keys(deliveries) as (keyof typeof deliveries)[]),
};

const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const PersonalDataReadPageSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String({ description: '查阅时间（ISO 8601，UTC）' }),
      userId: nullable(Type.Integer()),
      userName: nullable(Type.String({ description: '查阅人姓名' })),
      username: nullable(Type.String({ description: '查阅人用户名' })),
      via: Type.Unsafe<PersonalDataVia>({ type: 'string', enum: Object.keys(personalDataViaLabels), description: '查阅途径代码' }),
      viaLabel: Type.String({ description: '查阅途径，如“打印文书：答复书”' }),
      noticeKind: nullable(Type.String()),
      fields: Type.Array(Type.Unsafe<PersonalField>({ type: 'string', enum: Object.keys(personalFieldLabels) })),
      fieldLabels: Type.Array(Type.String(), { description: '看到的个人信息项，如“姓名”“证件号码”' }),
    }),
  ),
});

const ev = <P extends Record<string, TSchema>>(type: string, props: P) =>
  Type.Object({ type: Type.Literal(type), date: DateString('行为发生的日期'), ...props }, { additionalProperties: false });

const EventSchema = Type.Union([
  ev('receiptConfirmed', { method: lit(['signedFor', 'confirmed'] as const), note: Type.Optional(Text(500, 0)) }),
  ev('correctionRequested', { periodWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }), items: Type.Array(Text(500), { minItems: 1, maxItems: 20 }) }),
  ev('correctionReceived', { note: Type.Optional(Text(500, 0)), text: Type.Optional(Text(SUPPLEMENT_TEXT_MAX, 0)) }),
  ev('consultationStarted', { kind: lit(['thirdParty', 'otherAgency'] as const), party: Text(200), deliveredDate: Type.Optional(DateString()) }),
  ev('consultationEnded', { opinion: lit(['consent', 'objection', 'noReply'] as const), summary: Type.Optional(Text(1000, 0)) }),
  ev('feeNoticeSent', { receivedDate: Type.Optional(DateString()), method: lit(['perRequest', 'perPage'] as const), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })) }),
  ev('feePaid', { amountYuan: Type.Number({ minimum: 0 }) }),
  ev('extensionRequested', { workingDays: Type.Integer({ minimum: 1, maximum: 20 }), reason: Text(1000) }),
  ev('extensionApproved', {}),
  ev('extensionRejected', { reason: Text(1000) }),
  ev('excessiveReasonsRequested', { note: Type.Optional(Text(1000, 0)) }),
  ev('excessiveDeadlineSet', { dueDate: DateString(), reason: Text(1000) }),
  ev('replied', {
    outcome: lit(outcomeCodes),
    reasons: Text(5000, 0),
    details: Type.Optional(
      Type.Object(
        {
          alreadyPublic: Type.Optional(Type.Boolean()),
          provision: Type.Optional(Text(500, 0)),
          notHeldBasis: Type.Optional(lit(['nonexistent', 'notResponsible'] as const)),
          competentAgency: Type.Optional(Text(200, 0)),
          competentAgencyContact: Type.Optional(Text(200, 0)),
          specialMatter: Type.Optional(Text(200, 0)),
          specialLaw: Type.Optional(Text(200, 0)),
          whereToApply: Type.Optional(Text(200, 0)),
          previousReplyDate: Type.Optional(DateString('此前答复日期')),
          publicationTitle: Type.Optional(Text(200, 0)),
          whereToObtain: Type.Optional(Text(500, 0)),
          properChannel: Type.Optional(Text(500, 0)),
        },
        { additionalProperties: false },
      ),
    ),
  }),
  ev('note', { text: Text(2000) }),
]);

export function requestRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/requests',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '申请列表（到期日按当前日历实时计算）',
          querystring: Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              phase: Type.Optional(lit(['open', 'awaitingReceipt', 'processing', 'awaitingCorrection', 'consulting', 'awaitingPayment', 'closed'] as const)),
              due: Type.Optional(lit(['soon', 'overdue'] as const)),
              year: Type.Optional(Type.Integer({ minimum: 2008, maximum: 2100 })),
              q: Type.Optional(Type.String({ maxLength: 100 })),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => listRequests(deps, requireUser(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }),
    );

    app.get(
      '/requests/reminders',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '提醒：超期、3 个工作日内到期、待确认收到、期限已届满待处理',
          querystring: Type.Object({ agencyId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        },
      },
      async (req) => ({ items: await reminders(deps, requireUser(req), req.query.agencyId) }),
    );

    app.post(
      '/requests',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '登记线下申请（当面、信函、传真、电子邮件、其他）',
          body: titled(Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              channel: lit(requestChannels),
              submittedDate: DateString('提交日期'),
              receipt: Type.Optional(Type.Object({ date: DateString('签收或双方确认日期'), method: lit(['signedFor', 'confirmed'] as const) }, { additionalProperties: false })),
              ...NewRequestFields,
            },
            { additionalProperties: false },
          ), requestFieldLabels),
          response: withErrors({ 201: Type.Object({ id: Type.Integer(), queryCode: Type.String() }) }),
        },
      },
      async (req, reply) => reply.status(201).send(await intakeRequest(deps, requireUser(req), req.body)),
    );

    app.get(
      '/requests/:id',
      { schema: { tags: ['依申请公开'], summary: '申请详情：时间线、期限及计算说明、可执行操作', params: IdParams } },
      async (req) => getRequest(deps, requireUser(req), req.params.id),
    );

    app.post(
      '/requests/:id/events',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '记录办理环节（补正、征求意见、收费、延期、答复等）',
          params: IdParams,
          body: titled(EventSchema, requestFieldLabels),
        },
      },
      async (req) => recordEvent(deps, requireUser(req), req.params.id, req.body as EventInput),
    );

    app.get(
      '/requests/:id/supplement-files/:key',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '下载申请人在线提交的补正材料（办理申请的工作人员）',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), key: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        },
      },
      async (req, reply) => {
        const file = await supplementFile(deps, requireUser(req), req.params.id, req.params.key);
        // Sent as a download, never shown inline on the workspace's origin.
        return reply.type(file.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).send(file.data);
      },
    );

    app.get(
      '/requests/:id/personal-data-access',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '个人信息查阅记录：谁在何时通过哪个页面或文书看到了申请人的个人信息（仅管理员）',
          params: IdParams,
          querystring: Type.Object(
            { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
            { additionalProperties: false },
          ),
          response: withErrors({ 200: PersonalDataReadPageSchema }),
        },
      },
      async (req) => listPersonalDataReads(deps, requireUser(req), req.params.id, req.query.page ?? 1, req.query.pageSize ?? 50),
    );
  };
}

const NoticeKindSchema = Type.Union(['acknowledgement', 'correction', 'extension', 'consultation', 'fee', 'reply'].map((k) => Type.Literal(k)));

/** Formal notices of a request, and the agency facts they need. */
export function noticeRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/requests/:id/notices/:kind',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '出具文书：受理回执、补正告知书、延期答复告知书、征求意见函、收费通知书、答复书',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), kind: NoticeKindSchema }),
          querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('docx')])) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const format = req.query.format ?? 'html';
        const { body, title } = await renderNotice(deps, requireUser(req), req.params.id, req.params.kind as NoticeKind, format);
        if (format === 'html') return reply.type('text/html; charset=utf-8').send(body);
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(title)}.docx`)
          .send(body);
      },
    );

    app.get(
      '/agencies/:id/notice-settings',
      { schema: { tags: ['依申请公开'], summary: '文书设置（复议机关、管辖法院、联系方式等）', params: IdParams } },
      async (req) => getNoticeSettings(deps.db, await requireStaff(deps, req, req.params.id)),
    );
    app.put(
      '/agencies/:id/notice-settings',
      {
        schema: {
          tags: ['依申请公开'],
          summary: '修改文书设置',
          params: IdParams,
          body: titled(Type.Object(Object.fromEntries(Object.keys(noticeSettingLabels).map((k) => [k, Type.Optional(Type.String({ maxLength: 300 }))])), { additionalProperties: false }), noticeSettingLabels),
        },
      },
      async (req) => saveNoticeSettings(deps, requireUser(req), req.params.id, req.body as NoticeSettings),
    );
  };
}
