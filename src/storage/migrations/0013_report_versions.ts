import type { Kysely } from 'kysely';

// Frozen once released. The annual report's life after publication (issue 18, item 6): a
// published report is corrected by a new version with a stated reason; the row in annual_reports
// stays the current version (so the portal and its search read it as before) and each version it
// replaces is kept in annual_report_versions. report_contacts holds what an agency puts in the
// report's standard opening paragraph (网址, office, address, telephone …), set once per agency.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annual_reports').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('annual_reports').addColumn('correction_reason', 'text').execute();
  await db.schema.alterTable('annual_reports').addColumn('corrected_at', 'text').execute();

  await db.schema
    .createTable('annual_report_versions')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('narrative_json', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer')
    // Why this version replaced the one before it (null for the first).
    .addColumn('correction_reason', 'text')
    .addColumn('superseded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_report_versions_pk', ['agency_id', 'year', 'version'])
    .execute();

  await db.schema
    .createTable('report_contacts')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('website_name', 'text', (c) => c.notNull())
    .addColumn('website_url', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_contacts').execute();
  await db.schema.dropTable('annual_report_versions').execute();
  await db.schema.alterTable('annual_reports').dropColumn('corrected_at').execute();
  await db.schema.alterTable('annual_reports').dropColumn('correction_reason').execute();
  await db.schema.alterTable('annual_reports').dropColumn('version').execute();
}
