import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf, dropAppendOnly, makeAppendOnly } from '../dialect.ts';

// Frozen once released. Personal data reads on record (docs/decisions/013): each time a handler of
// a request is shown the applicant's identifiers (the detail screen, a notice as HTML or DOCX), a
// row says who, when, which request, through which screen and which fields. Append-only like the
// audit log, so a reader cannot erase the trace of a read; kept apart from the audit log so that
// reads do not queue on the audit chain's head.
export async function up(db: Kysely<any>): Promise<void> {
  await addIdColumn(dialectOf(db), db.schema.createTable('personal_data_access'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('notice_kind', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('personal_data_access_request').on('personal_data_access').columns(['request_id', 'id']).execute();
  await makeAppendOnly(db, 'personal_data_access', '个人信息查阅记录只能追加，不能修改或删除 / personal_data_access is append-only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnly(db, 'personal_data_access');
  await db.schema.dropTable('personal_data_access').execute();
}
