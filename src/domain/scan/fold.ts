/**
 * Length-preserving folding of the text before pattern matching.
 *
 * Every replacement maps one UTF-16 unit to one UTF-16 unit, so an index into the folded string
 * is the same index into the original text: hits report offsets in the original and quote the
 * original characters (e.g. full-width digits stay full-width in `match`).
 */

/** Full-width ASCII (！ to ～) → ASCII; ideographic and no-break spaces → ' '; dash variants → '-'. */
export function foldForScan(text: string): string {
  const out: string[] = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out[i] = String.fromCharCode(code - 0xfee0);
    } else if (code === 0x3000 || code === 0x00a0) {
      out[i] = ' ';
    } else if ((code >= 0x2010 && code <= 0x2013) || code === 0x2212) {
      // Hyphen, non-breaking hyphen, figure dash, en dash, minus. Not the em dash: "——" is Chinese
      // punctuation, and a number broken by it is not a written-out phone or card number.
      out[i] = '-';
    } else {
      out[i] = text.charAt(i);
    }
  }
  return out.join('');
}
