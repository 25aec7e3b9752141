/**
 * 问卷调查 (issue 16 item 3): a survey's questions, the checks of a definition and of one answer
 * sheet, and the aggregate figures. Pure. Only the aggregates are ever published; free-text
 * answers are counted here (how many people wrote something) but their words never leave the
 * workspace.
 */
import { compareIsoDates, dateProblem, type IsoDate } from '../calendar/index.ts';

export const questionKinds = ['single', 'multiple', 'rating', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const questionKindLabels: Record<QuestionKind, string> = {
  single: '单选题',
  multiple: '多选题',
  rating: '评分题',
  text: '文字题',
};

/** A rating is 1 to RATING_MAX (five points, the usual 很不满意 … 很满意 scale). */
export const RATING_MAX = 5;
export const limits = { title: 100, description: 2000, questionTitle: 200, option: 100, options: 20, questions: 50, text: 1000 } as const;

export interface SurveyQuestion {
  /** Stable within the survey (q1, q2 …): answers name it. */
  key: string;
  kind: QuestionKind;
  title: string;
  required: boolean;
  /** The choices of a single or multiple choice question; empty for the others. */
  options: string[];
}

export interface SurveyDefinition {
  title: string;
  description: string;
  startDate: IsoDate;
  endDate: IsoDate;
  questions: SurveyQuestion[];
}

/** One person's answer to one question: a choice's index, several indexes, a rating, or text. */
export interface SurveyAnswer {
  question: string;
  choice?: number;
  choices?: number[];
  rating?: number;
  text?: string;
}

export interface Problem {
  /** The field: `title`, `questions.2.options`, or a question's key for an answer. */
  field: string;
  code: string;
  message: string;
}

const len = (s: string | undefined): number => [...(s ?? '').trim()].length;
export const isQuestionKind = (v: unknown): v is QuestionKind => typeof v === 'string' && (questionKinds as readonly string[]).includes(v);

/** Every problem of a definition at once. `forOpening` adds what opening needs (a question at least). */
export function definitionProblems(d: SurveyDefinition, forOpening = false): Problem[] {
  const out: Problem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  if (len(d.title) === 0 || len(d.title) > limits.title) add('title', 'INVALID_TITLE', `请填写问卷标题（不超过 ${limits.title} 个字）`);
  if (len(d.description) > limits.description) add('description', 'DESCRIPTION_TOO_LONG', `问卷说明不能超过 ${limits.description} 个字`);
  const start = dateProblem(d.startDate, '开始日期');
  const end = dateProblem(d.endDate, '截止日期');
  if (start) add('startDate', 'INVALID_DATE', start);
  if (end) add('endDate', 'INVALID_DATE', end);
  if (!start && !end && compareIsoDates(d.endDate, d.startDate) < 0) add('endDate', 'INVALID_PERIOD', '截止日期不能早于开始日期');
  if (d.questions.length > limits.questions) add('questions', 'TOO_MANY_QUESTIONS', `问卷至多 ${limits.questions} 题`);
  if (forOpening && d.questions.length === 0) add('questions', 'NO_QUESTIONS', '问卷至少要有一道题才能开始');
  const keys = new Set<string>();
  d.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    const n = `第 ${i + 1} 题`;
    if (keys.has(q.key)) add(`${at}.key`, 'DUPLICATE_KEY', `${n}的编号与前面的题重复`);
    keys.add(q.key);
    if (!isQuestionKind(q.kind)) add(`${at}.kind`, 'INVALID_KIND', `${n}：请选择题型（单选、多选、评分或文字）`);
    if (len(q.title) === 0 || len(q.title) > limits.questionTitle) add(`${at}.title`, 'INVALID_QUESTION', `${n}：请填写题目（不超过 ${limits.questionTitle} 个字）`);
    if (q.kind === 'single' || q.kind === 'multiple') {
      const opts = q.options.map((o) => o.trim());
      if (opts.length < 2 || opts.length > limits.options) add(`${at}.options`, 'INVALID_OPTIONS', `${n}：选择题应有 2 至 ${limits.options} 个选项`);
      if (opts.some((o) => len(o) === 0 || len(o) > limits.option)) add(`${at}.options`, 'INVALID_OPTION', `${n}：选项不能为空，也不能超过 ${limits.option} 个字`);
      if (new Set(opts).size !== opts.length) add(`${at}.options`, 'DUPLICATE_OPTION', `${n}：选项不能重复`);
    } else if (q.options.length > 0) add(`${at}.options`, 'UNEXPECTED_OPTIONS', `${n}：${questionKindLabels[q.kind]}没有选项`);
  });
  return out;
}

