/**
 * Whose report, and for which year: from the title, the opening paragraph, the contact sentence,
 * the signature (落款) or the file name, never from a table (a header's "单位：万元" is not an
 * agency). The name is given as written, without bullets, dates or the office that drafted it.
 */
import type { Line } from './parse-tables.ts';
import type { AgencyLevel } from './taxonomy.ts';

/** How an agency's name ends. */
const AGENCY_END =
  '(?:人民政府|办事处|街道办|街办|街道|镇|乡|苏木|局|委员会|委|办公室|中心|厅|署|管委会|管理委员会|政府)';

const TITLE =
  /^(.*?)\s*(?:关于)?\s*(\d{4})\s*年度?\s*(?:的)?\s*政府信息公开(?:工作)?\s*(?:的)?\s*年度?报告\s*(?:[(（][^)）]{0,10}[)）])?$/;
/** A title the converter or the author damaged ("…政府信息公开 工作告年度报"). */
const LOOSE_TITLE = /^(.{0,40}?)\s*(\d{4})\s*年度?\s*(?:的)?\s*政府信息公开/;
/** "2022年度螅镇政府信息公开工作年度报告". */
const YEAR_FIRST_TITLE = /^(\d{4})\s*年度?\s*(\S{2,30}?)\s*(?:政府)?信息公开工作年度报告$/;
/** The title's second line when the year stands with the name on the first. */
const YEARLESS_TITLE = /^(?:政府信息公开)?(?:工作)?年度?报告$/;

export interface TitleFound {
  /** Index of the title's (first) line. */
  readonly line: number;
  /** Lines the title takes (a title broken over two lines). */
  readonly span: number;
  readonly text: string;
  readonly agency?: string;
  readonly year: number;
  /** The title does not read as a report's title should (garbled or cut). */
  readonly irregular: boolean;
}

/**
 * The agency's name as written, without bullets and dates. In a contact sentence the office that
 * answers questions ("…党政办公室", "…办公室信息科") is not the agency: `office` drops it; in a
 * title the office is the agency ("高平市人民政府办公室").
 */
export function cleanAgency(s: string, office: 'drop' | 'keep' = 'drop'): string | undefined {
  let name = s
    .normalize('NFKC')
    .replace(/^[\s•·●▪■◆◇○\-*>＞]+/, '')
    .replace(/^(?:\d{4}\s*)?年度?/, '')
    // The verb of "现将……公布", "编制……" caught with the name.
    .replace(/^(?:现|特)?(?:向社会)?(?:将|予以)?(?:公布|公开|发布|编制|印发)/, '')
    .replace(/^现将/, '')
    .replace(/[《》“”"'\s:：<>]/g, '');
  if (office === 'drop') {
    name = name.replace(
      /(?:信息公开)?(?:领导小组)?(?:综合督考办公室|党政综合办公室|综合与经济发展办公室|综合办公室|党政办公室|党政办|综合信息指挥室|办公室|政务服务中心|政务公开办)(?:\p{Script=Han}{1,3}科)?$/u,
      '',
    );
    // "金坑乡人民政府党建办", "…镇党政综合办": any office of the government after its name.
    name = name.replace(
      /(人民政府|办事处|[乡镇])(?:(?![乡镇府处])\p{Script=Han}){1,6}?(?:办公室|办)$/u,
      '$1',
    );
  }
  name = name.replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '').trim();
  if (name.length < 2 || name.length > 30) return undefined;
  if (/^[本我贵该]/.test(name) || /政府信息公开|年度报告|根据|万元|单位/.test(name))
    return undefined;
  // "特向社会公布2023年政府信息公开……": a bare "政府" names no one.
  if (/^(?:人民)?政府(?:办公室)?$|^办公室$/.test(name)) return undefined;
  if (!/\p{Script=Han}{2}/u.test(name) || /\d/.test(name)) return undefined;
  return name;
}

const agencyAbove = (lines: readonly Line[], i: number): string | undefined => {
  for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
    const prev = lines[j]!.text.trim();
    if (!prev) continue;
    if (new RegExp(`${AGENCY_END}$`).test(prev) && prev.length <= 30)
      return cleanAgency(prev, 'keep');
    return undefined;
  }
  return undefined;
};

/** "2022年度螅镇政府信息公开工作年度报告": the year before the name. */
function yearFirst(title: string): string | undefined {
  const m = new RegExp(
    `^\\d{4}\\s*年度?\\s*(\\p{Script=Han}{2,30}?${AGENCY_END})\\s*(?:政府)?信息公开`,
    'u',
  ).exec(title);
  return m ? cleanAgency(m[1]!, 'keep') : undefined;
}

