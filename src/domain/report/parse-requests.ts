/**
 * Reader of table 三 (收到和处理政府信息公开申请情况): its column headers, then rows 一 to 四
 * with the outcome leaves under their groups.
 */
import type { Cell, LabelSeen, RawRow } from './model.ts';
import {
  OUTCOMES,
  OUTCOME_GROUPS,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_HEADER_GROUPS,
  REQUEST_RESULTS_LABEL,
  REQUEST_ROWS,
  REQUEST_ROW_LABELS,
  type OutcomeGroup,
  type RequestColumnKey,
  type RequestRowKey,
} from './taxonomy.ts';
import { fold, labelCore, matchScore, readCell } from './text.ts';
import {
  alignRow,
  hasLabel,
  nonEmpty,
  splitGlued,
  toCell,
  type Line,
  type PendingRow,
  type RawValue,
  type TableRead,
} from './parse-table-lines.ts';

type RequestLabel =
  | { kind: 'note' }
  | { kind: 'column'; key: RequestColumnKey }
  | { kind: 'colgroup'; key: 'group.applicants' | 'group.organizations' }
  | { kind: 'results' }
  | { kind: 'group'; group: OutcomeGroup }
  | { kind: 'row'; key: RequestRowKey };

const ROW_CANDIDATES: readonly { label: RequestLabel; core: string; group?: OutcomeGroup }[] = [
  ...REQUEST_ROWS.map((key) => {
    const o = OUTCOMES.find((x) => x.code === key);
    return {
      label: { kind: 'row', key } as RequestLabel,
      core: labelCore(REQUEST_ROW_LABELS[key]),
      ...(o?.group ? { group: o.group } : {}),
    };
  }),
  { label: { kind: 'results' }, core: labelCore(REQUEST_RESULTS_LABEL) },
  ...(Object.keys(OUTCOME_GROUPS) as OutcomeGroup[]).map((g) => ({
    label: { kind: 'group', group: g } as RequestLabel,
    core: labelCore(OUTCOME_GROUPS[g]),
  })),
];

const LEAVES_BY_GROUP: Readonly<Record<OutcomeGroup, readonly RequestRowKey[]>> = {
  withheld: OUTCOMES.filter((o) => o.group === 'withheld').map((o) => o.code),
  unavailable: OUTCOMES.filter((o) => o.group === 'unavailable').map((o) => o.code),
  not_processed: OUTCOMES.filter((o) => o.group === 'not_processed').map((o) => o.code),
  other: OUTCOMES.filter((o) => o.group === 'other').map((o) => o.code),
};

export function isRequestsAnchor(cells: readonly string[]): boolean {
  return cells.some((c) => {
    const f = fold(c);
    return (
      f.includes('勾稽关系') ||
      f === '申请人情况' ||
      f === '自然人' ||
      labelCore(c) === labelCore(REQUEST_ROW_LABELS.new)
    );
  });
}

function matchRequestLabel(
  cell: string,
  header: boolean,
  group: OutcomeGroup | undefined,
  seen: ReadonlySet<string>,
): RequestLabel | undefined {
  const f = fold(cell);
  const core = labelCore(cell);
  if (f.includes('勾稽关系')) return { kind: 'note' };
  if (header) {
    for (const col of REQUEST_COLUMNS) {
      if (core === labelCore(REQUEST_COLUMN_LABELS[col])) return { kind: 'column', key: col };
    }
    if (core === labelCore(REQUEST_HEADER_GROUPS.applicants)) {
      return { kind: 'colgroup', key: 'group.applicants' };
    }
    if (matchScore(core, labelCore(REQUEST_HEADER_GROUPS.organizations)) !== undefined) {
      return { kind: 'colgroup', key: 'group.organizations' };
    }
  }
  let best: { label: RequestLabel; score: number } | undefined;
  for (const c of ROW_CANDIDATES) {
    let s = matchScore(core, c.core);
    if (s === undefined) continue;
    // Prefer leaves of the current group and rows not yet read.
    if (c.group && group && c.group !== group) s += 0.5;
    if (c.label.kind === 'row' && seen.has(c.label.key)) s += 0.25;
    if (!best || s < best.score) best = { label: c.label, score: s };
  }
  if (best) return best.label;
  // "1." with an unknown text: the n-th leaf of the current group.
  const m = /^(\d{1,2})[.、,]/.exec(f);
  if (m && group) {
    const leafKey = LEAVES_BY_GROUP[group][Number(m[1]) - 1];
    if (leafKey) return { kind: 'row', key: leafKey };
  }
  return undefined;
}

