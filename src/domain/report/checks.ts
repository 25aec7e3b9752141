/**
 * Cross-checks of an annual report, run on the model whether it was computed or parsed.
 * Rule ids, severities and titles are in findings.ts (RULES).
 */
import { finding, type Finding } from './findings.ts';
import {
  lastSectionIndex,
  section,
  table,
  valueAt,
  type AnnualReport,
  type Cell,
  type ReportTable,
} from './model.ts';
import { appealKindTotal, checkNarrative, requestRowTotal } from './narrative.ts';
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPEAL_RESULTS,
  APPLICANT_TYPES,
  OUTCOME_CODES,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_ROWS,
  SECTIONS,
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
import { checkAllCitations } from './citations.ts';
import { checkPublication, checkStaleYear } from './dates.ts';
import { checkBalance, checkPartWhole, checkShares } from './figures.ts';
import { checkForm } from './outline.ts';
import { checkText, textUnits } from './text-rules.ts';
import { chineseNumeral, fold, readCell, sameLabel, stripNumbering } from './text.ts';

const TABLES: readonly TableId[] = ['proactive', 'requests', 'appeals'];

function union(cells: readonly (Cell | undefined)[]): string[] {
  return [...new Set(cells.flatMap((c) => c?.ids ?? []))];
}

function reqCell(report: AnnualReport, row: string, col: string): Cell | undefined {
  return (report.requests.rows as Record<string, Record<string, Cell | undefined> | undefined>)[
    row
  ]?.[col];
}

function colName(col: string): string {
  return REQUEST_COLUMN_LABELS[col as keyof typeof REQUEST_COLUMN_LABELS] ?? col;
}

// ---- table 三 and 四 arithmetic (F1, C1, C2, C3) -------------------------------------------------

function checkRequests(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const col of REQUEST_COLUMNS) {
    const [a, b, t, d] = (['new', 'carried_in', 'closed_total', 'carried_out'] as const).map((r) =>
      valueAt(report, 'requests', r, col),
    );
    if (a === undefined || b === undefined || t === undefined || d === undefined) continue;
    if (a + b !== t + d) {
      out.push(
        finding(
          'requests.balance',
          `表三“${colName(col)}”列：第一项（${a}）加第二项（${b}）之和为${a + b}，第三项总计（${t}）加第四项（${d}）之和为${t + d}，二者应相等`,
          { table: 'requests', column: col, text: `${TABLE_NAMES.requests}“${colName(col)}”列` },
          union(
            ['new', 'carried_in', 'closed_total', 'carried_out'].map((r) =>
              reqCell(report, r, col),
            ),
          ),
        ),
      );
    }
  }
  for (const row of REQUEST_ROWS) {
    const total = valueAt(report, 'requests', row, 'total');
    const parts = APPLICANT_TYPES.map((a) => valueAt(report, 'requests', row, a));
    if (total === undefined || parts.some((p) => p === undefined)) continue;
    const sum = parts.reduce<number>((s, p) => s + p!, 0);
    if (sum !== total) {
      out.push(
        finding(
          'requests.total-row',
          `表三“${requestRowFullLabel(row)}”行：各类申请人之和为${sum}，总计列为${total}`,
          {
            table: 'requests',
            row,
            column: 'total',
            text: `${TABLE_NAMES.requests}“${requestRowFullLabel(row)}”行`,
          },
          union(REQUEST_COLUMNS.map((c) => reqCell(report, row, c))),
        ),
      );
    }
  }
  for (const col of REQUEST_COLUMNS) {
    const total = valueAt(report, 'requests', 'closed_total', col);
    const parts = OUTCOME_CODES.map((o) => valueAt(report, 'requests', o, col));
    if (total === undefined || parts.some((p) => p === undefined)) continue;
    const sum = parts.reduce<number>((s, p) => s + p!, 0);
    if (sum !== total) {
      out.push(
        finding(
          'requests.total-column',
          `表三“${colName(col)}”列：各项办理结果之和为${sum}，“（七）总计”为${total}`,
          {
            table: 'requests',
            row: 'closed_total',
            column: col,
            text: `${TABLE_NAMES.requests}“${colName(col)}”列`,
          },
          union([...OUTCOME_CODES, 'closed_total'].map((r) => reqCell(report, r, col))),
        ),
      );
    }
  }
  return out;
}

