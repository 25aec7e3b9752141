import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import type { Role } from '../../src/storage/schema.ts';
import { seedDemoMessages } from '../../src/services/demo/messages.ts';
import { seedDemoSurveys } from '../../src/services/demo/surveys.ts';

/**
 * Every route of the OpenAPI document, called by an anonymous visitor, by each role of the
 * agency that owns the data (常平乡), by each role granted with the scope 本机关及下级 on the
 * county above it (平安县, so 常平乡 is in their scope), and by each role of another agency
 * (平安县民政局, outside their scope). A route without an entry here fails the test, so a new
 * route must state who may call it.
 *
 * Outcomes: "denied" is 401 UNAUTHENTICATED, 403 FORBIDDEN, or (for another agency's staff) 404
 * NOT_FOUND, which hides that a record exists; anything else (2xx, or a 4xx about the input or
 * the record's state) means the caller got past the access checks.
 */
const ROLES: readonly Role[] = ['admin', 'clerk', 'reviewer', 'head'];
const ALL = ROLES;
type Access = 'public' | 'signed-in' | readonly Role[];
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  raw?: { payload: Buffer; contentType: string };
}
interface Fixtures {
  own: number;
  /** A published message reply of the own agency (the demo's messages). */
  replyId: number;
  draft(): Promise<number>;
  hit(): Promise<number>;
  publishedDoc: number;
  requestId: number;
  appealId: number;
  mailboxId: number;
  messageId: number;
  /** An opened consultation of the own agency, taking comments today. */
  consultationId: number;
  victim: number;
  unique(): string;
  training(): Promise<number>;
  person(): Promise<number>;
  hotlineCall(): Promise<number>;
  meeting(): Promise<number>;
  interview(): Promise<number>;
  /** An upcoming interview of the own agency (the portal takes questions). */
  interviewId: number;
  /** A new draft survey of the own agency; the demo's open one and the one with published results. */
  survey(): Promise<number>;
  openSurveyId: number;
  publishedSurveyId: number;
}
interface Entry {
  access: Access;
  call(f: Fixtures): Call | Promise<Call>;
  /** Only anonymous callers (signing out would end the test's sessions). */
  anonymousOnly?: boolean;
  /** Only staff on these sides, e.g. the superior's score: the county above, never the agency itself. */
  sides?: readonly ('own' | 'county')[];
}

const get = (url: string): Call => ({ method: 'GET', url });
const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };
const TODAY = '2026-11-26';
const newRequest = (agencyId: number) => ({
  agencyId, channel: 'inPerson', submittedDate: '2026-11-20', applicant: { type: 'natural_person', name: '李四', phone: '13900001111' },
  description: '某文件', requestedForm: 'paper', delivery: 'pickup',
});
const appeal = (agencyId: number) => ({ agencyId, kind: 'reconsideration', filedDate: '2026-11-20', summary: '对答复不服' });
const pub = (url: string): Entry => ({ access: 'public', call: () => get(url) });
const newConsultation = (agencyId: number) => ({ agencyId, title: '矩阵测试草案', kind: 'other', draftText: '第一条 正文', explanation: '说明', startDate: TODAY, endDate: TODAY });
const newMessage = (agencyId: number, mailboxId: number) => ({
  agencyId, mailboxId, channel: 'letter', receivedDate: '2026-11-20', kind: 'consultation', title: '村道维修何时开始', body: '请问村道维修何时开始？', name: '王五', phone: '13900002222', consentToPublish: true,
});

const training = { heldOn: '2026-11-20', topic: '矩阵测试培训', trainer: '', attendeeCount: 2, attendeeNames: '', materials: '' };
const person = { name: '矩阵', post: '', phone: '', officePhone: '0551-1234567', email: '', since: '2026-01-01', until: null, isContact: false };
const OFFICE: readonly Role[] = ['admin', 'clerk', 'head'];
const records = (f: Fixtures) => `/api/v1/agencies/${f.own}`;
const hotlineCall = { orderNo: '', calledAt: '2026-11-20 09:00', callerName: '矩阵', callerPhone: '13900001111', subject: '矩阵测试来电', answer: '', closed: false };
const meeting = { kind: 'symposium', heldOn: '2026-11-20', title: '矩阵测试座谈会', participantCount: 5, participantKinds: ['群众代表'], topics: '议题', minutes: '', followUps: [{ item: '事项', owner: '某人', dueOn: '2026-12-20', doneOn: null }] };
const interview = (mailboxId: number) => ({ topic: '矩阵测试访谈', guests: '嘉宾', startsAt: '2026-12-20 10:00', description: '', mailboxId });
const newSurvey = { title: '矩阵测试问卷', startDate: TODAY, endDate: TODAY, questions: [{ kind: 'rating', title: '评分', required: true, options: [] }] };

