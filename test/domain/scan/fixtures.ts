/**
 * Real-format fixtures for the scan tests. Check characters are computed here from the
 * definitions (ISO 7064 MOD 11-2, Luhn), independently of the code under test.
 */

/** ISO 7064 MOD 11-2: weight of position i (0-based, of 17) is 2^(17-i) mod 11. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** A valid ID number for area code, birth date YYYYMMDD and 3-digit sequence. */
export function makeId(area: string, birth: string, seq: string): string {
  const first17 = area + birth + seq;
  return first17 + checkChar(first17);
}

/** The same first 17 digits with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id.charAt(17);
  const wrong = right === '0' ? '1' : right === 'X' ? '0' : right === '9' ? 'X' : '0';
  return id.slice(0, 17) + wrong;
}

/** Finds a sequence number giving a valid ID whose check character satisfies `pred`. */
export function makeIdWhere(area: string, birth: string, pred: (id: string) => boolean): string {
  for (let n = 0; n < 1000; n++) {
    const id = makeId(area, birth, String(n).padStart(3, '0'));
    if (pred(id)) return id;
  }
  throw new Error('no such ID');
}

export function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    // Doubling starts from the rightmost digit of the partial number (next to the check digit).
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number: prefix, filler digits from `seed`, check digit; total `length`. */
export function makeCard(prefix: string, length: number, seed = 7): string {
  let body = prefix;
  let x = seed;
  while (body.length < length - 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += String(x % 10);
  }
  return body + luhnCheckDigit(body);
}

export function withWrongLuhn(card: string): string {
  const last = Number(card.charAt(card.length - 1));
  return card.slice(0, -1) + String((last + 1) % 10);
}

export function groups(digits: string, sep: string): string {
  return digits.match(/.{1,4}/g)?.join(sep) ?? digits;
}

/** ASCII → full-width forms (digits, letters, +, -). */
export function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
