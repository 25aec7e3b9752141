/** Checks of an interview and of a question from the portal, in one round, each problem on its field. Pure. */
import { localTimeProblem } from '../../domain/interaction/local-time.ts';
import { phoneProblem } from '../../domain/scan/index.ts';
import { interviewFieldLabels as F, interviewLimits as L, type InterviewInput, type NewQuestionInput } from './contract.ts';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const len = (s: string): number => [...(s ?? '').trim()].length;

function collector() {
  const out: FieldProblem[] = [];
  const text = (field: keyof typeof F, value: string, max: number, required: boolean) => {
    const n = len(value);
    if (required && n === 0) out.push({ field, code: 'REQUIRED', message: `请填写${F[field]}` });
    else if (n > max) out.push({ field, code: 'TOO_LONG', message: `${F[field]}不能超过 ${max} 个字，现为 ${n} 个字` });
  };
  return { out, text };
}

export function interviewProblems(input: InterviewInput): FieldProblem[] {
  const c = collector();
  c.text('topic', input.topic, L.topic, true);
  c.text('guests', input.guests, L.guests, true);
  const t = localTimeProblem(input.startsAt, F.startsAt);
  if (t) c.out.push({ field: 'startsAt', code: 'INVALID_TIME', message: t });
  c.text('description', input.description, L.description, false);
  return c.out;
}

export function questionProblems(input: NewQuestionInput): FieldProblem[] {
  const c = collector();
  c.text('name', input.name, L.name, true);
  const p = phoneProblem(input.phone ?? '');
  if (p) c.out.push({ field: 'phone', code: 'INVALID_PHONE', message: `${F.phone}${p}` });
  c.text('body', input.body, L.question, true);
  if (typeof input.consentToPublish !== 'boolean') c.out.push({ field: 'consentToPublish', code: 'CONSENT_REQUIRED', message: '请选择是否同意公开' });
  return c.out;
}
