import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf, dropAppendOnly, makeAppendOnly } from '../dialect.ts';

// Frozen once released. 留言 (issue 16, item 1): an agency's mailboxes with their reply limits per
// kind, the messages, and their append-only event log. The message row carries a status projection
// rewritten with every event (phase, due date, the days from which it is 临期 and red), so lists,
// filters and alerts page in SQL; the flags compare those dates with today, so they need no rewrite
// as days pass.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('mailboxes'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consultation_days', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('suggestion_days', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('complaint_days', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('help_days', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mailboxes_agency_name', ['agency_id', 'name'])
    .execute();

  await addIdColumn(dialect, db.schema.createTable('messages'))
    // The agency handling it now: a 转办 moves the message, and its events keep the trail.
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id'))
    .addColumn('query_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('writer_name', 'text', (c) => c.notNull())
    .addColumn('writer_phone', 'text', (c) => c.notNull())
    .addColumn('writer_email', 'text')
    .addColumn('writer_address', 'text')
    .addColumn('consent_to_publish', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    // The projection.
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('limit_working_days', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_soon_from', 'text', (c) => c.notNull())
    .addColumn('red_from', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_status', 'text')
    .addColumn('accepted_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('replied_on_time', 'integer')
    .addColumn('published_date', 'text')
    .addColumn('rating', 'text')
    .execute();
  await db.schema.createIndex('messages_agency_phase_due').on('messages').columns(['agency_id', 'phase', 'due_date']).execute();
  await db.schema.createIndex('messages_agency_id').on('messages').columns(['agency_id', 'id']).execute();

  await addIdColumn(dialect, db.schema.createTable('message_events'))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('message_events_seq', ['message_id', 'seq'])
    .execute();
  await makeAppendOnly(db, 'message_events', '留言办理记录只能追加，不能修改或删除 / message_events is append-only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnly(db, 'message_events');
  await db.schema.dropTable('message_events').execute();
  await db.schema.dropIndex('messages_agency_id').execute();
  await db.schema.dropIndex('messages_agency_phase_due').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('mailboxes').execute();
}
