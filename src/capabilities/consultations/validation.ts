/** Checks a draft and a comment in one round: every problem of every field, each tied to its field. Pure but for the calendar passed in. */
import { dateProblem, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { articlesOf, isDraftKind, periodProblem } from '../../domain/consultations/index.ts';
import { phoneProblem } from '../../domain/scan/index.ts';
import { AppError } from '../../services/errors.ts';
import { consultationFieldLimits as L, type NewCommentInput, type NewConsultationInput } from './contract.ts';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const len = (s: string | undefined | null): number => [...(s ?? '').trim()].length;

/** Refuses with every problem: the first one's code, each message on its field. */
export function refuse(problems: readonly FieldProblem[]): never {
  throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });
}

export function consultationProblems(input: Omit<NewConsultationInput, 'agencyId'>, calendar: WorkingCalendar): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  const t = len(input.title);
  if (t === 0 || t > L.title) add('title', 'INVALID_TITLE', `请填写草案标题（不超过 ${L.title} 个字）`);
  if (!isDraftKind(input.kind)) add('kind', 'INVALID_KIND', '请选择草案类型：规章、重大行政决策、行政规范性文件或其他');
  if (len(input.draftText) === 0) add('draftText', 'EMPTY_DRAFT', '请填写征求意见稿正文');
  else if (len(input.draftText) > L.draftText) add('draftText', 'DRAFT_TOO_LONG', `正文不能超过 ${L.draftText} 个字`);
  if (len(input.explanation) === 0) add('explanation', 'EMPTY_EXPLANATION', '请填写起草说明');
  else if (len(input.explanation) > L.explanation) add('explanation', 'EXPLANATION_TOO_LONG', `起草说明不能超过 ${L.explanation} 个字`);
  if (len(input.shortPeriodReason) > L.reason) add('shortPeriodReason', 'REASON_TOO_LONG', `理由不能超过 ${L.reason} 个字`);
  if (len(input.contact) > L.contact) add('contact', 'CONTACT_TOO_LONG', `其他提交意见的方式不能超过 ${L.contact} 个字`);
  const start = dateProblem(input.startDate, '开始日期');
  const end = dateProblem(input.endDate, '截止日期');
  if (start) add('startDate', 'INVALID_DATE', start);
  if (end) add('endDate', 'INVALID_DATE', end);
  if (!start && !end && isDraftKind(input.kind)) {
    const period = periodProblem({ kind: input.kind, concernsBusiness: input.concernsBusiness === true, startDate: input.startDate, endDate: input.endDate, shortPeriodReason: input.shortPeriodReason }, calendar);
    if (period) add('endDate', period.code, period.message);
  }
  return out;
}

export function commentProblems(input: NewCommentInput, draftText: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  if (input.article && !articlesOf(draftText).includes(input.article)) add('article', 'INVALID_ARTICLE', '请选择草案中的条款，或选择“全文”');
  const b = len(input.body);
  if (b === 0) add('body', 'EMPTY_BODY', '请填写意见内容');
  else if (b > L.comment) add('body', 'BODY_TOO_LONG', `意见内容不能超过 ${L.comment} 个字，现为 ${b} 个字`);
  const n = len(input.name);
  if (n === 0 || n > L.name) add('name', 'INVALID_NAME', `请填写姓名（不超过 ${L.name} 个字）`);
  if (input.phone?.trim()) {
    const p = phoneProblem(input.phone);
    if (p) add('phone', 'INVALID_PHONE', `联系电话${p}`);
  }
  return out;
}
