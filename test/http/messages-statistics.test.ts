import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { seedDemoMessages } from '../../src/services/demo/messages.ts';
import { loadCalendar } from '../../src/services/calendar.ts';

/**
 * The demo year of 留言 (every phase and outcome), the portal's statistics counted again here from
 * the raw event log with plain loops, and the site search over published replies only (issue 16).
 */
for (const dialect of DIALECTS) {
  describe(`messages: demo year, statistics and search on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoMessages(t.deps);
      await seedDemoMessages(t.deps); // a second run adds nothing
    });
    after(async () => t.close());

    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, res.body);
      return res;
    };

    it('has every phase, every refusal reason, every rating, a transfer, a conversion and both extension outcomes', async () => {
      const rows = await t.handle.db.selectFrom('messages').select(['phase', 'extension_status', 'rating', 'agency_id', 'mailbox_id']).execute();
      assert.equal(rows.length, 23);
      assert.deepEqual([...new Set(rows.map((r) => r.phase))].sort(), ['awaitingAcceptance', 'handling', 'rejected', 'replied', 'replyInReview', 'replyReviewed']);
      assert.deepEqual([...new Set(rows.flatMap((r) => r.extension_status ?? []))].sort(), ['approved', 'rejected']);
      assert.deepEqual([...new Set(rows.flatMap((r) => r.rating ?? []))].sort(), ['basicallySatisfied', 'dissatisfied', 'satisfied']);
      const events = await t.handle.db.selectFrom('message_events').select(['type', 'data_json']).execute();
      const reasons = events.filter((e) => e.type === 'rejected').map((e) => JSON.parse(e.data_json).reason as string);
      assert.deepEqual([...new Set(reasons)].sort(), ['disclosureRequest', 'duplicate', 'noSubstance', 'petition', 'unlawful']);
      for (const type of ['transferred', 'convertedToRequest', 'published']) assert.ok(events.some((e) => e.type === type), type);
    });

    it('publishes statistics equal to counts over the event log, per month and per year, for both agencies', async () => {
      const calendar = await loadCalendar(t.handle.db);
      const today = '2026-11-26';
      const messages = await t.handle.db.selectFrom('messages').innerJoin('agencies', 'agencies.id', 'messages.agency_id').select(['messages.id', 'agencies.code']).execute();
      const log = await t.handle.db.selectFrom('message_events').select(['message_id', 'type', 'date', 'data_json']).orderBy('message_id').orderBy('seq').execute();
      // Each message from its own events: received, the approved reply, the limit with an approved extension, the rating.
      const records = messages.map((m) => {
        const mine = log.filter((e) => e.message_id === m.id);
        const received = mine.find((e) => e.type === 'received')!;
        const limit = JSON.parse(received.data_json).limitWorkingDays as number;
        const requested = mine.find((e) => e.type === 'extensionRequested');
        const extra = requested && mine.some((e) => e.type === 'extensionApproved') ? (JSON.parse(requested.data_json).workingDays as number) : 0;
        let due = received.date;
        for (let n = 0; n < limit + extra; ) {
          due = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          if (calendar.isWorkingDay(due)) n++;
        }
        const reply = mine.find((e) => e.type === 'replyApproved')?.date ?? null;
        let days = 0;
        let rateBy = reply;
        if (reply) {
          for (let d = received.date; d < reply; ) {
            d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
            if (calendar.isWorkingDay(d)) days++;
          }
          for (let n = 0; n < 20; ) {
            rateBy = new Date(Date.parse(`${rateBy}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
            if (calendar.isWorkingDay(rateBy)) n++;
          }
        }
        const ratedEvent = mine.find((e) => e.type === 'rated');
        const rating = ratedEvent ? (JSON.parse(ratedEvent.data_json).rating as string) : reply && today > rateBy! ? 'satisfied' : null;
        return { agency: m.code, received: received.date, reply, onTime: reply !== null && reply <= due, days, rating };
      });
      const expect = (agency: string, period: string) => {
        const mine = records.filter((r) => r.agency === agency);
        const replies = mine.filter((r) => r.reply?.startsWith(period));
        const rated = replies.filter((r) => r.rating !== null);
        const good = rated.filter((r) => r.rating === 'satisfied' || r.rating === 'basicallySatisfied').length;
        return {
          period,
          received: mine.filter((r) => r.received.startsWith(period)).length,
          replied: replies.length,
          onTime: replies.filter((r) => r.onTime).length,
          averageWorkingDays: replies.length ? Math.round((replies.reduce((a, r) => a + r.days, 0) / replies.length) * 10) / 10 : null,
          satisfied: replies.filter((r) => r.rating === 'satisfied').length,
          basicallySatisfied: replies.filter((r) => r.rating === 'basicallySatisfied').length,
          dissatisfied: replies.filter((r) => r.rating === 'dissatisfied').length,
          awaitingRating: replies.length - rated.length,
          satisfactionRate: rated.length ? Math.round(((good * 100) / rated.length) * 10) / 10 : null,
        };
      };
      let nonZero = 0;
      for (const agency of ['changping', 'pingan']) {
        for (const year of [2025, 2026]) {
          const stats = (await get(`/api/v1/public/agencies/${agency}/message-statistics?year=${year}`)).json();
          assert.deepEqual(stats.year, expect(agency, String(year)), `${agency} ${year}`);
          for (const [i, month] of (stats.months as unknown[]).entries()) assert.deepEqual(month, expect(agency, `${year}-${String(i + 1).padStart(2, '0')}`), `${agency} ${year}-${i + 1}`);
          nonZero += stats.year.replied;
        }
      }
      assert.ok(nonZero >= 10, 'the figures are not all zero');
      const late = records.filter((r) => r.reply && !r.onTime);
      assert.ok(late.length >= 1, 'a late reply is counted as late');
      // The portal page shows the same year figures.
      const pageHtml = (await get('/org/changping/open/interaction/statistics?year=2026')).body;
      const year = expect('changping', '2026');
      assert.match(pageHtml, new RegExp(`<th scope="row">全年</th><td>${year.received}</td><td>${year.replied}</td><td>${year.onTime}</td>`));
    });

    it('finds published replies in the site search, never unpublished messages or those without consent', async () => {
      const search = async (q: string) => (await get(`/api/v1/search?agency=changping&q=${encodeURIComponent(q)}`)).json() as { pages: { path: string; kindLabel: string; title: string }[] };
      const found = await search('健身器材');
      const hit = found.pages.find((p) => p.kindLabel === '留言答复');
      assert.equal(hit?.title, '建议修缮村文化广场健身器材');
      assert.equal((await get(`/org/changping${hit!.path}`)).statusCode, 200);
      assert.ok((await get(`/org/changping/search?q=${encodeURIComponent('健身器材')}`)).body.includes(`href="/org/changping${hit!.path}"`), 'the portal search links the reply');
      // Replied but the writer did not agree; drafted but not approved; refused; open.
      for (const q of ['取暖设备', '农机购置补贴', '征地补偿', '水压不足']) {
        assert.deepEqual((await search(q)).pages.filter((p) => p.kindLabel === '留言答复'), [], q);
      }
      const replies = (await get('/api/v1/public/agencies/changping/message-replies?pageSize=100')).json();
      assert.equal(JSON.stringify(replies).includes('取暖'), false);
      assert.ok(replies.items.every((r: { writer: string }) => /^.\*+$/.test(r.writer)), 'every writer masked');
    });
  });
}
