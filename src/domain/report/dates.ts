/**
 * Dates around the report (C10): the publication date the page shows against the end of the
 * year and the statutory deadline (条例第四十九条: departments by 31 January, governments of
 * county level and above by 31 March; the article sets no date for 乡镇 and 街道, so none is
 * checked for them), and statements "as of the end of" a year that is not the report's.
 */
import { finding, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { excerpt, type TextUnit } from './text-rules.ts';

export function statutoryDeadline(report: AnnualReport): string | undefined {
  if (report.year === undefined) return undefined;
  const next = report.year + 1;
  switch (report.agency.level) {
    case 'department':
      return `${next}-01-31`;
    case 'county':
    case 'city':
    case 'province':
      return `${next}-03-31`;
    default:
      return undefined;
  }
}

function chinaDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function checkPublication(report: AnnualReport): Finding[] {
  const on = report.publishedOn;
  if (!on || report.year === undefined) return [];
  const where = { text: `页面所示发布日期：${chinaDate(on)}` };
  if (on <= `${report.year}-12-31`) {
    return [
      finding(
        'publication.early',
        `${report.year}年度报告的发布日期${chinaDate(on)}早于统计年度结束，数据不可能完整`,
        where,
      ),
    ];
  }
  const deadline = statutoryDeadline(report);
  if (deadline && on > deadline) {
    const who =
      report.agency.level === 'department' ? '县级以上人民政府部门' : '县级以上地方人民政府';
    return [
      finding(
        'publication.late',
        `发布日期${chinaDate(on)}晚于法定期限：${who}应于${chinaDate(deadline)}前公布上一年度报告（条例第四十九条）`,
        where,
      ),
    ];
  }
  return [];
}

/** A clause that opens with a year and gives the agency's own count of that year. */
const STALE_COUNT =
  /(?<=^|[。；;\n])\s*(\d{4})\s*年度?\s*[，,]?\s*(?:我|本|全)(?:镇|乡|局|街道|街|委|办|单位)[^。；;，,]{0,12}?(?:收到|受理|主动公开|公开|发布)[^。；;，,]{0,16}?\d+\s*(?:件|条)/g;

/** "截至2021年底，我镇尚无……" in a report on 2022. */
export function checkStaleYear(report: AnnualReport, units: readonly TextUnit[]): Finding[] {
  const year = report.year;
  if (year === undefined) return [];
  const out: Finding[] = [];
  const stale = (unit: TextUnit, m: RegExpMatchArray): void => {
    out.push(
      finding('text.stale-year', `“${m[0].trim()}”：本报告是${year}年度报告，所述年份为${m[1]}年`, {
        ...(unit.section ? { section: unit.section } : {}),
        text: `${unit.label}：“${excerpt(unit.text, m.index!, m[0].length)}”`,
      }),
    );
  };
  for (const unit of units) {
    for (const m of unit.text.matchAll(
      /截(?:至|止)(?:到)?\s*(\d{4})\s*年\s*(?:底|末|12\s*月\s*31\s*日)/g,
    )) {
      if (Number(m[1]) !== year) stale(unit, m);
    }
    // "（二）依申请公开情况。2022年我镇收到依申请公开申请0件" in the report on 2023: this year's
    // count given under another year (a comparison, 结转 or 同比 is not).
    for (const m of unit.text.matchAll(STALE_COUNT)) {
      if (Number(m[1]) !== year && !/结转|转结|同比|较|相比|上年|以来/.test(m[0])) stale(unit, m);
    }
  }
  return out;
}
