import {
  formatChineseDate,
  isIsoDate,
  type ExplanationStep,
  type IsoDate,
} from '../calendar/index.ts';

/**
 * Who publishes the report (条例第四十九条):
 * - 'department' 县级以上人民政府部门;
 * - 'government' 县级以上地方人民政府 (published by its OGI authority);
 * - 'township' 乡（镇）人民政府, 'subdistrict' 街道办事处 — the 条例 names no date.
 */
export type AgencyLevel = 'department' | 'government' | 'township' | 'subdistrict';

/** Options for {@link annualReportDeadline}. */
export interface AnnualReportOptions {
  /**
   * Deadline for 乡镇/街道 as 'MM-DD' of the following year, as the county authority sets it.
   * Default '03-31'.
   */
  readonly townshipDeadline?: string;
}

/** A fixed calendar deadline with its explanation. */
export interface AnnualReportDeadline {
  readonly reportYear: number;
  /** Last day to publish (inclusive). A calendar date; not moved for weekends or holidays. */
  readonly date: IsoDate;
  /** True when the date comes from local configuration or a default, not the 条例. */
  readonly local: boolean;
  readonly steps: readonly ExplanationStep[];
}

/** Default 乡镇/街道 deadline (a practical default, not law). */
export const DEFAULT_TOWNSHIP_DEADLINE = '03-31';

/**
 * Publication deadline of the annual OGI report for `reportYear` (published the next year).
 * Since the 2019 条例: departments 01-31, governments 03-31; 乡镇/街道 configurable (default 03-31,
 * with a note). For report years before 2019 the 2008 条例 applied: 03-31 for all.
 * @throws {RangeError} on a report year before 2008 or an invalid `townshipDeadline`.
 */
export function annualReportDeadline(
  agencyLevel: AgencyLevel,
  reportYear: number,
  options: AnnualReportOptions = {},
): AnnualReportDeadline {
  if (!Number.isInteger(reportYear) || reportYear < 2008 || reportYear > 9998) {
    throw new RangeError(`报告年度“${reportYear}”无效：条例自2008年起施行`);
  }
  const next = reportYear + 1;
  const period: ExplanationStep = {
    label: '报告年度',
    detail: `报告${reportYear}年1月1日至12月31日的政府信息公开工作，于${next}年公布`,
  };
  const fixed = (mmdd: string, detail: string, local = false): AnnualReportDeadline => {
    const date = `${next}-${mmdd}`;
    return {
      reportYear,
      date,
      local,
      steps: [
        period,
        { label: '依据', detail },
        { label: '届满', date, detail: `应于${formatChineseDate(date)}前（含当日）公布` },
      ],
    };
  };
  if (reportYear < 2019) {
    return fixed('03-31', '2008年施行的条例规定各级行政机关于每年3月31日前公布上一年度报告');
  }
  switch (agencyLevel) {
    case 'department':
      return fixed(
        '01-31',
        '县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交上一年度报告并向社会公布（条例第四十九条）',
      );
    case 'government':
      return fixed(
        '03-31',
        '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度报告（条例第四十九条）',
      );
    case 'township':
    case 'subdistrict': {
      const who = agencyLevel === 'township' ? '乡（镇）人民政府' : '街道办事处';
      const custom = options.townshipDeadline;
      if (custom !== undefined && !isIsoDate(`${next}-${custom}`)) {
        throw new RangeError(`乡镇（街道）年度报告期限“${custom}”无效：应为MM-DD，如03-31`);
      }
      return fixed(
        custom ?? DEFAULT_TOWNSHIP_DEADLINE,
        custom === undefined
          ? `条例第四十九条未规定${who}年度报告的公布期限，实践中由县级政府信息公开工作主管部门规定；此处默认为次年3月31日，请按本地通知调整`
          : `条例第四十九条未规定${who}年度报告的公布期限；按本地主管部门规定的期限（每年${custom.replace('-', '月')}日）`,
        true,
      );
    }
    default:
      throw new RangeError(`机关层级“${String(agencyLevel)}”无效`);
  }
}
