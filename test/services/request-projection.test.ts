import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { systemActor } from '../../src/services/context.ts';
import { getCalendarYear, loadCalendar, saveCalendarYear } from '../../src/services/calendar.ts';
import { listRequests, reminders } from '../../src/capabilities/requests/queries.ts';
import { COUNT_CAP, refreshProjections } from '../../src/capabilities/requests/sql.ts';
import type { RequestEvent } from '../../src/domain/requests/lifecycle.ts';
import { projectRequest, viewRequest } from '../../src/domain/requests/view.ts';
import { chinaDate } from '../../src/domain/calendar/china-time.ts';

/**
 * The stored status projection agrees with a fresh replay of every request's events, before and
 * after a calendar change, and lists read it without replaying.
 */
for (const dialect of DIALECTS) {
  describe(`request projection on ${dialect}`, () => {
    let t: TestDatabase;
    const system = systemActor('test');
    before(async () => {
      t = await createTestDatabase(dialect);
      await seedDemo(t.deps);
    });
    after(async () => t?.cleanup());

    /** Every request's stored columns against its replay, as "code: expected / stored" lines. */
    const disagreements = async () => {
      const calendar = await loadCalendar(t.deps.db);
      const today = chinaDate(t.deps.now());
      const rows = await t.deps.db.selectFrom('requests').selectAll().orderBy('id').execute();
      const events = await t.deps.db
        .selectFrom('request_events')
        .select(['request_id', 'data_json'])
        .orderBy('request_id')
        .orderBy('seq')
        .execute();
      const out: string[] = [];
      for (const r of rows) {
        const view = viewRequest(
          events
            .filter((e) => e.request_id === r.id)
            .map((e) => JSON.parse(e.data_json) as RequestEvent),
          calendar,
          today,
        );
        assert.ok(view.ok);
        if (!view.ok) continue;
        const p = projectRequest(view.value);
        const stored = {
          phase: r.phase,
          outcome: r.outcome,
          dueDate: r.due_date,
          lapseDue: r.lapse_due,
          extensionStatus: r.extension_status,
          dueProvisional: r.due_provisional === 1,
        };
        const expected = {
          phase: p.phase,
          outcome: p.outcome,
          dueDate: p.dueDate,
          lapseDue: p.lapseDue,
          extensionStatus: p.extensionStatus,
          dueProvisional: p.dueProvisional,
        };
        if (JSON.stringify(stored) !== JSON.stringify(expected))
          out.push(`${r.query_code}: ${JSON.stringify(expected)} / ${JSON.stringify(stored)}`);
      }
      return { out, rows };
    };

    it('stores what a replay gives, for every demo request', async () => {
      const { out, rows } = await disagreements();
      assert.ok(rows.length > 30);
      assert.ok(rows.some((r) => r.due_date !== null) && rows.some((r) => r.phase === 'closed'));
      assert.deepEqual(out, []);
    });

    it('moves open requests’ due dates when the calendar changes', async () => {
      const bureau = (
        await t.deps.db
          .selectFrom('agencies')
          .select('id')
          .where('code', '=', 'pingan-mzj')
          .executeTakeFirstOrThrow()
      ).id;
      const open = await t.deps.db
        .selectFrom('requests')
        .select(['id', 'due_date'])
        .where('agency_id', '=', bureau)
        .where('due_date', 'is not', null)
        .execute();
      assert.ok(open.length > 0);
      // A week of extra holidays right after today pushes every running due date back.
      const y2026 = await getCalendarYear(t.deps, 2026);
      const today = chinaDate(t.deps.now());
      const extra = Array.from({ length: 7 }, (_, i) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + (i + 1) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      )
        .filter((d) => d.startsWith('2026') && !y2026.days.some((x) => x.date === d))
        .map((date) => ({ date, isOffDay: true, name: '测试假日' }));
      await saveCalendarYear(t.deps, system, { ...y2026, days: [...y2026.days, ...extra] });
      const after = await t.deps.db
        .selectFrom('requests')
        .select(['id', 'due_date'])
        .where(
          'id',
          'in',
          open.map((o) => o.id),
        )
        .execute();
      const moved = after.filter((a) => a.due_date! > open.find((o) => o.id === a.id)!.due_date!);
      assert.ok(moved.length > 0, 'due dates moved with the calendar');
      assert.deepEqual((await disagreements()).out, []);
    });

    it('lists and reminds from the projection, and projects rows that predate it', async () => {
      const bureau = (
        await t.deps.db
          .selectFrom('agencies')
          .select('id')
          .where('code', '=', 'pingan-mzj')
          .executeTakeFirstOrThrow()
      ).id;
      const all = await listRequests(t.deps, system, { agencyId: bureau, page: 1, pageSize: 200 });
      assert.equal(all.total, all.items.length);
      const overdue = await listRequests(t.deps, system, {
        agencyId: bureau,
        due: 'overdue',
        page: 1,
        pageSize: 200,
      });
      assert.ok(overdue.items.every((i) => i.overdue && i.dueDate !== null));
      const reminded = await reminders(t.deps, system, bureau);
      for (const i of overdue.items)
        assert.ok(
          reminded.some((r) => r.id === i.id),
          `overdue ${i.queryCode} is reminded`,
        );
      // Rows from before migration 0010 have no projection until it is computed once.
      await t.deps.db.updateTable('requests').set({ due_date: null, projected_at: null }).execute();
      const n = await t.deps.db
        .transaction()
        .execute(async (tx) =>
          refreshProjections(tx, t.deps, 'unprojected', await loadCalendar(tx)),
        );
      assert.ok(n > 30);
      assert.deepEqual((await disagreements()).out, []);
    });

    it('counts a list up to 10,000 and says when it stopped, with the page still newest first', async () => {
      const now = t.deps.now().toISOString();
      const agency = await t.deps.db
        .insertInto('agencies')
        .values({
          code: 'count-cap',
          name: '计数上限镇',
          level: 'township',
          parent_id: null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = (i: number) => ({
        agency_id: agency.id,
        query_code: `CAP-${String(i).padStart(6, '0')}`,
        channel: 'inPerson',
        applicant_type: 'natural_person',
        applicant_name: `申请人${i}`,
        applicant_id_type: null,
        applicant_id_number: null,
        applicant_phone: null,
        applicant_email: null,
        applicant_address: null,
        contact_person: null,
        description: i % 2 ? '单号事项' : '双号事项',
        purpose: null,
        requested_form: 'paper',
        delivery: 'pickup',
        created_by: null,
        created_at: now,
        phase: 'closed',
        outcome: 'disclosed',
        submitted_date: '2025-03-03',
        receipt_date: '2025-03-03',
        closed_date: '2025-03-10',
        due_date: null,
        due_provisional: 0,
        lapse_due: null,
        extension_status: null,
        projected_at: now,
      });
      const all = Array.from({ length: COUNT_CAP + 3 }, (_, i) => row(i));
      for (let i = 0; i < all.length; i += 500)
        await t.deps.db
          .insertInto('requests')
          .values(all.slice(i, i + 500))
          .execute();
      const capped = await listRequests(t.deps, system, {
        agencyId: agency.id,
        page: 1,
        pageSize: 20,
      });
      assert.equal(capped.total, COUNT_CAP);
      assert.equal(capped.totalCapped, true);
      assert.equal(capped.items[0]!.queryCode, `CAP-${String(COUNT_CAP + 2).padStart(6, '0')}`);
      const half = await listRequests(t.deps, system, {
        agencyId: agency.id,
        q: '单号',
        page: 1,
        pageSize: 20,
      });
      assert.deepEqual([half.total, half.totalCapped], [(COUNT_CAP + 2) / 2, false]);
    });
  });
}
