import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. Reconsideration and litigation cases (table 四) and the annual
// report's editable narrative, workflow state and the snapshot published.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('appeals'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text')
    .addColumn('filed_date', 'text', (c) => c.notNull())
    .addColumn('closed_date', 'text')
    .addColumn('result', 'text')
    .addColumn('request_id', 'integer', (c) => c.references('requests.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appeals_agency').on('appeals').columns(['agency_id', 'filed_date']).execute();

  await db.schema
    .createTable('annual_reports')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('narrative_json', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_reports_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_reports').execute();
  await db.schema.dropTable('appeals').execute();
}
