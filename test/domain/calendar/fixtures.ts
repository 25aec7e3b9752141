import type { CalendarYearData } from '../../../src/domain/calendar/index.ts';

/**
 * A FICTIONAL 2027 arrangement for recomputation tests only. No 2027 notice existed when this was
 * written; do not ship or cite it.
 */
export const FICTIONAL_2027: CalendarYearData = {
  year: 2027,
  days: [
    { date: '2027-01-01', isOffDay: true, name: '元旦' },
    { date: '2027-01-02', isOffDay: true, name: '元旦' },
    { date: '2027-01-03', isOffDay: true, name: '元旦' },
    { date: '2027-02-05', isOffDay: true, name: '春节' },
    { date: '2027-02-06', isOffDay: true, name: '春节' },
    { date: '2027-02-07', isOffDay: true, name: '春节' },
    { date: '2027-02-08', isOffDay: true, name: '春节' },
    { date: '2027-02-09', isOffDay: true, name: '春节' },
    { date: '2027-02-10', isOffDay: true, name: '春节' },
    { date: '2027-02-11', isOffDay: true, name: '春节' },
    { date: '2027-02-12', isOffDay: true, name: '春节' },
    { date: '2027-02-13', isOffDay: false, name: '春节' },
  ],
  sources: ['虚构，仅用于测试'],
};
