import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestDeadlineInput } from '../../../src/domain/deadlines/index.ts';
import { errors, inPerson, ok } from './request-helpers.ts';

describe('plain requests: 补正 notice, reply, extension', () => {
  // [received, 补正 notice due (7), reply due (20), with a 20-day extension (40), why]
  const table: [string, string, string, string, string][] = [
    [
      '2025-01-20',
      '2025-02-05',
      '2025-02-21',
      '2025-03-21',
      '春节 2025; Sun 01-26 and Sat 02-08 count',
    ],
    ['2025-12-22', '2025-12-31', '2026-01-20', '2026-02-24', '元旦 2026; Sun 01-04 counts'],
    [
      '2025-09-26',
      '2025-10-13',
      '2025-10-30',
      '2025-11-27',
      '国庆 2025; Sun 09-28 and Sat 10-11 count',
    ],
    [
      '2026-02-10',
      '2026-02-26',
      '2026-03-16',
      '2026-04-14',
      '春节 2026; Sat 02-14 and 02-28 count',
    ],
    ['2026-02-13', '2026-03-02', '2026-03-19', '2026-04-17', 'Friday before 春节 2026'],
    ['2025-04-30', '2025-05-14', '2025-06-03', '2025-07-01', '劳动节 and 端午 2025'],
  ];
  for (const [received, notice, reply, extended, why] of table) {
    it(`received ${received} → ${notice} / ${reply} / ${extended} (${why})`, () => {
      const d = ok(inPerson(received));
      assert.equal(d.receiptDate, received);
      assert.equal(d.correctionNoticeDue.date, notice);
      assert.equal(d.replyDue.date, reply);
      assert.equal(d.finalReplyDue.date, reply);
      assert.equal(d.extendedReplyDue, undefined);
      assert.equal(d.provisional, false);
      assert.deepEqual(d.warnings, []);
      const e = ok(inPerson(received, { extensions: [{ approved: true, workingDays: 20 }] }));
      assert.equal(e.replyDue.date, reply);
      assert.equal(e.extendedReplyDue?.date, extended);
      assert.equal(e.finalReplyDue.date, extended);
    });
  }

  it('a shorter extension', () => {
    const e = ok(inPerson('2025-01-20', { extensions: [{ approved: true, workingDays: 10 }] }));
    assert.equal(e.extendedReplyDue?.date, '2025-03-07');
    assert.match(
      e.extendedReplyDue!.steps[0]!.detail,
      /延长10个工作日.*原期限2025年2月21日届满后续算，合计30个工作日/,
    );
  });

  it('explains the reply deadline step by step', () => {
    const d = ok(inPerson('2025-01-20'));
    const labels = d.replyDue.steps.map((s) => s.label);
    assert.deepEqual(labels, [
      '依据',
      '收到申请',
      '起算',
      '调休上班计入',
      '节假日不计',
      '调休上班计入',
      '周末不计',
      '届满',
    ]);
    const details = d.replyDue.steps.map((s) => s.detail).join('\n');
    assert.match(details, /条例第三十三条/);
    assert.match(details, /自次日2025年1月21日起计算20个工作日/);
    assert.match(details, /2025年1月26日（星期日）为春节调休上班日，计为工作日/);
    assert.match(details, /春节放假2025年1月28日至2025年2月4日，共8天，不计入/);
    assert.match(details, /第20个工作日为2025年2月21日（星期五）/);
    assert.match(d.correctionNoticeDue.steps[0]!.detail, /7个工作日内一次性告知/);
    assert.ok(d.replyDue.steps.every((s) => s.label.length > 0 && s.detail.length > 0));
  });

  it('a late extension decision is flagged', () => {
    const e = ok(
      inPerson('2025-01-20', {
        extensions: [{ approved: true, workingDays: 5, decidedDate: '2025-02-24' }],
      }),
    );
    assert.match(e.warnings[0]!, /延期决定之日2025-02-24晚于原答复期限2025-02-21/);
  });
});

