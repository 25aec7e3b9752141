/**
 * Storage of online interviews and their questions. Every function takes the AgencyScope that only
 * services/policy.ts makes and stays within its agency; nothing is deleted, deleted_at hides an
 * interview. The portal reads with the public scope of an open agency (publicIntakeScope).
 */
import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { InterviewQuestionTable, InterviewTable } from './tables.ts';

export type InterviewRow = Selectable<InterviewTable> & { mailbox_name: string; question_count: number };
export type QuestionRow = Selectable<InterviewQuestionTable>;

const listed = (tx: Tx, scope: AgencyScope) =>
  tx
    .selectFrom('interviews as i')
    .innerJoin('mailboxes as m', 'm.id', 'i.mailbox_id')
    .selectAll('i')
    .select('m.name as mailbox_name')
    .select((eb) => eb.selectFrom('interview_questions as q').select((e) => e.fn.countAll<number>().as('n')).whereRef('q.interview_id', '=', 'i.id').as('question_count'))
    .where('i.agency_id', '=', scope.agencyId)
    .where('i.deleted_at', 'is', null);

export async function interviewRows(tx: Tx, scope: AgencyScope): Promise<InterviewRow[]> {
  const rows = await listed(tx, scope).orderBy('i.starts_at', 'desc').orderBy('i.id', 'desc').execute();
  return rows.map((r) => ({ ...r, question_count: Number(r.question_count ?? 0) }));
}

export async function interviewRow(tx: Tx, scope: AgencyScope, id: number): Promise<InterviewRow | undefined> {
  const r = await listed(tx, scope).where('i.id', '=', id).executeTakeFirst();
  return r ? { ...r, question_count: Number(r.question_count ?? 0) } : undefined;
}

export async function insertInterview(tx: Tx, scope: AgencyScope, values: Omit<Insertable<InterviewTable>, 'id' | 'agency_id'>): Promise<number> {
  return (await tx.insertInto('interviews').values({ ...values, agency_id: scope.agencyId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateInterview(tx: Tx, scope: AgencyScope, id: number, values: Partial<Omit<Insertable<InterviewTable>, 'id' | 'agency_id'>>): Promise<void> {
  await tx.updateTable('interviews').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}

export async function questionRows(tx: Tx, scope: AgencyScope, interviewId: number): Promise<QuestionRow[]> {
  return tx.selectFrom('interview_questions').selectAll().where('agency_id', '=', scope.agencyId).where('interview_id', '=', interviewId).orderBy('id').execute();
}

export async function insertQuestion(tx: Tx, scope: AgencyScope, values: Omit<Insertable<InterviewQuestionTable>, 'id' | 'agency_id'>): Promise<number> {
  return (await tx.insertInto('interview_questions').values({ ...values, agency_id: scope.agencyId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateQuestion(tx: Tx, scope: AgencyScope, id: number, values: Partial<Pick<QuestionRow, 'status' | 'answer' | 'message_id' | 'handled_at'>>): Promise<void> {
  await tx.updateTable('interview_questions').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}
