import type { Kysely } from 'kysely';
import { art20Items } from '../../domain/documents/catalogue.ts';

// Frozen once released. A platform operator (granted only by the CLI) may change what every
// agency shares, such as the working calendar, and manage any account; a one-time password
// expires (one-time passwords were full passwords forever). Agencies now get their Art. 20
// catalogue columns when created instead of on the first read (a GET never writes), so existing
// agencies get any they lack here; the 15 items are fixed by the 2019 regulation.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('platform_operator', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('one_time_expires_at', 'text').execute();
  const agencies = (await db.selectFrom('agencies').select('id').execute()) as { id: number }[];
  for (const { id } of agencies) {
    const have = new Set(((await db.selectFrom('document_categories').select('code').where('agency_id', '=', id).execute()) as { code: string }[]).map((c) => c.code));
    const missing = art20Items.filter((i) => !have.has(i.code));
    if (missing.length) {
      await db
        .insertInto('document_categories')
        .values(missing.map((i) => ({ agency_id: id, code: i.code, name: i.name, parent_id: null, art20_item: i.item, sort: i.item })))
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('one_time_expires_at').execute();
  await db.schema.alterTable('users').dropColumn('platform_operator').execute();
}
