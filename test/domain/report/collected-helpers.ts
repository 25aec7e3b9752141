/** What a collected report is expected to give, and helpers for its assertions. */
import {
  REQUEST_COLUMNS,
  valueAt,
  type AnnualReport,
  type Finding,
} from '../../../src/domain/report/index.ts';

export interface Expectation {
  agency: string | null;
  /** null: no year in the part read. */
  year: number | null;
  level?: 'township' | 'department' | 'county' | 'city';
  publishedOn?: string;
  /** Rule ids besides structure.truncated. */
  findings: string[];
  more?: (r: AnnualReport, f: readonly Finding[]) => void;
}

export const message = (f: readonly Finding[], rule: string): string =>
  f
    .filter((x) => x.rule === rule)
    .map((x) => x.message)
    .join('\n');

/** A table-三 row, column by column. */
export const ZEROS = (r: AnnualReport, row: string): (number | undefined)[] =>
  REQUEST_COLUMNS.map((c) => valueAt(r, 'requests', row, c));

/** Table 二's 行政规范性文件 row: issued, repealed, in force. */
export const NORMATIVE = (r: AnnualReport): (number | undefined)[] =>
  ['issued', 'repealed', 'inForce'].map((c) => valueAt(r, 'proactive', 'normative', c));
