/** Checks of the records' inputs in one round: every problem, each tied to its field. Pure. */
import { dateProblem } from '../../domain/calendar/iso-date.ts';
import type { AssessmentProblem } from '../../domain/records/assessment.ts';
import { personFieldLabels as P, recordLimits as L, trainingFieldLabels as T, type PersonInput, type TrainingInput } from './contract.ts';

export type FieldProblem = AssessmentProblem;

const len = (s: string | null | undefined): number => [...(s ?? '').trim()].length;

function collector() {
  const out: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  const text = (field: string, value: string, label: string, max: number, required: boolean) => {
    const n = len(value);
    if (required && n === 0) add(field, 'REQUIRED', `请填写${label}`);
    else if (n > max) add(field, 'TOO_LONG', `${label}不能超过 ${max} 个字，现为 ${n} 个字`);
  };
  const date = (field: string, value: string | null, label: string) => {
    const p = value === null || value.trim() === '' ? `请选择${label}` : dateProblem(value, label);
    if (p) add(field, 'INVALID_DATE', p);
    return !p;
  };
  return { out, add, text, date };
}

export function trainingProblems(input: TrainingInput, today: string): FieldProblem[] {
  const c = collector();
  if (c.date('heldOn', input.heldOn, T.heldOn) && input.heldOn > today) c.add('heldOn', 'FUTURE_DATE', `${T.heldOn}不能晚于今天（${today}）：只记录已举办的培训`);
  c.text('topic', input.topic, T.topic, L.topic, true);
  c.text('trainer', input.trainer, T.trainer, L.trainer, false);
  if (!Number.isInteger(input.attendeeCount) || input.attendeeCount < 1 || input.attendeeCount > L.maxAttendees) c.add('attendeeCount', 'INVALID_COUNT', `${T.attendeeCount}应为 1 至 ${L.maxAttendees} 之间的整数`);
  c.text('attendeeNames', input.attendeeNames, T.attendeeNames, L.attendeeNames, false);
  const named = attendeeList(input.attendeeNames).length;
  if (named > input.attendeeCount) c.add('attendeeNames', 'MORE_NAMES_THAN_COUNT', `列出的参训人员（${named} 人）多于${T.attendeeCount}（${input.attendeeCount} 人）`);
  c.text('materials', input.materials, T.materials, L.materials, false);
  return c.out;
}

/** Names typed one a line or separated by 、，, ; blanks dropped. */
export function attendeeList(names: string): string[] {
  return names
    .split(/[\n、，,；;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+\-() ]{7,30}$/;

export function personProblems(input: PersonInput, today: string): FieldProblem[] {
  const c = collector();
  c.text('name', input.name, P.name, L.name, true);
  c.text('post', input.post, P.post, L.post, false);
  if (input.phone.trim() && !PHONE.test(input.phone.trim())) c.add('phone', 'INVALID_PHONE', `${P.phone}格式不正确：只能包含数字、+、-、括号和空格，7 至 30 位`);
  if (input.officePhone.trim() && !PHONE.test(input.officePhone.trim())) c.add('officePhone', 'INVALID_PHONE', `${P.officePhone}格式不正确：只能包含数字、+、-、括号和空格，7 至 30 位`);
  if (input.email.trim() && (len(input.email) > L.email || !EMAIL.test(input.email.trim()))) c.add('email', 'INVALID_EMAIL', `${P.email}格式不正确`);
  const sinceOk = c.date('since', input.since, P.since);
  if (input.until !== null && c.date('until', input.until, P.until) && sinceOk && input.until < input.since) c.add('until', 'UNTIL_BEFORE_SINCE', `${P.until}不能早于${P.since}`);
  if (input.isContact && !input.officePhone.trim() && !input.email.trim()) c.add('officePhone', 'CONTACT_WITHOUT_MEANS', '对外公布的联系人须有办公电话或电子邮箱');
  if (input.isContact && input.until !== null && input.until < today) c.add('isContact', 'CONTACT_ENDED', '已到截止日期的人员不能作为对外公布的联系人');
  return c.out;
}
