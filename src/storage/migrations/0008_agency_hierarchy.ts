import type { Kysely } from 'kysely';

// Frozen once released. Agencies form a hierarchy (省 → 市 → 县 → 乡镇, 部门 under a
// government): each gets a full name beside its short `name`, a 统一社会信用代码 and an
// open/closed state (a closed agency keeps its records and pages). A role is granted with a
// scope: 'agency' (本机关) or 'subtree' (本机关及下级).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agencies').addColumn('full_name', 'text').execute();
  await db.schema.alterTable('agencies').addColumn('credit_code', 'text').execute();
  await db.schema.alterTable('agencies').addColumn('closed_at', 'text').execute();
  await db.schema.createIndex('agencies_parent').on('agencies').column('parent_id').execute();
  await db.schema.alterTable('user_roles').addColumn('scope', 'text', (c) => c.notNull().defaultTo('agency')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_roles').dropColumn('scope').execute();
  await db.schema.dropIndex('agencies_parent').execute();
  await db.schema.alterTable('agencies').dropColumn('closed_at').execute();
  await db.schema.alterTable('agencies').dropColumn('credit_code').execute();
  await db.schema.alterTable('agencies').dropColumn('full_name').execute();
}
