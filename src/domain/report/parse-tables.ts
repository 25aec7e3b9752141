/**
 * Readers for the three tables of a published report. Input is lines of cells (tab-separated
 * text, or rows extracted from HTML/DOCX). Merged cells leave empty cells and rows split over
 * lines; labels carry stray spaces and either punctuation width. So a row is read as: its label
 * cells, then its value cells up to the next label, however the lines fall.
 */
import type { Cell, ForeignLabel, LabelSeen, RawRow } from './model.ts';
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  LITIGATION_LABEL,
  OUTCOMES,
  OUTCOME_GROUPS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_HEADER_GROUPS,
  REQUEST_RESULTS_LABEL,
  REQUEST_ROWS,
  REQUEST_ROW_LABELS,
  TRIAL_PROACTIVE_LABELS,
  proactiveBlockOf,
  type AppealColumnKey,
  type AppealKind,
  type OutcomeGroup,
  type ProactiveBlockDef,
  type ProactiveColumnKey,
  type ProactiveRowKey,
  type RequestColumnKey,
  type RequestRowKey,
} from './taxonomy.ts';
import { chineseNumeral, fold, labelCore, matchScore, readCell } from './text.ts';

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

interface RawValue {
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

function toCell(v: RawValue): Cell {
  const c = readCell(v.raw);
  return { value: c.kind === 'number' ? c.value : null, raw: v.raw.trim(), ids: [], line: v.line };
}

const nonEmpty = (cells: readonly string[]): string[] => cells.filter((c) => c.trim() !== '');
const hasLabel = (cells: readonly string[]): boolean =>
  cells.some((c) => c.trim() !== '' && readCell(c).kind === 'text');

/** "规章000" — label and digits run together when a converter loses the cell borders. */
function splitGlued(cell: string): { label: string; digits: string } | undefined {
  if (cell.length > 60) return undefined;
  const m = /^(.*?[^\d.\s])\s*(\d[\d.]*)$/.exec(cell.normalize('NFKC').trim());
  return m ? { label: m[1]!, digits: m[2]! } : undefined;
}

function gluedValues(digits: string, n: number, line: number): RawValue[] {
  // "000" for three columns is three zeros; otherwise the digits are one number.
  if (n > 1 && digits.length === n && /^\d+$/.test(digits)) {
    return [...digits].map((d) => ({ raw: d, line }));
  }
  return [{ raw: digits, line }];
}

// ---- table 二 -----------------------------------------------------------------------------------

const TRIAL_CORES = new Set(TRIAL_PROACTIVE_LABELS.map(labelCore));
export function isTrialLabel(s: string): boolean {
  return TRIAL_CORES.has(labelCore(s)) || TRIAL_CORES.has(fold(s));
}

export function isProactiveMarker(cell: string): boolean {
  return /^第二十条第/.test(fold(cell));
}

function matchProactiveRow(cell: string): ProactiveRowKey | undefined {
  const core = labelCore(cell);
  let best: { key: ProactiveRowKey; score: number } | undefined;
  for (const b of PROACTIVE_BLOCKS) {
    for (const r of b.rows) {
      const s = matchScore(core, labelCore(r.label));
      if (s !== undefined && (!best || s < best.score)) best = { key: r.key, score: s };
    }
  }
  return best?.key;
}

function inferBlock(headers: readonly string[]): ProactiveBlockDef | undefined {
  const joined = headers.map(fold).join('|');
  if (/制发|废止|现行有效/.test(joined)) return PROACTIVE_BLOCKS[0];
  if (/收费金额/.test(joined)) return PROACTIVE_BLOCKS[3];
  return undefined;
}

interface PendingRow<K extends string> {
  key: K;
  written: string;
  line: number;
  values: RawValue[];
}

export function readProactive(
  lines: readonly Line[],
  start: number,
  end: number,
  lastLine: number,
): TableRead<ProactiveRowKey, ProactiveColumnKey> {
  const labels: LabelSeen[] = [];
  const foreign: ForeignLabel[] = [];
  const raw: RawRow[] = [];
  const consumed = new Set<number>();
  const pending: PendingRow<ProactiveRowKey>[] = [];
  let block: ProactiveBlockDef | undefined;
  let trial = false;
  let current: PendingRow<ProactiveRowKey> | undefined;
  let present = false;
  let sawFees = false;

  const take = (i: number, line: Line): void => {
    consumed.add(i);
    raw.push({ line: line.no, cells: line.cells.map((c) => c.trim()) });
    present = true;
  };

  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    const cells = nonEmpty(line.cells);
    if (cells.length === 0) continue;
    const first = cells[0]!;
    const ff = fold(first);
    if (isProactiveMarker(first)) {
      take(i, line);
      current = undefined;
      const m = /^第二十条第\(?([一二三四五六七八九十]+)/.exec(ff);
      const n = m ? chineseNumeral(m[1]!) : undefined;
      const def = PROACTIVE_BLOCKS.find((b) => b.key === `item${n}`);
      if (n === 9) {
        foreign.push({ written: first, line: line.no, trial: true });
        trial = true;
        block = undefined;
      } else if (def) {
        labels.push({ key: def.key, written: first, line: line.no });
        block = def;
        trial = false;
      } else {
        block = undefined;
      }
      continue;
    }
    if (ff.startsWith('信息内容')) {
      take(i, line);
      current = undefined;
      const headers = cells.slice(1);
      if (headers.some(isTrialLabel)) {
        trial = true;
        for (const h of headers)
          foreign.push({ written: h, line: line.no, trial: isTrialLabel(h) });
        continue;
      }
      trial = false;
      const b = block ?? inferBlock(headers);
      if (!b) continue;
      block = b;
      labels.push({ key: `${b.key}.content`, written: first, line: line.no });
      headers.forEach((h, k) => {
        const col = b.columns[k];
        if (col) labels.push({ key: `${b.key}.${col.key}`, written: h, line: line.no });
        else foreign.push({ written: h, line: line.no, trial: false });
      });
      continue;
    }
    // A row: label, then values; or values continuing the row above.
    if (!hasLabel(line.cells)) {
      if (current) {
        take(i, line);
        for (const c of line.cells) current.values.push({ raw: c, line: line.no });
      }
      continue;
    }
    const labelIndex = line.cells.findIndex((c) => c.trim() !== '' && readCell(c).kind === 'text');
    const labelCell = line.cells[labelIndex]!;
    let key = matchProactiveRow(labelCell);
    let written = labelCell.trim();
    let values: RawValue[] = line.cells
      .slice(labelIndex + 1)
      .map((c) => ({ raw: c, line: line.no }));
    if (!key) {
      const glued = splitGlued(labelCell);
      const gk = glued && matchProactiveRow(glued.label);
      if (glued && gk) {
        key = gk;
        written = glued.label;
        values = [
          ...gluedValues(glued.digits, proactiveBlockOf(gk).columns.length, line.no),
          ...values,
        ];
      }
    }
    if (!key) {
      if (isTrialLabel(labelCell)) {
        take(i, line);
        foreign.push({ written, line: line.no, trial: true });
        current = undefined;
      } else if (cells.length > 1 && current) {
        // An unknown row inside the table.
        take(i, line);
        foreign.push({ written, line: line.no, trial: false });
        current = undefined;
      }
      continue;
    }
    take(i, line);
    if (key === 'fees') sawFees = true;
    const b = proactiveBlockOf(key);
    if (block !== b && !trial) block = b;
    if (trial) {
      // Values of a 试行 table do not fit the 2021 columns; keep them only as raw rows.
      current = undefined;
      continue;
    }
    labels.push({ key, written, line: line.no });
    current = { key, written, line: line.no, values };
    pending.push(current);
  }

  const rows: Partial<Record<ProactiveRowKey, Partial<Record<ProactiveColumnKey, Cell>>>> = {};
  for (const p of pending) {
    const cols = proactiveBlockOf(p.key).columns;
    const row: Partial<Record<ProactiveColumnKey, Cell>> = {};
    const aligned = alignRow(p, cols.length, lastLine);
    cols.forEach((c, k) => {
      const v = aligned[k];
      if (v) row[c.key] = toCell(v);
    });
    rows[p.key] = row;
  }
  const complete = sawFees && (trial || rows.fees?.amount !== undefined);
  return { present, complete, labels, foreign, rows, raw, consumed };
}

/** Aligns a row; a row with no values at all is blank unless it is the text's last line. */
function alignRow<K extends string>(
  p: PendingRow<K>,
  n: number,
  lastLine: number,
): (RawValue | undefined)[] {
  if (p.values.every((v) => v.raw.trim() === '') && p.line !== lastLine) {
    return Array.from({ length: n }, () => ({ raw: '', line: p.line }));
  }
  return alignValues(p.values, n);
}

// ---- table 三 -----------------------------------------------------------------------------------

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

// ---- table 四 -----------------------------------------------------------------------------------

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
