import type { Kysely } from 'kysely';

// Frozen once released. 政策解读 and the 三同步 gate (issue 11, item 2), the 退回 reason shown on a
// draft (item 1), and a withdrawn document revised as a new version (issue 18, item 7); decision
// 018. A 解读 is a document of its own (索引号, workflow, portal page, search) that points at the
// policy it interprets; the columns below are null on every other document.
export async function up(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'integer'][] = [
    // The policy document this 解读 interprets.
    ['interprets_id', 'integer'],
    // text | graphic (图解) | video
    ['interpretation_form', 'text'],
    // A 图解's text alternative, a video's captions or 文字稿.
    ['interpretation_text', 'text'],
    ['interpretation_media_url', 'text'],
    // A 规章/规范性文件 published without a 解读: why, who, when.
    ['exemption_reason', 'text'],
    ['exemption_by', 'integer'],
    ['exemption_at', 'text'],
    // The last 退回's reason, cleared when the draft is submitted again.
    ['returned_reason', 'text'],
    ['returned_by', 'integer'],
    ['returned_at', 'text'],
    // The withdrawn document this one revises.
    ['revises_id', 'integer'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('documents').addColumn(name, type).execute();
  await db.schema.alterTable('documents').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('documents_interprets').on('documents').column('interprets_id').execute();
  await db.schema.createIndex('documents_revises').on('documents').column('revises_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_revises').execute();
  await db.schema.dropIndex('documents_interprets').execute();
  for (const name of ['version', 'revises_id', 'returned_at', 'returned_by', 'returned_reason', 'exemption_at', 'exemption_by', 'exemption_reason', 'interpretation_media_url', 'interpretation_text', 'interpretation_form', 'interprets_id']) {
    await db.schema.alterTable('documents').dropColumn(name).execute();
  }
}
