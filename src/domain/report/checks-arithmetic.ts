/**
 * Arithmetic of the tables: table 三's and 四's sums, what a township's table 二 cannot hold, and
 * the in-force counts and carry-over against last year's report.
 */
import { finding, type Finding } from './findings.ts';
import { valueAt, type AnnualReport, type Cell } from './model.ts';
import { requestRowTotal } from './narrative.ts';
import {
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPEAL_RESULTS,
  APPLICANT_TYPES,
  OUTCOME_CODES,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  TABLE_NAMES,
  requestRowFullLabel,
} from './taxonomy.ts';
import { colName } from './checks-common.ts';

function union(cells: readonly (Cell | undefined)[]): string[] {
  return [...new Set(cells.flatMap((c) => c?.ids ?? []))];
}

function reqCell(report: AnnualReport, row: string, col: string): Cell | undefined {
  return (report.requests.rows as Record<string, Record<string, Cell | undefined> | undefined>)[
    row
  ]?.[col];
}

// ---- table 三 and 四 arithmetic (F1, C1, C2, C3) -------------------------------------------------

export function checkRequests(report: AnnualReport): Finding[] {
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

export function checkAppeals(report: AnnualReport): Finding[] {
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

// ---- level, continuity --------------------------------------------------------------------------

export function checkLevel(report: AnnualReport): Finding[] {
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

export function checkContinuity(report: AnnualReport): Finding[] {
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
