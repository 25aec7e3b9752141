import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { officialCalendar } from '../../src/domain/calendar/index.ts';
import { proactivePublicationDue } from '../../src/domain/deadlines/index.ts';

/** Issue 10, item 5: dates outside 1949–2100 are refused with a 400, and never become a 500. */
describe('deadline code on implausible dates', () => {
  it('says it cannot compute instead of throwing', () => {
    const due = proactivePublicationDue('9999-12-10', officialCalendar());
    assert.equal(due.date, undefined);
    assert.match(due.steps[0]!.detail, /1949 年至 2100 年/);
    assert.ok(proactivePublicationDue('2100-12-31', officialCalendar()).date, 'the last plausible day still computes');
  });
});

for (const dialect of DIALECTS) {
  describe(`implausible dates on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const doc = (extra: object) => admin.request('POST', '/api/v1/documents', { agencyId, title: '日期校验', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', writtenAt: '2025-03-01', ...extra });

    it('refuses a formedAt of 9999-12-10 and a date before 1949 with a Chinese message', async () => {
      for (const extra of [{ formedAt: '9999-12-10' }, { writtenAt: '1948-12-31' }, { invalidFrom: '2101-01-01' }]) {
        const res = await doc(extra);
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
        assert.equal(res.json().error.code, 'VALIDATION_FAILED');
        assert.match(res.json().error.message, /1949 年至 2100 年之间/);
      }
      assert.equal((await doc({ formedAt: '2100-12-31' })).statusCode, 201);
    });

    it('answers the due-date tool with 400, not 500, outside the window', async () => {
      const far = await admin.request('GET', '/api/v1/calendar/due-date?received=9999-12-31');
      assert.equal(far.statusCode, 400);
      assert.match(far.json().error.message, /1949 年至 2100 年/);
      assert.equal((await admin.request('GET', '/api/v1/calendar/due-date?received=2025-02-30')).json().error.code, 'INVALID_DATE');
      assert.equal((await admin.request('GET', '/api/v1/calendar/due-date?received=1949-10-01')).statusCode, 200);
    });

    it('keeps every page working for a stored document whose date predates the check', async () => {
      const created = (await doc({ title: '九九九九年形成的文件' })).json();
      const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };
      for (const body of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
        assert.equal((await admin.request('POST', `/api/v1/documents/${created.id}/transitions`, body)).statusCode, 200);
      }
      // As an install before this fix would hold it.
      await t.handle.db.updateTable('documents').set({ formed_at: '9999-12-10' }).where('id', '=', created.id).execute();
      const list = await admin.request('GET', `/api/v1/documents?agencyId=${agencyId}`);
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().items.find((d: { id: number }) => d.id === created.id).publicationDue, null);
      assert.equal((await admin.request('GET', `/api/v1/documents/${created.id}`)).statusCode, 200);
      for (const url of [`/org/changping/documents/${created.id}`, '/org/changping/open/catalogue', '/org/changping/open/statutory']) {
        assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 200, url);
      }
    });
  });
}
