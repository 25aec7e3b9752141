/**
 * Prose against tables (C8): what the narrative says about requests, carry-over, appeals, fees
 * and 规范性文件 must agree with the tables, and its vocabulary must match the outcome rows.
 * Only plain statements are read ("未收到……申请", "收到……申请36件"); anything looser is left
 * alone rather than guessed at.
 */
import { finding, type Finding } from './findings.ts';
import { valueAt, type AnnualReport } from './model.ts';
import { textUnits, excerpt, type TextUnit } from './text-rules.ts';
import { APPLICANT_TYPES, type AppealKind, type RequestRowKey } from './taxonomy.ts';
import { pieces, type Piece } from './text.ts';

/** Total of a table-三 row: its 总计 cell, or the sum of the six applicant cells. */
export function requestRowTotal(report: AnnualReport, row: RequestRowKey): number | undefined {
  const total = valueAt(report, 'requests', row, 'total');
  if (total !== undefined) return total;
  let sum = 0;
  for (const a of APPLICANT_TYPES) {
    const v = valueAt(report, 'requests', row, a);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

export function appealKindTotal(report: AnnualReport, kind: AppealKind): number | undefined {
  const total = valueAt(report, 'appeals', kind, 'total');
  if (total !== undefined) return total;
  let sum = 0;
  for (const c of ['upheld', 'corrected', 'other', 'pending']) {
    const v = valueAt(report, 'appeals', kind, c);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

interface Claim {
  readonly unit: TextUnit;
  readonly index: number;
  readonly quote: string;
}

function claimAt(
  unit: TextUnit,
  piece: Piece,
  match: RegExpExecArray | { index: number; 0: string },
): Claim {
  return { unit, index: piece.index + match.index, quote: match[0] };
}

function mismatch(c: Claim, message: string): Finding {
  return finding('narrative.table-mismatch', message, {
    ...(c.unit.section ? { section: c.unit.section } : {}),
    text: `${c.unit.label}：“${excerpt(c.unit.text, c.index, c.quote.length)}”`,
  });
}

const NUM = String.raw`(\d+)\s*(?:件|条|个)`;

export function checkNarrative(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  const units = textUnits(report).filter((u) => u.label !== '标题');
  const newTotal = requestRowTotal(report, 'new');
  const carriedIn = requestRowTotal(report, 'carried_in');
  const carriedOut = requestRowTotal(report, 'carried_out');
  const recon = appealKindTotal(report, 'reconsideration');
  const direct = appealKindTotal(report, 'litigation_direct');
  const after = appealKindTotal(report, 'litigation_after_reconsideration');
  const litigation = direct !== undefined && after !== undefined ? direct + after : undefined;
  const feesWan = valueAt(report, 'proactive', 'fees', 'amount');

  for (const unit of units) {
    for (const piece of pieces(unit.text, true)) {
      const clause = piece.text;
      const mentionsAppeal = /复议|诉讼/.test(clause);
      // Requests received.
      if (newTotal !== undefined && clause.includes('申请') && !mentionsAppeal) {
        const none = /(?:未|没有|无)(?:收到|接到|接收|受理)/.exec(clause);
        const some = new RegExp(
          `(?:收到|接收|受理|新收)[^。；，,]{0,24}?申请[^。；，,\\d]{0,12}?(?:共计?)?\\s*${NUM}`,
        ).exec(clause);
        if (none && newTotal > 0) {
          out.push(
            mismatch(
              claimAt(unit, piece, none),
              `文字称未收到政府信息公开申请，但表三“本年新收政府信息公开申请数量”为${newTotal}`,
            ),
          );
        } else if (some) {
          const n = Number(some[1]);
          if (n !== newTotal && n !== newTotal + (carriedIn ?? 0)) {
            out.push(
              mismatch(
                claimAt(unit, piece, some),
                `文字称收到申请${n}件，但表三“本年新收政府信息公开申请数量”为${newTotal}`,
              ),
            );
          }
        }
      }
      // Carried over to next year.
      if (carriedOut !== undefined) {
        const m = /(?:结转|顺延)(?:至|到)?下一?年度?[^。；，,\d]{0,8}?(\d+)\s*件/.exec(clause);
        if (m && Number(m[1]) !== carriedOut) {
          out.push(
            mismatch(
              claimAt(unit, piece, m),
              `文字称结转下年度${m[1]}件，但表三“结转下年度继续办理”为${carriedOut}`,
            ),
          );
        }
      }
      // Appeals.
      if (mentionsAppeal) {
        const negated = /(?:无|没有|未)(?:发生)?[^。；，,]{0,24}?(?:行政复议|行政诉讼)/.test(
          clause,
        );
        const checks: [RegExp, number | undefined, string][] = [
          [/行政复议[^。；，,\d]{0,8}?(\d+)\s*(?:件|起|宗|次)/, recon, '行政复议'],
          [/行政诉讼[^。；，,\d]{0,8}?(\d+)\s*(?:件|起|宗|次)/, litigation, '行政诉讼'],
        ];
        for (const [re, table, name] of checks) {
          if (table === undefined) continue;
          const m = re.exec(clause);
          if (m && Number(m[1]) !== table) {
            out.push(
              mismatch(
                claimAt(unit, piece, m),
                `文字称${name}${m[1]}件，但表四${name}总计为${table}`,
              ),
            );
          } else if (!m && negated && clause.includes(name) && table > 0) {
            out.push(
              mismatch(
                claimAt(unit, piece, { index: clause.indexOf(name), 0: name }),
                `文字称没有${name}，但表四${name}总计为${table}`,
              ),
            );
          }
        }
      }
      // 规范性文件 issued / repealed / in force.
      const normative: [RegExp, 'issued' | 'repealed' | 'inForce', string][] = [
        [/(?:印发|制发|出台|制定)(?:行政)?规范性文件\s*(\d+)\s*件/, 'issued', '本年制发件数'],
        [/废止(?:行政)?规范性文件\s*(\d+)\s*件/, 'repealed', '本年废止件数'],
        [/现行有效(?:的)?(?:行政)?规范性文件\s*(\d+)\s*件/, 'inForce', '现行有效件数'],
      ];
      for (const [re, col, name] of normative) {
        const v = valueAt(report, 'proactive', 'normative', col);
        const m = re.exec(clause);
        if (v !== undefined && m && Number(m[1]) !== v) {
          out.push(
            mismatch(claimAt(unit, piece, m), `文字称${m[0]}，但表二行政规范性文件${name}为${v}`),
          );
        }
      }
      const noneIssued =
        /(?:未|没有)(?:印发|制发|出台|制定)[^。；，,]{0,6}?(?:行政)?规范性文件/.exec(clause);
      const issued = valueAt(report, 'proactive', 'normative', 'issued');
      if (noneIssued && issued !== undefined && issued > 0) {
        out.push(
          mismatch(
            claimAt(unit, piece, noneIssued),
            `文字称未制发规范性文件，但表二行政规范性文件本年制发件数为${issued}`,
          ),
        );
      }
      // 信息处理费 against the amount charged (known for computed reports).
      if (clause.includes('处理费') && report.processingFeeYuan !== undefined) {
        const none = /(?:未|没有|无|不)[^。；，,]{0,10}?(?:收取|收费)/.exec(clause);
        const amount = /(?<![\d.])(\d+(?:\.\d+)?)\s*(万?)元/.exec(clause);
        const stated = amount ? Number(amount[1]) * (amount[2] ? 10_000 : 1) : none ? 0 : undefined;
        if (stated !== undefined && Math.abs(stated - report.processingFeeYuan) > 0.005) {
          out.push(
            mismatch(
              claimAt(unit, piece, amount ?? none!),
              `文字称收取信息处理费${stated}元，但实际收取${report.processingFeeYuan}元`,
            ),
          );
        }
      }
    }
    // 不掌握 is 无法提供, not 不予公开 (file 18): "不予公开1件（本机关不掌握……）",
    // "因本机关不掌握……，不予公开". Not "不予公开0件，本机关不掌握1件" (two categories).
    for (const piece of pieces(unit.text, false)) {
      const s = piece.text;
      if (s.includes('无法提供')) continue;
      const m =
        /不予公开[^。；]{0,15}?不掌握(?![^。；，,]{0,12}?\d+\s*件)/.exec(s) ??
        /(?:因|由于)[^。；]{0,15}?不掌握[^。；]{0,15}?不予公开/.exec(s);
      if (m) {
        out.push(
          mismatch(
            claimAt(unit, piece, m),
            '文字把“本机关不掌握相关政府信息”归为不予公开；按表三分类，它属于“（四）无法提供”',
          ),
        );
      }
    }
    // 行政事业性收费 against table 二 (八); the amount may sit in the next clause.
    if (feesWan !== undefined) {
      for (const piece of pieces(unit.text, false)) {
        const s = piece.text;
        if (!s.includes('行政事业性收费')) continue;
        const m = /(?<![\d.])(\d+(?:\.\d+)?)\s*(万?)元/.exec(s);
        const none = /(?:未|没有|无)(?:收取)?[^。；，,]{0,4}行政事业性收费/.exec(s);
        const stated = m ? Number(m[1]) / (m[2] ? 1 : 10_000) : none ? 0 : undefined;
        if (stated !== undefined && Math.abs(stated - feesWan) > 0.00005) {
          out.push(
            mismatch(
              claimAt(unit, piece, m ?? none!),
              `文字称行政事业性收费${stated}万元，但表二“本年收费金额（单位：万元）”为${feesWan}`,
            ),
          );
        }
      }
    }
  }
  return out;
}
