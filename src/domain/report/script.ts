/**
 * Traditional script to simplified. Mirror sites serve reports converted to traditional
 * characters (政府信息公開工作年度報告); the reader and every rule work on simplified text, so a
 * traditional text is converted first, with OpenCC's dictionaries (phrase-level, so 著力 → 着力
 * but 显著 stays).
 */
import * as OpenCC from 'opencc-js/t2cn';

let converter: ((s: string) => string) | undefined;

function toSimplified(s: string): string {
  // Taiwan-standard input covers what converters on mirror sites produce; built once, on first use.
  const convert = (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(s);
}

/**
 * Characters that only traditional text uses, among the commonest in these reports. Their share
 * of the Han characters decides: a simplified report quoting one traditional name stays as it is.
 */
const TRADITIONAL =
  /[開與報關們這會經國為發條資訊處請務機構區縣鄉鎮規範廢統計門網屬據數應書辦權義視廳]/g;

/** True when the text is written in traditional script. */
export function isTraditional(text: string): boolean {
  const sample = text.slice(0, 20000);
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han < 20) return false;
  const trad = sample.match(TRADITIONAL)?.length ?? 0;
  return trad >= 5 && trad / han >= 0.02;
}

/** The text in simplified script (unchanged when it is not traditional). */
export function simplify(text: string): string {
  return isTraditional(text) ? toSimplified(text) : text;
}

/** Rows of cells in simplified script, decided for the whole document at once. */
export function simplifyRows(rows: readonly (readonly string[])[]): string[][] {
  const joined = rows.map((r) => r.join(' ')).join('\n');
  if (!isTraditional(joined)) return rows.map((r) => [...r]);
  return rows.map((r) => r.map((c) => (c ? toSimplified(c) : c)));
}
