import type { Kysely } from 'kysely';

// Frozen once released. The website annual report (政府网站工作年度报表, issue 11 item 5): one row per
// agency and year with the same draft → checked → published states as annual_reports, and the
// figures frozen when it is published. Its figures are counted from the records, so a draft
// stores nothing but its state.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('website_reports')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('website_reports_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('website_reports').execute();
}
