/**
 * Citation of the format document (C11): 国办公开办函〔2021〕30号 is the format's notice,
 * 国办公开办函〔2019〕60号 the 2019 notice; a report citing the wrong one, the wrong title, or a
 * number garbled in any way ("国办公开办涵", "过半公开办函﹝2021﹞30号", "〔202130号") is reported.
 */
import { finding, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { at, type TextUnit } from './text-rules.ts';
import { editDistance } from './text.ts';

/** A real issuer other than the format's (国办发 is the State Council General Office's). */
const OTHER_ISSUER = /(?:国办发|国办函|国发|国函)$/;

const CITATION = /(国[\u4e00-\u9fa5]{0,7}?)\s*[〔【[(（]\s*(\d{4})\s*[〕】\])）]\s*(\d+)\s*号/g;

export function checkCitations(report: AnnualReport, units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  let cites30 = false;
  let any30 = false;
  let cites60: { unit: TextUnit; index: number; length: number } | undefined;
  for (const unit of units) {
    const text = unit.text.normalize('NFKC');
    for (const m of text.matchAll(CITATION)) {
      const issuer = m[1]!;
      const year = Number(m[2]);
      const num = Number(m[3]);
      const index = m.index;
      const before = text.slice(Math.max(0, index - 120), index);
      const t = /《([^《》]{2,100})》\s*[(（]?\s*$/.exec(before)?.[1] ?? '';
      const loc = at(unit, index, m[0].length);
      const aboutFormat = t.includes('年度报告格式');
      if (year === 2021 && num === 30) {
        any30 = true;
        if (issuer !== '国办公开办函' && !OTHER_ISSUER.test(issuer)) {
          // A slip in the issuer ("国办公开办涵"): checkGarbled reports it.
          continue;
        }
        if (issuer !== '国办公开办函') {
          out.push(
            finding(
              'citation.format',
              `年度报告格式的文号应为“国办公开办函〔2021〕30号”，报告写作“${m[0]}”`,
              loc,
            ),
          );
        } else if (t.includes('有关事项')) {
          out.push(
            finding(
              'citation.format',
              `国办公开办函〔2021〕30号是《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》，报告所写《${t}》是国办公开办函〔2019〕60号的标题`,
              loc,
            ),
          );
        } else {
          cites30 = true;
        }
      } else if (year === 2019 && num === 60 && issuer === '国办公开办函') {
        cites60 ??= { unit, index, length: m[0].length };
      } else if (aboutFormat) {
        out.push(
          finding(
            'citation.format',
            `《${t}》的文号应为国办公开办函〔2021〕30号，报告写作“${m[0]}”`,
            loc,
          ),
        );
      }
    }
  }
  // The 2019 notice cited by its title alone ("《……关于政府信息公开工作年度报告有关事项的通知》"),
  // with neither the format nor 〔2021〕30号 named: its basis is the trial format's notice.
  const texts = units.map((u) => u.text.normalize('NFKC'));
  if (!cites60 && !any30 && !texts.some((t) => t.includes('年度报告格式'))) {
    for (const [k, text] of texts.entries()) {
      const m = /《[^《》]{0,40}关于政府信息公开工作年度报告有关事项的通知》/.exec(text);
      if (m) {
        cites60 = { unit: units[k]!, index: m.index, length: m[0].length };
        break;
      }
    }
  }
  if (cites60 && !cites30 && (report.year === undefined || report.year >= 2021)) {
    out.push(
      finding(
        'citation.format',
        '报告以国办公开办函〔2019〕60号（试行格式）为依据；2021年度起应依据国办公开办函〔2021〕30号印发的年度报告格式',
        at(cites60.unit, cites60.index, cites60.length),
      ),
    );
  }
  return out;
}

const LOOSE =
  /(\p{Script=Han}{2,8}?)\s*([〔【[(（﹝［])?\s*(20[12]\d)\s*([〕】\])）﹞］])?\s*(\d{1,3})\s*号/gu;

/** The format's citation written with a slip: issuer, brackets or digits. */
export function checkGarbled(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    const text = unit.text.normalize('NFKC');
    for (const m of text.matchAll(LOOSE)) {
      const [, issuer = '', open, yearText, close, numText] = m;
      const year = Number(yearText);
      const num = Number(numText);
      if (!((year === 2021 && num === 30) || (year === 2019 && num === 60))) continue;
      const tail = issuer.slice(-6);
      if (open && close && (tail === '国办公开办函' || OTHER_ISSUER.test(issuer))) continue;
      // Only what is meant as the format's citation: an issuer close to 国办公开办函.
      if (editDistance(tail, '国办公开办函', 3) > 3 && !/公开办/.test(issuer)) continue;
      const right = year === 2021 ? '国办公开办函〔2021〕30号' : '国办公开办函〔2019〕60号';
      out.push(
        finding(
          'citation.garbled',
          `文号书写有误：应为“${right}”，报告写作“${m[0]}”`,
          at(unit, m.index, m[0].length),
        ),
      );
    }
  }
  return out;
}

/** All citation checks. */
export function checkAllCitations(report: AnnualReport, units: readonly TextUnit[]): Finding[] {
  return [...checkCitations(report, units), ...checkGarbled(units)];
}
