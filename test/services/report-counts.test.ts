import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/db.ts';
import { systemActor } from '../../src/services/context.ts';
import { scopeFor, type AgencyScope } from '../../src/services/policy.ts';
import { requestGroups, requestIdsInCell } from '../../src/capabilities/reports/sql.ts';
import {
  APPLICANT_TYPES,
  OUTCOME_CODES,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  computeReport,
  groupRequests,
  requestCellFilter,
  type Cell,
  type ProactiveFacts,
  type ReportFacts,
  type RequestFact,
  type RequestGroup,
} from '../../src/domain/report/index.ts';

/**
 * Table 三 is counted with one GROUP BY on the request status projection. On a generated set of
 * requests (received over four years, some never received, some closed, some open, another
 * agency's beside them) it gives the same groups, the same table and the same drill-down as the
 * per-request counting the report used before (the facts built row by row, as gatherFacts did).
 */
const YEARS = [2023, 2024, 2025, 2026];

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const proactive: ProactiveFacts = {
  rules: { issued: 0, repealed: 0, inForce: 0 },
  normative: { issued: 0, repealed: 0, inForce: 0 },
  licensing: 0,
  penalty: 0,
  enforcement: 0,
  feesYuan: 0,
};
const facts = (year: number, requests: ReportFacts['requests']): ReportFacts => ({
  agency: { name: '测试局', level: 'department' },
  year,
  proactive,
  requests,
  appeals: [],
  narrative: { overview: '', problems: '', other: '' },
  feeCharged: 0,
});

const key = (g: RequestGroup) => `${g.applicantType}|${g.received}|${g.outcome ?? '-'}`;
const sortedGroups = (groups: readonly RequestGroup[]) => groups.map((g) => `${key(g)}=${g.count}`).sort();

for (const dialect of DIALECTS) {
  describe(`report counts from the request projection on ${dialect}`, () => {
    let t: TestDatabase;
    let scope: AgencyScope;
    /** Every row of the agency, as gatherFacts once read them. */
    let rows: { id: number; applicant_type: string; receipt_date: string | null; closed_date: string | null; outcome: string | null }[];

    before(async () => {
      t = await createTestDatabase(dialect);
      const db = t.deps.db;
      const now = '2026-11-26T02:00:00.000Z';
      const agency = async (code: string) =>
        (await db.insertInto('agencies').values({ code, name: code, full_name: null, credit_code: null, level: 'department', parent_id: null, closed_at: null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      const own = await agency('counts-own');
      const other = await agency('counts-other');
      const next = random(20261126);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      let n = 0;
      const values = [];
      for (let i = 0; i < 600; i++) {
        const submitted = addDays('2022-10-01', Math.floor(next() * 1520));
        const received = next() < 0.9;
        // Some are received on a year's first day or closed on its last, where an off-by-one would show.
        const receipt = received ? (next() < 0.05 ? `${Number(submitted.slice(0, 4)) + 1}-01-01` : addDays(submitted, Math.floor(next() * 3))) : null;
        const closedDate = receipt && next() < 0.7 ? (next() < 0.1 ? `${receipt.slice(0, 4)}-12-31` : addDays(receipt, Math.floor(next() * 90))) : null;
        const closed = closedDate !== null && closedDate >= (receipt ?? '') ? closedDate : null;
        values.push({
          agency_id: next() < 0.8 ? own : other,
          query_code: `Q${String(++n).padStart(11, '0')}`,
          channel: 'inPerson',
          applicant_type: pick(APPLICANT_TYPES),
          applicant_name: '申请人',
          applicant_id_type: null,
          applicant_id_number: null,
          applicant_phone: null,
          applicant_email: null,
          applicant_address: null,
          contact_person: null,
          description: '生成的申请',
          purpose: null,
          requested_form: 'paper',
          delivery: 'pickup',
          created_by: null,
          created_at: now,
          phase: closed ? 'closed' : receipt ? 'processing' : 'awaitingReceipt',
          outcome: closed ? pick(OUTCOME_CODES) : null,
          submitted_date: submitted,
          receipt_date: receipt,
          closed_date: closed,
          due_date: null,
          lapse_due: null,
          extension_status: null,
          projected_at: now,
        });
      }
      for (let i = 0; i < values.length; i += 100) await db.insertInto('requests').values(values.slice(i, i + 100)).execute();
      scope = await scopeFor(db, systemActor('test'), own);
      rows = await db.selectFrom('requests').select(['id', 'applicant_type', 'receipt_date', 'closed_date', 'outcome']).where('agency_id', '=', own).orderBy('id').execute();
      assert.ok(rows.length > 400);
    });
    after(async () => t?.cleanup());

    /** The per-request facts for `year`, built as gatherFacts built them before the GROUP BY. */
    const perRequest = (year: number): RequestFact[] =>
      rows
        .filter((r) => r.receipt_date !== null && r.receipt_date <= `${year}-12-31` && (r.closed_date === null || r.closed_date >= `${year}-01-01`))
        .map((r) => ({
          id: `R${r.id}`,
          applicantType: r.applicant_type as RequestFact['applicantType'],
          receivedDate: r.receipt_date!,
          ...(r.closed_date && r.closed_date <= `${year}-12-31` ? { closedDate: r.closed_date, outcome: r.outcome as NonNullable<RequestFact['outcome']> } : {}),
        }));

    for (const year of YEARS) {
      it(`${year}: the GROUP BY gives the groups, the table and the drill-down of the per-request count`, async () => {
        const requests = perRequest(year);
        const counted = await requestGroups(t.deps.db, scope, year);
        assert.deepEqual(sortedGroups(counted), sortedGroups(groupRequests(requests, year)));
        assert.ok(counted.some((g) => g.received === 'carried_in') || year === 2023, 'some requests carry over');
        assert.ok(counted.some((g) => g.outcome === null), 'some requests carry forward');

        const fromCounts = computeReport(facts(year, { groups: counted }));
        const fromRecords = computeReport(facts(year, requests));
        assert.ok(fromCounts.ok && fromRecords.ok);
        if (!fromCounts.ok || !fromRecords.ok) return;
        for (const row of REQUEST_ROWS) {
          for (const col of REQUEST_COLUMNS) {
            const expected: Cell = fromRecords.report.requests.rows[row]![col]!;
            assert.equal(fromCounts.report.requests.rows[row]![col]!.value, expected.value, `${row} × ${col}`);
            const ids = await requestIdsInCell(t.deps.db, scope, year, requestCellFilter(row, col));
            assert.deepEqual(ids.map((id) => `R${id}`), [...expected.ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))), `drill-down ${row} × ${col}`);
          }
        }
        const total = fromCounts.report.requests.rows;
        assert.equal(total.new!.total!.value! + total.carried_in!.total!.value!, total.closed_total!.total!.value! + total.carried_out!.total!.value!);
      });
    }
  });
}
