/**
 * The surveys capability's contract: the DTOs the API speaks and the Chinese labels, shared with
 * the workspace (no Node.js APIs here).
 */
import type { PossibleEvent } from '../../domain/workflow/engine.ts';
import type { SurveyAnswer, SurveyQuestion, SurveyResults, SurveyStatus, SurveyEventType } from '../../domain/surveys/index.ts';

export { questionKindLabels, questionKinds, RATING_MAX, limits as surveyLimits, surveyEventLabels, surveyStatusLabels, surveyStatuses, percent } from '../../domain/surveys/index.ts';
export type { QuestionKind, QuestionResult, SurveyAnswer, SurveyQuestion, SurveyResults, SurveyStatus } from '../../domain/surveys/index.ts';

/** What staff send to create or edit a draft. */
export interface SurveyInput {
  title: string;
  description?: string;
  startDate: string;
  endDate: string;
  /** A question without a key is numbered q1, q2 … by its place. */
  questions: (Omit<SurveyQuestion, 'key'> & { key?: string })[];
}

export interface SurveyListItem {
  id: number;
  title: string;
  status: SurveyStatus;
  statusLabel: string;
  startDate: string;
  endDate: string;
  responses: number;
  publishedDate: string | null;
}

export interface SurveyTimelineEntry {
  type: SurveyEventType;
  label: string;
  date: string;
  actor: string | null;
}

/** The workspace's survey page: the questions, its record, its possible steps and the full results. */
export interface SurveyDetail extends SurveyListItem {
  agencyId: number;
  description: string;
  questions: SurveyQuestion[];
  timeline: SurveyTimelineEntry[];
  actions: PossibleEvent<'edited' | 'opened' | 'closed' | 'resultsPublished'>[];
  results: SurveyResults;
  /** Free-text answers per text question: internal, never on the portal. */
  texts: { question: string; title: string; answers: string[] }[];
}

/** An open survey as the portal shows it with its form. */
export interface PublicSurvey {
  id: number;
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  status: SurveyStatus;
  questions: SurveyQuestion[];
  /** Why no answer is taken today; null while it is. */
  refusal: string | null;
}

/** A published result page: aggregates only (a text question shows how many answered it). */
export interface PublishedSurveyResults {
  id: number;
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  publishedDate: string;
  results: SurveyResults;
}

export type SurveyStepInput = { type: 'opened' | 'closed' | 'resultsPublished'; date: string };
export type { SurveyAnswer as SurveyAnswerInput };

export const surveyFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机关',
  title: '问卷标题',
  description: '问卷说明',
  startDate: '开始日期',
  endDate: '截止日期',
  questions: '题目',
  'questions.key': '题目编号',
  'questions.kind': '题型',
  'questions.title': '题目',
  'questions.required': '是否必答',
  'questions.options': '选项',
  type: '操作',
  date: '日期',
  answers: '答卷',
  'answers.question': '题目编号',
  'answers.choice': '所选选项',
  'answers.choices': '所选选项（多选）',
  'answers.rating': '评分',
  'answers.text': '文字回答',
  respondentToken: '答卷人标识',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
};

export type { SurveyQuestion as SurveyQuestionDto };
