/**
 * Masking of personal data for lists and previews, e.g. 110105********123X and 138****5678.
 *
 * Each helper accepts the value as it may be stored or typed (full-width digits, spaces or
 * hyphens). A value that does not have the expected shape is still masked, by a generic rule
 * that hides at least half of it: a list must never show a malformed number in full.
 */

import { foldForScan } from './fold.ts';
import type { ScanKind } from './scan.ts';

// User-perceived characters: an emoji with a skin tone, a family joined by ZWJ, a flag or a
// letter with a combining mark is one character, masked or kept whole.
const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });
const characters = (value: string): string[] =>
  Array.from(graphemes.segment(value), (s) => s.segment);

function compact(value: string): string {
  return foldForScan(value).replace(/[\s-]/g, '');
}

/**
 * Keeps up to a quarter of the characters at each end (at most 4) and stars the rest, one star a
 * character; never cuts a character (a surrogate pair or an emoji sequence) in two.
 */
export function maskGeneric(value: string): string {
  const chars = characters(value);
  const keep = Math.min(4, Math.floor(chars.length / 4));
  if (keep === 0) return '*'.repeat(chars.length);
  return (
    chars.slice(0, keep).join('') +
    '*'.repeat(chars.length - 2 * keep) +
    chars.slice(chars.length - keep).join('')
  );
}

/** A person's name in a list: the first character, and from three on the last: 张*, 张*丰. */
export function maskName(value: string): string {
  const chars = characters(value);
  if (chars.length <= 1) return value;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * A postal address: only the leading administrative part (a third, at most 6 characters) is kept,
 * since the street and house number at the end are what identify a household: 北京市朝阳区*******.
 */
export function maskAddress(value: string): string {
  const chars = characters(value);
  const keep = Math.min(6, Math.floor(chars.length / 3));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** 18-digit ID: first 6 (area) and last 4 kept; 15-digit legacy ID: first 6 and last 3. */
export function maskIdNumber(value: string): string {
  const v = compact(value);
  if (/^[0-9]{17}[0-9Xx]$/.test(v)) return `${v.slice(0, 6)}********${v.slice(14).toUpperCase()}`;
  if (/^[0-9]{15}$/.test(v)) return `${v.slice(0, 6)}******${v.slice(12)}`;
  return maskGeneric(v);
}

/** Mainland mobile: 138****5678; a +86/86/0086 prefix is kept as "+86 ". */
export function maskMobile(value: string): string {
  const v = compact(value);
  const m = /^(?:(?:\+|00)?86)?(1[0-9]{10})$/.exec(v);
  if (!m?.[1]) return maskGeneric(v);
  const digits = m[1];
  const prefix = digits.length === v.length ? '' : '+86 ';
  return `${prefix}${digits.slice(0, 3)}****${digits.slice(7)}`;
}

/** Bank card: first 4 and last 4 digits kept, e.g. 6222***********0123. */
export function maskBankCard(value: string): string {
  const v = compact(value);
  if (!/^[0-9]{12,19}$/.test(v)) return maskGeneric(v);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** A scan hit's text masked by its kind; a classification marking is no personal data. */
export function maskScanMatch(kind: ScanKind, match: string): string {
  switch (kind) {
    case 'id_number':
    case 'id_number_suspect':
      return maskIdNumber(match);
    case 'mobile':
      return maskMobile(match);
    case 'bank_card':
      return maskBankCard(match);
    case 'classified_marking':
      return match;
  }
}
