import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agencyDirectory, searchFilterOf, searchScopeProblem } from '../../../src/domain/agencies/directory.ts';
import type { AgencyNode } from '../../../src/domain/agencies/hierarchy.ts';

const province: AgencyNode = { id: 1, name: '安徽省', level: 'province', parentId: null };
const provinceDept: AgencyNode = { id: 2, name: '省民政厅', level: 'department', parentId: 1 };
const city: AgencyNode = { id: 3, name: '宣城市', level: 'city', parentId: 1 };
const direct: AgencyNode = { id: 4, name: '直管县', level: 'county', parentId: 1 };
const county: AgencyNode = { id: 5, name: '平安县', level: 'county', parentId: 3 };
const countyDept: AgencyNode = { id: 6, name: '平安县民政局', level: 'department', parentId: 5 };
const township: AgencyNode = { id: 7, name: '常平乡', level: 'township', parentId: 5 };
const nodes = [province, provinceDept, city, direct, county, countyDept, township];
const names = (list: readonly AgencyNode[]) => list.map((n) => n.name);

describe('the directory of a platform', () => {
  it('groups the governments below an agency by level, each with its departments, its own departments apart', () => {
    const d = agencyDirectory(nodes, province.id);
    assert.deepEqual(names(d.departments), ['省民政厅']);
    assert.deepEqual(
      d.levels.map((l) => [l.label, l.governments.map((g) => [g.agency.name, names(g.departments)])]),
      [
        ['市', [['宣城市', []]]],
        ['县（区）', [['直管县', []], ['平安县', ['平安县民政局']]]],
        ['乡镇（街道）', [['常平乡', []]]],
      ],
    );
    const below = agencyDirectory(nodes, county.id);
    assert.deepEqual(names(below.departments), ['平安县民政局']);
    assert.deepEqual(below.levels.map((l) => [l.level, names(l.governments.map((g) => g.agency))]), [['township', ['常平乡']]]);
    assert.deepEqual(agencyDirectory(nodes, township.id), { departments: [], levels: [] });
  });

  it('lists every agency, tops included, when it starts at no agency', () => {
    const other: AgencyNode = { id: 8, name: '邻县', level: 'county', parentId: null };
    const d = agencyDirectory([...nodes, other], null);
    assert.deepEqual(d.levels.map((l) => l.label), ['省', '市', '县（区）', '乡镇（街道）']);
    assert.deepEqual(names(d.levels[2]!.governments.map((g) => g.agency)), ['直管县', '平安县', '邻县']);
    assert.deepEqual(names(d.levels[0]!.governments[0]!.departments), ['省民政厅']);
    assert.deepEqual(d.departments, []);
  });
});

describe('the reach of a site search', () => {
  it('is the agency, its subtree token, or no filter for the sole top of the platform', () => {
    assert.deepEqual(searchFilterOf(nodes, county.id, 'agency'), { agencyId: county.id });
    assert.deepEqual(searchFilterOf(nodes, county.id, 'subtree'), { subtreeOf: county.id });
    // A leaf still searches by its subtree token: the list may be older than its first child.
    assert.deepEqual(searchFilterOf(nodes, township.id, 'subtree'), { subtreeOf: township.id });
    assert.deepEqual(searchFilterOf(nodes, province.id, 'subtree'), {});
    const other: AgencyNode = { id: 8, name: '邻县', level: 'county', parentId: null };
    assert.deepEqual(searchFilterOf([...nodes, other], province.id, 'subtree'), { subtreeOf: province.id });
  });

  it('names a bad scope in Chinese', () => {
    assert.equal(searchScopeProblem('subtree'), null);
    assert.equal(searchScopeProblem('agency'), null);
    assert.match(searchScopeProblem('all')!, /搜索范围“all”无效/);
    assert.match(searchScopeProblem('toString')!, /无效/);
  });
});
