import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NoticeDataError,
  renderNoticeDocx,
  renderNoticeHtml,
  yuanInWords,
  type Notice,
  type ReplyNotice,
} from '../../../src/views/notices/index.ts';
import { acknowledgement, correction, extension, feeNotice, replyFor } from './fixtures.ts';

/** The problems a notice is refused for (fails if it is not refused). */
function problems(notice: Notice): readonly string[] {
  try {
    renderNoticeHtml(notice);
  } catch (e) {
    assert.ok(e instanceof NoticeDataError, String(e));
    return e.problems;
  }
  assert.fail('the notice was rendered');
}

function refusedFor(notice: Notice, ...fragments: string[]): void {
  const list = problems(notice).join('；');
  for (const f of fragments) assert.ok(list.includes(f), `expected “${f}” in: ${list}`);
}

describe('remedies are never printed blank', () => {
  const reply = replyFor('withheld.internal_affairs');

  it('both missing: one error names both fields, in both formats', async () => {
    const n: ReplyNotice = { ...reply, remedies: {} };
    assert.throws(
      () => renderNoticeHtml(n),
      (e: unknown) =>
        e instanceof NoticeDataError &&
        e.message.includes('缺少行政复议机关名称') &&
        e.message.includes('缺少人民法院名称'),
    );
    await assert.rejects(renderNoticeDocx(n), NoticeDataError);
  });

  it('placeholders, blanks and bare punctuation are refused', () => {
    for (const value of ['', '   ', '……', '——', 'XX县人民政府', '某某县人民政府', '待定', '____']) {
      refusedFor(
        { ...reply, remedies: { ...reply.remedies, reconsiderationBody: value } },
        '行政复议机关名称',
      );
    }
    refusedFor({ ...reply, remedies: { ...reply.remedies, court: '××县人民法院' } }, '占位内容');
  });

  it('the court must be named in full', () => {
    refusedFor({ ...reply, remedies: { ...reply.remedies, court: '常平县' } }, '应为法院全称');
    assert.doesNotThrow(() =>
      renderNoticeHtml({ ...reply, remedies: { ...reply.remedies, court: '常平铁路运输法院' } }),
    );
  });
});

describe('other fields a notice cannot go out without', () => {
  it('agency, applicant, dates', () => {
    refusedFor(
      {
        ...acknowledgement,
        agency: { ...acknowledgement.agency, name: ' ', officeName: '某某工作机构' },
        request: { ...acknowledgement.request, applicantName: '', receivedDate: '2025-02-30' },
      },
      '缺少发文机关名称',
      '政府信息公开工作机构名称',
      '缺少申请人姓名或者名称',
      '收到申请之日“2025-02-30”无效',
    );
    refusedFor({ ...acknowledgement, issueDate: '2025-01-19' }, '成文日期早于收到申请之日');
    refusedFor({ ...acknowledgement, trackingUrl: '' }, '网上查询办理进度的网址');
  });

  it('补正告知书 needs items and a sound period', () => {
    refusedFor({ ...correction, items: [] }, '缺少需要补正的事项');
    refusedFor({ ...correction, periodWorkingDays: 0 }, '补正期限（工作日数）');
    refusedFor({ ...correction, periodLastDate: '2025-01-21' }, '补正期限届满之日不晚于成文日期');
  });

  it('延期 is at most 20 working days and needs the office head’s approval', () => {
    refusedFor({ ...extension, extensionWorkingDays: 21 }, '延长的工作日数');
    refusedFor({ ...extension, approvedByOfficeHead: false }, '负责人同意');
    refusedFor({ ...extension, newDueDate: '2025-02-20' }, '延长后的答复期限不晚于原答复期限');
  });

  it('收费通知书 needs a positive, consistent amount', () => {
    refusedFor({ ...feeNotice, quote: { ...feeNotice.quote, totalYuan: 0 } }, '信息处理费金额');
    refusedFor({ ...feeNotice, quote: { ...feeNotice.quote, totalYuan: 4800 } }, '不一致');
    refusedFor({ ...feeNotice, paymentMethod: '' }, '缺少缴费方式');
  });

  it('答复书: outcome-specific facts', () => {
    refusedFor(
      { ...replyFor('withheld.third_party_rights'), reasons: undefined },
      '保护第三方合法权益的理由',
    );
    refusedFor({ ...replyFor('disclosed'), provision: undefined }, '提供政府信息的方式');
    refusedFor({ ...replyFor('unable.not_held'), notHeld: undefined }, '具体情形');
    refusedFor(
      {
        ...replyFor('unable.not_held'),
        notHeld: { basis: 'notResponsible' },
        reasons: undefined,
      },
      '理由',
    );
    refusedFor(
      { ...replyFor('not_processed.duplicate'), previousReply: undefined },
      '此前作出答复之日',
    );
    refusedFor(
      { ...replyFor('withheld.administrative_query'), specialRegime: undefined },
      '行政查询事项',
    );
    refusedFor({ ...replyFor('other.fee_not_paid'), feeNotice: undefined }, '收费通知发出之日');
    refusedFor(
      {
        ...replyFor('other.correction_not_supplemented'),
        correction: { noticeDate: '2025-01-22', periodLastDate: '2025-03-01' },
      },
      '补正期限尚未届满',
    );
    refusedFor({ ...replyFor('disclosed'), outcome: 'withheld.unknown' as never }, '答复结果');
  });
});

describe('yuanInWords (大写金额)', () => {
  const table: [number, string][] = [
    [0, '零元整'],
    [10, '壹拾元整'],
    [100, '壹佰元整'],
    [700, '柒佰元整'],
    [1010, '壹仟零壹拾元整'],
    [3000, '叁仟元整'],
    [4700, '肆仟柒佰元整'],
    [10001, '壹万零壹元整'],
    [100000, '壹拾万元整'],
    [100005, '壹拾万零伍元整'],
    [1000500, '壹佰万零伍佰元整'],
    [100050000, '壹亿零伍万元整'],
    [123456789, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整'],
  ];
  for (const [n, words] of table) {
    it(`${n}`, () => assert.equal(yuanInWords(n), words));
  }
  it('rejects fractions and negatives', () => {
    assert.throws(() => yuanInWords(1.5), RangeError);
    assert.throws(() => yuanInWords(-1), RangeError);
  });
});