describe('receipt date by channel (Art. 31)', () => {
  const table: [RequestDeadlineInput, string, RegExp][] = [
    [{ channel: 'inPerson', submittedDate: '2025-09-26' }, '2025-09-26', /当面提交.*第一项/],
    [{ channel: 'registeredMail', signedForDate: '2025-09-26' }, '2025-09-26', /签收之日.*第二项/],
    [
      { channel: 'ordinaryMail', confirmedDate: '2025-09-26' },
      '2025-09-26',
      /平常信函.*确认之日.*第二项/,
    ],
    [
      { channel: 'online', confirmedDate: '2025-09-26' },
      '2025-09-26',
      /互联网渠道.*双方确认之日.*第三项/,
    ],
    [{ channel: 'email', confirmedDate: '2025-09-26' }, '2025-09-26', /电子邮件.*双方确认之日/],
    [{ channel: 'fax', confirmedDate: '2025-09-26' }, '2025-09-26', /传真.*双方确认之日/],
    // The date field of another channel is ignored: an online request is received when confirmed.
    [
      { channel: 'online', submittedDate: '2025-09-20', confirmedDate: '2025-09-26' },
      '2025-09-26',
      /双方确认/,
    ],
  ];
  for (const [input, receipt, basis] of table) {
    it(`${input.channel} → ${receipt}`, () => {
      const d = ok(input);
      assert.equal(d.receiptDate, receipt);
      assert.equal(d.receipt.date, receipt);
      assert.match(d.receipt.steps[0]!.detail, basis);
      assert.equal(d.replyDue.date, '2025-10-30');
    });
  }

  const missing: [RequestDeadlineInput, RegExp][] = [
    [{ channel: 'inPerson' }, /当面提交的申请须提供提交之日/],
    [{ channel: 'registeredMail', confirmedDate: '2025-09-26' }, /须提供签收之日/],
    [{ channel: 'online', submittedDate: '2025-09-26' }, /互联网渠道的申请须提供双方确认之日/],
    [{ channel: 'email' }, /双方确认之日/],
    [{ channel: 'fax' }, /双方确认之日/],
    [{ channel: 'ordinaryMail', signedForDate: '2025-09-26' }, /双方确认之日/],
  ];
  for (const [input, message] of missing) {
    it(`${input.channel} without its date is an error`, () => {
      assert.match(errors(input)[0]!, message);
    });
  }

  it('receipt on a non-working day: counting still starts the next day', () => {
    const d = ok({ channel: 'online', confirmedDate: '2025-10-04' });
    assert.equal(d.replyDue.date, '2025-11-04');
    assert.equal(d.receipt.steps[1]?.label, '收到日为非工作日');
  });

  it('rejects an unknown channel and bad dates', () => {
    assert.match(
      errors({ channel: 'pigeon' as never, submittedDate: '2025-01-20' })[0]!,
      /提交渠道“pigeon”无效/,
    );
    assert.match(
      errors({ channel: 'toString' as never, submittedDate: '2025-01-20' })[0]!,
      /提交渠道“toString”无效/,
    );
    assert.match(errors(inPerson('2025-02-30'))[0]!, /提交之日“2025-02-30”无效/);
    assert.match(
      errors(inPerson('2025-01-20', { today: '2025-01-19' }))[0]!,
      /收到申请之日2025-01-20晚于今天2025-01-19/,
    );
    assert.match(
      errors(inPerson('2025-01-20', { today: '20250121' }))[0]!,
      /今天的日期“20250121”无效/,
    );
  });
});

