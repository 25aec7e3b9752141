/**
 * Checks of how the tables are filled in and labelled: unreadable layouts, blank, dashed or
 * invalid cells, and labels against the official format's.
 */
import { finding, type Finding } from './findings.ts';
import { table, type AnnualReport, type Cell, type ReportTable } from './model.ts';
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KIND_LABELS,
  TABLE_LAYOUTS,
  TABLE_NAMES,
  layoutEntry,
  proactiveBlockOf,
  requestRowFullLabel,
  type LayoutEntry,
  type ProactiveColumnKey,
  type ProactiveRowKey,
  type TableId,
} from './taxonomy.ts';
import { readCell, sameLabel } from './text.ts';
import { TABLES, colName } from './checks-common.ts';

// ---- cells (C7) ---------------------------------------------------------------------------------

function rowLabel(id: TableId, row: string): string {
  if (id === 'requests') return requestRowFullLabel(row as never);
  if (id === 'appeals') return APPEAL_KIND_LABELS[row as keyof typeof APPEAL_KIND_LABELS] ?? row;
  return proactiveBlockOf(row as ProactiveRowKey).rows.find((r) => r.key === row)?.label ?? row;
}

function columnLabel(id: TableId, row: string, col: string): string {
  if (id === 'requests') return colName(col);
  if (id === 'appeals')
    return APPEAL_COLUMN_LABELS[col as keyof typeof APPEAL_COLUMN_LABELS] ?? col;
  const block = proactiveBlockOf(row as ProactiveRowKey);
  return block.columns.find((c) => c.key === (col as ProactiveColumnKey))?.label ?? col;
}

/** Every cell of the table blank: one finding for the table, not one per row. */
function emptyTable(report: AnnualReport, id: TableId): Finding | undefined {
  const rows = Object.values(
    table(report, id).rows as Record<string, Record<string, Cell | undefined>>,
  );
  const cells = rows
    .flatMap((r) => Object.values(r ?? {}))
    .filter((c): c is Cell => c !== undefined);
  if (rows.length < 3 || cells.some((c) => c.value !== null || (c.raw ?? '').trim() !== ''))
    return undefined;
  return finding('cells.blank', `${TABLE_NAMES[id]}没有填写任何数字，全部单元格空白（无则填0）`, {
    table: id,
    ...(cells[0]?.line ? { line: cells[0].line } : {}),
    text: TABLE_NAMES[id],
  });
}

/** One finding for a table whose layout was not recognised; its cells are not judged. */
export function checkUnreadable(report: AnnualReport): Finding[] {
  return TABLES.flatMap((id) => {
    const at = table(report, id).unreadable;
    if (!at) return [];
    return [
      finding(
        'table.unreadable',
        `${TABLE_NAMES[id]}的版式无法识别：表中的数字未能与各行对应，未逐格检查；请核对原文，或改用网页、Word、PDF文件检查`,
        { table: id, line: at.line, text: `${TABLE_NAMES[id]}（第${at.line}行起）` },
      ),
    ];
  });
}

export function checkCells(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const id of TABLES) {
    const t = table(report, id);
    if (t.unreadable) continue;
    const empty = emptyTable(report, id);
    if (empty) {
      out.push(empty);
      continue;
    }
    const rows = t.rows as Record<string, Record<string, Cell | undefined> | undefined>;
    const blanks: RowCells[] = [];
    const dashes: RowCells[] = [];
    for (const [row, cols] of Object.entries(rows)) {
      if (!cols) continue;
      const blank: string[] = [];
      const dashed: string[] = [];
      let line: number | undefined;
      for (const [col, c] of Object.entries(cols)) {
        if (!c) continue;
        const where = { table: id, row, column: col, ...(c.line ? { line: c.line } : {}) };
        const text = `${TABLE_NAMES[id]}“${rowLabel(id, row)}”行“${columnLabel(id, row, col)}”列`;
        if (c.value === null) {
          if (readCell(c.raw ?? '').kind === 'blank') {
            // "/" or "—" where a number belongs is written, not left blank: a rule of its own.
            (c.raw?.trim() ? dashed : blank).push(
              c.raw?.trim()
                ? `“${columnLabel(id, row, col)}”列为“${c.raw.trim()}”`
                : columnLabel(id, row, col),
            );
            line ??= c.line;
          } else {
            out.push(
              finding('cells.invalid', `无法识别的数值“${c.raw ?? ''}”`, { ...where, text }),
            );
          }
          continue;
        }
        const money = id === 'proactive' && col === 'amount';
        if (c.value < 0 || (!money && !Number.isInteger(c.value))) {
          out.push(
            finding(
              'cells.invalid',
              `${money ? '金额应为非负数' : '件数应为非负整数'}，表中为“${c.raw ?? c.value}”`,
              { ...where, text },
            ),
          );
        }
      }
      if (dashed.length > 0) dashes.push({ row, cells: dashed, line });
      if (blank.length > 0) blanks.push({ row, cells: blank.map((b) => `“${b}”`), line });
    }
    out.push(
      ...rowsFinding(id, 'cells.dash', dashes, '应填写数字（无则填0）', (c) => c.join('、')),
      ...rowsFinding(
        id,
        'cells.blank',
        blanks,
        '表格单元格空白，应填写数字（无则填0）',
        (c) => `${c.join('、')}列`,
      ),
    );
  }
  return out;
}

