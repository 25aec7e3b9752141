/**
 * Dates, sizes and XML text for the channel renderers. All calendar output is in China time
 * (UTC+8, no daylight saving), whatever the server's time zone.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const ZONED_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * The instant a stored date stands for: 'YYYY-MM-DD' is 00:00 China time, a date-time without
 * offset is China time, one with 'Z' or an offset is taken as given. Throws RangeError otherwise.
 */
export function toInstant(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('无效的日期');
    return value;
  }
  const v = value.trim();
  let ms = Number.NaN;
  if (DATE_ONLY.test(v)) ms = Date.parse(`${v}T00:00:00+08:00`);
  else if (LOCAL_DATE_TIME.test(v)) ms = Date.parse(`${v.replace(' ', 'T')}+08:00`);
  else if (ZONED_DATE_TIME.test(v)) ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`无法识别的日期“${value}”`);
  // Date.parse rolls 02-30 over to 03-01; compare the calendar date back in the value's own offset.
  const zone = /(Z|[+-]\d{2}:\d{2})$/i.exec(v)?.[1] ?? '+08:00';
  const offsetMs =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) *
        60_000;
  if (new Date(ms + offsetMs).toISOString().slice(0, 10) !== v.slice(0, 10)) {
    throw new RangeError(`不存在的日期“${value}”`);
  }
  return new Date(ms);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Calendar fields of the instant in China time. */
function chinaParts(d: Date) {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  return {
    y: c.getUTCFullYear(),
    m: c.getUTCMonth() + 1,
    d: c.getUTCDate(),
    hh: c.getUTCHours(),
    mi: c.getUTCMinutes(),
    ss: c.getUTCSeconds(),
    wd: c.getUTCDay(),
  };
}

/** RFC 3339 in China time: '2024-03-15T10:00:00+08:00' (Atom, sitemaps). */
export function rfc3339(value: string | Date): string {
  const p = chinaParts(toInstant(value));
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
  const p = chinaParts(toInstant(value));
  return `${DAYS[p.wd]}, ${pad(p.d)} ${MONTHS[p.m - 1]} ${p.y} ${pad(p.hh)}:${pad(p.mi)}:${pad(p.ss)} +0800`;
}

/** '2024年3月15日', the form used in 落款 and metadata. */
export function chineseDate(value: string | Date): string {
  const p = chinaParts(toInstant(value));
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
