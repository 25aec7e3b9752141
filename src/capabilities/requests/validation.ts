/**
 * Checks a new request in one round: every problem of every field, each tied to the field it
 * concerns, so a form can mark them all at once (issue 18, item 3). Pure: no I/O.
 */
import { isApplicantType } from '../../domain/requests/outcomes.ts';
import { idNumberProblem, normalisePhone, phoneProblem } from '../../domain/scan/index.ts';
import { deliveries, requestedForms, type ApplicantInput, type NewRequestInput } from './contract.ts';

/** The longest text each field takes; the API schema and the portal form's maxlength use the same. */
export const requestFieldLimits = {
  applicantName: 100,
  contactPerson: 60,
  idNumber: 40,
  phone: 30,
  email: 200,
  address: 300,
  description: 5000,
  purpose: 1000,
} as const;

/** The fields of a new request, in the order the form shows them. */
export const requestFields = ['applicantType', 'applicantName', 'contactPerson', 'idType', 'idNumber', 'phone', 'email', 'address', 'description', 'purpose', 'requestedForm', 'delivery'] as const;
export type RequestField = (typeof requestFields)[number] | 'captchaAnswer';

export interface FieldProblem {
  field: RequestField;
  /** The stable code an API client switches on. */
  code: string;
  /** Chinese, for the person filling in the form. */
  message: string;
}

const tooLong = (label: string, max: number, value: string | undefined): string | null =>
  value !== undefined && Array.from(value).length > max ? `${label}不能超过 ${max} 字（现为 ${Array.from(value).length} 字）` : null;

/** The applicant as stored: trimmed, the phone normalised, the ID number without spaces. */
export function normaliseApplicant(a: ApplicantInput): ApplicantInput {
  return {
    ...a,
    name: a.name?.trim() ?? '',
    phone: a.phone ? normalisePhone(a.phone) || undefined : undefined,
    email: a.email?.trim() || undefined,
    idNumber: a.idNumber?.replace(/\s/g, '').toUpperCase() || undefined,
    address: a.address?.trim() || undefined,
    contactPerson: a.contactPerson?.trim() || undefined,
  };
}

function applicantProblems(raw: ApplicantInput, online: boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: RequestField, message: string) => out.push({ field, code: 'INVALID_APPLICANT', message });
  const a = normaliseApplicant(raw);
  if (!isApplicantType(a.type)) add('applicantType', '请选择申请人类型');
  if (!a.name) add('applicantName', '请填写申请人姓名或名称');
  const long = (field: keyof typeof requestFieldLimits, label: string, value: string | undefined) => {
    const problem = tooLong(label, requestFieldLimits[field], value);
    if (problem) add(field, problem);
    return problem !== null;
  };
  long('applicantName', '申请人姓名或名称', a.name);
  // The order of the messages the API joins: as before the form listed its fields (the form sorts its own).
  if (a.phone && !long('phone', '联系电话', a.phone)) {
    const wrong = phoneProblem(a.phone);
    if (wrong) add('phone', `联系电话${wrong}`);
  }
  if (a.email && !long('email', '电子邮箱', a.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email)) add('email', '电子邮箱格式不正确，应如 name@example.cn');
  if (online && !a.idType) add('idType', '网上申请须选择证件类型（条例第二十九条）');
  if (online && !a.idNumber) add('idNumber', '网上申请须填写证件号码（条例第二十九条）');
  else if (!long('idNumber', '证件号码', a.idNumber) && a.idType === 'resident_id' && a.idNumber) {
    const wrong = idNumberProblem(a.idNumber);
    if (wrong) add('idNumber', `居民身份证号码${wrong}`);
  }
  if (a.type !== 'natural_person' && online && !a.contactPerson) add('contactPerson', '法人或其他组织须填写联系人');
  long('contactPerson', '联系人', a.contactPerson);
  long('address', '通信地址', a.address);
  // A letter giving only a name and a postal address is a valid request (Art. 29); it is answered
  // by post and cannot be tracked online, which needs a phone or an ID number.
  if (!a.phone && !a.email && !a.address) add('phone', '须至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条）');
  return out;
}

/** Every problem of a new request, request fields first (the API's error code is the first one's). */
export function requestProblems(input: NewRequestInput, online: boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  const description = input.description?.trim() ?? '';
  if (description.length < 2) out.push({ field: 'description', code: 'INVALID_DESCRIPTION', message: '请写明所需政府信息的名称、文号或便于查询的其他特征描述（条例第二十九条）' });
  const longDescription = tooLong('所需信息描述', requestFieldLimits.description, description);
  if (longDescription) out.push({ field: 'description', code: 'INVALID_DESCRIPTION', message: longDescription });
  const longPurpose = tooLong('用途', requestFieldLimits.purpose, input.purpose?.trim());
  if (longPurpose) out.push({ field: 'purpose', code: 'INVALID_DESCRIPTION', message: longPurpose });
  if (!(input.requestedForm in requestedForms)) out.push({ field: 'requestedForm', code: 'INVALID_FORM', message: '请选择获取信息的形式' });
  if (!(input.delivery in deliveries)) out.push({ field: 'delivery', code: 'INVALID_DELIVERY', message: '请选择获取信息的方式' });
  return [...out, ...applicantProblems(input.applicant ?? ({} as ApplicantInput), online)];
}