describe('补正 (Art. 30)', () => {
  const received = '2025-01-20';
  const notice = '2025-02-05';

  // [period given?, supplement, today, period due, reply due, outcome]
  const table: [
    number | undefined,
    string | undefined,
    string | undefined,
    string,
    string | undefined,
    string | undefined,
  ][] = [
    [undefined, '2025-02-20', undefined, '2025-02-25', '2025-03-20', undefined],
    [undefined, '2025-02-20', '2025-03-01', '2025-02-25', '2025-03-20', undefined],
    [undefined, undefined, '2025-02-20', '2025-02-25', undefined, undefined],
    [undefined, undefined, '2025-02-25', '2025-02-25', undefined, undefined], // last day: not lapsed
    [undefined, undefined, '2025-02-26', '2025-02-25', undefined, 'correctionLapsed'],
    [undefined, undefined, undefined, '2025-02-25', undefined, undefined], // no today: cannot lapse
    [10, undefined, '2025-02-19', '2025-02-18', undefined, 'correctionLapsed'],
    [10, '2025-02-18', '2025-02-19', '2025-02-18', '2025-03-18', undefined],
  ];
  for (const [period, supplement, today, periodDue, replyDue, outcome] of table) {
    it(`period ${period ?? '(default 15)'}, supplement ${supplement ?? '—'}, today ${today ?? '—'}`, () => {
      const d = ok(
        inPerson(received, {
          ...(today ? { today } : {}),
          correction: {
            noticeServedDate: notice,
            ...(period ? { periodWorkingDays: period } : {}),
            ...(supplement ? { supplementReceivedDate: supplement } : {}),
          },
        }),
      );
      assert.equal(d.correctionNoticeDue.date, '2025-02-05');
      assert.equal(d.correctionPeriodDue?.date, periodDue);
      assert.equal(d.replyDue.date, replyDue);
      assert.equal(d.finalReplyDue.date, replyDue);
      assert.equal(d.replyClockStart, supplement);
      assert.equal(d.outcome?.code, outcome);
      if (outcome) {
        assert.equal(d.outcome?.reportRow, '（六）1');
        assert.equal(
          d.outcome?.label,
          '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        );
        assert.equal(d.replyDue.steps.at(-1)?.label, '视为放弃');
      }
      if (!supplement && !outcome) assert.equal(d.replyDue.steps.at(-1)?.label, '等待补正');
      if (supplement) {
        const restart = d.replyDue.steps.find((s) => s.label === '重新起算');
        assert.equal(restart?.date, supplement);
      }
      const basis = d.correctionPeriodDue!.steps[0]!.detail;
      assert.match(basis, /合理的补正期限/);
      assert.equal(/非法定/.test(basis), period === undefined);
    });
  }

  it('warns about a late notice and a late supplement', () => {
    const d = ok(
      inPerson(received, {
        correction: { noticeServedDate: '2025-02-06', supplementReceivedDate: '2025-03-10' },
      }),
    );
    assert.equal(d.correctionPeriodDue?.date, '2025-02-26');
    assert.match(d.warnings[0]!, /补正通知送达之日2025-02-06晚于法定告知期限2025-02-05/);
    assert.match(d.warnings[1]!, /申请人于2025-03-10补正，已超过补正期限2025-02-26/);
    assert.equal(d.replyDue.date, '2025-04-08'); // 20 working days after 03-10, 清明 04-04 off
  });

  it('rejects impossible orders and periods', () => {
    assert.match(
      errors(inPerson(received, { correction: { noticeServedDate: '2025-01-19' } }))[0]!,
      /补正通知送达之日2025-01-19早于收到申请之日/,
    );
    assert.match(
      errors(
        inPerson(received, {
          correction: { noticeServedDate: notice, supplementReceivedDate: '2025-02-04' },
        }),
      )[0]!,
      /收到补正申请之日2025-02-04早于补正通知送达之日/,
    );
    for (const p of [0, -5, 2.5]) {
      assert.match(
        errors(
          inPerson(received, { correction: { noticeServedDate: notice, periodWorkingDays: p } }),
        )[0]!,
        /补正期限.*无效/,
      );
    }
    assert.match(
      errors(inPerson(received, { correction: {} as never }))[0]!,
      /补正须提供补正通知送达申请人之日/,
    );
  });
});
