/**
 * 工作记录 over HTTP on both databases: training is created, listed per year, edited and deleted
 * (kept in the audit log); responsible persons with one published contact whose internal phone
 * the public read never shows; the assessment's weights must sum to 100, self-scores stay within
 * them, evidence cites the agency's own documents; the superior's score is entered only by the
 * county office above, never by the township's own staff; another agency's staff are refused.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { systemActor } from '../../src/services/context.ts';
import { createDocument } from '../../src/capabilities/documents/commands.ts';
import type { Assessment, ResponsiblePerson, TrainingYear } from '../../src/capabilities/records/contract.ts';

const training = { heldOn: '2026-03-12', topic: '政府信息公开条例专题培训', trainer: '县政务公开办 王科长', attendeeCount: 3, attendeeNames: '张三、李四\n王五', materials: '条例解读讲义\n依申请公开办理流程图' };
const person = { name: '赵敏', post: '党政办副主任', phone: '13800138000', officePhone: '0871-1234567', email: 'gk@changping.gov.cn', since: '2025-01-01', until: null, isContact: true };

for (const dialect of DIALECTS) {
  describe(`records on ${dialect}`, () => {
    let t: TestApp;
    const ids: Record<string, number> = {};
    const users: Record<string, Client> = {};

    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      const make = async (username: string, agencyId: number, roles: string[], scope: 'agency' | 'subtree') => {
        const created = await operator.request('POST', '/api/v1/users', { username, displayName: `${username}（姓名）`, agencyId, roles: [roles[0]] });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal((await operator.request('PUT', `/api/v1/users/${created.json().user.id}/roles`, { agencyId, roles, scope })).statusCode, 200);
        users[username] = await loginClient(t.app, username, created.json().oneTimePassword);
      };
      await make('county.head', ids.pingan!, ['head'], 'subtree');
      await make('town.admin', ids.changping!, ['admin', 'head'], 'agency');
      await make('town.reviewer', ids.changping!, ['reviewer'], 'agency');
      await make('liuhe.clerk', ids.liuhe!, ['clerk'], 'agency');
    });
    after(async () => t.close());

    const base = () => `/api/v1/agencies/${ids.changping}`;

    it('creates, lists per year, edits and deletes training, each change in the audit log', async () => {
      const town = users['town.admin']!;
      const created = await town.request('POST', `${base()}/training`, training);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      assert.equal((await town.request('POST', `${base()}/training`, { ...training, heldOn: '2025-11-03', attendeeCount: 20, attendeeNames: '' })).statusCode, 201);
      let year = (await town.request('GET', `${base()}/training?year=2026`)).json() as TrainingYear;
      assert.deepEqual([year.sessions, year.attendances, year.items[0]!.topic, year.items[0]!.materials], [1, 3, training.topic, training.materials]);
      assert.equal(((await town.request('GET', `${base()}/training?year=2025`)).json() as TrainingYear).attendances, 20);

      const edited = await town.request('PUT', `${base()}/training/${id}`, { ...training, attendeeCount: 4, attendeeNames: '张三、李四、王五、赵六' });
      assert.equal(edited.statusCode, 200, edited.body);
      year = (await town.request('GET', `${base()}/training?year=2026`)).json() as TrainingYear;
      assert.equal(year.items[0]!.attendeeCount, 4);

      assert.equal((await town.request('DELETE', `${base()}/training/${id}`)).statusCode, 200);
      year = (await town.request('GET', `${base()}/training?year=2026`)).json() as TrainingYear;
      assert.equal(year.sessions, 0);
      assert.equal((await town.request('PUT', `${base()}/training/${id}`, training)).statusCode, 404);

      const log = await t.deps.db.selectFrom('audit_log').select(['action', 'before_json']).where('entity', '=', 'training').where('entity_id', '=', String(id)).orderBy('seq').execute();
      assert.deepEqual(log.map((l) => l.action), ['training.create', 'training.update', 'training.delete']);
      assert.match(String(log[2]!.before_json), /政府信息公开条例专题培训/);
    });

    it('refuses bad training input with every problem in Chinese on its field', async () => {
      const res = await users['town.admin']!.request('POST', `${base()}/training`, { ...training, heldOn: '2026-02-30', topic: ' ', attendeeCount: 1 });
      assert.equal(res.statusCode, 400, res.body);
      const fields = (res.json().error.details.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]);
      assert.deepEqual(fields.map((f) => f[0]), ['heldOn', 'topic', 'attendeeNames']);
      assert.match(fields[0]![1]!, /培训日期“2026-02-30”无效/);
      assert.match(fields[1]![1]!, /请填写培训主题/);
      assert.match(fields[2]![1]!, /列出的参训人员（3 人）多于参训人数（1 人）/);
      const future = await users['town.admin']!.request('POST', `${base()}/training`, { ...training, heldOn: '2027-01-05' });
      assert.equal(future.json().error.code, 'FUTURE_DATE');
    });

    it('refuses staff of another agency and a reviewer who may read but not write', async () => {
      const other = await users['liuhe.clerk']!.request('GET', `${base()}/training?year=2026`);
      assert.equal(other.statusCode, 403);
      assert.match(other.json().error.message, /不是该机构的工作人员/);
      assert.equal((await users['liuhe.clerk']!.request('POST', `${base()}/training`, training)).statusCode, 403);
      assert.equal((await users['town.reviewer']!.request('GET', `${base()}/training?year=2026`)).statusCode, 200);
      const write = await users['town.reviewer']!.request('POST', `${base()}/responsible-persons`, person);
      assert.equal(write.statusCode, 403);
      assert.match(write.json().error.message, /此操作须由/);
    });

    it('keeps one published contact and publishes neither the internal phone nor a former contact', async () => {
      const town = users['town.admin']!;
      const first = await town.request('POST', `${base()}/responsible-persons`, person);
      assert.equal(first.statusCode, 201, first.body);
      let pub = (await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${ids.changping}/contact` })).json();
      assert.deepEqual(pub.contact, { name: '赵敏', post: '党政办副主任', officePhone: '0871-1234567', email: 'gk@changping.gov.cn' });
      assert.doesNotMatch(JSON.stringify(pub), /13800138000/);

      const second = await town.request('POST', `${base()}/responsible-persons`, { ...person, name: '钱进', phone: '', email: '', officePhone: '0871-7654321' });
      assert.equal(second.statusCode, 201, second.body);
      const list = (await town.request('GET', `${base()}/responsible-persons`)).json().items as ResponsiblePerson[];
      assert.deepEqual(list.filter((p) => p.isContact).map((p) => p.name), ['钱进']);
      pub = (await t.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${ids.changping}/contact` })).json();
      assert.equal(pub.contact.name, '钱进');
      const guide = await t.app.inject({ method: 'GET', url: '/org/changping/open/guide' });
      assert.equal(guide.statusCode, 200);
      assert.match(guide.body, /政务公开工作联系人[\s\S]*钱进（党政办副主任）[\s\S]*办公电话：0871-7654321/);
      assert.doesNotMatch(guide.body, /13800138000|赵敏/);

      const bad = await town.request('PUT', `${base()}/responsible-persons/${first.json().id}`, { ...person, phone: 'abc', email: 'no-at', until: '2024-01-01', isContact: false });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json().error.details.fields as { field: string }[]).map((f) => f.field), ['phone', 'email', 'until']);
      assert.match(bad.json().error.message, /截止日期不能早于起始日期/);
      assert.equal((await users['liuhe.clerk']!.request('GET', `${base()}/responsible-persons`)).statusCode, 403);
    });

    it('checks that the weights sum to 100, self-scores within them and evidence from the own catalogue', async () => {
      const town = users['town.admin']!;
      const doc = await createDocument(t.deps, systemActor('test'), ids.changping!, { title: '常平乡2026年政务公开工作要点', bodyHtml: '<p>要点</p>' });
      const foreign = await createDocument(t.deps, systemActor('test'), ids.liuhe!, { title: '柳河乡政务公开工作要点', bodyHtml: '<p>要点</p>' });
      const items = [
        { name: '主动公开', weight: 40, selfScore: 38, evidenceText: '', evidenceDocumentIds: [doc.id] },
        { name: '依申请公开', weight: 30, selfScore: 30, evidenceText: '办理台账', evidenceDocumentIds: [] },
        { name: '培训与专人负责', weight: 20, selfScore: 17.5, evidenceText: '培训签到表', evidenceDocumentIds: [] },
      ];
      const short = await town.request('PUT', `${base()}/assessments/2026`, { items });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().error.code, 'WEIGHTS_NOT_100');
      assert.match(short.json().error.message, /各考核项目分值合计应为 100 分，现为 90 分/);
      items.push({ name: '监督保障', weight: 10, selfScore: 11, evidenceText: '', evidenceDocumentIds: [] });
      const over = await town.request('PUT', `${base()}/assessments/2026`, { items });
      assert.deepEqual((over.json().error.details.fields as { field: string }[]).map((f) => f.field), ['items.3.selfScore']);
      items[3]!.selfScore = 9;
      const foreignDoc = await town.request('PUT', `${base()}/assessments/2026`, { items: items.map((i, n) => (n === 1 ? { ...i, evidenceDocumentIds: [foreign.id] } : i)) });
      assert.equal(foreignDoc.json().error.code, 'UNKNOWN_DOCUMENT');
      const saved = await town.request('PUT', `${base()}/assessments/2026`, { items });
      assert.equal(saved.statusCode, 200, saved.body);
      const a = saved.json() as Assessment;
      assert.deepEqual([a.totals.weightTotal, a.totals.selfTotal, a.totals.superiorTotal], [100, 94.5, null]);
      assert.deepEqual(a.items[0]!.evidenceDocuments, [{ id: doc.id, title: doc.title }]);
      assert.deepEqual([a.canEdit, a.canScore], [true, false]);
    });

    it('lets only the county office above enter the superior score', async () => {
      const url = `${base()}/assessments/2026`;
      const a = (await users['town.admin']!.request('GET', url)).json() as Assessment;
      const scores = a.items.map((i) => ({ itemId: i.id, score: i.weight - 1 }));
      const self = await users['town.admin']!.request('PUT', `${url}/superior-scores`, { scores });
      assert.equal(self.statusCode, 403);
      assert.equal(self.json().error.code, 'FORBIDDEN');
      assert.match(self.json().error.message, /本机关人员不能为自己评分/);
      assert.equal((await users['liuhe.clerk']!.request('PUT', `${url}/superior-scores`, { scores })).statusCode, 403);

      const county = users['county.head']!;
      assert.equal(((await county.request('GET', url)).json() as Assessment).canScore, true);
      const tooHigh = await county.request('PUT', `${url}/superior-scores`, { scores: [{ itemId: a.items[0]!.id, score: 41 }] });
      assert.equal(tooHigh.statusCode, 400);
      assert.match(tooHigh.json().error.message, /“主动公开”的上级评分应在 0 至 40 分之间/);
      const ok = await county.request('PUT', `${url}/superior-scores`, { scores });
      assert.equal(ok.statusCode, 200, ok.body);
      const scored = ok.json() as Assessment;
      assert.equal(scored.totals.superiorTotal, 96);
      assert.equal(scored.scoredBy, 'county.head（姓名）');

      // Saving the items again keeps the superior's scores of the items sent with their ids.
      const again = await users['town.admin']!.request('PUT', url, { items: scored.items.map(({ id, name, weight, selfScore, evidenceText, evidenceDocumentIds }) => ({ id, name, weight, selfScore, evidenceText, evidenceDocumentIds })) });
      assert.equal((again.json() as Assessment).totals.superiorTotal, 96);
      const log = await t.deps.db.selectFrom('audit_log').select('action').where('entity', '=', 'assessment').orderBy('seq').execute();
      assert.deepEqual(log.map((l) => l.action), ['assessment.save', 'assessment.score', 'assessment.save']);
    });
  });
}
