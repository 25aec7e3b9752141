/**
 * Checks of the report's structure: the six sections and their headings, the tables they hold, a
 * cut-off text, section 一's sub-headings, and section 六's statement of fees.
 */
import { finding, type Finding } from './findings.ts';
import { lastSectionIndex, section, type AnnualReport } from './model.ts';
import { SECTIONS, TABLE_NAMES } from './taxonomy.ts';
import { chineseNumeral, fold, stripNumbering } from './text.ts';
import { TABLES } from './checks-common.ts';

// ---- structure (C12) ----------------------------------------------------------------------------

export function checkStructure(report: AnnualReport): Finding[] {
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
    } else if (
      stripNumbering(fold(s.heading)) !== stripNumbering(fold(d.heading)) &&
      // "二、主动公开政" where the text stops: cut, not misnamed (structure.truncated says so).
      !(cutHere && s.text.trim() === '' && fold(d.heading).startsWith(fold(s.heading)))
    ) {
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

// ---- fees ---------------------------------------------------------------------------------------

export function checkFees(report: AnnualReport): Finding[] {
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
