import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { art20Items, formatIndexNo, nextStatus, validateIndexScheme, DEFAULT_INDEX_SCHEME } from '../../../src/domain/documents/catalogue.ts';

describe('document workflow', () => {
  const clerk = ['clerk'] as const;
  const reviewer = ['reviewer'] as const;
  const head = ['head'] as const;
  it('goes draft → submitted → reviewed → approved → published, each step by its role', () => {
    assert.deepEqual(nextStatus({ status: 'draft', unresolvedHits: 0, roles: clerk }, 'submit'), { ok: true, status: 'submitted' });
    assert.deepEqual(nextStatus({ status: 'submitted', unresolvedHits: 0, roles: reviewer }, 'review'), { ok: true, status: 'reviewed' });
    assert.deepEqual(nextStatus({ status: 'reviewed', unresolvedHits: 0, roles: head }, 'approve'), { ok: true, status: 'approved' });
    assert.deepEqual(nextStatus({ status: 'approved', unresolvedHits: 0, roles: clerk }, 'publish'), { ok: true, status: 'published' });
    assert.deepEqual(nextStatus({ status: 'approved', unresolvedHits: 0, roles: clerk }, 'schedule'), { ok: true, status: 'scheduled' });
    assert.deepEqual(nextStatus({ status: 'published', unresolvedHits: 0, roles: head }, 'withdraw'), { ok: true, status: 'withdrawn' });
  });
  it('refuses skipped steps, wrong roles and unresolved scan hits', () => {
    const refused = (r: ReturnType<typeof nextStatus>) => (r.ok ? '' : r.reason);
    assert.match(refused(nextStatus({ status: 'draft', unresolvedHits: 0, roles: clerk }, 'publish')), /保密审查/);
    assert.match(refused(nextStatus({ status: 'submitted', unresolvedHits: 0, roles: clerk }, 'review')), /审核人/);
    assert.match(refused(nextStatus({ status: 'submitted', unresolvedHits: 2, roles: reviewer }, 'review')), /2 处/);
    assert.match(refused(nextStatus({ status: 'reviewed', unresolvedHits: 0, roles: reviewer }, 'approve')), /负责人/);
    assert.match(refused(nextStatus({ status: 'approved', unresolvedHits: 1, roles: head }, 'publish')), /未处理/);
    assert.match(refused(nextStatus({ status: 'draft', unresolvedHits: 0, roles: head }, 'withdraw')), /已发布/);
  });
});

describe('index numbers', () => {
  it('formats the configured scheme', () => {
    assert.equal(formatIndexNo(DEFAULT_INDEX_SCHEME, { agency: 'changping', year: 2025, seq: 12 }), 'changping/2025-00012');
    assert.equal(formatIndexNo('11340000MB01/{category}-{year}-{seq:4}', { agency: 'x', year: 2025, seq: 3, category: 'art20-11' }), '11340000MB01/art20-11-2025-0003');
    assert.equal(validateIndexScheme('{agency}-{year}'), '索引号规则须包含序号 {seq}，以保证唯一');
    assert.match(validateIndexScheme('{agency}-{seq}-{foo}')!, /\{foo\}/);
    assert.equal(validateIndexScheme('{agency}-{seq:6}'), null);
  });
  it('lists the fifteen Art. 20 items', () => {
    assert.equal(art20Items.length, 15);
    assert.deepEqual(art20Items.map((i) => i.item), Array.from({ length: 15 }, (_, i) => i + 1));
  });
});