function checkAppeals(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const kind of APPEAL_KINDS) {
    const total = valueAt(report, 'appeals', kind, 'total');
    const parts = APPEAL_RESULTS.map((r) => valueAt(report, 'appeals', kind, r));
    if (total === undefined || parts.some((p) => p === undefined)) continue;
    const sum = parts.reduce<number>((s, p) => s + p!, 0);
    if (sum !== total) {
      const rows = report.appeals.rows[kind];
      out.push(
        finding(
          'appeals.total',
          `表四“${APPEAL_KIND_LABELS[kind]}”：结果维持、结果纠正、其他结果、尚未审结之和为${sum}，总计为${total}`,
          {
            table: 'appeals',
            row: kind,
            column: 'total',
            text: `${TABLE_NAMES.appeals}“${APPEAL_KIND_LABELS[kind]}”`,
          },
          union(Object.values(rows ?? {})),
        ),
      );
    }
  }
  return out;
}

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
function checkUnreadable(report: AnnualReport): Finding[] {
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

function checkCells(report: AnnualReport): Finding[] {
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
      if (dashed.length > 0) {
        out.push(
          finding('cells.dash', `应填写数字（无则填0）：${dashed.join('、')}`, {
            table: id,
            row,
            ...(line ? { line } : {}),
            text: `${TABLE_NAMES[id]}“${rowLabel(id, row)}”行`,
          }),
        );
      }
      if (blank.length > 0) {
        out.push(
          finding(
            'cells.blank',
            `表格单元格空白，应填写数字（无则填0）：${blank.map((b) => `“${b}”`).join('、')}列`,
            {
              table: id,
              row,
              ...(line ? { line } : {}),
              text: `${TABLE_NAMES[id]}“${rowLabel(id, row)}”行`,
            },
          ),
        );
      }
    }
  }
  return out;
}

// ---- template (labels as in the format) ---------------------------------------------------------

function entryText(e: LayoutEntry): string {
  const what = e.kind === 'row' ? '行' : e.kind === 'column' ? '列' : '';
  return `${TABLE_NAMES[e.table]}“${e.label}”${what}`;
}

function checkTemplate(report: AnnualReport): Finding[] {
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

// ---- structure (C12) ----------------------------------------------------------------------------

function checkStructure(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  const last = lastSectionIndex(report);
  const missingAfterCut: string[] = [];
  SECTIONS.forEach((d, i) => {
    const s = section(report, d.key);
    const cutHere = report.truncated && i === last;
    if (!s) {
      if (report.truncated && i > last) {
        missingAfterCut.push(d.heading);
        return;
      }
      out.push(
        finding('structure.missing-section', `缺少第${d.numeral}部分“${d.heading}”`, {
          section: d.key,
          text: d.heading,
        }),
      );
      return;
    }
    const where = {
      section: d.key,
      ...(s.line ? { line: s.line } : {}),
      text: s.heading ?? d.heading,
    };
    if (s.heading === undefined) {
      out.push(
        finding('structure.heading', `第${d.numeral}部分有内容但缺少标题“${d.heading}”`, where),
      );
    } else if (stripNumbering(fold(s.heading)) !== stripNumbering(fold(d.heading))) {
      out.push(
        finding('structure.heading', `标题“${s.heading}”与格式规定的“${d.heading}”不一致`, where),
      );
    }
    if (d.table && !report[d.table].present && !cutHere) {
      out.push(
        finding('structure.missing-table', `第${d.numeral}部分缺少${TABLE_NAMES[d.table]}`, where),
      );
    }
    if ((d.key === 'overview' || d.key === 'problems') && s.text.trim() === '' && !cutHere) {
      out.push(finding('structure.empty-section', `第${d.numeral}部分“${d.title}”没有内容`, where));
    }
  });
  if (report.truncated) {
    const cut = TABLES.filter((id) => report[id].cut).map(
      (id) => `${TABLE_NAMES[id]}（在表中中断）`,
    );
    const afterCut = SECTIONS.slice(last + 1)
      .filter((d) => d.table)
      .map((d) => TABLE_NAMES[d.table!]);
    const parts = [...missingAfterCut, ...cut, ...afterCut];
    out.push(
      finding(
        'structure.truncated',
        `报告文本不完整，在第${report.lastLine ?? '?'}行中断${parts.length > 0 ? `，缺少：${parts.join('；')}` : ''}`,
        {
          ...(report.lastLine ? { line: report.lastLine } : {}),
          text: `第${report.lastLine ?? '?'}行（文本末尾）`,
        },
      ),
    );
  }
  // Sub-headings of section 一: （一）…（五） in order, none reduced to a bullet.
  const overview = section(report, 'overview');
  if (overview?.text) {
    const nums = [
      ...overview.text.matchAll(/(?:^|\n|\s)[(（]([一二三四五六七八九十]{1,2})[)）]/g),
    ].map((m) => chineseNumeral(m[1]!));
    const gap = nums.findIndex((n, k) => n !== k + 1);
    if (nums.length > 0 && gap >= 0) {
      out.push(
        finding(
          'structure.subheading',
          `总体情况的小标题编号不连续：应为（${'一二三四五六七八九'[gap]}），实为（${'一二三四五六七八九'[(nums[gap] ?? 1) - 1] ?? '?'}）`,
          {
            section: 'overview',
            text: '一、总体情况',
          },
        ),
      );
    }
    for (const m of overview.text.matchAll(
      /(?:^|\n)[ \t]*[-–—•·●▪*][ \t]*([^\n]{1,24})(?=\n|$)/g,
    )) {
      out.push(
        finding(
          'structure.subheading',
          `小标题“${m[1]!.trim()}”缺少编号（疑为转换时丢失的“（${'一二三四五六七八九'[nums.length] ?? '?'}）”）`,
          {
            section: 'overview',
            text: `一、总体情况：“${m[0].trim()}”`,
          },
        ),
      );
    }
  }
  return out;
}

// ---- level, continuity, fees --------------------------------------------------------------------

function checkLevel(report: AnnualReport): Finding[] {
  if (report.agency.level !== 'township') return [];
  const cells = (['issued', 'repealed', 'inForce'] as const).map((c) =>
    valueAt(report, 'proactive', 'rules', c),
  );
  if (!cells.some((v) => v !== undefined && v > 0)) return [];
  return [
    finding(
      'level.rule-making',
      `乡镇人民政府、街道办事处无权制定规章，表二“规章”行应为0，报告为${cells.map((v) => v ?? '—').join('/')}`,
      { table: 'proactive', row: 'rules', text: `${TABLE_NAMES.proactive}“规章”行` },
    ),
  ];
}

function checkContinuity(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const [row, name, prevKey] of [
    ['rules', '规章', 'rulesInForce'],
    ['normative', '行政规范性文件', 'normativeInForce'],
  ] as const) {
    const issued = valueAt(report, 'proactive', row, 'issued');
    const repealed = valueAt(report, 'proactive', row, 'repealed');
    const inForce = valueAt(report, 'proactive', row, 'inForce');
    if (issued === undefined || repealed === undefined || inForce === undefined) continue;
    const where = {
      table: 'proactive' as const,
      row,
      column: 'inForce',
      text: `${TABLE_NAMES.proactive}“${name}”行`,
    };
    const prev = report.previous?.[prevKey];
    if (prev !== undefined) {
      const expected = prev + issued - repealed;
      if (expected !== inForce) {
        out.push(
          finding(
            'continuity.in-force',
            `${name}：上年现行有效${prev}件，加本年制发${issued}件、减本年废止${repealed}件应为${expected}件，报告为${inForce}件（如有修订、到期失效等情况，请在报告中说明）`,
            where,
          ),
        );
      }
      continue;
    }
    const implied = inForce - issued + repealed;
    if (implied < 0) {
      out.push(
        finding(
          'continuity.in-force',
          `${name}：由现行有效${inForce}件、本年制发${issued}件、本年废止${repealed}件推得上年现行有效为${implied}件，不可能为负数`,
          where,
        ),
      );
    } else if (implied < repealed) {
      out.push(
        finding(
          'continuity.in-force',
          `${name}：推得上年现行有效${implied}件，少于本年废止的${repealed}件；本年制发${issued}件多于年末现行有效${inForce}件，请核对`,
          where,
        ),
      );
    }
  }
  const prevOut = report.previous?.requestsCarriedOut;
  const carriedIn = requestRowTotal(report, 'carried_in');
  if (prevOut !== undefined && carriedIn !== undefined && prevOut !== carriedIn) {
    out.push(
      finding(
        'continuity.carry-over',
        `表三“二、上年结转政府信息公开申请数量”为${carriedIn}，上年报告“结转下年度继续办理”为${prevOut}`,
        {
          table: 'requests',
          row: 'carried_in',
          column: 'total',
          text: `${TABLE_NAMES.requests}“二、上年结转政府信息公开申请数量”行`,
        },
      ),
    );
  }
  return out;
}