/** The report's title among the first lines before its body. */
export function findTitle(lines: readonly Line[], before: number): TitleFound | undefined {
  const limit = Math.min(before, 30, lines.length);
  const text = (i: number): string => (lines[i]?.text ?? '').normalize('NFKC').trim();
  let loose: TitleFound | undefined;
  for (let i = 0; i < limit; i++) {
    const t = text(i);
    if (t.length > 70 || /[。；]/.test(t)) continue;
    const candidates: [string, number][] = [[t, 1]];
    // A title broken over two lines: "…政府信息公开工作" / "年度报告".
    const next = i + 1 < lines.length ? text(i + 1) : '';
    if (next && next.length <= 12 && !/[。；，、]/.test(next)) candidates.unshift([t + next, 2]);
    for (const [cand, span] of candidates) {
      const m = TITLE.exec(cand);
      if (m) {
        const agency = cleanAgency(m[1]!, 'keep') ?? yearFirst(cand) ?? agencyAbove(lines, i);
        return {
          line: i,
          span,
          text: cand,
          year: Number(m[2]),
          // "2025湖口县大垅乡2025年度……": digits before the name are a slip.
          irregular: /\d/.test(m[1]!),
          ...(agency ? { agency } : {}),
        };
      }
    }
    const yf = YEAR_FIRST_TITLE.exec(t);
    if (yf) {
      const agency = cleanAgency(yf[2]!, 'keep');
      return {
        line: i,
        span: 1,
        text: t,
        year: Number(yf[1]),
        irregular: false,
        ...(agency ? { agency } : {}),
      };
    }
    // "2024年南关区永吉街道办事处" / "政府信息公开工作年度报告".
    const y = /^(\d{4})\s*年度?\s*(.{2,30})$/.exec(t);
    if (y && YEARLESS_TITLE.test(next)) {
      const agency = cleanAgency(y[2]!, 'keep');
      return {
        line: i,
        span: 2,
        text: t + next,
        year: Number(y[1]),
        irregular: false,
        ...(agency ? { agency } : {}),
      };
    }
    // A damaged title: its rest on the next line only if that is a scrap ("年度报").
    const scrap = /^[\p{Script=Han}]{1,6}$/u.test(next) && /[年度报告]/.test(next);
    const [lt, lspan] = scrap ? [t + next, 2] : [t, 1];
    const l = LOOSE_TITLE.exec(lt);
    if (l && !loose && /报|告/.test(lt) && !/通知|关于做好|的函|要点|根据|如下|[，,：:]/.test(lt)) {
      const agency = cleanAgency(l[1]!, 'keep') ?? yearFirst(lt) ?? agencyAbove(lines, i);
      loose = {
        line: i,
        span: lspan,
        text: lt,
        year: Number(l[2]),
        irregular: true,
        ...(agency ? { agency } : {}),
      };
    }
  }
  return loose;
}

/** A title in a file name ("连生乡人民政府2024年政府信息公开工作年度报告.docx"). */
export function titleOfFileName(
  fileName: string | undefined,
): { agency?: string; year: number } | undefined {
  if (!fileName) return undefined;
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .normalize('NFKC');
  const m = TITLE.exec(base) ?? LOOSE_TITLE.exec(base);
  if (!m) return undefined;
  const agency = cleanAgency(m[1]!);
  return { year: Number(m[2]), ...(agency ? { agency } : {}) };
}

