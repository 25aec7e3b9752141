/**
 * Storage of the records capability. Every function takes the AgencyScope that only
 * services/policy.ts makes and stays within that scope's agency; nothing is deleted, deleted_at
 * hides a row.
 */
import type { Selectable } from 'kysely';
import type { Role } from '../../storage/schema.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { AssessmentItemTable, ResponsiblePersonTable, TrainingRecordTable } from './tables.ts';

export type TrainingRow = Selectable<TrainingRecordTable>;
export type PersonRow = Selectable<ResponsiblePersonTable>;
export type AssessmentRow = Selectable<AssessmentItemTable>;

type TrainingValues = Omit<TrainingRow, 'id' | 'agency_id' | 'created_at' | 'deleted_at'>;
type PersonValues = Omit<PersonRow, 'id' | 'agency_id' | 'deleted_at'>;

export async function trainingRows(tx: Tx, scope: AgencyScope, year: number): Promise<TrainingRow[]> {
  return tx
    .selectFrom('training_records')
    .selectAll()
    .where('agency_id', '=', scope.agencyId)
    .where('deleted_at', 'is', null)
    .where('held_on', '>=', `${year}-01-01`)
    .where('held_on', '<=', `${year}-12-31`)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
}

export async function trainingRow(tx: Tx, scope: AgencyScope, id: number): Promise<TrainingRow | undefined> {
  return tx.selectFrom('training_records').selectAll().where('agency_id', '=', scope.agencyId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertTraining(tx: Tx, scope: AgencyScope, values: TrainingValues): Promise<TrainingRow> {
  return tx
    .insertInto('training_records')
    .values({ ...values, agency_id: scope.agencyId, created_at: values.updated_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTraining(tx: Tx, scope: AgencyScope, id: number, values: Partial<TrainingValues> & { deleted_at?: string }): Promise<void> {
  await tx.updateTable('training_records').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}

export async function personRows(tx: Tx, scope: AgencyScope): Promise<PersonRow[]> {
  return tx.selectFrom('responsible_persons').selectAll().where('agency_id', '=', scope.agencyId).where('deleted_at', 'is', null).orderBy('since', 'desc').orderBy('id').execute();
}

export async function personRow(tx: Tx, scope: AgencyScope, id: number): Promise<PersonRow | undefined> {
  return tx.selectFrom('responsible_persons').selectAll().where('agency_id', '=', scope.agencyId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertPerson(tx: Tx, scope: AgencyScope, values: PersonValues): Promise<PersonRow> {
  return tx
    .insertInto('responsible_persons')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePerson(tx: Tx, scope: AgencyScope, id: number, values: Partial<PersonValues> & { deleted_at?: string }): Promise<void> {
  await tx.updateTable('responsible_persons').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}

/** One published contact per agency: marking one clears the others. */
export async function clearContacts(tx: Tx, scope: AgencyScope, exceptId: number): Promise<void> {
  await tx.updateTable('responsible_persons').set({ is_contact: 0 }).where('agency_id', '=', scope.agencyId).where('id', '!=', exceptId).where('is_contact', '=', 1).execute();
}

/**
 * The agency's published contact for the portal: only the public columns, never the internal
 * phone. Public once marked: the portal passes the public scope of an open agency.
 */
export async function publicContactRow(tx: Tx, scope: AgencyScope): Promise<{ name: string; post: string; office_phone: string; email: string } | undefined> {
  return tx
    .selectFrom('responsible_persons')
    .select(['name', 'post', 'office_phone', 'email'])
    .where('agency_id', '=', scope.agencyId)
    .where('deleted_at', 'is', null)
    .where('is_contact', '=', 1)
    .executeTakeFirst();
}

export async function assessmentRows(tx: Tx, scope: AgencyScope, year: number): Promise<AssessmentRow[]> {
  return tx.selectFrom('assessment_items').selectAll().where('agency_id', '=', scope.agencyId).where('year', '=', year).where('deleted_at', 'is', null).orderBy('sort').orderBy('id').execute();
}

export async function insertAssessmentItem(tx: Tx, scope: AgencyScope, values: Omit<AssessmentRow, 'id' | 'agency_id' | 'deleted_at' | 'superior_tenths' | 'superior_note' | 'superior_by' | 'superior_at'>): Promise<void> {
  await tx.insertInto('assessment_items').values({ ...values, agency_id: scope.agencyId, superior_note: '' }).execute();
}

export async function updateAssessmentItem(tx: Tx, scope: AgencyScope, id: number, values: Partial<Omit<AssessmentRow, 'id' | 'agency_id'>>): Promise<void> {
  await tx.updateTable('assessment_items').set(values).where('agency_id', '=', scope.agencyId).where('id', '=', id).execute();
}

/** Titles of the agency's own documents among `ids` (evidence may cite no other agency's). */
export async function documentTitles(tx: Tx, scope: AgencyScope, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('documents').select(['id', 'title']).where('agency_id', '=', scope.agencyId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The display name of a user (who entered the superior's scores). */
export async function userName(tx: Tx, userId: number): Promise<string | null> {
  const row = await tx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/**
 * Whether the user holds, with the subtree scope (本机关及下级), one of `roles` on an agency
 * strictly above `agencyId`: the superior office's reach (decision 010). The caller has a scope
 * on the agency already; this only tells a superior from the agency's own staff.
 */
export async function holdsSuperiorGrant(tx: Tx, scope: AgencyScope, userId: number, roles: readonly Role[]): Promise<boolean> {
  const above: number[] = [];
  let id: number | null = (await tx.selectFrom('agencies').select('parent_id').where('id', '=', scope.agencyId).executeTakeFirst())?.parent_id ?? null;
  while (id !== null && !above.includes(id)) {
    above.push(id);
    id = (await tx.selectFrom('agencies').select('parent_id').where('id', '=', id).executeTakeFirst())?.parent_id ?? null;
  }
  if (above.length === 0) return false;
  const grant = await tx.selectFrom('user_roles').select('agency_id').where('user_id', '=', userId).where('scope', '=', 'subtree').where('agency_id', 'in', above).where('role', 'in', [...roles]).executeTakeFirst();
  return !!grant;
}