function checkFees(report: AnnualReport): Finding[] {
  const s = section(report, 'other');
  if (!s) return [];
  if (report.truncated && s.text.trim() === '') return [];
  if (/处理费/.test(s.text)) return [];
  const charged = report.processingFeeYuan;
  return [
    finding(
      'fees.statement-missing',
      `“六、其他需要报告的事项”未说明本年度收取信息处理费的情况${
        charged !== undefined ? `（本年度实际收取${charged}元）` : ''
      }`,
      {
        section: 'other',
        ...(s.line ? { line: s.line } : {}),
        text: s.heading ?? '六、其他需要报告的事项',
      },
    ),
  ];
}

/** All checks. Findings come in a stable order: structure, tables, prose. */
export function checkReport(report: AnnualReport): Finding[] {
  return [
    ...checkStructure(report),
    ...checkTemplate(report),
    ...checkUnreadable(report),
    ...checkCells(report),
    ...checkRequests(report),
    ...checkAppeals(report),
    ...checkLevel(report),
    ...checkContinuity(report),
    ...checkNarrative(report),
    ...checkFees(report),
    ...checkText(report),
    ...checkProse(report),
  ];
}

/** Checks of the prose added for published reports: form, the narrative's own figures, dates. */
function checkProse(report: AnnualReport): Finding[] {
  const units = textUnits(report);
  const prose = units.filter((u) => u.label !== '标题');
  return [
    ...checkForm(report),
    ...checkAllCitations(report, units),
    ...checkBalance(prose),
    ...checkPartWhole(prose),
    ...checkShares(prose),
    ...checkStaleYear(report, prose),
    ...checkPublication(report),
  ];
}

export { appealKindTotal, requestRowTotal };
