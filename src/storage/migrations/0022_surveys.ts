import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf, dropAppendOnly, makeAppendOnly } from '../dialect.ts';

// Frozen once released. 问卷调查 (issue 16 item 3, decision 029): the survey with its questions
// (JSON, edited only as a draft) and a status projection of its append-only event log, and the
// answer sheets. An answer sheet is never changed or deleted; (survey, respondent_key) is unique,
// the key being a hash of the answering browser's token (one answer per browser).
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('surveys'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_date', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_agency_status').on('surveys').columns(['agency_id', 'status']).execute();

  await addIdColumn(dialect, db.schema.createTable('survey_events'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_events_seq', ['survey_id', 'seq'])
    .execute();
  await makeAppendOnly(db, 'survey_events', '问卷记录只能追加，不能修改或删除 / survey_events is append-only');

  await addIdColumn(dialect, db.schema.createTable('survey_responses'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('respondent_key', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('submitted_date', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_one_each', ['survey_id', 'respondent_key'])
    .execute();
  await makeAppendOnly(db, 'survey_responses', '答卷不能修改或删除 / survey_responses is append-only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnly(db, 'survey_responses');
  await db.schema.dropTable('survey_responses').execute();
  await dropAppendOnly(db, 'survey_events');
  await db.schema.dropTable('survey_events').execute();
  await db.schema.dropIndex('surveys_agency_status').execute();
  await db.schema.dropTable('surveys').execute();
}
