import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditActionLabel, auditChanges, auditEntityLabel } from '../../src/capabilities/agencies/audit-labels.ts';
import { documentActionLabels } from '../../src/domain/documents/workflow.ts';
import { eventTypeLabels } from '../../src/capabilities/requests/contract.ts';
import { messageEventLabels } from '../../src/capabilities/messages/contract.ts';

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : f.endsWith('.ts') ? [path.join(dir, f)] : []));
const source = files('src').map((f) => readFileSync(f, 'utf8')).join('\n');

// Issue 18 item 9: the audit log shows Chinese action names, never raw codes.
describe('audit log labels', () => {
  it('names every action code the code base writes, in Chinese', () => {
    const written = new Set([...source.matchAll(/action: '([a-z0-9-]+\.[a-z0-9-]+)'/g)].map((m) => m[1]!));
    for (const a of Object.keys(documentActionLabels)) written.add(`document.${a}`);
    for (const e of Object.keys(eventTypeLabels)) written.add(`request.${e}`);
    for (const e of Object.keys(messageEventLabels)) written.add(`message.${e}`);
    assert.ok(written.size > 30, `found ${written.size} action codes`);
    for (const code of written) {
      const label = auditActionLabel(code);
      assert.doesNotMatch(label, /[a-z]/i, `${code} → ${label}`);
      assert.doesNotMatch(label, /操作$/, `${code} has its own name, not the fallback (${label})`);
    }
    assert.equal(auditActionLabel('document.publish'), '文件：立即发布');
    assert.equal(auditActionLabel('request.replied'), '申请：作出答复');
    assert.equal(auditActionLabel('something.new'), '其他操作');
  });

  it('names the record kinds and the changed fields, and counts the rest without their codes', () => {
    for (const entity of new Set([...source.matchAll(/entity: '([a-z_]+)'/g)].map((m) => m[1]!))) assert.notEqual(auditEntityLabel(entity), '其他记录', entity);
    const { changes, otherChanges } = auditChanges(
      { title: '旧标题', status: 'draft', body_text: 'x', updated_at: '2026-01-01', secret_col: 1 },
      { title: '新标题', status: 'draft', body_text: 'y', updated_at: '2026-01-02', secret_col: 2 },
    );
    assert.deepEqual(changes, [{ field: '标题', before: '旧标题', after: '新标题' }]);
    assert.equal(otherChanges, 2, 'body_text and secret_col, not the bookkeeping time');
    assert.deepEqual(auditChanges(null, { roles: ['clerk', 'head'], doc_no: null }).changes, [{ field: '角色', before: null, after: '信息员、负责人' }]);
    assert.deepEqual(auditChanges({ body_html: '<p>一二</p>', doc_no: null }, { body_html: '<p>一二三😀</p>' }).changes, [{ field: '正文', before: '（2 字）', after: '（4 字）' }]);
    assert.deepEqual(auditChanges({ published_at: null }, { published_at: '2026-05-08T02:00:00.000Z' }).changes, [{ field: '发布时间', before: '（空）', after: '2026-05-08 10:00' }]);
    assert.deepEqual(auditChanges({ status: 'draft' }, { status: 'published' }).changes, [{ field: '状态', before: '草稿', after: '已发布' }]);
  });
});
