import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf, dropAppendOnly, makeAppendOnly } from '../dialect.ts';

// Frozen once released. 意见征集 (issue 16 item 2, decision 024): the drafts put out for comment,
// the comments (on the whole draft or one article, moderated before shown) and the append-only
// event log. The consultation row carries a projection of its events (phase, dates, the final
// document) rewritten with every event, so lists and the overdue query page in SQL.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('consultations'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('concerns_business', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('draft_text', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('short_period_reason', 'text')
    // Other ways to comment (e-mail, post), shown with the draft beside the portal form.
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The projection.
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('opened_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('feedback_published_date', 'text')
    // The final document in the catalogue (the link shows on both portal pages).
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .execute();
  await db.schema.createIndex('consultations_agency_phase').on('consultations').columns(['agency_id', 'phase', 'end_date']).execute();
  await db.schema.createIndex('consultations_document').on('consultations').columns(['document_id']).execute();

  await addIdColumn(dialect, db.schema.createTable('consultation_comments'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    // '第三条', or null for the whole draft.
    .addColumn('article', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Projection of the moderation event: pending, shown or hidden.
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_comments_consultation').on('consultation_comments').columns(['consultation_id', 'id']).execute();

  await addIdColumn(dialect, db.schema.createTable('consultation_events'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_events_seq', ['consultation_id', 'seq'])
    .execute();
  await makeAppendOnly(db, 'consultation_events', '意见征集办理记录只能追加，不能修改或删除 / consultation_events is append-only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnly(db, 'consultation_events');
  await db.schema.dropTable('consultation_events').execute();
  await db.schema.dropIndex('consultation_comments_consultation').execute();
  await db.schema.dropTable('consultation_comments').execute();
  await db.schema.dropIndex('consultations_document').execute();
  await db.schema.dropIndex('consultations_agency_phase').execute();
  await db.schema.dropTable('consultations').execute();
}
