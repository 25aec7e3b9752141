import type { Kysely } from 'kysely';

// Frozen once released. A request's status projection, stored beside it so lists, filters and
// reminders page in SQL instead of replaying every request's events: the reply due date (with
// whether it rests on a provisional calendar), the day after which a 补正 or payment period has
// lapsed, and the extension's state. `projected_at` is null until the projection is computed;
// rows from before this migration are computed at the next start (runtime.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('due_date', 'text').execute();
  await db.schema.alterTable('requests').addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('requests').addColumn('lapse_due', 'text').execute();
  await db.schema.alterTable('requests').addColumn('extension_status', 'text').execute();
  await db.schema.alterTable('requests').addColumn('projected_at', 'text').execute();
  await db.schema.createIndex('requests_agency_phase_due').on('requests').columns(['agency_id', 'phase', 'due_date']).execute();
  await db.schema.createIndex('requests_agency_id').on('requests').columns(['agency_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requests_agency_id').execute();
  await db.schema.dropIndex('requests_agency_phase_due').execute();
  for (const c of ['projected_at', 'extension_status', 'lapse_due', 'due_provisional', 'due_date']) await db.schema.alterTable('requests').dropColumn(c).execute();
}
