import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chinaDate, chinaDateTime, chinaDayStart, chinaYear, chinaYearRange, toInstant } from '../../../src/domain/calendar/china-time.ts';

describe('China time', () => {
  it('gives the date in China for instants on both sides of 16:00 UTC', () => {
    assert.equal(chinaDate(new Date('2026-11-25T15:59:59.999Z')), '2026-11-25');
    assert.equal(chinaDate(new Date('2026-11-25T16:00:00.000Z')), '2026-11-26');
    assert.equal(chinaDate('2026-11-25T18:00:00.000Z'), '2026-11-26');
    assert.equal(chinaDate('2026-11-25T13:00:00-05:00'), '2026-11-26');
    assert.equal(chinaDateTime('2026-11-25T18:05:00Z'), '2026-11-26 02:05');
  });

  it('reads a date, and a date-time without offset, as China time', () => {
    assert.equal(chinaDate('2026-01-01'), '2026-01-01');
    assert.equal(toInstant('2026-01-01').toISOString(), '2025-12-31T16:00:00.000Z');
    assert.equal(toInstant('2026-01-01 08:30').toISOString(), '2026-01-01T00:30:00.000Z');
    assert.throws(() => toInstant('2026-02-30'), RangeError);
    assert.throws(() => toInstant('昨天'), RangeError);
  });

  it('turns China years into the stored-instant bounds they cover', () => {
    assert.equal(chinaYear('2025-12-31T16:00:00Z'), 2026);
    assert.equal(chinaYear('2025-12-31T15:59:59Z'), 2025);
    assert.deepEqual(chinaYearRange(2026), { from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    assert.equal(chinaDayStart('2026-11-26'), '2026-11-25T16:00:00.000Z');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        assert.equal(chinaDate(new Date('2026-11-25T18:00:00Z')), '2026-11-26', zone);
        assert.equal(toInstant('2026-11-26 02:00').toISOString(), '2026-11-25T18:00:00.000Z', zone);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
