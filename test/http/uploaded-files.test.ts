import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import QRCode from 'qrcode';
import { checkStoredFiles } from '../../src/services/file-check.ts';

/** A real PNG (attachments are recognised by content) of some size. */
const png = (text: string): Promise<Buffer> => QRCode.toBuffer(text, { type: 'png', scale: 12 });

const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

for (const dialect of DIALECTS) {
  describe(`uploaded files on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
    });
    after(async () => t.close());

    const newDraft = async (title: string): Promise<number> => {
      const res = await admin.request('POST', '/api/v1/documents', { agencyId: 1, title, bodyHtml: '<p>见附件</p>', categoryCode: 'art20-11', writtenAt: '2025-03-01' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id;
    };
    const upload = (docId: number, name: string, data: Buffer) =>
      t.app.inject({ method: 'POST', url: `/api/v1/documents/${docId}/attachments?name=${encodeURIComponent(name)}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' }, payload: data });
    const publish = async (docId: number) => {
      for (const step of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
        const res = await admin.request('POST', `/api/v1/documents/${docId}/transitions`, step);
        assert.equal(res.statusCode, 200, res.body);
      }
    };

    it('a file truncated under its hash is reported, never served, and repaired by uploading the same bytes again', async () => {
      const data = await png('https://gk.example.gov.cn/org/changping/documents/1');
      const first = await newDraft('低保名单公示');
      const up = await upload(first, '名单.png', data);
      assert.equal(up.statusCode, 201, up.body);
      await publish(first);
      const attachmentId = up.json().id;
      const download = () => t.app.inject({ method: 'GET', url: `/org/changping/documents/${first}/attachments/${attachmentId}` });
      assert.deepEqual((await download()).rawPayload, data);

      const key = (await t.handle.db.selectFrom('document_attachments').select('storage_key').where('id', '=', attachmentId).executeTakeFirstOrThrow()).storage_key;
      const stored = path.join(t.deps.files.root, key.slice(0, 2), key);
      truncateSync(stored, 100); // what a crash during a non-atomic write left
      const check = await checkStoredFiles(t.deps);
      assert.deepEqual(check.sweep.damaged.map((d) => d.key), [key]);
      const broken = await download();
      assert.equal(broken.statusCode, 500, 'a damaged file is an error, not a short download');
      assert.notEqual(broken.rawPayload.length, 100);

      const second = await newDraft('低保名单公示（更正）');
      assert.equal((await upload(second, '名单.png', data)).statusCode, 201);
      assert.deepEqual((await download()).rawPayload, data, 'the re-upload repaired the shared file');
      assert.deepEqual((await checkStoredFiles(t.deps)).sweep.damaged, []);
    });

    it('an attachment whose file is gone is reported as missing', async () => {
      const doc = await newDraft('缺失文件测试');
      const up = await upload(doc, '说明.png', await png('此文件将被删除'));
      assert.equal(up.statusCode, 201, up.body);
      const key = (await t.handle.db.selectFrom('document_attachments').select('storage_key').where('id', '=', up.json().id).executeTakeFirstOrThrow()).storage_key;
      rmSync(path.join(t.deps.files.root, key.slice(0, 2), key));
      const check = await checkStoredFiles(t.deps);
      assert.deepEqual(check.missing, [{ key, attachments: [{ id: up.json().id, documentId: doc, name: '说明.png' }] }]);
    });
  });
}
