import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. Proactive disclosure: the catalogue, its review workflow, the leak
// scan's findings, attachments, Art. 20 statistics, the publishing plan and editable pages.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('agency_settings')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_settings_pk', ['agency_id', 'key'])
    .execute();

  await addIdColumn(dialect, db.schema.createTable('document_categories'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('art20_item', 'integer')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('document_categories_code', ['agency_id', 'code'])
    .execute();

  await addIdColumn(dialect, db.schema.createTable('documents'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('index_no', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('written_at', 'text')
    .addColumn('formed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('topic', 'text')
    .addColumn('category_id', 'integer', (c) => c.references('document_categories.id'))
    .addColumn('disclosure_method', 'text', (c) => c.notNull())
    .addColumn('doc_kind', 'text')
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('invalid_from', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text')
    .addColumn('review_json', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('needs_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_agency_status').on('documents').columns(['agency_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('documents_agency_category').on('documents').columns(['agency_id', 'category_id']).execute();

  await addIdColumn(dialect, db.schema.createTable('document_attachments'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await addIdColumn(dialect, db.schema.createTable('document_scan_hits'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('masked', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'integer')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('document_scan_hits_doc').on('document_scan_hits').column('document_id').execute();

  await db.schema
    .createTable('art20_statistics')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    // counts for licence/penalty/enforcement decisions; 元 (two decimals as text) for fees
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('art20_statistics_pk', ['agency_id', 'year', 'month', 'item'])
    .execute();

  await addIdColumn(dialect, db.schema.createTable('publishing_plan'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('portal_pages')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addPrimaryKeyConstraint('portal_pages_pk', ['agency_id', 'slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['portal_pages', 'publishing_plan', 'art20_statistics', 'document_scan_hits', 'document_attachments', 'documents', 'document_categories', 'agency_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
