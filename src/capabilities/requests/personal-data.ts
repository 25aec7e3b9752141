/**
 * A requester's personal data (docs/decisions/013): which fields of a request identify a person,
 * what a reader who does not handle requests sees instead (masked values), the record written on
 * every full read (who, when, which request, through which screen, which fields), and the list of
 * those records for an agency admin. Who handles requests is the policy table's
 * 'requests.personalData'; who lists the records, 'requests.personalDataAccess'.
 */
import { maskAddress, maskGeneric, maskIdNumber, maskMobile, maskName } from '../../domain/scan/index.ts';
import type { RequestRow } from '../../storage/schema.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { allows, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { agencyOfRequest, insertPersonalDataAccess, personalDataAccessPage, requestRow } from './sql.ts';
import {
  noticeKindLabels,
  personalDataViaLabels,
  personalFieldLabels,
  type NoticeKind,
  type PersonalDataRead,
  type PersonalDataReadPage,
  type PersonalDataVia,
  type PersonalField,
  type RequestDetail,
} from './contract.ts';

const isPerson = (row: Pick<RequestRow, 'applicant_type'>): boolean => row.applicant_type === 'natural_person';

/** Whether the scope's roles see a requester's identifiers in full (the policy table decides). */
export const seesPersonalData = (scope: AgencyScope): boolean => allows(scope, 'requests.personalData');

/**
 * The request's fields that identify a person and hold a value. An organisation's name and its
 * 统一社会信用代码 are no personal data; its phone, e-mail and address may be its contact's own.
 */
export function personalFieldsOf(row: RequestRow): PersonalField[] {
  const present: Record<PersonalField, boolean> = {
    name: isPerson(row) && !!row.applicant_name,
    idNumber: !!row.applicant_id_number && row.applicant_id_type !== 'credit_code',
    phone: !!row.applicant_phone,
    email: !!row.applicant_email,
    address: !!row.applicant_address,
    contactPerson: !!row.contact_person,
  };
  return (Object.keys(personalFieldLabels) as PersonalField[]).filter((f) => present[f]);
}

/** The personal data a notice prints: a person's name in its salutation (a consultation letter is addressed to the third party). */
export function noticeFieldsOf(row: RequestRow, kind: NoticeKind): PersonalField[] {
  return kind !== 'consultation' && isPerson(row) ? ['name'] : [];
}

/** The applicant as the detail screen shows it: in full, or masked for a reader who does not handle requests. */
export function applicantOf(row: RequestRow, masked: boolean): RequestDetail['applicant'] {
  const m = <T extends string | null>(value: T, mask: (v: string) => string): T | string => (masked && value ? mask(value) : value);
  return {
    type: row.applicant_type,
    name: masked && isPerson(row) ? maskName(row.applicant_name) : row.applicant_name,
    idType: row.applicant_id_type,
    idNumber: row.applicant_id_type === 'credit_code' ? row.applicant_id_number : m(row.applicant_id_number, maskIdNumber),
    phone: m(row.applicant_phone, maskMobile),
    email: m(row.applicant_email, maskGeneric),
    address: m(row.applicant_address, maskAddress),
    contactPerson: m(row.contact_person, maskName),
  };
}

/**
 * Records a full read of the request's personal data. Called before the data leaves the server,
 * so a read that could not be recorded fails instead of going unrecorded. Nothing is recorded when
 * the request holds no personal data for that screen.
 */
export async function recordPersonalDataRead(tx: Tx, deps: ServiceDeps, scope: AgencyScope, row: RequestRow, via: PersonalDataVia, fields: readonly PersonalField[], noticeKind: NoticeKind | null = null): Promise<void> {
  if (fields.length === 0) return;
  const actor = scope.actor;
  await insertPersonalDataAccess(tx, scope, { requestId: row.id, userId: actor.kind === 'user' ? actor.userId : null, at: deps.now().toISOString(), via, noticeKind, fields });
}

const viaLabel = (via: PersonalDataVia, kind: NoticeKind | null): string => {
  const label = personalDataViaLabels[via] ?? via;
  return kind && kind in noticeKindLabels ? `${label}：${noticeKindLabels[kind]}` : label;
};

/** Who read the request's personal data, newest first: for an agency admin only. */
export async function listPersonalDataReads(deps: ServiceDeps, actor: Actor, requestId: number, page: number, pageSize: number): Promise<PersonalDataReadPage> {
  const scope = await scopeFor(deps.db, actor, await agencyOfRequest(deps.db, requestId), 'requests.personalDataAccess');
  await requestRow(deps.db, scope, requestId);
  const { total, rows } = await personalDataAccessPage(deps.db, scope, requestId, page, pageSize);
  const items = rows.map((r): PersonalDataRead => {
    const via = r.via as PersonalDataVia;
    const kind = r.notice_kind as NoticeKind | null;
    const fields = r.fields.split(',').filter(Boolean) as PersonalField[];
    return {
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.display_name,
      username: r.username,
      via,
      viaLabel: viaLabel(via, kind),
      noticeKind: kind,
      fields,
      fieldLabels: fields.map((f) => personalFieldLabels[f] ?? f),
    };
  });
  return { total, items };
}
