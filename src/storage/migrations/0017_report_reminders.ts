import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. Report submission (报送, issue 12 item 2): a superior office's reminders
// (催报) to a subordinate that has not published its annual report, each recorded with who sent
// it, from which office, when and for which year. The township deadline a county sets is an
// agency setting (agency_settings), so it needs no table.
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(dialectOf(db), db.schema.createTable('report_reminders'))
    // The subordinate reminded.
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // The superior office that sent it.
    .addColumn('from_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('report_reminders_agency_year').on('report_reminders').columns(['agency_id', 'year', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_reminders').execute();
}