const NAME = `([^，,。；;《》()（）\\s]{2,30}?${AGENCY_END})`;
const HAN_NAME = `(\\p{Script=Han}{2,30}?(?:${AGENCY_END}|[省市县区旗州盟]))`;
const AGENCY_PATTERNS: readonly RegExp[] = [
  // 《…西柳镇人民政府2023年政府信息公开工作年度报告》, whatever stands before the name.
  new RegExp(
    `(?<=《|^|[^\\p{Script=Han}]|现将|公布|公开|发布|编制|形成了)${HAN_NAME}\\s*\\d{4}\\s*年度?\\s*(?:的)?\\s*政府信息公开工作(?:年度)?报告`,
    'u',
  ),
  // "2024年丽水市政府信息公开工作年度报告根据……": a year-first title run into the first sentence.
  /^\s*\d{4}\s*年度?\s*(\p{Script=Han}{2,20}?(?:省|市|县|区|旗|州|盟|乡|镇|街道))(?:人民)?政府信息公开工作(?:年度)?报告/u,
  new RegExp(
    `(?:现|特)(?:向社会)?(?:公布|公开|发布|将)\\s*(?:\\d{4}\\s*年度?)?\\s*《?${NAME}\\s*(?:\\d{4}\\s*年度?)?\\s*(?:政府)?信息`,
  ),
  /现(?:向社会)?公布\s*([^，,。；;]{2,30}?)\s*\d{4}\s*年/,
  /编制\s*([^，,。；;《》]{2,30}?)\s*\d{4}\s*年度?政府信息公开/,
  /([^，,。；;、\s《》()（）]{2,30}?)特编制/,
  /由\s*([^，,。；;\s]{2,30}?)\s*(?:汇总)?(?:按照|编制|根据|综合)/,
  /单位[:：]\s*(?!万?元|件|个|人)([^\s，,。；;()（）]{2,30})/,
  /请(?:与|联系[:：]?)\s*([^，,。；;()（）\s]{2,30}?)\s*(?:联系|[;；，,(（。])/,
];

/** A government named in the opening sentences ("2023年斜桥镇人民政府在……"), not a higher one. */
const WEAK_NAME =
  /(?:^|[^\p{Script=Han}]|年度?|[，。、])(\p{Script=Han}{2,20}?(?:人民政府|街道办事处))/gu;

/**
 * The first five patterns name the report ("编制湛江市人民政府地方志办公室2023年…报告"): there an
 * office is the agency itself. The others name who drafted it or answers questions.
 */
const TITLE_PATTERNS = 5;

/**
 * "2024年，淤上乡根据《条例》……", "2022年宜城市教育局全面贯彻……": a township, street or bureau
 * named as the subject of a sentence near the opening; not "市教育局" (a short form).
 */
const SUBJECT_NAME =
  /(?:^|[。\n])\s*\d{4}\s*年度?\s*[，,]?\s*(?:在[^，,。；;]{2,30}下\s*[，,]\s*)*(\p{Script=Han}{2,12}?(?:乡|镇|街道|街道办事处|局|委员会))(?=根据|认真|严格|按照|坚持|紧紧|结合|围绕|主动|全面|持续|深入|不断|进一步|高度|积极)/u;

/** The agency named in the opening text. */
export function findAgency(text: string): string | undefined {
  const head = text.slice(0, 3000);
  for (const [i, re] of AGENCY_PATTERNS.entries()) {
    const m = re.exec(head);
    const name = m ? cleanAgency(m[1]!, i < TITLE_PATTERNS ? 'keep' : 'drop') : undefined;
    if (name) return name;
  }
  const subject = SUBJECT_NAME.exec(head.slice(0, 600));
  const named = subject ? cleanAgency(subject[1]!) : undefined;
  if (named && !/^[全各该本我省市县区]/.test(named)) return named;
  for (const m of head.slice(0, 600).matchAll(WEAK_NAME)) {
    const name = cleanAgency(m[1]!);
    if (name && !/^(?:[省市县区]|上级|本级|各级|市县|县区)(?:人民政府|街道办事处)$/.test(name))
      return name;
  }
  return undefined;
}

const SIGNATURE_DATE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;

/** The agency of the 落款: a name line just above the closing date line. */
export function signatureAgency(lines: readonly Line[]): string | undefined {
  const filled = lines.filter((l) => l.text.trim() !== '');
  const last = filled.at(-1)?.text.normalize('NFKC').trim() ?? '';
  if (!SIGNATURE_DATE.test(last) || filled.length < 2) return undefined;
  const above = filled.at(-2)!.text.trim();
  return new RegExp(`^[\\p{Script=Han}（）()·]{2,40}${AGENCY_END}$`, 'u').test(above)
    ? cleanAgency(above)
    : undefined;
}

export function inferLevel(name: string | undefined, text: string): AgencyLevel | undefined {
  if (name) {
    const n = name.replace(/(?:人民政府|政府|办事处|街道办|街办)$/, '');
    // "佳荣里街": a 街道 named without 道.
    if (/(?:乡|镇|街道?|苏木)$/.test(n) || /街办$/.test(name)) return 'township';
    if (/(?:局|委员会|委|办公室|办|中心|厅|署|院|队|所|站)$/.test(name)) return 'department';
    if (/(?:省|自治区)$/.test(n)) return 'province';
    if (/(?:市|州|盟)$/.test(n)) return 'city';
    if (/(?:县|区|旗)$/.test(n)) return 'county';
  }
  if (/(?:我|本)(?:乡|镇)|街道办事处|本街道|我街道/.test(text.slice(0, 2000))) return 'township';
  if (/(?:我|本)(?:局|办|委)/.test(text.slice(0, 2000))) return 'department';
  return undefined;
}

export function mostFrequentYear(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.slice(0, 3000).matchAll(/(20\d{2})\s*年/g)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [y, c] of counts) if (best === undefined || c > counts.get(best)!) best = y;
  return best;
}
