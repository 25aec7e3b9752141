import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';
import { officialCalendarData } from '../../domain/calendar/index.ts';

// Frozen once released. The working-day calendar is data an administrator maintains; it
// starts from the State Council notices for 2019–2026 shipped with the code.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('sources_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year').onDelete('cascade'))
    .addColumn('is_off_day', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_days_year').on('calendar_days').column('year').execute();

  const now = new Date().toISOString();
  for (const year of officialCalendarData()) {
    await db
      .insertInto('calendar_years')
      .values({ year: year.year, sources_json: JSON.stringify(year.sources ?? []), updated_at: now, updated_by: null })
      .execute();
    if (year.days.length > 0) {
      await db
        .insertInto('calendar_days')
        .values(year.days.map((d) => ({ date: d.date, year: year.year, is_off_day: d.isOffDay ? 1 : 0, name: d.name })))
        .execute();
    }
  }

  await addIdColumn(dialect, db.schema.createTable('requests'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('query_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_type', 'text')
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('contact_person', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('requested_form', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Projection of the event log, rewritten with every event, for lists and filters.
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('submitted_date', 'text', (c) => c.notNull())
    .addColumn('receipt_date', 'text')
    .addColumn('closed_date', 'text')
    .execute();
  await db.schema.createIndex('requests_agency_phase').on('requests').columns(['agency_id', 'phase']).execute();
  await db.schema.createIndex('requests_agency_receipt').on('requests').columns(['agency_id', 'receipt_date']).execute();

  await addIdColumn(dialect, db.schema.createTable('request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('request_events_seq', ['request_id', 'seq'])
    .execute();

  // Single-use captcha answers for the public form (replay protection).
  await db.schema
    .createTable('captcha_uses')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['captcha_uses', 'request_events', 'requests', 'calendar_days', 'calendar_years']) {
    await db.schema.dropTable(t).execute();
  }
}
