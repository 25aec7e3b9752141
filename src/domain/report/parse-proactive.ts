/** Reader of table 二 (主动公开政府信息情况): its four blocks, each a header line and its rows. */
import type { Cell, ForeignLabel, LabelSeen, RawRow } from './model.ts';
import {
  PROACTIVE_BLOCKS,
  TRIAL_PROACTIVE_LABELS,
  proactiveBlockOf,
  type ProactiveBlockDef,
  type ProactiveColumnKey,
  type ProactiveRowKey,
} from './taxonomy.ts';
import { chineseNumeral, fold, labelCore, matchScore, readCell } from './text.ts';
import {
  alignRow,
  gluedValues,
  hasLabel,
  nonEmpty,
  splitGlued,
  toCell,
  type Line,
  type PendingRow,
  type RawValue,
  type TableRead,
} from './parse-table-lines.ts';

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

/**
 * "第二十条第" with its item number lost, then "信息内容 | 本年处理决定数量": the block is the one
 * whose row follows (行政许可 is (五), 行政处罚 (六)).
 */
function blockOfNextRow(
  lines: readonly Line[],
  from: number,
  end: number,
): ProactiveBlockDef | undefined {
  for (let j = from; j < end; j++) {
    const cells = nonEmpty(lines[j]!.cells);
    if (cells.length === 0) continue;
    if (isProactiveMarker(cells[0]!) || fold(cells[0]!).startsWith('信息内容')) return undefined;
    const key = matchProactiveRow(cells[0]!);
    return key ? proactiveBlockOf(key) : undefined;
  }
  return undefined;
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
      const b = block ?? inferBlock(headers) ?? blockOfNextRow(lines, i + 1, end);
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
