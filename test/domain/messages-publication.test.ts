import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../src/domain/calendar/index.ts';
import {
  maskWriterName,
  maskedForPublication,
  messageStatistics,
  petitionNotice,
  publicationHits,
  publicationRefusal,
  replayMessage,
  transferRefusal,
  type MessageEvent,
} from '../../src/domain/messages/index.ts';

const calendar = officialCalendar();

describe('转办 inside the agency hierarchy', () => {
  // 1 county; 2 township and 3 department under it; 4 a village under 2; 9 another county.
  const tree = [
    { id: 1, parent_id: null },
    { id: 2, parent_id: 1 },
    { id: 3, parent_id: 1 },
    { id: 4, parent_id: 2 },
    { id: 9, parent_id: null },
  ];
  it('allows up, down and beside under the same parent', () => {
    for (const [from, to] of [[2, 1], [4, 1], [1, 2], [1, 4], [2, 3], [3, 2], [2, 4]] as const) assert.equal(transferRefusal(tree, from, to), null, `${from}→${to}`);
  });
  it('refuses another tree, itself, an unknown agency, and cousins', () => {
    assert.match(transferRefusal(tree, 2, 9)!, /只能转办给本机关的上级机关、下级机关或同一上级下的机关/);
    assert.match(transferRefusal(tree, 4, 3)!, /只能转办/, 'a village to the county department: not its parent, child or sibling');
    assert.equal(transferRefusal(tree, 2, 2), '不能转办给本机关');
    assert.equal(transferRefusal(tree, 2, 77), '承办机关不存在');
    assert.match(transferRefusal(tree, 9, 1)!, /只能转办/, 'two top-level agencies are not siblings');
  });
});

describe('what the public sees of a reply', () => {
  it('masks the writer as the surname and stars', () => {
    assert.deepEqual(['张三丰', '李四', '欧阳明月', '王'].map(maskWriterName), ['张**', '李*', '欧***', '王*']);
  });

  const texts = { title: '咨询低保', body: '我的电话 13811112222，身份证 11010519491231002X', reply: '请到便民服务中心办理。' };
  it('blocks publication until every leak-scan hit is resolved, and masks those resolved by masking', () => {
    const hits = publicationHits(texts);
    assert.deepEqual(hits.map((h) => [h.field, h.kind, h.resolved]), [['body', 'mobile', false], ['body', 'id_number', false]]);
    assert.match(publicationRefusal(texts)!, /2 处问题：留言内容中的疑似手机号码；留言内容中的/);
    const [phone, id] = hits.map((h) => ({ field: h.field, start: h.start, end: h.end }));
    assert.match(publicationRefusal(texts, [{ ...phone!, action: 'mask' }, { ...id!, action: 'keep', reason: ' ' }])!, /1 处问题/, 'keeping needs a reason');
    const resolutions = [{ ...phone!, action: 'mask' as const }, { ...id!, action: 'mask' as const }];
    assert.equal(publicationRefusal(texts, resolutions), null);
    assert.equal(maskedForPublication(texts, resolutions).body, '我的电话 138****2222，身份证 110105********002X');
    assert.equal(maskedForPublication(texts, [{ ...phone!, action: 'keep', reason: '本人同意' }]).body, texts.body, 'kept as written');
    assert.equal(publicationRefusal({ ...texts, body: '无' }), null, 'nothing to resolve');
  });

  it('records a conversion only for a message refused as 属依申请公开, once', () => {
    const received: MessageEvent = { type: 'received', date: '2026-06-22', kind: 'consultation', channel: 'online', limitWorkingDays: 5, consentToPublish: true };
    const converted: MessageEvent = { type: 'convertedToRequest', date: '2026-06-23', requestId: 7, requestQueryCode: 'ABCD-EFGH-JKLM' };
    const ok = replayMessage([received, { type: 'rejected', date: '2026-06-23', reason: 'disclosureRequest' }, converted], calendar);
    assert.ok(ok.ok && ok.value.convertedRequest?.requestId === 7);
    const twice = replayMessage([received, { type: 'rejected', date: '2026-06-23', reason: 'disclosureRequest' }, converted, converted], calendar);
    assert.deepEqual(twice.ok ? [] : twice.errors, ['第 4 个事件：该留言已转为依申请公开申请']);
    const duplicate = replayMessage([received, { type: 'rejected', date: '2026-06-23', reason: 'duplicate' }, converted], calendar);
    assert.equal(duplicate.ok, false);
    assert.match(petitionNotice('常平乡'), /属于信访事项.*常平乡已记录您的留言/);
  });
});

describe('the published statistics', () => {
  it('counts receipts by receipt date and replies, timeliness and ratings by reply date', () => {
    const s = messageStatistics(
      [
        // Received in December 2025, answered in January 2026 (across 元旦), late, rated 不满意.
        { receivedDate: '2025-12-29', replyDate: '2026-01-09', repliedOnTime: false, effectiveRating: 'dissatisfied' },
        { receivedDate: '2026-01-05', replyDate: '2026-01-07', repliedOnTime: true, effectiveRating: 'satisfied' },
        { receivedDate: '2026-01-20', replyDate: '2026-02-03', repliedOnTime: true, effectiveRating: null },
        { receivedDate: '2026-01-26', replyDate: null, repliedOnTime: null, effectiveRating: null },
      ],
      calendar,
      2026,
    );
    const jan = s.months[0]!;
    // 12-30, 12-31, (01-01..03 元旦), 01-04 (a make-up working Sunday), 01-05..01-09: 8 working days; and 2.
    assert.deepEqual([jan.received, jan.replied, jan.onTime, jan.averageWorkingDays, jan.satisfied, jan.dissatisfied, jan.awaitingRating, jan.satisfactionRate], [3, 2, 1, 5, 1, 1, 0, 50]);
    assert.deepEqual([s.months[1]!.replied, s.months[1]!.awaitingRating, s.months[1]!.satisfactionRate], [1, 1, null]);
    assert.deepEqual([s.year.period, s.year.received, s.year.replied, s.year.onTime], ['2026', 3, 3, 2]);
    assert.equal(messageStatistics([], calendar, 2026).year.averageWorkingDays, null);
  });
});
