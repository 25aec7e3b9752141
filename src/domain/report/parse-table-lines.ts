/**
 * What the readers of the three tables share: the line and result types, and how a row's value
 * cells are fitted to its columns.
 */
import type { Cell, ForeignLabel, LabelSeen, RawRow } from './model.ts';
import { readCell } from './text.ts';

export interface Line {
  /** 1-based. */
  readonly no: number;
  readonly cells: readonly string[];
  /** Non-empty cells joined by a space. */
  readonly text: string;
}

export interface TableRead<R extends string, C extends string> {
  readonly present: boolean;
  /** The table's last part (e.g. row 四 of table 三) was read. */
  readonly complete: boolean;
  readonly labels: LabelSeen[];
  readonly foreign: ForeignLabel[];
  readonly rows: Partial<Record<R, Partial<Record<C, Cell>>>>;
  readonly raw: RawRow[];
  /** Indexes (0-based) of the lines that belong to the table. */
  readonly consumed: Set<number>;
}

export interface RawValue {
  readonly raw: string;
  readonly line: number;
}

const isBlank = (v: RawValue | undefined): boolean => v !== undefined && v.raw.trim() === '';

/**
 * Fits a row's value cells to `n` columns. Merged cells leave empty cells before and after the
 * values; those are dropped while there are more cells than columns. Missing cells stay
 * undefined (a row cut short), blank ones stay blank (a defect to report).
 */
export function alignValues(values: readonly RawValue[], n: number): (RawValue | undefined)[] {
  const v = values.slice();
  while (v.length > n && isBlank(v[v.length - 1])) v.pop();
  while (v.length > n && isBlank(v[0])) v.shift();
  return Array.from({ length: n }, (_, i) => v[i]);
}

export function toCell(v: RawValue): Cell {
  const c = readCell(v.raw);
  return { value: c.kind === 'number' ? c.value : null, raw: v.raw.trim(), ids: [], line: v.line };
}

export const nonEmpty = (cells: readonly string[]): string[] =>
  cells.filter((c) => c.trim() !== '');
export const hasLabel = (cells: readonly string[]): boolean =>
  cells.some((c) => c.trim() !== '' && readCell(c).kind === 'text');

/** "规章000" — label and digits run together when a converter loses the cell borders. */
export function splitGlued(cell: string): { label: string; digits: string } | undefined {
  if (cell.length > 60) return undefined;
  const m = /^(.*?[^\d.\s])\s*(\d[\d.]*)$/.exec(cell.normalize('NFKC').trim());
  return m ? { label: m[1]!, digits: m[2]! } : undefined;
}

export function gluedValues(digits: string, n: number, line: number): RawValue[] {
  // "000" for three columns is three zeros; otherwise the digits are one number.
  if (n > 1 && digits.length === n && /^\d+$/.test(digits)) {
    return [...digits].map((d) => ({ raw: d, line }));
  }
  return [{ raw: digits, line }];
}

export interface PendingRow<K extends string> {
  key: K;
  written: string;
  line: number;
  values: RawValue[];
}

/** Aligns a row; a row with no values at all is blank unless it is the text's last line. */
export function alignRow<K extends string>(
  p: PendingRow<K>,
  n: number,
  lastLine: number,
): (RawValue | undefined)[] {
  if (p.values.every((v) => v.raw.trim() === '') && p.line !== lastLine) {
    return Array.from({ length: n }, () => ({ raw: '', line: p.line }));
  }
  return alignValues(p.values, n);
}
