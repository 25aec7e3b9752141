/**
 * Bank card numbers (银行卡号).
 *
 * False-positive trade-off: any 16–19 digit number has a 1-in-10 chance of passing Luhn, so
 * long reference numbers (order numbers, waybill numbers, 不动产单元号 parts) can be flagged. The
 * prefix filter removes most of them while keeping the cards seen in practice: UnionPay (62),
 * domestic debit cards of the 60 range, Visa (4), Mastercard/domestic credit cards (5), JCB (35)
 * and the legacy 19-digit ICBC/ABC cards (9558, 9559). The scan is a prompt for the human
 * reviewer, who dismisses a false hit in a second, whereas a missed card number is published;
 * so we accept the remaining false positives rather than narrow further.
 */

const PLAUSIBLE_PREFIX = /^(?:62|60|4|5|35|9558|9559)/;

/** Luhn (mod 10) check over a string of ASCII digits. False for an empty or non-digit string. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** 16–19 ASCII digits with a plausible issuer prefix, passing Luhn. */
export function isPlausibleBankCard(digits: string): boolean {
  return (
    digits.length >= 16 &&
    digits.length <= 19 &&
    PLAUSIBLE_PREFIX.test(digits) &&
    passesLuhn(digits)
  );
}
