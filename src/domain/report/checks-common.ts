/**
 * What the checks of the three tables share: the tables in order and a column's name in table 三.
 */
import { REQUEST_COLUMN_LABELS, type TableId } from './taxonomy.ts';

export const TABLES: readonly TableId[] = ['proactive', 'requests', 'appeals'];

export function colName(col: string): string {
  return REQUEST_COLUMN_LABELS[col as keyof typeof REQUEST_COLUMN_LABELS] ?? col;
}