const routes: Record<string, Entry> = {
  // 工作记录 (decision 022): the superior's score only from the county above, with a 本机关及下级 grant.
  'GET /api/v1/agencies/{id}/training': { access: ALL, call: (f) => get(`${records(f)}/training?year=2026`) },
  'POST /api/v1/agencies/{id}/training': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/training`, body: training }) },
  'PUT /api/v1/agencies/{id}/training/{recordId}': { access: OFFICE, call: async (f) => ({ method: 'PUT', url: `${records(f)}/training/${await f.training()}`, body: training }) },
  'DELETE /api/v1/agencies/{id}/training/{recordId}': { access: OFFICE, call: async (f) => ({ method: 'DELETE', url: `${records(f)}/training/${await f.training()}` }) },
  'GET /api/v1/agencies/{id}/responsible-persons': { access: ALL, call: (f) => get(`${records(f)}/responsible-persons`) },
  'POST /api/v1/agencies/{id}/responsible-persons': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/responsible-persons`, body: person }) },
  'PUT /api/v1/agencies/{id}/responsible-persons/{recordId}': { access: OFFICE, call: async (f) => ({ method: 'PUT', url: `${records(f)}/responsible-persons/${await f.person()}`, body: person }) },
  'DELETE /api/v1/agencies/{id}/responsible-persons/{recordId}': { access: OFFICE, call: async (f) => ({ method: 'DELETE', url: `${records(f)}/responsible-persons/${await f.person()}` }) },
  'GET /api/v1/agencies/{id}/hotline': { access: ALL, call: (f) => get(`${records(f)}/hotline`) },
  'POST /api/v1/agencies/{id}/hotline': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/hotline`, body: hotlineCall }) },
  'PUT /api/v1/agencies/{id}/hotline/{callId}': { access: OFFICE, call: async (f) => ({ method: 'PUT', url: `${records(f)}/hotline/${await f.hotlineCall()}`, body: hotlineCall }) },
  'DELETE /api/v1/agencies/{id}/hotline/{callId}': { access: OFFICE, call: async (f) => ({ method: 'DELETE', url: `${records(f)}/hotline/${await f.hotlineCall()}` }) },
  'POST /api/v1/agencies/{id}/hotline/import': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/hotline/import`, raw: { payload: Buffer.from('not a workbook'), contentType: 'application/octet-stream' } }) },
  'GET /api/v1/agencies/{id}/meetings': { access: ALL, call: (f) => get(`${records(f)}/meetings?year=2026`) },
  'POST /api/v1/agencies/{id}/meetings': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/meetings`, body: meeting }) },
  'PUT /api/v1/agencies/{id}/meetings/{meetingId}': { access: OFFICE, call: async (f) => ({ method: 'PUT', url: `${records(f)}/meetings/${await f.meeting()}`, body: meeting }) },
  'DELETE /api/v1/agencies/{id}/meetings/{meetingId}': { access: OFFICE, call: async (f) => ({ method: 'DELETE', url: `${records(f)}/meetings/${await f.meeting()}` }) },
  'GET /api/v1/agencies/{id}/interviews': { access: ALL, call: (f) => get(`${records(f)}/interviews`) },
  'POST /api/v1/agencies/{id}/interviews': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/interviews`, body: interview(f.mailboxId) }) },
  'GET /api/v1/agencies/{id}/interviews/{interviewId}': { access: ALL, call: (f) => get(`${records(f)}/interviews/${f.interviewId}`) },
  'PUT /api/v1/agencies/{id}/interviews/{interviewId}': { access: OFFICE, call: (f) => ({ method: 'PUT', url: `${records(f)}/interviews/${f.interviewId}`, body: interview(f.mailboxId) }) },
  'DELETE /api/v1/agencies/{id}/interviews/{interviewId}': { access: OFFICE, call: async (f) => ({ method: 'DELETE', url: `${records(f)}/interviews/${await f.interview()}` }) },
  'PUT /api/v1/agencies/{id}/interviews/{interviewId}/transcript': { access: OFFICE, call: (f) => ({ method: 'PUT', url: `${records(f)}/interviews/${f.interviewId}/transcript`, body: { transcript: '', publish: false } }) },
  // Before the interview both are refused as 409 INTERVIEW_NOT_HELD once the role is allowed.
  'POST /api/v1/agencies/{id}/interviews/{interviewId}/answered': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/interviews/${f.interviewId}/answered`, body: { answers: [] } }) },
  'POST /api/v1/agencies/{id}/interviews/{interviewId}/convert-unanswered': { access: OFFICE, call: (f) => ({ method: 'POST', url: `${records(f)}/interviews/${f.interviewId}/convert-unanswered` }) },
  'GET /api/v1/public/agencies/{id}/contact': { access: 'public', call: (f) => get(`/api/v1/public/agencies/${f.own}/contact`) },
  'GET /api/v1/agencies/{id}/assessments/{year}': { access: ALL, call: (f) => get(`${records(f)}/assessments/2026`) },
  'PUT /api/v1/agencies/{id}/assessments/{year}': { access: OFFICE, call: (f) => ({ method: 'PUT', url: `${records(f)}/assessments/2026`, body: { items: [{ name: '主动公开', weight: 100, selfScore: 90, evidenceText: '', evidenceDocumentIds: [] }] } }) },
  'PUT /api/v1/agencies/{id}/assessments/{year}/superior-scores': { access: ['admin', 'head'], sides: ['county'], call: (f) => ({ method: 'PUT', url: `${records(f)}/assessments/2026/superior-scores`, body: { scores: [] } }) },
  'GET /healthz': pub('/healthz'),
  'POST /api/v1/auth/login': { access: 'public', anonymousOnly: true, call: () => ({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'nobody', password: 'wrong' } }) },
  'POST /api/v1/auth/logout': { access: 'public', anonymousOnly: true, call: () => ({ method: 'POST', url: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/session': { access: 'signed-in', call: () => get('/api/v1/auth/session') },
  'GET /api/v1/inbox': { access: 'signed-in', call: () => get('/api/v1/inbox') },
  'POST /api/v1/auth/change-password': { access: 'signed-in', call: () => ({ method: 'POST', url: '/api/v1/auth/change-password', body: { currentPassword: 'not-my-password', newPassword: 'Whatever-2026!' } }) },
  'GET /api/v1/agencies': { access: 'signed-in', call: () => get('/api/v1/agencies') },
  'GET /api/v1/agencies/{id}/self-review': { access: ALL, call: (f) => get(`/api/v1/agencies/${f.own}/self-review`) },
  'PUT /api/v1/agencies/{id}/self-review': { access: ['admin'], call: (f) => ({ method: 'PUT', url: `/api/v1/agencies/${f.own}/self-review`, body: { allowed: true, reason: '本机构仅一人办公' } }) },
  'GET /api/v1/agencies/managed': { access: 'signed-in', call: () => get('/api/v1/agencies/managed') },
  'PATCH /api/v1/agencies/{id}': { access: ['admin'], call: (f) => ({ method: 'PATCH', url: `/api/v1/agencies/${f.own}`, body: { fullName: '常平乡人民政府' } }) },
  'POST /api/v1/agencies': { access: ['admin'], call: (f) => ({ method: 'POST', url: '/api/v1/agencies', body: { code: `d-${f.unique()}`, name: '矩阵测试办', level: 'department', parentId: f.own } }) },
  'GET /api/v1/users': { access: ['admin'], call: (f) => get(`/api/v1/users?agencyId=${f.own}`) },
  'POST /api/v1/users': { access: ['admin'], call: (f) => ({ method: 'POST', url: '/api/v1/users', body: { username: `u.${f.unique()}`, displayName: '新用户', agencyId: f.own, roles: ['clerk'] } }) },
  'PATCH /api/v1/users/{id}': { access: ['admin'], call: (f) => ({ method: 'PATCH', url: `/api/v1/users/${f.victim}`, body: { displayName: '改名' } }) },
  'PUT /api/v1/users/{id}/roles': { access: ['admin'], call: (f) => ({ method: 'PUT', url: `/api/v1/users/${f.victim}/roles`, body: { agencyId: f.own, roles: ['clerk'] } }) },
  'POST /api/v1/users/{id}/reset-password': { access: ['admin'], call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.victim}/reset-password` }) },
  'GET /api/v1/audit': { access: ['admin', 'head'], call: (f) => get(`/api/v1/audit?agencyId=${f.own}`) },
  // The audit chain spans every agency: platform operators only.
  'GET /api/v1/audit/chain/verify': { access: [], call: () => get('/api/v1/audit/chain/verify') },
  'GET /api/v1/audit/chain/head': { access: [], call: () => get('/api/v1/audit/chain/head') },
  'GET /api/v1/requests': { access: ALL, call: (f) => get(`/api/v1/requests?agencyId=${f.own}`) },
  'POST /api/v1/requests': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/requests', body: newRequest(f.own) }) },
  'GET /api/v1/requests/reminders': { access: ALL, call: (f) => get(`/api/v1/requests/reminders?agencyId=${f.own}`) },
  'GET /api/v1/requests/{id}': { access: ALL, call: (f) => get(`/api/v1/requests/${f.requestId}`) },
  'POST /api/v1/requests/{id}/events': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: `/api/v1/requests/${f.requestId}/events`, body: { type: 'correctionReceived', date: TODAY } }) },
  // A notice carries the applicant's name: only those who handle requests issue one (decision 013).
  'GET /api/v1/requests/{id}/notices/{kind}': { access: ['admin', 'clerk', 'head'], call: (f) => get(`/api/v1/requests/${f.requestId}/notices/acknowledgement`) },
  // The applicant's 补正 files may hold their papers: those who handle requests, as for notices.
  'GET /api/v1/requests/{id}/supplement-files/{key}': { access: ['admin', 'clerk', 'head'], call: (f) => get(`/api/v1/requests/${f.requestId}/supplement-files/${'0'.repeat(64)}`) },
  'GET /api/v1/requests/{id}/personal-data-access': { access: ['admin'], call: (f) => get(`/api/v1/requests/${f.requestId}/personal-data-access`) },
  'GET /api/v1/agencies/{id}/notice-settings': { access: ALL, call: (f) => get(`/api/v1/agencies/${f.own}/notice-settings`) },
  'PUT /api/v1/agencies/{id}/notice-settings': { access: ['admin', 'head'], call: (f) => ({ method: 'PUT', url: `/api/v1/agencies/${f.own}/notice-settings`, body: { phone: '0551-1234567' } }) },
  'GET /api/v1/agencies/{id}/site-settings': { access: ALL, call: (f) => get(`/api/v1/agencies/${f.own}/site-settings`) },
  'PUT /api/v1/agencies/{id}/site-settings': { access: ['admin'], call: (f) => ({ method: 'PUT', url: `/api/v1/agencies/${f.own}/site-settings`, body: { phone: '0551-1234567' } }) },
  'GET /api/v1/calendar/years': { access: 'signed-in', call: () => get('/api/v1/calendar/years') },
  'GET /api/v1/calendar/years/{year}': { access: 'signed-in', call: () => get('/api/v1/calendar/years/2026') },
  // The shared calendar belongs to platform operators, not to any agency role.
  'PUT /api/v1/calendar/years/{year}': { access: [], call: () => ({ method: 'PUT', url: '/api/v1/calendar/years/2027', body: { days: [{ date: '2027-01-01', isOffDay: true, name: '元旦' }] } }) },
  'DELETE /api/v1/calendar/years/{year}': { access: [], call: () => ({ method: 'DELETE', url: '/api/v1/calendar/years/2026' }) },
  'POST /api/v1/calendar/import': { access: [], call: () => ({ method: 'POST', url: '/api/v1/calendar/import', body: { text: '2027-01-01,休,元旦', year: 2027 } }) },
  'GET /api/v1/calendar/due-date': { access: 'signed-in', call: () => get('/api/v1/calendar/due-date?received=2026-11-20') },
  'GET /api/v1/public/captcha': pub('/api/v1/public/captcha'),
  'POST /api/v1/public/agencies/{code}/requests': { access: 'public', call: () => ({ method: 'POST', url: '/api/v1/public/agencies/changping/requests', body: {} }) },
  'GET /api/v1/public/requests/track': pub('/api/v1/public/requests/track'),
  'GET /api/v1/mailboxes': { access: ALL, call: (f) => get(`/api/v1/mailboxes?agencyId=${f.own}`) },
  'POST /api/v1/mailboxes': { access: ['admin', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/mailboxes', body: { agencyId: f.own, name: `信箱${f.unique()}` } }) },
  'GET /api/v1/messages': { access: ALL, call: (f) => get(`/api/v1/messages?agencyId=${f.own}`) },
  'POST /api/v1/messages': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/messages', body: newMessage(f.own, f.mailboxId) }) },
  'GET /api/v1/messages/{id}': { access: ALL, call: (f) => get(`/api/v1/messages/${f.messageId}`) },
  'POST /api/v1/messages/{id}/events': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: `/api/v1/messages/${f.messageId}/events`, body: { type: 'note', date: TODAY, text: '已电话联系' } }) },
  'GET /api/v1/public/agencies/{code}/mailboxes': pub('/api/v1/public/agencies/changping/mailboxes'),
  'POST /api/v1/public/agencies/{code}/messages': { access: 'public', call: () => ({ method: 'POST', url: '/api/v1/public/agencies/changping/messages', body: {} }) },
  'POST /api/v1/public/messages/track': { access: 'public', call: () => ({ method: 'POST', url: '/api/v1/public/messages/track', body: { code: 'LYAA-BBBB-CCCC', secret: '1234' } }) },
  'POST /api/v1/public/messages/rate': { access: 'public', call: () => ({ method: 'POST', url: '/api/v1/public/messages/rate', body: { code: 'LYAA-BBBB-CCCC', secret: '1234', rating: 'satisfied' } }) },
  'POST /api/v1/messages/{id}/convert-to-request': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: `/api/v1/messages/${f.messageId}/convert-to-request` }) },
  // 问卷调查 (decision 029): read by every role, made and run by OFFICE, results published by the admin or head.
  'GET /api/v1/surveys': { access: ALL, call: (f) => get(`/api/v1/surveys?agencyId=${f.own}`) },
  'POST /api/v1/surveys': { access: OFFICE, call: (f) => ({ method: 'POST', url: '/api/v1/surveys', body: { agencyId: f.own, ...newSurvey } }) },
  'GET /api/v1/surveys/{id}': { access: ALL, call: async (f) => get(`/api/v1/surveys/${await f.survey()}`) },
  'PUT /api/v1/surveys/{id}': { access: OFFICE, call: async (f) => ({ method: 'PUT', url: `/api/v1/surveys/${await f.survey()}`, body: newSurvey }) },
  'POST /api/v1/surveys/{id}/events': { access: OFFICE, call: async (f) => ({ method: 'POST', url: `/api/v1/surveys/${await f.survey()}/events`, body: { type: 'opened', date: TODAY } }) },
  'GET /api/v1/public/agencies/{code}/surveys': pub('/api/v1/public/agencies/changping/surveys'),
  'GET /api/v1/public/agencies/{code}/surveys/{id}': { access: 'public', call: (f) => get(`/api/v1/public/agencies/changping/surveys/${f.openSurveyId}`) },
  'GET /api/v1/public/agencies/{code}/surveys/{id}/results': { access: 'public', call: (f) => get(`/api/v1/public/agencies/changping/surveys/${f.publishedSurveyId}/results`) },
  'POST /api/v1/public/agencies/{code}/surveys/{id}/responses': { access: 'public', call: (f) => ({ method: 'POST', url: `/api/v1/public/agencies/changping/surveys/${f.openSurveyId}/responses`, body: {} }) },
  // 意见征集 (decision 024): read by every role, run by OFFICE; publishing the feedback is checked in test/http/consultations.test.ts.
  'GET /api/v1/consultations': { access: ALL, call: (f) => get(`/api/v1/consultations?agencyId=${f.own}`) },
  'POST /api/v1/consultations': { access: OFFICE, call: (f) => ({ method: 'POST', url: '/api/v1/consultations', body: newConsultation(f.own) }) },
  'GET /api/v1/consultations/{id}': { access: ALL, call: (f) => get(`/api/v1/consultations/${f.consultationId}`) },
  'POST /api/v1/consultations/{id}/comments': { access: OFFICE, call: (f) => ({ method: 'POST', url: `/api/v1/consultations/${f.consultationId}/comments`, body: { body: '矩阵意见', name: '矩阵', receivedDate: TODAY } }) },
  'POST /api/v1/consultations/{id}/events': { access: OFFICE, call: (f) => ({ method: 'POST', url: `/api/v1/consultations/${f.consultationId}/events`, body: { type: 'note', date: TODAY, text: '矩阵备注' } }) },
  'GET /api/v1/public/agencies/{code}/consultations': pub('/api/v1/public/agencies/changping/consultations'),
  'GET /api/v1/public/agencies/{code}/consultations/{id}': { access: 'public', call: (f) => get(`/api/v1/public/agencies/changping/consultations/${f.consultationId}`) },
  'POST /api/v1/public/agencies/{code}/consultations/{id}/comments': { access: 'public', call: (f) => ({ method: 'POST', url: `/api/v1/public/agencies/changping/consultations/${f.consultationId}/comments`, body: {} }) },
  'GET /api/v1/public/agencies/{code}/message-replies': pub('/api/v1/public/agencies/changping/message-replies'),
  'GET /api/v1/public/agencies/{code}/message-replies/{id}': { access: 'public', call: (f) => get(`/api/v1/public/agencies/changping/message-replies/${f.replyId}`) },
  'GET /api/v1/public/agencies/{code}/message-statistics': pub('/api/v1/public/agencies/changping/message-statistics'),
  'POST /api/v1/public/requests/track': { access: 'public', call: () => ({ method: 'POST', url: '/api/v1/public/requests/track', body: { code: 'AAAA-BBBB-CCCC', secret: '1234' } }) },
  'GET /api/v1/search': pub(`/api/v1/search?q=${encodeURIComponent('公开')}`),
  'GET /api/v1/documents': { access: ALL, call: (f) => get(`/api/v1/documents?agencyId=${f.own}`) },
  'POST /api/v1/documents': { access: ['admin', 'clerk'], call: (f) => ({ method: 'POST', url: '/api/v1/documents', body: { agencyId: f.own, title: '矩阵测试', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', writtenAt: '2026-11-20' } }) },
  'GET /api/v1/documents/{id}': { access: ALL, call: async (f) => get(`/api/v1/documents/${await f.draft()}`) },
  'PUT /api/v1/documents/{id}': { access: ['admin', 'clerk'], call: async (f) => ({ method: 'PUT', url: `/api/v1/documents/${await f.draft()}`, body: { title: '改过的标题', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', writtenAt: '2026-11-20' } }) },
  'POST /api/v1/documents/{id}/transitions': { access: ['admin', 'clerk'], call: async (f) => ({ method: 'POST', url: `/api/v1/documents/${await f.draft()}/transitions`, body: { action: 'submit' } }) },
  'POST /api/v1/documents/{id}/attachments': {
    access: ['admin', 'clerk'],
    call: async (f) => ({ method: 'POST', url: `/api/v1/documents/${await f.draft()}/attachments?name=a.txt`, raw: { payload: Buffer.from('附件'), contentType: 'application/octet-stream' } }),
  },
  'GET /api/v1/documents/{id}/channels/{channel}': { access: ALL, call: (f) => get(`/api/v1/documents/${f.publishedDoc}/channels/wechat`) },
  'PUT /api/v1/documents/{id}/interpretation-exemption': { access: ['admin', 'clerk', 'head'], call: async (f) => ({ method: 'PUT', url: `/api/v1/documents/${await f.draft()}/interpretation-exemption`, body: { reason: '矩阵测试的理由' } }) },
  'DELETE /api/v1/documents/{id}/interpretation-exemption': { access: ['admin', 'clerk', 'head'], call: async (f) => ({ method: 'DELETE', url: `/api/v1/documents/${await f.draft()}/interpretation-exemption` }) },
  'POST /api/v1/documents/{id}/revisions': { access: ['admin', 'clerk'], call: async (f) => ({ method: 'POST', url: `/api/v1/documents/${await f.draft()}/revisions` }) },
  'POST /api/v1/scan-hits/{id}/resolve': { access: ['reviewer'], call: async (f) => ({ method: 'POST', url: `/api/v1/scan-hits/${await f.hit()}/resolve`, body: { resolution: '公开的举报电话' } }) },
  'GET /api/v1/categories': { access: ALL, call: (f) => get(`/api/v1/categories?agencyId=${f.own}`) },
  'POST /api/v1/categories': { access: ['admin', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/categories', body: { agencyId: f.own, code: `c-${f.unique()}`, name: '自设栏目' } }) },
  'PUT /api/v1/agencies/{id}/index-scheme': { access: ['admin'], call: (f) => ({ method: 'PUT', url: `/api/v1/agencies/${f.own}/index-scheme`, body: { scheme: '{agency}/{year}-{seq:5}' } }) },
  'GET /api/v1/art20-statistics': { access: ALL, call: (f) => get(`/api/v1/art20-statistics?agencyId=${f.own}&year=2026`) },
  'PUT /api/v1/art20-statistics': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'PUT', url: '/api/v1/art20-statistics', body: { agencyId: f.own, year: 2026, entries: [{ month: 1, item: 'license', value: 1 }] } }) },
  'POST /api/v1/art20-statistics/import': {
    access: ['admin', 'clerk', 'head'],
    call: (f) => ({ method: 'POST', url: `/api/v1/art20-statistics/import?agencyId=${f.own}&year=2026`, raw: { payload: Buffer.from('not a workbook'), contentType: 'application/octet-stream' } }),
  },
  'GET /api/v1/portal-pages/{slug}': { access: ALL, call: (f) => get(`/api/v1/portal-pages/guide?agencyId=${f.own}`) },
  'PUT /api/v1/portal-pages/{slug}': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'PUT', url: '/api/v1/portal-pages/guide', body: { agencyId: f.own, title: '公开指南', bodyHtml: '<p>指南</p>' } }) },
  'GET /api/v1/publishing-plan': { access: ALL, call: (f) => get(`/api/v1/publishing-plan?agencyId=${f.own}&month=2026-11`) },
  'POST /api/v1/publishing-plan': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/publishing-plan', body: { agencyId: f.own, channel: 'website', plannedDate: '2026-11-30', title: '计划' } }) },
  'GET /api/v1/dashboard/stale-columns': { access: ALL, call: (f) => get(`/api/v1/dashboard/stale-columns?agencyId=${f.own}`) },
  'GET /api/v1/reports/{year}': { access: ALL, call: (f) => get(`/api/v1/reports/2025?agencyId=${f.own}`) },
  'PUT /api/v1/reports/{year}/narrative': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'PUT', url: '/api/v1/reports/2024/narrative', body: { agencyId: f.own, overview: '总体情况。', problems: '问题。', other: '其他。' } }) },
  'POST /api/v1/reports/{year}/check': { access: ALL, call: (f) => ({ method: 'POST', url: '/api/v1/reports/2024/check', body: { agencyId: f.own } }) },
  'POST /api/v1/reports/{year}/publish': { access: ['head'], call: (f) => ({ method: 'POST', url: '/api/v1/reports/2024/publish', body: { agencyId: f.own } }) },
  'GET /api/v1/reports/{year}/cells': { access: ALL, call: (f) => get(`/api/v1/reports/2025/cells?agencyId=${f.own}&row=new&col=total`) },
  'GET /api/v1/reports/{year}/export': { access: ALL, call: (f) => get(`/api/v1/reports/2025/export?agencyId=${f.own}&format=json`) },
  'POST /api/v1/reports/{year}/correct': { access: ['head'], call: (f) => ({ method: 'POST', url: '/api/v1/reports/2024/correct', body: { agencyId: f.own, reason: '更正第五部分。', overview: '总体情况。', problems: '问题。', other: '其他。' } }) },
  // 网站年度报表 and the section 一 draft (decision 026): read and checked by any staff, published by the head.
  'GET /api/v1/website-reports/{year}': { access: ALL, call: (f) => get(`/api/v1/website-reports/2025?agencyId=${f.own}`) },
  'POST /api/v1/website-reports/{year}/check': { access: ALL, call: (f) => ({ method: 'POST', url: '/api/v1/website-reports/2024/check', body: { agencyId: f.own } }) },
  'POST /api/v1/website-reports/{year}/publish': { access: ['head'], call: (f) => ({ method: 'POST', url: '/api/v1/website-reports/2024/publish', body: { agencyId: f.own } }) },
  'GET /api/v1/website-reports/{year}/export': { access: ALL, call: (f) => get(`/api/v1/website-reports/2025/export?agencyId=${f.own}&format=json`) },
  'GET /api/v1/reports/{year}/overview-draft': { access: ALL, call: (f) => get(`/api/v1/reports/2025/overview-draft?agencyId=${f.own}`) },
  'GET /api/v1/report-contacts': { access: ALL, call: (f) => get(`/api/v1/report-contacts?agencyId=${f.own}`) },
  'PUT /api/v1/report-contacts': {
    access: ['admin', 'clerk', 'head'],
    call: (f) => ({ method: 'PUT', url: '/api/v1/report-contacts', body: { agencyId: f.own, websiteName: '', websiteUrl: '', office: '', address: '', postcode: '', phone: '', email: '' } }),
  },
  // The checker reads any published report: every signed-in user may use it.
  'POST /api/v1/report-check/file': { access: 'signed-in', call: () => ({ method: 'POST', url: '/api/v1/report-check/file?name=r.txt', raw: { payload: Buffer.from('你好'), contentType: 'application/octet-stream' } }) },
  'POST /api/v1/report-check': { access: 'signed-in', call: () => ({ method: 'POST', url: '/api/v1/report-check', body: { text: '你好' } }) },
  // 常平乡 has no subordinates: allowed means an empty list, not a refusal.
  'POST /api/v1/agencies/{id}/report-check/subordinates': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: `/api/v1/agencies/${f.own}/report-check/subordinates`, body: { year: 2025 } }) },
  'POST /api/v1/agencies/{id}/report-check/subordinates/uploads': {
    access: ['admin', 'clerk', 'head'],
    call: (f) => ({ method: 'POST', url: `/api/v1/agencies/${f.own}/report-check/subordinates/uploads?year=2025`, raw: { payload: Buffer.from('--x\r\n\r\n--x--\r\n'), contentType: 'multipart/form-data; boundary=x' } }),
  },
  // 报送 and 汇总 (issue 12): 常平乡 has no subordinates, so allowed means an empty list, or a refused reminder (400).
  'GET /api/v1/agencies/{id}/report-submission': { access: ['admin', 'clerk', 'head'], call: (f) => get(`/api/v1/agencies/${f.own}/report-submission?year=2025`) },
  'POST /api/v1/agencies/{id}/report-submission/reminders': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: `/api/v1/agencies/${f.own}/report-submission/reminders`, body: { agencyId: f.own, year: 2025 } }) },
  'PUT /api/v1/agencies/{id}/report-submission/township-deadline': { access: ['admin', 'head'], call: (f) => ({ method: 'PUT', url: `/api/v1/agencies/${f.own}/report-submission/township-deadline`, body: { townshipDeadline: null } }) },
  'GET /api/v1/agencies/{id}/report-reminders': { access: ALL, call: (f) => get(`/api/v1/agencies/${f.own}/report-reminders`) },
  'GET /api/v1/agencies/{id}/report-rollup': { access: ['admin', 'clerk', 'head'], call: (f) => get(`/api/v1/agencies/${f.own}/report-rollup?year=2025`) },
  // 督办 (issue 11 item 4): any staff of the agency reads its dashboard; the county's subtree roles reach it too.
  'GET /api/v1/agencies/{id}/supervision': { access: ALL, call: (f) => get(`/api/v1/agencies/${f.own}/supervision`) },
  'GET /api/v1/appeals': { access: ALL, call: (f) => get(`/api/v1/appeals?agencyId=${f.own}`) },
  'POST /api/v1/appeals': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'POST', url: '/api/v1/appeals', body: appeal(f.own) }) },
  'PUT /api/v1/appeals/{id}': { access: ['admin', 'clerk', 'head'], call: (f) => ({ method: 'PUT', url: `/api/v1/appeals/${f.appealId}`, body: appeal(f.own) }) },
  // The portal and the workspace shell are public pages.
  'GET /assets/portal.css': pub('/assets/portal.css'),
  'GET /assets/request-form.css': pub('/assets/request-form.css'),
  'GET /assets/request-form.js': pub('/assets/request-form.js'),
  'GET /': pub('/'),
  'GET /org/{code}/': pub('/org/changping/'),
  'GET /org/{code}/open/catalogue': pub('/org/changping/open/catalogue'),
  'GET /org/{code}/open/interaction/interviews': pub('/org/changping/open/interaction/interviews'),
  'GET /org/{code}/open/interaction/interviews/{id}': { access: 'public', call: (f) => get(`/org/changping/open/interaction/interviews/${f.interviewId}`) },
  'POST /org/{code}/open/interaction/interviews/{id}': { access: 'public', call: (f) => ({ method: 'POST', url: `/org/changping/open/interaction/interviews/${f.interviewId}`, raw: { payload: Buffer.from('body=x'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/documents/{id}': { access: 'public', call: (f) => get(`/org/changping/documents/${f.publishedDoc}`) },
  'GET /org/{code}/documents/{id}/attachments/{att}': { access: 'public', call: (f) => get(`/org/changping/documents/${f.publishedDoc}/attachments/1`) },
  'GET /org/{code}/search': pub(`/org/changping/search?q=${encodeURIComponent('公开')}`),
  'GET /search': pub(`/search?q=${encodeURIComponent('公开')}`),
  'GET /org/{code}/open/statutory': pub('/org/changping/open/statutory'),
  'GET /org/{code}/open/annual-reports': pub('/org/changping/open/annual-reports'),
  'GET /org/{code}/annual-reports/{file}': pub('/org/changping/annual-reports/2025.json'),
  'GET /org/{code}/open/annual-reports/check': pub('/org/changping/open/annual-reports/check'),
  'POST /org/{code}/open/annual-reports/check': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/annual-reports/check', raw: { payload: Buffer.from('text=x'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/guide': pub('/org/changping/open/guide'),
  'GET /org/{code}/open/rules': pub('/org/changping/open/rules'),
  'GET /org/{code}/feed.atom': pub('/org/changping/feed.atom'),
  'GET /org/{code}/feed.rss': pub('/org/changping/feed.rss'),
  'GET /sitemap.xml': pub('/sitemap.xml'),
  'GET /sitemaps/{n}': pub('/sitemaps/1'),
  'GET /a11y/text-size': pub('/a11y/text-size?large=1'),
  'GET /org/{code}/contact': pub('/org/changping/contact'),
  'GET /org/{code}/sitemap': pub('/org/changping/sitemap'),
  'GET /org/{code}/brochure': pub('/org/changping/brochure?year=2025'),
  'GET /privacy': pub('/privacy'),
  'GET /org/{code}/open/request': pub('/org/changping/open/request'),
  'POST /org/{code}/open/request': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/request', raw: { payload: Buffer.from('name=x'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/request/track': pub('/org/changping/open/request/track'),
  'POST /org/{code}/open/request/track': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/request/track', raw: { payload: Buffer.from('code=AAAA-BBBB-CCCC&secret=1234'), contentType: 'application/x-www-form-urlencoded' } }) },
  'POST /org/{code}/open/request/reply': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/request/reply', raw: { payload: Buffer.from('code=AAAA-BBBB-CCCC&secret=1234'), contentType: 'application/x-www-form-urlencoded' } }) },
  'POST /org/{code}/open/request/supplement': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/request/supplement', raw: { payload: Buffer.from('--x\r\nContent-Disposition: form-data; name="code"\r\n\r\nAAAA-BBBB-CCCC\r\n--x--\r\n'), contentType: 'multipart/form-data; boundary=x' } }) },
  'GET /org/{code}/open/{column}': pub('/org/changping/open/interaction'),
  'GET /assets/message-pages.css': pub('/assets/message-pages.css'),
  'GET /assets/consultation-pages.css': pub('/assets/consultation-pages.css'),
  'GET /org/{code}/open/interaction/consultations': pub('/org/changping/open/interaction/consultations'),
  'GET /org/{code}/open/interaction/consultations/{id}': { access: 'public', call: (f) => get(`/org/changping/open/interaction/consultations/${f.consultationId}`) },
  'POST /org/{code}/open/interaction/consultations/{id}': { access: 'public', call: (f) => ({ method: 'POST', url: `/org/changping/open/interaction/consultations/${f.consultationId}`, raw: { payload: Buffer.from('body=x'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/interaction': pub('/org/changping/open/interaction'),
  'GET /org/{code}/open/interaction/mailbox/{id}': pub('/org/changping/open/interaction/mailbox/1'),
  'POST /org/{code}/open/interaction/mailbox/{id}': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/interaction/mailbox/1', raw: { payload: Buffer.from('title=x'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/interaction/track': pub('/org/changping/open/interaction/track'),
  'POST /org/{code}/open/interaction/track': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/interaction/track', raw: { payload: Buffer.from('code=LYAA-BBBB-CCCC&secret=1234'), contentType: 'application/x-www-form-urlencoded' } }) },
  'POST /org/{code}/open/interaction/rate': { access: 'public', call: () => ({ method: 'POST', url: '/org/changping/open/interaction/rate', raw: { payload: Buffer.from('code=LYAA-BBBB-CCCC&secret=1234&rating=satisfied'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/interaction/replies': pub('/org/changping/open/interaction/replies'),
  'GET /org/{code}/open/interaction/replies/{id}': { access: 'public', call: (f) => get(`/org/changping/open/interaction/replies/${f.replyId}`) },
  'GET /org/{code}/open/interaction/statistics': pub('/org/changping/open/interaction/statistics'),
  'GET /assets/survey-pages.css': pub('/assets/survey-pages.css'),
  'GET /org/{code}/open/interaction/surveys': pub('/org/changping/open/interaction/surveys'),
  'GET /org/{code}/open/interaction/surveys/{id}': { access: 'public', call: (f) => get(`/org/changping/open/interaction/surveys/${f.openSurveyId}`) },
  'POST /org/{code}/open/interaction/surveys/{id}': { access: 'public', call: (f) => ({ method: 'POST', url: `/org/changping/open/interaction/surveys/${f.openSurveyId}`, raw: { payload: Buffer.from('q_q1=3'), contentType: 'application/x-www-form-urlencoded' } }) },
  'GET /org/{code}/open/interaction/surveys/{id}/results': { access: 'public', call: (f) => get(`/org/changping/open/interaction/surveys/${f.publishedSurveyId}/results`) },
  'GET /admin': pub('/admin'),
  'GET /admin/': pub('/admin/'),
  'GET /admin/{*}': pub('/admin/requests'),
};

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'hidden';
function outcomeOf(res: LightMyRequestResponse): Outcome {
  let code: string | undefined;
  try {
    code = (res.json() as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  if (res.statusCode === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.statusCode === 403 && code === 'FORBIDDEN') return 'forbidden';
  if (res.statusCode === 404 && code === 'NOT_FOUND') return 'hidden';
  return 'allowed';
}

for (const dialect of DIALECTS) {
  describe(`authorization matrix on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    const clients = new Map<string, Client>();
    let fixtures: Fixtures;

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      const own = agencies.find((a) => a.code === 'changping')!.id;
      const other = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      const county = agencies.find((a) => a.code === 'pingan')!.id;
      const makeUser = async (username: string, agencyId: number, role: Role) => {
        const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId, roles: [role] });
        assert.equal(res.statusCode, 201, res.body);
        return res.json() as { user: { id: number }; oneTimePassword: string };
      };
      for (const [side, agencyId] of [['own', own], ['other', other], ['county', county]] as const) {
        for (const role of ROLES) {
          const { user, oneTimePassword } = await makeUser(`${side}.${role}`, agencyId, role);
          if (side === 'county') assert.equal((await operator.request('PUT', `/api/v1/users/${user.id}/roles`, { agencyId, roles: [role], scope: 'subtree' })).statusCode, 200);
          clients.set(`${side}.${role}`, await loginClient(t.app, `${side}.${role}`, oneTimePassword));
        }
      }
      const victim = (await makeUser('own.victim', own, 'clerk')).user.id;
      let n = 0;
      const draft = async (bodyHtml = '<p>正文</p>') => {
        const res = await operator.request('POST', '/api/v1/documents', { agencyId: own, title: '矩阵测试草稿', bodyHtml, categoryCode: 'art20-11', writtenAt: '2026-11-20' });
        assert.equal(res.statusCode, 201, res.body);
        return res.json() as { id: number; scanHits: { id: number }[] };
      };
      const publishedDoc = (await draft()).id;
      for (const body of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
        assert.equal((await operator.request('POST', `/api/v1/documents/${publishedDoc}/transitions`, body)).statusCode, 200);
      }
      const requestId = (await operator.request('POST', '/api/v1/requests', newRequest(own))).json().id;
      const appealId = (await operator.request('POST', '/api/v1/appeals', appeal(own))).json().id;
      assert.ok(requestId && appealId);
      await seedDemoMessages(t.deps);
      await seedDemoSurveys(t.deps);
      const demoSurveys = (await t.app.inject({ method: 'GET', url: '/api/v1/public/agencies/changping/surveys' })).json() as { open: { id: number }[]; published: { id: number }[] };
      const mailboxId = (await operator.request('POST', '/api/v1/mailboxes', { agencyId: own, name: '乡长信箱' })).json().id;
      const messageId = (await operator.request('POST', '/api/v1/messages', newMessage(own, mailboxId))).json().id;
      assert.ok(mailboxId && messageId);
      const consultationId = (await operator.request('POST', '/api/v1/consultations', newConsultation(own))).json().id as number;
      assert.equal((await operator.request('POST', `/api/v1/consultations/${consultationId}/events`, { type: 'opened', date: TODAY })).statusCode, 200);
      const replyId = (await t.app.inject({ method: 'GET', url: '/api/v1/public/agencies/changping/message-replies' })).json().items[0]?.id as number;
      assert.ok(replyId, 'the demo publishes a reply at 常平乡');
      const newInterview = async () => (await operator.request('POST', `/api/v1/agencies/${own}/interviews`, interview(mailboxId))).json().id as number;
      const interviewId = await newInterview();
      fixtures = {
        own,
        replyId,
        draft: async () => (await draft()).id,
        hit: async () => (await draft('<p>举报电话：13912345678</p>')).scanHits[0]!.id,
        publishedDoc,
        requestId,
        appealId,
        mailboxId,
        messageId,
        consultationId,
        victim,
        unique: () => `${Date.now().toString(36)}${n++}`,
        training: async () => (await operator.request('POST', `/api/v1/agencies/${own}/training`, training)).json().id,
        person: async () => (await operator.request('POST', `/api/v1/agencies/${own}/responsible-persons`, person)).json().id,
        hotlineCall: async () => (await operator.request('POST', `/api/v1/agencies/${own}/hotline`, hotlineCall)).json().id,
        meeting: async () => (await operator.request('POST', `/api/v1/agencies/${own}/meetings`, meeting)).json().id,
        interview: newInterview,
        interviewId,
        survey: async () => (await operator.request('POST', '/api/v1/surveys', { agencyId: own, ...newSurvey })).json().id,
        openSurveyId: demoSurveys.open[0]!.id,
        publishedSurveyId: demoSurveys.published[0]!.id,
      };
    });
    after(async () => t.close());

    it('has an entry for every route of the OpenAPI document, and none for a route that is gone', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(documented.filter((r) => !(r in routes)), [], 'routes without an authorization entry');
      assert.deepEqual(Object.keys(routes).filter((r) => !documented.includes(r)), [], 'entries for routes that no longer exist');
    });

    it('lets each caller do exactly what its role in the owning agency allows', async () => {
      const problems: string[] = [];
      for (const [route, entry] of Object.entries(routes)) {
        const callers = entry.anonymousOnly ? ['anonymous'] : ['anonymous', ...clients.keys()];
        for (const who of callers) {
          const call = await entry.call(fixtures);
          const client = clients.get(who);
          const headers: Record<string, string> = client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {};
          if (call.raw) headers['content-type'] = call.raw.contentType;
          const res = await t.app.inject({
            method: call.method,
            url: call.url,
            headers,
            ...(call.raw ? { payload: call.raw.payload } : call.body === undefined ? {} : { payload: call.body as object }),
          });
          const got = outcomeOf(res);
          const [side, role] = who.split('.') as ['own' | 'county' | 'other' | 'anonymous', Role | undefined];
          let expected: Outcome[];
          if (entry.access === 'public') expected = ['allowed'];
          else if (side === 'anonymous') expected = ['unauthenticated'];
          else if (entry.access === 'signed-in') expected = ['allowed'];
          else if (side === 'other') expected = ['forbidden', 'hidden'];
          else expected = entry.access.includes(role!) && (!entry.sides || entry.sides.includes(side as 'own' | 'county')) ? ['allowed'] : ['forbidden'];
          if (!expected.includes(got)) problems.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 160)} (expected ${expected.join(' or ')})`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('never writes on a read, and refuses another agency’s records as references', async () => {
      const count = async () => Number((await t.handle.db.selectFrom('document_categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const unknown = await operator.request('GET', '/api/v1/categories?agencyId=999999');
      assert.deepEqual([unknown.statusCode, unknown.json().error.code], [403, 'FORBIDDEN'], 'an unknown agency is no 500');
      assert.equal((await clients.get('other.admin')!.request('GET', `/api/v1/categories?agencyId=${fixtures.own}`)).statusCode, 403);
      assert.equal(await count(), before, 'no catalogue rows were created by reading');
      const foreignDoc = await clients.get('other.clerk')!.request('POST', '/api/v1/publishing-plan', {
        agencyId: (await clients.get('other.clerk')!.request('GET', '/api/v1/auth/session')).json().user.roles[0].agencyId,
        channel: 'website',
        plannedDate: '2026-11-30',
        title: '借用别人的文件',
        documentId: fixtures.publishedDoc,
      });
      assert.deepEqual([foreignDoc.statusCode, foreignDoc.json().error.code], [404, 'NOT_FOUND']);
    });
  });
}
