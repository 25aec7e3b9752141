/** Checks a new message in one round: every problem of every field, each tied to its field. Pure. */
import { isMessageKind } from '../../domain/messages/index.ts';
import { normalisePhone, phoneProblem } from '../../domain/scan/index.ts';
import { messageFieldLimits as L, type NewMessageInput } from './contract.ts';

export type MessageField = 'kind' | 'title' | 'body' | 'name' | 'phone' | 'email' | 'address' | 'consentToPublish' | 'captchaAnswer';

export interface MessageFieldProblem {
  field: MessageField;
  code: string;
  message: string;
}

const len = (s: string | undefined): number => [...(s ?? '').trim()].length;

export function messageProblems(input: NewMessageInput): MessageFieldProblem[] {
  const out: MessageFieldProblem[] = [];
  const add = (field: MessageField, code: string, message: string) => out.push({ field, code, message });
  if (!isMessageKind(input.kind)) add('kind', 'INVALID_KIND', '请选择留言类型：咨询、建议、投诉或求助');
  const t = len(input.title);
  if (t < L.titleMin || t > L.titleMax) add('title', 'INVALID_TITLE', `标题应为 ${L.titleMin} 至 ${L.titleMax} 个字，现为 ${t} 个字`);
  const b = len(input.body);
  if (b === 0) add('body', 'EMPTY_BODY', '请填写留言内容');
  else if (b > L.body) add('body', 'BODY_TOO_LONG', `留言内容不能超过 ${L.body} 个字，现为 ${b} 个字`);
  const n = len(input.name);
  if (n === 0 || n > L.name) add('name', 'INVALID_NAME', `请填写姓名（不超过 ${L.name} 个字）`);
  const p = phoneProblem(input.phone ?? '');
  if (p) add('phone', 'INVALID_PHONE', `联系电话${p}`);
  if (input.email && (len(input.email) > L.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))) add('email', 'INVALID_EMAIL', '电子邮箱格式不正确');
  if (len(input.address) > L.address) add('address', 'ADDRESS_TOO_LONG', `通信地址不能超过 ${L.address} 个字`);
  if (typeof input.consentToPublish !== 'boolean') add('consentToPublish', 'CONSENT_REQUIRED', '请选择是否同意公开');
  return out;
}

export const cleanPhone = (raw: string): string => normalisePhone(raw);
