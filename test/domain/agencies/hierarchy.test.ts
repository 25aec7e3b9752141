import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ancestorsOf, creditCodeProblem, placementProblem, subtreeOf, type AgencyNode } from '../../../src/domain/agencies/hierarchy.ts';

const province: AgencyNode = { id: 1, name: '安徽省', level: 'province', parentId: null };
const city: AgencyNode = { id: 2, name: '宣城市', level: 'city', parentId: 1 };
const county: AgencyNode = { id: 3, name: '平安县', level: 'county', parentId: 2 };
const township: AgencyNode = { id: 4, name: '常平乡', level: 'township', parentId: 3 };
const department: AgencyNode = { id: 5, name: '平安县民政局', level: 'department', parentId: 3 };
const nodes = [province, city, county, township, department];
const byId = new Map(nodes.map((n) => [n.id, n]));

describe('the agency hierarchy', () => {
  it('accepts the tree of 省 → 市 → 县 → 乡镇 with departments at any government level', () => {
    assert.equal(placementProblem({ name: '宣城市', level: 'city' }, province), null);
    assert.equal(placementProblem({ name: '平安县', level: 'county' }, city), null);
    assert.equal(placementProblem({ name: '直管县', level: 'county' }, province), null, '省直管县');
    assert.equal(placementProblem({ name: '常平乡', level: 'township' }, county), null);
    for (const gov of [province, city, county, township]) assert.equal(placementProblem({ name: '某部门', level: 'department' }, gov), null);
    for (const level of ['province', 'city', 'county', 'township'] as const) assert.equal(placementProblem({ name: '某地', level }, null), null, `${level} may be a platform's root`);
  });

  it('refuses invalid trees with a Chinese reason', () => {
    assert.match(placementProblem({ name: '某县', level: 'county' }, township)!, /县（区）不能隶属于乡镇（街道）“常平乡”/);
    assert.match(placementProblem({ name: '某乡', level: 'township' }, province)!, /须隶属于县（区），不能直接隶属于省/);
    assert.match(placementProblem({ name: '某乡', level: 'township' }, city)!, /须隶属于县（区）/);
    assert.match(placementProblem({ name: '某科', level: 'department' }, department)!, /是部门，其下不能设立部门/);
    assert.match(placementProblem({ name: '某部门', level: 'department' }, null)!, /须隶属于一级人民政府/);
    assert.match(placementProblem({ name: '某省', level: 'province' }, city)!, /省不能隶属于市/);
  });

  it('refuses a move that would make a cycle', () => {
    assert.match(placementProblem({ id: 3, name: '平安县', level: 'county' }, county)!, /循环/);
    const anotherCounty: AgencyNode = { id: 6, name: '乙县', level: 'county', parentId: 3 };
    const map = new Map([...byId, [6, anotherCounty]]);
    assert.match(placementProblem({ id: 3, name: '平安县', level: 'county' }, anotherCounty, ancestorsOf(6, map))!, /循环/);
  });

  it('walks up and down the tree, and stops on a cycle in stored data', () => {
    assert.deepEqual(ancestorsOf(4, byId).map((n) => n.id), [3, 2, 1]);
    assert.deepEqual(subtreeOf(3, nodes).sort(), [3, 4, 5]);
    const cyclic = new Map<number, AgencyNode>([[7, { id: 7, name: '甲', level: 'county', parentId: 8 }], [8, { id: 8, name: '乙', level: 'county', parentId: 7 }]]);
    assert.deepEqual(ancestorsOf(7, cyclic).map((n) => n.id), [8]);
  });

  it('checks the 统一社会信用代码 (GB 32100-2015)', () => {
    assert.equal(creditCodeProblem('91350100M000100Y43'), null);
    assert.equal(creditCodeProblem('11341100MB1234567Y'), null);
    assert.match(creditCodeProblem('11341100MB1234567X')!, /校验位不符/);
    assert.match(creditCodeProblem('1134110')!, /应为 18 位/);
    assert.match(creditCodeProblem('11341100MB123456IO')!, /不含 I、O/);
  });
});
