import type { Kysely } from 'kysely';

// Frozen once released. A search entry keeps the chain of agencies it was indexed under
// (`/1/5/12/`, top first), so that PostgreSQL removes exactly the subtree tokens it added even
// after an agency moved (decision 027). Null for entries indexed before: they carry no subtree
// tokens until the start-up rebuild (SEARCH_INDEX_VERSION 3) indexes them again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_entries').addColumn('agency_path', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_entries').dropColumn('agency_path').execute();
}
