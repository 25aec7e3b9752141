import type { Kysely } from 'kysely';

// Frozen once released. A notice's 文号 (issue 18 item 9): an agency that sets a 代字 numbers its
// notices 代字〔年〕号, one sequence a year. A number, once a notice carried it, never changes and
// is never given twice, so it is stored; the two unique keys say so.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice_numbers')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_numbers_pk', ['agency_id', 'year', 'seq'])
    .addUniqueConstraint('notice_numbers_request_kind', ['request_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_numbers').execute();
}