export function readRequests(
  lines: readonly Line[],
  start: number,
  end: number,
  lastLine: number,
): TableRead<RequestRowKey, RequestColumnKey> {
  const labels: LabelSeen[] = [];
  const raw: RawRow[] = [];
  const consumed = new Set<number>();
  const pending: PendingRow<RequestRowKey>[] = [];
  const columns = new Set<RequestColumnKey>();
  const seenRows = new Set<string>();
  let header = true;
  let group: OutcomeGroup | undefined;
  let current: PendingRow<RequestRowKey> | undefined;
  let present = false;

  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    if (nonEmpty(line.cells).length === 0) continue;
    if (!hasLabel(line.cells)) {
      if (current) {
        for (const c of line.cells) current.values.push({ raw: c, line: line.no });
        consumed.add(i);
        raw.push({ line: line.no, cells: line.cells.map((c) => c.trim()) });
      }
      continue;
    }
    let used = false;
    let seenLabel = false;
    for (const cell of line.cells) {
      const kind = readCell(cell).kind;
      if (kind !== 'text') {
        // Empty cells before the row's label are merged-cell debris.
        if (kind === 'blank' && cell.trim() === '' && !seenLabel) continue;
        if (current) current.values.push({ raw: cell, line: line.no });
        continue;
      }
      seenLabel = true;
      let label = matchRequestLabel(cell, header, group, seenRows);
      let glued: RawValue[] = [];
      if (!label) {
        const g = splitGlued(cell);
        const gl = g && matchRequestLabel(g.label, header, group, seenRows);
        if (g && gl?.kind === 'row') {
          label = gl;
          glued = [{ raw: g.digits, line: line.no }];
        }
      }
      if (!label) {
        // The rest of a label broken over lines, or text that is not part of the table.
        if (current && current.values.length === 0) {
          current.written += cell.trim();
          used = true;
        }
        continue;
      }
      used = true;
      switch (label.kind) {
        case 'note':
          labels.push({ key: 'group.note', written: cell.trim(), line: line.no });
          break;
        case 'column':
          columns.add(label.key);
          labels.push({ key: `col.${label.key}`, written: cell.trim(), line: line.no });
          break;
        case 'colgroup':
          labels.push({ key: label.key, written: cell.trim(), line: line.no });
          break;
        case 'results':
          header = false;
          current = undefined;
          labels.push({ key: 'group.results', written: cell.trim(), line: line.no });
          break;
        case 'group':
          header = false;
          group = label.group;
          current = undefined;
          labels.push({ key: `group.${label.group}`, written: cell.trim(), line: line.no });
          break;
        case 'row': {
          header = false;
          // The second half of a label broken over lines matches the same row again.
          if (current && current.key === label.key && current.values.length === 0) {
            current.written += cell.trim();
            break;
          }
          const o = OUTCOMES.find((x) => x.code === label.key);
          if (o?.group) group = o.group;
          seenRows.add(label.key);
          current = { key: label.key, written: cell.trim(), line: line.no, values: glued };
          pending.push(current);
          break;
        }
      }
    }
    if (used) {
      consumed.add(i);
      raw.push({ line: line.no, cells: line.cells.map((c) => c.trim()) });
      present = true;
    }
  }

  const cols = columns.size > 0 ? REQUEST_COLUMNS.filter((c) => columns.has(c)) : REQUEST_COLUMNS;
  const rows: Partial<Record<RequestRowKey, Partial<Record<RequestColumnKey, Cell>>>> = {};
  const filled = (p: PendingRow<RequestRowKey>): number =>
    p.values.filter((v) => v.raw.trim() !== '').length;
  for (const p of pending) {
    // A repeated row: the first one with the most values counts.
    const best = pending
      .filter((q) => q.key === p.key)
      .reduce((a, b) => (filled(b) > filled(a) ? b : a));
    if (best !== p) continue;
    labels.push({ key: `row.${p.key}`, written: p.written, line: p.line });
    const aligned = alignRow(p, cols.length, lastLine);
    const row: Partial<Record<RequestColumnKey, Cell>> = {};
    cols.forEach((c, k) => {
      const v = aligned[k];
      if (v) row[c] = toCell(v);
    });
    rows[p.key] = row;
  }
  return {
    present,
    complete: rows.carried_out !== undefined,
    labels,
    foreign: [],
    rows,
    raw,
    consumed,
  };
}
