import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/**
 * The demo county (平安县) with 常平乡, 平安县民政局 and two more townships under it: what a clerk
 * of one township and a county admin (本机关及下级) may reach, and the hierarchy's rules.
 */
for (const dialect of DIALECTS) {
  describe(`the agency hierarchy on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    const ids: Record<string, number> = {};

    const userWith = async (username: string, agencyId: number, role: string, scope: 'agency' | 'subtree' = 'agency') => {
      const created = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId, roles: [role] });
      assert.equal(created.statusCode, 201, created.body);
      if (scope === 'subtree') assert.equal((await operator.request('PUT', `/api/v1/users/${created.json().user.id}/roles`, { agencyId, roles: [role], scope })).statusCode, 200);
      return loginClient(t.app, username, created.json().oneTimePassword);
    };

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
    });
    after(async () => t.close());

    const readsOf = (agencyId: number) => [
      `/api/v1/documents?agencyId=${agencyId}`,
      `/api/v1/requests?agencyId=${agencyId}`,
      `/api/v1/agencies/${agencyId}/notice-settings`,
      `/api/v1/art20-statistics?agencyId=${agencyId}&year=2025`,
      `/api/v1/reports/2025?agencyId=${agencyId}`,
      `/api/v1/appeals?agencyId=${agencyId}`,
      `/api/v1/categories?agencyId=${agencyId}`,
    ];

    it('seeds the demo county with its townships and department', async () => {
      const managed = (await operator.request('GET', '/api/v1/agencies/managed')).json().items as { code: string; parentId: number | null; fullName: string; level: string }[];
      const county = managed.find((a) => a.code === 'pingan')!;
      assert.deepEqual({ fullName: county.fullName, level: county.level, parentId: county.parentId }, { fullName: '平安县人民政府', level: 'county', parentId: null });
      assert.deepEqual(managed.filter((a) => a.parentId === ids.pingan).map((a) => a.code).sort(), ['changping', 'liuhe', 'pingan-mzj', 'qingshi']);
    });

    it('keeps a clerk of 常平乡 out of 平安县民政局 and the county', async () => {
      const clerk = await userWith('cp.clerk.only', ids.changping!, 'clerk');
      for (const url of readsOf(ids.changping!)) assert.equal((await clerk.request('GET', url)).statusCode, 200, url);
      for (const agencyId of [ids['pingan-mzj']!, ids.pingan!]) {
        for (const url of readsOf(agencyId)) {
          const res = await clerk.request('GET', url);
          assert.deepEqual([res.statusCode, res.json().error.code], [403, 'FORBIDDEN'], url);
        }
        assert.equal((await clerk.request('PUT', `/api/v1/agencies/${agencyId}/notice-settings`, { phone: '1' })).statusCode, 403);
        assert.equal((await clerk.request('PATCH', `/api/v1/agencies/${agencyId}`, { fullName: '改名' })).statusCode, 403);
      }
      const session = (await clerk.request('GET', '/api/v1/auth/session')).json();
      assert.deepEqual(session.agencies.map((a: { code: string }) => a.code), ['changping']);
    });

    it('lets a county admin with 本机关及下级 reach the county, 常平乡 and 平安县民政局', async () => {
      const countyAdmin = await userWith('county.admin', ids.pingan!, 'admin', 'subtree');
      for (const agencyId of [ids.pingan!, ids.changping!, ids['pingan-mzj']!]) {
        for (const url of readsOf(agencyId)) assert.equal((await countyAdmin.request('GET', url)).statusCode, 200, url);
        assert.equal((await countyAdmin.request('GET', `/api/v1/users?agencyId=${agencyId}`)).statusCode, 200);
      }
      const session = (await countyAdmin.request('GET', '/api/v1/auth/session')).json();
      assert.deepEqual(session.agencies.map((a: { code: string }) => a.code).sort(), ['changping', 'liuhe', 'pingan', 'pingan-mzj', 'qingshi']);
      // Its agencies' users are its own; the township admin it creates is managed by it.
      const created = await countyAdmin.request('POST', '/api/v1/users', { username: 'qs.admin', displayName: '青石镇管理员', agencyId: ids.qingshi, roles: ['admin'] });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await countyAdmin.request('POST', `/api/v1/users/${created.json().user.id}/reset-password`)).statusCode, 200);
      // Nothing outside the county.
      const outside = await operator.request('POST', '/api/v1/agencies', { code: 'other-county', name: '邻县', fullName: '邻县人民政府', level: 'county', parentId: null });
      assert.equal(outside.statusCode, 201, outside.body);
      assert.equal((await countyAdmin.request('GET', `/api/v1/documents?agencyId=${outside.json().id}`)).statusCode, 403);
      assert.equal((await countyAdmin.request('POST', '/api/v1/agencies', { code: 'x-dept', name: '某局', level: 'department', parentId: outside.json().id })).statusCode, 403);
    });

    it('refuses invalid trees and cycles, and makes the creator admin of what it creates', async () => {
      const countyUnderTownship = await operator.request('POST', '/api/v1/agencies', { code: 'bad-county', name: '某县', level: 'county', parentId: ids.changping });
      assert.deepEqual([countyUnderTownship.statusCode, countyUnderTownship.json().error.code], [409, 'INVALID_AGENCY_TREE']);
      assert.match(countyUnderTownship.json().error.message, /县（区）不能隶属于乡镇（街道）“常平乡”/);
      const township = await operator.request('POST', '/api/v1/agencies', { code: 'bad-town', name: '某乡', level: 'township', parentId: null });
      assert.equal(township.statusCode, 201, 'a township may be a platform of its own');
      const move = await operator.request('PATCH', `/api/v1/agencies/${ids.qingshi}`, { parentId: ids.changping });
      assert.deepEqual([move.statusCode, move.json().error.code], [409, 'INVALID_AGENCY_TREE']);
      const countyAdmin = await userWith('county.admin2', ids.pingan!, 'admin', 'subtree');
      const dept = await countyAdmin.request('POST', '/api/v1/agencies', { code: 'pingan-jyj', name: '平安县教育局', level: 'department', parentId: ids.pingan, creditCode: '11341100MB1234567Y' });
      assert.equal(dept.statusCode, 201, dept.body);
      const badCredit = await countyAdmin.request('POST', '/api/v1/agencies', { code: 'pingan-x', name: '某局', level: 'department', parentId: ids.pingan, creditCode: '11341100MB1234567X' });
      assert.match(badCredit.json().error.message, /校验位不符/);
      const roles = (await countyAdmin.request('GET', '/api/v1/auth/session')).json().user.roles as { agencyId: number; role: string }[];
      assert.ok(roles.some((r) => r.agencyId === dept.json().id && r.role === 'admin'), 'the creator is admin of the new agency');
      // A cycle: the county moved under its own township.
      const cycle = await operator.request('PATCH', `/api/v1/agencies/${ids.pingan}`, { parentId: ids.changping });
      assert.equal(cycle.statusCode, 409);
      assert.match(cycle.json().error.message, /县（区）不能隶属于乡镇|循环/);
    });

    it('closes an agency without losing its records or pages', async () => {
      const closed = await operator.request('PATCH', `/api/v1/agencies/${ids.liuhe}`, { closed: true });
      assert.equal(closed.json().closed, true);
      assert.equal((await t.app.inject({ method: 'GET', url: '/org/liuhe/' })).statusCode, 200);
      assert.equal((await operator.request('PATCH', `/api/v1/agencies/${ids.liuhe}`, { closed: false })).json().closed, false);
      const audit = (await operator.request('GET', `/api/v1/audit?agencyId=${ids.liuhe}`)).json().items.map((e: { action: string }) => e.action);
      assert.ok(audit.includes('agency.close') && audit.includes('agency.reopen'));
    });
  });
}
