/**
 * Personal data reads on record (issue 14, item 2; docs/decisions/013): a handler's read of the
 * applicant's identifiers — the detail screen, each notice as HTML and DOCX — writes an access
 * record; a reviewer sees masked values, may not issue notices, and cannot confirm a name through
 * the list's search; an agency admin lists the records, nobody else. On both databases, through HTTP.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const ID = '11010519491231002X';
const PHONE = '13800138000';
const EMAIL = 'zhangsanfeng@example.cn';
const ADDRESS = '北京市朝阳区建国路88号院3号楼';
const person = { type: 'natural_person', name: '张三丰', idType: 'resident_id', idNumber: ID, phone: PHONE, email: EMAIL, address: ADDRESS };

interface Read {
  via: string;
  viaLabel: string;
  noticeKind: string | null;
  fields: string[];
  fieldLabels: string[];
  username: string | null;
  userName: string | null;
}

for (const dialect of DIALECTS) {
  describe(`personal data reads on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    const staff = new Map<string, Client>();
    let own: number;
    let requestId: number;
    let orgRequestId: number;

    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      own = agencies.find((a) => a.code === 'changping')!.id;
      const other = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      for (const [username, agencyId, role] of [['pd.clerk', own, 'clerk'], ['pd.head', own, 'head'], ['pd.reviewer', own, 'reviewer'], ['pd.admin', own, 'admin'], ['pd.other-admin', other, 'admin']] as const) {
        const res = await admin.request('POST', '/api/v1/users', { username, displayName: `用户${username}`, agencyId, roles: [role] });
        assert.equal(res.statusCode, 201, res.body);
        staff.set(username, await loginClient(t.app, username, res.json().oneTimePassword));
      }
      const intake = async (applicant: object, description: string) => {
        const res = await admin.request('POST', '/api/v1/requests', { agencyId: own, channel: 'inPerson', submittedDate: '2026-11-26', applicant, description, requestedForm: 'paper', delivery: 'pickup' });
        assert.equal(res.statusCode, 201, res.body);
        return res.json().id as number;
      };
      requestId = await intake(person, '2025年低保资金发放明细');
      orgRequestId = await intake({ type: 'commercial', name: '平安建材有限公司', idType: 'credit_code', idNumber: '91340100MA2N0X1234', phone: '13900001111', contactPerson: '李四' }, '建材采购公告');
    });
    after(async () => t.close());

    const as = (who: string): Client => staff.get(who)!;
    const reads = async (id = requestId): Promise<Read[]> => {
      const res = await as('pd.admin').request('GET', `/api/v1/requests/${id}/personal-data-access?pageSize=200`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as Read[];
    };
    const count = async (): Promise<number> =>
      Number((await t.handle.db.selectFrom('personal_data_access').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('shows a handler the applicant in full and records the detail read', async () => {
      const before = await count();
      const res = await as('pd.clerk').request('GET', `/api/v1/requests/${requestId}`);
      assert.equal(res.statusCode, 200, res.body);
      const detail = res.json();
      assert.deepEqual(detail.applicant, { type: 'natural_person', name: '张三丰', idType: 'resident_id', idNumber: ID, phone: PHONE, email: EMAIL, address: ADDRESS, contactPerson: null });
      assert.equal(detail.applicantName, '张三丰');
      assert.equal(detail.personalData, 'full');
      assert.equal(detail.mayListPersonalDataReads, false, 'a clerk does not list the reads');
      assert.equal(await count(), before + 1);
      const [latest] = await reads();
      assert.equal(latest!.via, 'request.detail');
      assert.equal(latest!.viaLabel, '申请详情页');
      assert.equal(latest!.username, 'pd.clerk');
      assert.equal(latest!.userName, '用户pd.clerk');
      assert.deepEqual(latest!.fields, ['name', 'idNumber', 'phone', 'email', 'address']);
      assert.deepEqual(latest!.fieldLabels, ['姓名', '证件号码', '联系电话', '电子邮箱', '通讯地址']);
      assert.equal((await as('pd.admin').request('GET', `/api/v1/requests/${requestId}`)).json().mayListPersonalDataReads, true);
    });

    it('shows a reviewer masked values only, records nothing and refuses the notices', async () => {
      const before = await count();
      const res = await as('pd.reviewer').request('GET', `/api/v1/requests/${requestId}`);
      assert.equal(res.statusCode, 200, res.body);
      const detail = res.json();
      assert.equal(detail.personalData, 'masked');
      assert.equal(detail.applicantName, '张*丰');
      assert.equal(detail.applicant.name, '张*丰');
      assert.equal(detail.applicant.idNumber, '110105********002X');
      assert.equal(detail.applicant.phone, '138****8000');
      assert.ok(!detail.applicant.email.includes('zhangsanfeng@'), detail.applicant.email);
      assert.equal(detail.applicant.address, '北京市朝阳***********', 'only the leading third of an address is kept');
      for (const secret of ['张三丰', ID, PHONE, EMAIL, '建国路', '88号']) assert.ok(!res.body.includes(secret), `the reviewer's detail holds no ${secret}`);
      for (const format of ['html', 'docx']) {
        const notice = await as('pd.reviewer').request('GET', `/api/v1/requests/${requestId}/notices/acknowledgement?format=${format}`);
        assert.deepEqual([notice.statusCode, notice.json().error.code], [403, 'FORBIDDEN']);
        assert.match(notice.json().error.message, /管理员|信息员|负责人/);
      }
      assert.equal(await count(), before, 'masked reads and refused notices leave no access record');
      const org = (await as('pd.reviewer').request('GET', `/api/v1/requests/${orgRequestId}`)).json();
      assert.equal(org.applicant.name, '平安建材有限公司', 'an organisation’s name is no personal data');
      assert.equal(org.applicant.idNumber, '91340100MA2N0X1234', 'nor its credit code');
      assert.equal(org.applicant.contactPerson, '李*');
      assert.equal(org.applicant.phone, '139****1111');
    });

    it('records each notice a handler issues, in each format, with the notice named', async () => {
      for (const [who, format] of [['pd.head', 'html'], ['pd.clerk', 'docx']] as const) {
        const before = await count();
        const res = await as(who).request('GET', `/api/v1/requests/${requestId}/notices/acknowledgement?format=${format}`);
        assert.equal(res.statusCode, 200, res.body.slice(0, 300));
        if (format === 'html') assert.ok(res.body.includes('张三丰'), 'the notice names the applicant');
        assert.equal(await count(), before + 1);
        const [latest] = await reads();
        assert.deepEqual(
          { via: latest!.via, viaLabel: latest!.viaLabel, noticeKind: latest!.noticeKind, fields: latest!.fields, username: latest!.username },
          { via: `request.notice.${format}`, viaLabel: `${format === 'html' ? '打印文书' : '下载文书（DOCX）'}：受理回执`, noticeKind: 'acknowledgement', fields: ['name'], username: who },
        );
      }
      // A consultation letter is addressed to the third party and does not name the applicant.
      const started = await as('pd.clerk').request('POST', `/api/v1/requests/${requestId}/events`, { type: 'consultationStarted', date: '2026-11-26', kind: 'thirdParty', party: '平安建材有限公司' });
      assert.equal(started.statusCode, 200, started.body);
      assert.equal((await reads())[0]!.via, 'request.detail', 'the detail returned after recording a step is a read too');
      const before = await count();
      const letter = await as('pd.clerk').request('GET', `/api/v1/requests/${requestId}/notices/consultation?format=html`);
      assert.equal(letter.statusCode, 200, letter.body.slice(0, 300));
      assert.ok(!letter.body.includes('张三丰'));
      assert.equal(await count(), before, 'no personal data, no record');
    });

    it('records what an organisation’s request holds of a person', async () => {
      await as('pd.clerk').request('GET', `/api/v1/requests/${orgRequestId}`);
      const [latest] = await reads(orgRequestId);
      assert.deepEqual(latest!.fields, ['phone', 'contactPerson']);
    });

    it('lets the list search match full names only for those who see them', async () => {
      const search = async (who: string, q: string) =>
        (await as(who).request('GET', `/api/v1/requests?agencyId=${own}&q=${encodeURIComponent(q)}`)).json() as { total: number; items: { id: number; applicantName: string }[] };
      const byReviewer = await search('pd.reviewer', '张三丰');
      assert.equal(byReviewer.total, 0, 'a masked reader cannot confirm 张*丰 is 张三丰');
      assert.equal((await search('pd.reviewer', '三丰')).total, 0);
      assert.deepEqual((await search('pd.reviewer', '低保资金')).items.map((r) => r.id), [requestId], 'the description still matches');
      for (const who of ['pd.clerk', 'pd.admin']) {
        const found = await search(who, '张三丰');
        assert.deepEqual(found.items.map((r) => [r.id, r.applicantName]), [[requestId, '张*丰']], 'a handler finds it; the list stays masked');
      }
      for (const q of [ID, PHONE]) assert.equal((await search('pd.clerk', q)).total, 0, 'the list search never matches identifiers');
    });

    it('lists the reads to an agency admin only, newest first, and writes nothing while listing', async () => {
      const list = await as('pd.admin').request('GET', `/api/v1/requests/${requestId}/personal-data-access`);
      assert.equal(list.statusCode, 200, list.body);
      const { total, items } = list.json() as { total: number; items: (Read & { id: number; at: string })[] };
      assert.equal(total, items.length);
      assert.ok(items.length >= 5);
      assert.deepEqual(items.map((r) => r.id), [...items.map((r) => r.id)].sort((a, b) => b - a), 'newest first');
      assert.ok(!items.some((r) => r.username === 'pd.reviewer'), 'the reviewer read nothing personal');
      assert.ok(!list.body.includes('张三丰') && !list.body.includes(ID), 'the records name fields, not values');
      const before = await count();
      const page = (await as('pd.admin').request('GET', `/api/v1/requests/${requestId}/personal-data-access?page=2&pageSize=2`)).json();
      assert.deepEqual(page.items.map((r: { id: number }) => r.id), items.slice(2, 4).map((r) => r.id));
      assert.equal(await count(), before);

      for (const who of ['pd.clerk', 'pd.head', 'pd.reviewer', 'pd.other-admin']) {
        const refused = await as(who).request('GET', `/api/v1/requests/${requestId}/personal-data-access`);
        assert.deepEqual([refused.statusCode, refused.json().error.code], [403, 'FORBIDDEN'], who);
      }
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/requests/${requestId}/personal-data-access` })).statusCode, 401);
      const bad = await as('pd.admin').request('GET', `/api/v1/requests/${requestId}/personal-data-access?pageSize=1000`);
      assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'VALIDATION_FAILED']);
      assert.match(bad.json().error.message, /不合法/);
      const missing = await as('pd.admin').request('GET', '/api/v1/requests/999999/personal-data-access');
      assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'NOT_FOUND']);
    });

    it('keeps the records append-only', async () => {
      await assert.rejects(t.handle.db.updateTable('personal_data_access').set({ user_id: null }).execute(), /append-only/);
      await assert.rejects(t.handle.db.deleteFrom('personal_data_access').execute(), /append-only/);
      assert.ok((await count()) > 0);
    });
  });
}
