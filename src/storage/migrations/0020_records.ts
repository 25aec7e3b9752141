import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. Records of the 政务公开 work (issue 11 item 3, decision 022): training
// sessions, the persons responsible, and the yearly assessment items with their self-scores and
// the superior's scores. Rows are never deleted: deleted_at hides them from lists.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('training_records'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('trainer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendee_count', 'integer', (c) => c.notNull())
    .addColumn('attendee_names', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('training_records_agency_date').on('training_records').columns(['agency_id', 'held_on']).execute();
  await addIdColumn(dialect, db.schema.createTable('responsible_persons'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull().defaultTo(''))
    // Internal (mobile); office_phone is the one a published contact shows.
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('is_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('responsible_persons_agency').on('responsible_persons').columns(['agency_id']).execute();
  await addIdColumn(dialect, db.schema.createTable('assessment_items'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weight_tenths', 'integer', (c) => c.notNull())
    .addColumn('self_tenths', 'integer')
    .addColumn('evidence_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_document_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('superior_tenths', 'integer')
    .addColumn('superior_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('superior_by', 'integer', (c) => c.references('users.id'))
    .addColumn('superior_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('assessment_items_agency_year').on('assessment_items').columns(['agency_id', 'year', 'sort']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_items').execute();
  await db.schema.dropTable('responsible_persons').execute();
  await db.schema.dropTable('training_records').execute();
}