interface RowCells {
  readonly row: string;
  readonly cells: readonly string[];
  readonly line: number | undefined;
}

/**
 * Blank or dashed cells: one finding for the row, or one for the table when several rows have
 * them (a table left blank but for its 总计 is one defect, not one per row).
 */
function rowsFinding(
  id: (typeof TABLES)[number],
  rule: 'cells.blank' | 'cells.dash',
  found: readonly RowCells[],
  title: string,
  detail: (cells: readonly string[]) => string,
): Finding[] {
  const first = found[0];
  if (!first) return [];
  const line = first.line ? { line: first.line } : {};
  if (found.length === 1) {
    return [
      finding(rule, `${title}：${detail(first.cells)}`, {
        table: id,
        row: first.row,
        ...line,
        text: `${TABLE_NAMES[id]}“${rowLabel(id, first.row)}”行`,
      }),
    ];
  }
  const listed = found.slice(0, 3).map((r) => `“${rowLabel(id, r.row)}”行${detail(r.cells)}`);
  const more = found.length > 3 ? `等${found.length}行` : '';
  return [
    finding(rule, `${title}，共${found.length}行：${listed.join('；')}${more}`, {
      table: id,
      ...line,
      text: `${TABLE_NAMES[id]}（${found.length}行）`,
    }),
  ];
}

// ---- template (labels as in the format) ---------------------------------------------------------

function entryText(e: LayoutEntry): string {
  const what = e.kind === 'row' ? '行' : e.kind === 'column' ? '列' : '';
  return `${TABLE_NAMES[e.table]}“${e.label}”${what}`;
}

export function checkTemplate(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const id of TABLES) {
    const t = table(report, id) as ReportTable<string, string>;
    if (!t.present || t.unreadable) continue;
    const trial = t.foreign.filter((f) => f.trial);
    if (trial.length > 0) {
      out.push(
        finding(
          'template.outdated',
          `${TABLE_NAMES[id]}使用了2019年试行格式（国办公开办函〔2019〕60号）的表头：${trial
            .map((f) => `“${f.written}”`)
            .join('、')}；应使用国办公开办函〔2021〕30号印发的格式`,
          { table: id, ...(trial[0]!.line ? { line: trial[0]!.line } : {}), text: TABLE_NAMES[id] },
        ),
      );
      continue;
    }
    for (const l of t.labels) {
      if (l.partial) continue;
      const e = layoutEntry(id, l.key);
      if (!e || sameLabel(l.written, e.label)) continue;
      const what = e.kind === 'row' ? '行名' : e.kind === 'column' ? '表头' : '标注';
      out.push(
        finding('template.header', `${what}“${l.written}”与格式文本“${e.label}”不一致`, {
          table: id,
          ...(e.kind === 'row' ? { row: l.key.replace(/^row\./, '') } : {}),
          ...(e.kind === 'column' ? { column: l.key.replace(/^col\./, '') } : {}),
          ...(l.line ? { line: l.line } : {}),
          text: entryText(e),
        }),
      );
    }
    // Missing labels; in a cut-off table only those before the cut.
    const layout = TABLE_LAYOUTS[id];
    const seen = new Set(t.labels.map((l) => l.key));
    const limit = t.cut
      ? Math.max(-1, ...layout.map((e, i) => (seen.has(e.key) ? i : -1)))
      : layout.length;
    // A table cut inside its header: the header cells after the cut are not missing. A header
    // is whole once a data row of its block was read after it.
    const headerDone = (e: LayoutEntry): boolean =>
      !t.cut ||
      layout.some(
        (r) =>
          r.kind === 'row' &&
          seen.has(r.key) &&
          (id !== 'proactive' ||
            r.key.split('.')[0] === undefined ||
            proactiveBlockOf(r.key as ProactiveRowKey).key === e.key.split('.')[0]),
      );
    layout.forEach((e, i) => {
      if (!e.required || seen.has(e.key) || i >= limit) return;
      if (e.kind === 'column' && !headerDone(e)) return;
      const rule = e.kind === 'column' ? 'template.missing-column' : 'template.missing-row';
      const group =
        id === 'appeals'
          ? `“${APPEAL_KIND_LABELS[e.key.split('.')[0] as keyof typeof APPEAL_KIND_LABELS]}”下`
          : '';
      out.push(
        finding(
          rule,
          `${TABLE_NAMES[id]}${group}缺少“${e.label}”${e.kind === 'column' ? '列' : '行'}`,
          {
            table: id,
            ...(e.kind === 'row'
              ? { row: e.key.replace(/^row\./, '') }
              : { column: e.key.replace(/^col\./, '') }),
            text: entryText(e),
          },
        ),
      );
    });
  }
  return out;
}
