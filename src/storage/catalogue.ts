/**
 * The 公开目录 query: an agency's published documents newest first, with filters, and their
 * number. Run by the SQLite read workers (sqlite-readers/) as well as on the main thread.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface CatalogueQuery {
  agencyId: number;
  /** Only documents in these categories (a column and its sub-columns); absent: any. */
  categoryIds?: number[] | undefined;
  /** Published at or after `from` and before `to` (ISO instants). */
  from?: string | undefined;
  to?: string | undefined;
  validity?: string | undefined;
  page: number;
  pageSize: number;
}

export interface CatalogueRow {
  id: number;
  title: string;
  published_at: string | null;
  index_no: string;
  doc_no: string | null;
  validity: string;
}

export async function queryCatalogue(db: Kysely<Database>, c: CatalogueQuery): Promise<{ total: number; rows: CatalogueRow[] }> {
  let q = db.selectFrom('documents').where('agency_id', '=', c.agencyId).where('status', '=', 'published');
  if (c.categoryIds) q = q.where('category_id', 'in', c.categoryIds);
  if (c.from) q = q.where('published_at', '>=', c.from);
  if (c.to) q = q.where('published_at', '<', c.to);
  if (c.validity) q = q.where('validity', '=', c.validity);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['id', 'title', 'published_at', 'index_no', 'doc_no', 'validity'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(c.pageSize)
    .offset((c.page - 1) * c.pageSize)
    .execute();
  return { total: Number(n), rows };
}
