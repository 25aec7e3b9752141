/**
 * The suite's fixed clock. 02:00 on 26 November 2026 in Beijing is still 25 November in UTC and
 * in New York: the hour at which a date cut from a UTC string, or read from the machine's or the
 * browser's zone, comes out a day early. Every spawned server and every browser page starts
 * here, so the hour at which the suite runs does not matter.
 */
export const PINNED_NOW = new Date('2026-11-25T18:00:00.000Z');
/** The date in China at PINNED_NOW, and the UTC date that a zone bug would show instead. */
export const PINNED_CHINA_DATE = '2026-11-26';
export const PINNED_UTC_DATE = '2026-11-25';

/** The zone this test process runs in (TZ, or the machine's). */
export function testZone(): string {
  return process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The zone every test browser runs in: New York, whatever the machine's zone. At the pinned hour
 * its date is a day behind China's, so a date read from the browser's zone shows in one pass; the
 * spawned server runs in the process's zone (UTC on CI), which the second pass changes for the
 * server-side tests (scripts/test.js, decision 007).
 */
export const BROWSER_ZONE = 'America/New_York';