const isIndex = (v: unknown, count: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < count;

/**
 * Every problem of one answer sheet at once, each on its question's key. An answer to a question
 * the survey does not have is refused, so nothing unchecked is stored.
 */
export function answerProblems(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[]): Problem[] {
  const out: Problem[] = [];
  const byKey = new Map<string, SurveyAnswer>();
  for (const a of answers) {
    if (!questions.some((q) => q.key === a.question)) out.push({ field: String(a.question), code: 'UNKNOWN_QUESTION', message: '答卷中有问卷没有的题目' });
    else if (byKey.has(a.question)) out.push({ field: a.question, code: 'DUPLICATE_ANSWER', message: '同一题只能回答一次' });
    else byKey.set(a.question, a);
  }
  questions.forEach((q, i) => {
    const n = `第 ${i + 1} 题`;
    const a = byKey.get(q.key);
    const add = (code: string, message: string) => out.push({ field: q.key, code, message: `${n}：${message}` });
    const empty = !a || isEmptyAnswer(q, a);
    if (empty) {
      if (q.required) add('ANSWER_REQUIRED', q.kind === 'text' ? '请填写' : q.kind === 'rating' ? '请选择评分' : '请选择');
      return;
    }
    switch (q.kind) {
      case 'single':
        if (!isIndex(a.choice, q.options.length) || a.choices !== undefined || a.rating !== undefined || a.text !== undefined) add('INVALID_CHOICE', '单选题只能选一个选项');
        break;
      case 'multiple': {
        const c = a.choices ?? [];
        if (!c.every((x) => isIndex(x, q.options.length)) || a.choice !== undefined || a.rating !== undefined || a.text !== undefined) add('INVALID_CHOICE', '请从所列选项中选择');
        else if (new Set(c).size !== c.length) add('DUPLICATE_CHOICE', '同一选项只能选一次');
        break;
      }
      case 'rating':
        if (!Number.isInteger(a.rating) || a.rating! < 1 || a.rating! > RATING_MAX || a.choice !== undefined || a.choices !== undefined || a.text !== undefined) add('INVALID_RATING', `评分应为 1 至 ${RATING_MAX} 分`);
        break;
      case 'text':
        if (typeof a.text !== 'string' || a.choice !== undefined || a.choices !== undefined || a.rating !== undefined) add('INVALID_TEXT', '请填写文字');
        else if (len(a.text) > limits.text) add('TEXT_TOO_LONG', `不能超过 ${limits.text} 个字，现为 ${len(a.text)} 个字`);
        break;
    }
  });
  return out;
}

function isEmptyAnswer(q: SurveyQuestion, a: SurveyAnswer): boolean {
  switch (q.kind) {
    case 'single':
      return a.choice === undefined && a.choices === undefined && a.rating === undefined && a.text === undefined;
    case 'multiple':
      return (a.choices === undefined || a.choices.length === 0) && a.choice === undefined && a.rating === undefined && a.text === undefined;
    case 'rating':
      return a.rating === undefined && a.choice === undefined && a.choices === undefined && a.text === undefined;
    case 'text':
      return (a.text === undefined || len(a.text) === 0) && a.choice === undefined && a.choices === undefined && a.rating === undefined;
  }
}

/** A checked answer sheet as stored: only answered questions, texts trimmed. */
export function normaliseAnswers(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[]): SurveyAnswer[] {
  return questions.flatMap((q): SurveyAnswer[] => {
    const a = answers.find((x) => x.question === q.key);
    if (!a || isEmptyAnswer(q, a)) return [];
    if (q.kind === 'single') return [{ question: q.key, choice: a.choice! }];
    if (q.kind === 'multiple') return [{ question: q.key, choices: [...a.choices!].sort((x, y) => x - y) }];
    if (q.kind === 'rating') return [{ question: q.key, rating: a.rating! }];
    return [{ question: q.key, text: a.text!.trim() }];
  });
}

/** The figures of one question. `counts` are per option (choices) or per point 1..5 (ratings). */
export interface QuestionResult {
  key: string;
  kind: QuestionKind;
  title: string;
  /** Options, or the rating points as labels ('1 分' …). Empty for text. */
  labels: string[];
  counts: number[];
  /** People who answered this question. */
  answered: number;
  /** Ratings: the mean to one decimal, null without any rating. */
  average: number | null;
}

export interface SurveyResults {
  responses: number;
  questions: QuestionResult[];
}

/**
 * The aggregates over every answer sheet. A text question reports only how many wrote something:
 * what they wrote is for the workspace (`textAnswers`), never for a result page.
 */
export function aggregate(questions: readonly SurveyQuestion[], sheets: readonly (readonly SurveyAnswer[])[]): SurveyResults {
  return {
    responses: sheets.length,
    questions: questions.map((q) => {
      const labels = q.kind === 'rating' ? Array.from({ length: RATING_MAX }, (_, i) => `${i + 1} 分`) : q.kind === 'text' ? [] : [...q.options];
      const counts = labels.map(() => 0);
      let answered = 0;
      let sum = 0;
      for (const sheet of sheets) {
        const a = sheet.find((x) => x.question === q.key);
        if (!a) continue;
        answered++;
        if (q.kind === 'single' && a.choice !== undefined) counts[a.choice]! += 1;
        if (q.kind === 'multiple') for (const c of a.choices ?? []) counts[c]! += 1;
        if (q.kind === 'rating' && a.rating !== undefined) {
          counts[a.rating - 1]! += 1;
          sum += a.rating;
        }
      }
      const average = q.kind === 'rating' && answered > 0 ? Math.round((sum / answered) * 10) / 10 : null;
      return { key: q.key, kind: q.kind, title: q.title, labels, counts, answered, average };
    }),
  };
}

/** The free-text answers of one question (workspace only), in the order they came. */
export function textAnswers(question: string, sheets: readonly (readonly SurveyAnswer[])[]): string[] {
  return sheets.flatMap((s) => s.filter((a) => a.question === question && typeof a.text === 'string').map((a) => a.text!));
}

/** Share of `count` in `of`, as a percentage with one decimal (0 when nobody answered). */
export const percent = (count: number, of: number): number => (of === 0 ? 0 : Math.round((count / of) * 1000) / 10);
