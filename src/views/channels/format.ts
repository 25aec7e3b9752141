/**
 * Dates, sizes and XML text for the channel renderers. All calendar output is in China time
 * (UTC+8, no daylight saving), whatever the server's time zone: the conversion itself lives in
 * domain/calendar/china-time.ts.
 */
import { chinaParts, toInstant } from '../../domain/calendar/china-time.ts';

export { toInstant };

const pad = (n: number): string => String(n).padStart(2, '0');

/** RFC 3339 in China time: '2024-03-15T10:00:00+08:00' (Atom, sitemaps). */
export function rfc3339(value: string | Date): string {
  const p = chinaParts(value);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.hh)}:${pad(p.mi)}:${pad(p.ss)}+08:00`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** RFC 822 (as RSS 2.0 wants it, four-digit year) in China time: 'Fri, 15 Mar 2024 10:00:00 +0800'. */
export function rfc822(value: string | Date): string {
  const p = chinaParts(value);
  return `${DAYS[p.wd]}, ${pad(p.d)} ${MONTHS[p.m - 1]} ${p.y} ${pad(p.hh)}:${pad(p.mi)}:${pad(p.ss)} +0800`;
}

/** '2024年3月15日', the form used in 落款 and metadata. */
export function chineseDate(value: string | Date): string {
  const p = chinaParts(value);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** '1.2 MB', '350 KB'. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Text safe inside XML 1.0 element content and quoted attributes. Characters XML 1.0 forbids
 * (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF) are dropped: one stray
 * control character pasted from Word would otherwise make the whole feed unparseable.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (ch) =>
        ch === '&'
          ? '&amp;'
          : ch === '<'
            ? '&lt;'
            : ch === '>'
              ? '&gt;'
              : ch === '"'
                ? '&quot;'
                : '&apos;',
      )
  );
}
