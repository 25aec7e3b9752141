/**
 * A survey as a kind of case for the one workflow engine (domain/workflow/engine.ts):
 * 草稿 → 进行中 → 已结束 → 结果已公布. Its questions are edited only as a draft, so every answer of
 * a survey answers the same questions; answers are taken only while it is open and today lies in
 * its period.
 */
import { compareIsoDates, type IsoDate } from '../calendar/index.ts';
import { rolesAllow, type Role } from '../access/policy.ts';
import type { CaseKind, Result } from '../workflow/engine.ts';

export const surveyStatuses = ['draft', 'open', 'closed', 'published'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const surveyStatusLabels: Record<SurveyStatus, string> = { draft: '草稿', open: '进行中', closed: '已结束', published: '结果已公布' };

export type SurveyEvent =
  | { type: 'created'; date: IsoDate }
  | { type: 'edited'; date: IsoDate }
  | { type: 'opened'; date: IsoDate; questionCount: number }
  | { type: 'closed'; date: IsoDate }
  | { type: 'resultsPublished'; date: IsoDate };
export type SurveyEventType = SurveyEvent['type'];

export const surveyEventLabels: Record<SurveyEventType, string> = {
  created: '创建问卷',
  edited: '修改问卷',
  opened: '开始调查',
  closed: '结束调查',
  resultsPublished: '公布结果',
};

export interface SurveyState {
  status: SurveyStatus;
  createdDate: IsoDate;
  openedDate: IsoDate | null;
  closedDate: IsoDate | null;
  publishedDate: IsoDate | null;
}

const ok = (value: SurveyState): Result<SurveyState> => ({ ok: true, value });
const no = (error: string): Result<SurveyState> => ({ ok: false, errors: [error] });

export function applySurveyEvent(s: SurveyState | null, e: SurveyEvent): Result<SurveyState> {
  if (s === null) return e.type === 'created' ? ok({ status: 'draft', createdDate: e.date, openedDate: null, closedDate: null, publishedDate: null }) : no('问卷须先创建');
  if (e.type === 'created') return no('问卷已创建');
  const after = (d: IsoDate | null) => d !== null && compareIsoDates(e.date, d) < 0;
  switch (e.type) {
    case 'edited':
      return s.status === 'draft' ? ok(s) : no('问卷开始后不能再修改题目，以免前后答卷回答的不是同一份问卷');
    case 'opened':
      if (s.status !== 'draft') return no('只有草稿可以开始调查');
      if (e.questionCount < 1) return no('问卷至少要有一道题才能开始');
      return after(s.createdDate) ? no('开始日期不能早于创建日期') : ok({ ...s, status: 'open', openedDate: e.date });
    case 'closed':
      if (s.status !== 'open') return no('只有进行中的调查可以结束');
      return after(s.openedDate) ? no('结束日期不能早于开始日期') : ok({ ...s, status: 'closed', closedDate: e.date });
    case 'resultsPublished':
      if (s.status !== 'closed') return no('调查结束后才能公布结果');
      return after(s.closedDate) ? no('公布日期不能早于结束日期') : ok({ ...s, status: 'published', publishedDate: e.date });
  }
}

export function surveyRoleMayRecord(type: SurveyEventType, roles: readonly Role[]): boolean {
  return rolesAllow(roles, type === 'resultsPublished' ? 'surveys.publishResults' : 'surveys.edit');
}

/** Event types staff record, in the order the workspace offers them ('created' only starts a case). */
export const surveyEventTypes: readonly Exclude<SurveyEventType, 'created'>[] = ['edited', 'opened', 'closed', 'resultsPublished'];

export const surveyKind: CaseKind<SurveyState, SurveyEvent, Role> = {
  eventTypes: surveyEventTypes,
  apply: applySurveyEvent,
  mayRecord: surveyRoleMayRecord,
  representatives: (_s, type, date) => (type === 'created' ? [] : type === 'opened' ? [{ type, date, questionCount: 1 }] : [{ type, date }]),
};

/** Whether an answer given today is taken: the survey is open and today lies in its period. */
export function acceptsAnswers(status: SurveyStatus, period: { startDate: IsoDate; endDate: IsoDate }, today: IsoDate): boolean {
  return status === 'open' && compareIsoDates(today, period.startDate) >= 0 && compareIsoDates(today, period.endDate) <= 0;
}

/** Why an answer is not taken today, in words for the public; null when it is. */
export function answerRefusal(status: SurveyStatus, period: { startDate: IsoDate; endDate: IsoDate }, today: IsoDate): string | null {
  if (acceptsAnswers(status, period, today)) return null;
  if (status === 'draft') return '该问卷尚未开始';
  if (status === 'open' && compareIsoDates(today, period.startDate) < 0) return `该问卷自 ${period.startDate} 起接受答卷`;
  return '该问卷已截止，感谢您的关注';
}
