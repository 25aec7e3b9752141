/**
 * Reader of table 四 (政府信息公开行政复议、行政诉讼情况): result headers repeated per group, then
 * one line of values.
 */
import type { Cell, ForeignLabel, LabelSeen, RawRow } from './model.ts';
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  LITIGATION_LABEL,
  type AppealColumnKey,
  type AppealKind,
} from './taxonomy.ts';
import { labelCore, matchScore, readCell } from './text.ts';
import {
  alignValues,
  hasLabel,
  nonEmpty,
  toCell,
  type Line,
  type RawValue,
  type TableRead,
} from './parse-table-lines.ts';

export function isAppealsAnchor(cells: readonly string[]): boolean {
  return cells.some((c) => {
    const core = labelCore(c);
    return core === '行政复议' || core === labelCore(APPEAL_COLUMN_LABELS.upheld);
  });
}

type AppealLabel = { kind: 'group'; key: string } | { kind: 'result'; col: AppealColumnKey };

function matchAppealLabel(cell: string): AppealLabel | undefined {
  const core = labelCore(cell);
  if (core === '行政复议') return { kind: 'group', key: 'kind.reconsideration' };
  if (core === labelCore(LITIGATION_LABEL)) return { kind: 'group', key: 'kind.litigation' };
  for (const k of ['litigation_direct', 'litigation_after_reconsideration'] as const) {
    if (matchScore(core, labelCore(APPEAL_KIND_LABELS[k])) !== undefined) {
      return { kind: 'group', key: `kind.${k}` };
    }
  }
  for (const c of APPEAL_COLUMNS) {
    if (matchScore(core, labelCore(APPEAL_COLUMN_LABELS[c])) !== undefined)
      return { kind: 'result', col: c };
  }
  return undefined;
}

export function readAppeals(
  lines: readonly Line[],
  start: number,
  end: number,
  lastLine: number,
): TableRead<AppealKind, AppealColumnKey> {
  const labels: LabelSeen[] = [];
  const foreign: ForeignLabel[] = [];
  const raw: RawRow[] = [];
  const consumed = new Set<number>();
  const results: { col: AppealColumnKey; written: string; line: number }[] = [];
  const values: RawValue[] = [];
  let present = false;
  let dataLine = -1;

  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    const cells = nonEmpty(line.cells);
    if (cells.length === 0) continue;
    if (!hasLabel(line.cells)) {
      if (!present) continue;
      for (const c of line.cells) values.push({ raw: c, line: line.no });
      dataLine = line.no;
      consumed.add(i);
      raw.push({ line: line.no, cells: line.cells.map((c) => c.trim()) });
      continue;
    }
    const matched = cells.map((c) => ({ cell: c, label: matchAppealLabel(c) }));
    if (!matched.some((m) => m.label)) continue; // prose
    present = true;
    consumed.add(i);
    raw.push({ line: line.no, cells: line.cells.map((c) => c.trim()) });
    for (const m of matched) {
      if (!m.label) {
        if (readCell(m.cell).kind === 'text')
          foreign.push({ written: m.cell.trim(), line: line.no, trial: false });
        else values.push({ raw: m.cell, line: line.no });
        continue;
      }
      if (m.label.kind === 'group')
        labels.push({ key: m.label.key, written: m.cell.trim(), line: line.no });
      else results.push({ col: m.label.col, written: m.cell.trim(), line: line.no });
    }
  }

  // Result headers run 维持…总计 once per group; a new group starts when the order restarts.
  const columns: { kind: AppealKind; col: AppealColumnKey }[] = [];
  if (results.length === 0) {
    for (const k of APPEAL_KINDS) for (const c of APPEAL_COLUMNS) columns.push({ kind: k, col: c });
  } else {
    let g = 0;
    let prev = -1;
    for (const r of results) {
      const idx = APPEAL_COLUMNS.indexOf(r.col);
      if (idx <= prev) g++;
      prev = idx;
      const kind = APPEAL_KINDS[g];
      if (!kind) break;
      columns.push({ kind, col: r.col });
      labels.push({ key: `${kind}.${r.col}`, written: r.written, line: r.line });
    }
  }
  const rows: Partial<Record<AppealKind, Partial<Record<AppealColumnKey, Cell>>>> = {};
  const noData = values.every((v) => v.raw.trim() === '');
  const lastRead = Math.max(dataLine, ...results.map((r) => r.line), -1);
  const aligned =
    present && noData && lastRead !== lastLine && end > start
      ? columns.map(() => ({ raw: '', line: lastRead }))
      : alignValues(values, columns.length);
  columns.forEach((c, k) => {
    const v = aligned[k];
    if (!v) return;
    const row = (rows[c.kind] ??= {});
    row[c.col] = toCell(v);
  });
  const complete = present && aligned.every((v) => v !== undefined);
  return { present, complete, labels, foreign, rows, raw, consumed };
}
