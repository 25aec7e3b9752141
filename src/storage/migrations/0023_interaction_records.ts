import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. 互动交流 beyond messages (issue 16 items 4 and 5, decision 030): online
// interviews with the questions sent beforehand, the hotline log (12345 work orders matched by
// order number), and meetings with their follow-up items. Rows are never deleted: deleted_at hides
// them from lists. Times of day are China time, 'YYYY-MM-DD HH:MM'.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('interviews'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('guests', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // The mailbox whose message flow takes the questions left unanswered on air.
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id'))
    .addColumn('transcript', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('transcript_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('interviews_agency_start').on('interviews').columns(['agency_id', 'starts_at']).execute();
  await addIdColumn(dialect, db.schema.createTable('interview_questions'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('asker_phone', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('consent_to_publish', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    // pending, answered (on air), converted (became a message).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('interview_questions_interview').on('interview_questions').columns(['interview_id', 'id']).execute();
  await addIdColumn(dialect, db.schema.createTable('hotline_calls'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    // 12345 工单编号; null for a call taken at the agency's own line.
    .addColumn('order_no', 'text')
    .addColumn('called_at', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caller_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('hotline_calls_agency_time').on('hotline_calls').columns(['agency_id', 'called_at']).execute();
  // A re-import finds the order it already has: no duplicates (several nulls are allowed on both databases).
  await db.schema.createIndex('hotline_calls_order').on('hotline_calls').columns(['agency_id', 'order_no']).unique().execute();
  await addIdColumn(dialect, db.schema.createTable('meetings'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('participant_count', 'integer', (c) => c.notNull())
    // JSON array of the kinds of participants (村民代表, 企业代表…).
    .addColumn('participant_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('meetings_agency_date').on('meetings').columns(['agency_id', 'held_on']).execute();
  await addIdColumn(dialect, db.schema.createTable('meeting_follow_ups'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('meeting_follow_ups_meeting').on('meeting_follow_ups').columns(['meeting_id', 'sort']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_follow_ups').execute();
  await db.schema.dropTable('meetings').execute();
  await db.schema.dropTable('hotline_calls').execute();
  await db.schema.dropTable('interview_questions').execute();
  await db.schema.dropTable('interviews').execute();
}
