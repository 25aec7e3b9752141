/**
 * The users capability's storage. Role grants are an agency's rows: they are read and written
 * only with the AgencyScope that services/policy.ts makes, within that scope's agency.
 *
 * Accounts themselves (the users table, sessions) belong to no agency: one account may hold
 * roles in several. They are read and changed by id, after commands.ts has checked that the
 * actor manages every agency the account holds a role in. `grantsOf` reads an account's own
 * grants across agencies: for its session, and to decide (and show, filtered) who manages it.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Role, RoleScope, User, UserTable } from '../../storage/schema.ts';
import { notFound } from '../../services/errors.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import type { RoleGrant } from './contract.ts';

export async function userRow(tx: Tx, id: number): Promise<User> {
  const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return row;
}

export async function userByUsername(tx: Tx, username: string): Promise<User | undefined> {
  return tx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(tx: Tx, values: Omit<Insertable<UserTable>, 'id'>): Promise<number> {
  return (await tx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUserRow(tx: Tx, id: number, set: Omit<Updateable<UserTable>, 'id' | 'username'>): Promise<void> {
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Ends every session of the account (disabled, or its password reset). */
export async function endSessions(tx: Tx, userId: number): Promise<void> {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The account's grants as stored: a role on an agency, for that agency or its whole subtree. */
export async function grantsOf(tx: Tx, userId: number): Promise<RoleGrant[]> {
  const rows = await tx.selectFrom('user_roles').select(['agency_id', 'role', 'scope']).where('user_id', '=', userId).orderBy('agency_id').orderBy('role').execute();
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role, scope: r.scope }));
}

/** The accounts that hold some role in the scope's agency. */
export async function usersIn(tx: Tx, scope: AgencyScope): Promise<User[]> {
  return tx
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', tx.selectFrom('user_roles').select('user_id').where('agency_id', '=', scope.agencyId))
    .orderBy('id')
    .execute();
}

/** Replaces the account's roles in the scope's agency (none: it leaves the agency). */
export async function replaceGrants(tx: Tx, scope: AgencyScope, userId: number, roles: Iterable<Role>, roleScope: RoleScope): Promise<void> {
  await tx.deleteFrom('user_roles').where('user_id', '=', userId).where('agency_id', '=', scope.agencyId).execute();
  for (const role of new Set(roles)) await addGrant(tx, scope, userId, role, roleScope);
}

export async function addGrant(tx: Tx, scope: AgencyScope, userId: number, role: Role, roleScope: RoleScope): Promise<void> {
  await tx.insertInto('user_roles').values({ user_id: userId, agency_id: scope.agencyId, role, scope: roleScope }).execute();
}
