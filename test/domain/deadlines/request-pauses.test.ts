import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ConsultationInput,
  RequestDeadlineInput,
} from '../../../src/domain/deadlines/index.ts';
import { FICTIONAL_2027 } from '../calendar/fixtures.ts';
import { cal, errors, inPerson, ok } from './request-helpers.ts';

describe('pauses: third-party and other-agency consultation (Arts. 32–34)', () => {
  it('third party answers within its period: 4 working days excluded', () => {
    const d = ok(
      inPerson('2025-01-20', {
        consultations: [
          {
            kind: 'thirdParty',
            sentDate: '2025-02-10',
            deliveredDate: '2025-02-11',
            replyDate: '2025-02-14',
            party: '某公司',
          },
        ],
      }),
    );
    assert.equal(d.replyDue.date, '2025-02-27');
    const [p] = d.pauses;
    assert.equal(p?.kind, 'thirdParty');
    assert.equal(p?.status, 'ended');
    assert.equal(p?.excludedFrom, '2025-02-11');
    assert.equal(p?.excludedTo, '2025-02-14');
    assert.equal(p?.excludedWorkingDays, 4);
    assert.equal(p?.counterpartDue.date, '2025-03-04');
    assert.match(p!.counterpartDue.steps[0]!.detail, /条例第三十二条/);
    const pause = d.replyDue.steps.find((s) => s.label === '暂停计算');
    assert.equal(
      pause?.detail,
      '征求第三方（某公司）意见（2025年2月11日至2025年2月14日）期间的4个工作日不计入',
    );
    assert.equal(d.replyDue.estimated, false);
  });

  it('pauses also apply to the extended deadline', () => {
    const d = ok(
      inPerson('2025-01-20', {
        extensions: [{ approved: true, workingDays: 20 }],
        consultations: [
          {
            kind: 'thirdParty',
            sentDate: '2025-02-10',
            deliveredDate: '2025-02-11',
            replyDate: '2025-02-14',
          },
        ],
      }),
    );
    assert.equal(d.extendedReplyDue?.date, '2025-03-27');
  });

  // Received 2025-09-26 (reply due 10-30 without a pause). Letter to another agency sent Mon 09-29,
  // received 09-30; its 15 working days run to 10-28 (across 国庆).
  const agency = (more: Partial<ConsultationInput> = {}, today?: string): RequestDeadlineInput =>
    inPerson('2025-09-26', {
      ...(today ? { today } : {}),
      consultations: [
        { kind: 'otherAgency', sentDate: '2025-09-29', deliveredDate: '2025-09-30', ...more },
      ],
    });
  const table: [
    string,
    Partial<ConsultationInput>,
    string | undefined,
    string,
    string,
    number,
    boolean,
  ][] = [
    ['answer on 10-10', { replyDate: '2025-10-10' }, undefined, 'ended', '2025-11-04', 3, false],
    [
      'no answer, period lapsed (deemed consent)',
      {},
      '2025-11-10',
      'lapsed',
      '2025-11-21',
      16,
      false,
    ],
    ['no answer yet', {}, '2025-10-20', 'open', '2025-11-21', 16, true],
    ['no answer, no today', {}, undefined, 'open', '2025-11-21', 16, true],
    [
      'late answer: excluded only up to 10-28',
      { replyDate: '2025-11-05' },
      undefined,
      'ended',
      '2025-11-21',
      16,
      false,
    ],
    [
      'answer the day it was sent',
      { replyDate: '2025-09-30' },
      undefined,
      'ended',
      '2025-10-31',
      1,
      false,
    ],
  ];
  for (const [why, more, today, status, reply, excluded, estimated] of table) {
    it(`other agency: ${why} → ${reply}`, () => {
      const d = ok(agency(more, today));
      const [p] = d.pauses;
      assert.equal(p?.counterpartDue.date, '2025-10-28');
      assert.equal(p?.status, status);
      assert.equal(p?.excludedWorkingDays, excluded);
      assert.equal(d.replyDue.date, reply);
      assert.equal(d.replyDue.estimated, estimated);
      assert.equal(d.outcome, undefined, 'a lapsed consultation does not close the request');
      assert.match(p!.counterpartDue.steps[0]!.detail, /视为同意公开（条例第三十四条）/);
      if (estimated) assert.ok(d.replyDue.steps.some((s) => s.label === '估算'));
    });
  }

  it('late answers are warned about', () => {
    const d = ok(agency({ replyDate: '2025-11-05' }));
    assert.match(d.warnings[0]!, /晚于其期限2025-10-28，超出部分不从答复期限中扣除/);
  });

  it('without a delivery date the party is assumed to receive the letter the day it is sent', () => {
    const d = ok(
      inPerson('2025-09-26', { consultations: [{ kind: 'thirdParty', sentDate: '2025-09-29' }] }),
    );
    const p = d.pauses[0]!;
    assert.equal(p.counterpartDue.date, '2025-10-27');
    assert.equal(p.counterpartDue.estimated, true);
    assert.ok(p.counterpartDue.steps.some((s) => s.label === '送达日未知'));
    assert.equal(d.replyDue.estimated, true);
  });

  it('two overlapping consultations exclude each working day once', () => {
    const d = ok(
      inPerson('2025-01-20', {
        consultations: [
          {
            kind: 'thirdParty',
            sentDate: '2025-02-10',
            deliveredDate: '2025-02-10',
            replyDate: '2025-02-14',
          },
          {
            kind: 'otherAgency',
            sentDate: '2025-02-12',
            deliveredDate: '2025-02-12',
            replyDate: '2025-02-18',
          },
        ],
      }),
    );
    // Excluded working days: 02-11..02-14 and 02-17..02-18 → 6; 02-21 + 6 → 03-03.
    assert.equal(d.replyDue.date, '2025-03-03');
    assert.equal(d.pauses[0]!.label, '征求第三方意见（第1次）');
    assert.equal(d.pauses[1]!.label, '征求其他机关意见（第2次）');
  });

  it('a consultation begun after the deadline changes nothing and is flagged', () => {
    const d = ok(
      inPerson('2025-01-20', {
        consultations: [{ kind: 'thirdParty', sentDate: '2025-02-24', replyDate: '2025-02-26' }],
      }),
    );
    assert.equal(d.replyDue.date, '2025-02-21');
    assert.match(d.warnings[0]!, /已在答复期限2025-02-21之后/);
  });

  it('rejects impossible dates', () => {
    const base = (c: object): RequestDeadlineInput =>
      inPerson('2025-01-20', { consultations: [c as never] });
    assert.match(
      errors(base({ kind: 'thirdParty', sentDate: '2025-01-19' }))[0]!,
      /发函之日2025-01-19早于收到申请之日/,
    );
    assert.match(
      errors(base({ kind: 'thirdParty', sentDate: '2025-02-10', deliveredDate: '2025-02-09' }))[0]!,
      /对方收到之日2025-02-09早于发函之日/,
    );
    assert.match(
      errors(
        base({
          kind: 'thirdParty',
          sentDate: '2025-02-10',
          deliveredDate: '2025-02-12',
          replyDate: '2025-02-11',
        }),
      )[0]!,
      /收到答复之日2025-02-11早于对方收到或发函之日2025-02-12/,
    );
    assert.match(errors(base({ kind: 'other', sentDate: '2025-02-10' }))[0]!, /类型“other”无效/);
    assert.match(errors(base({ kind: 'thirdParty' }))[0]!, /须提供发出征求意见函之日/);
  });
});

describe('pause: fee notice → payment', () => {
  // Received 2025-01-20; notice sent Mon 02-10, received 02-11; payment due 02-11 + 20 = 03-11.
  const table: [string | undefined, string | undefined, string, string, string | undefined][] = [
    ['2025-02-17', undefined, 'ended', '2025-02-28', undefined], // 02-11..02-17: 5 working days
    // Unpaid: the pause runs to the payment deadline, 02-11..03-11 (21 working days).
    [undefined, '2025-03-11', 'open', '2025-03-24', undefined], // last day to pay
    [undefined, '2025-03-12', 'lapsed', '2025-03-24', 'feeLapsed'],
  ];
  for (const [paid, today, status, reply, outcome] of table) {
    it(`paid ${paid ?? '—'}, today ${today ?? '—'} → ${status}`, () => {
      const d = ok(
        inPerson('2025-01-20', {
          ...(today ? { today } : {}),
          feeNotice: {
            sentDate: '2025-02-10',
            receivedDate: '2025-02-11',
            ...(paid ? { paidDate: paid } : {}),
          },
        }),
      );
      assert.equal(d.paymentDue?.date, '2025-03-11');
      assert.match(d.paymentDue!.steps[0]!.detail, /收到收费通知的次日起20个工作日内/);
      const p = d.pauses[0]!;
      assert.equal(p.kind, 'fee');
      assert.equal(p.status, status);
      assert.equal(d.replyDue.date, reply);
      assert.equal(d.replyDue.estimated, status === 'open');
      assert.equal(d.outcome?.code, outcome);
      if (outcome) {
        assert.equal(d.outcome?.reportRow, '（六）2');
        assert.equal(d.outcome?.lapsedAfter, '2025-03-11');
        assert.equal(
          d.outcome?.label,
          '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        );
      }
    });
  }

  it('rejects payment before the notice', () => {
    assert.match(
      errors(
        inPerson('2025-01-20', { feeNotice: { sentDate: '2025-02-10', paidDate: '2025-02-09' } }),
      )[0]!,
      /缴费之日2025-02-09早于收费通知发出之日/,
    );
    assert.match(
      errors(inPerson('2025-01-20', { feeNotice: { sentDate: '2025-01-10' } }))[0]!,
      /收费通知发出之日2025-01-10早于收到申请之日/,
    );
  });
});

describe('extension rules (Art. 33)', () => {
  const table: [RequestDeadlineInput['extensions'], RegExp][] = [
    [[{ approved: true, workingDays: 21 }], /最长不得超过20个工作日/],
    [
      [
        { approved: true, workingDays: 10 },
        { approved: true, workingDays: 10 },
      ],
      /只能延长一次/,
    ],
    [[{ approved: false, workingDays: 10 }], /须经政府信息公开工作机构负责人同意/],
    [[{ approved: true, workingDays: 0 }], /应为1至20的整数/],
    [[{ approved: true, workingDays: 2.5 }], /应为1至20的整数/],
  ];
  for (const [extensions, message] of table) {
    it(`rejects ${JSON.stringify(extensions)}`, () => {
      assert.match(errors(inPerson('2025-01-20', { extensions })).join('\n'), message);
    });
  }
});

describe('excessive requests (Art. 35)', () => {
  it('an agency-set deadline becomes the final one', () => {
    const d = ok(
      inPerson('2025-01-20', { excessive: { dueDate: '2025-04-30', noticeDate: '2025-02-10' } }),
    );
    assert.equal(d.replyDue.date, '2025-02-21');
    assert.equal(d.agencySetReplyDue?.date, '2025-04-30');
    assert.equal(d.finalReplyDue.date, '2025-04-30');
    assert.match(d.finalReplyDue.steps[0]!.detail, /条例第三十五条/);
    assert.deepEqual(d.warnings, []);
  });
  it('a date not later than the statutory one is flagged', () => {
    const d = ok(inPerson('2025-01-20', { excessive: { dueDate: '2025-02-20' } }));
    assert.match(d.warnings[0]!, /不晚于法定答复期限2025-02-21/);
    assert.match(
      errors(inPerson('2025-01-20', { excessive: { dueDate: '2025-01-10' } }))[0]!,
      /早于收到申请之日/,
    );
  });
});

describe('years without data (2027)', () => {
  it('a deadline running into 2027 is provisional, then exact once 2027 is added', () => {
    const input = inPerson('2026-12-10', { extensions: [{ approved: true, workingDays: 20 }] });
    const d = ok(input);
    assert.equal(d.correctionNoticeDue.date, '2026-12-21');
    assert.equal(d.correctionNoticeDue.provisional, false);
    assert.equal(d.replyDue.date, '2027-01-07');
    assert.equal(d.replyDue.provisional, true);
    assert.deepEqual(d.replyDue.missingYears, [2027]);
    assert.equal(d.extendedReplyDue?.date, '2027-02-04');
    assert.equal(d.extendedReplyDue?.provisional, true);
    assert.equal(d.provisional, true);
    assert.deepEqual(d.missingYears, [2027]);
    const p = d.replyDue.steps.find((s) => s.label === '暂定');
    assert.match(p!.detail, /2027年放假安排尚未录入/);

    const later = ok(input, cal.withYear(FICTIONAL_2027));
    assert.equal(later.replyDue.date, '2027-01-08'); // 2027-01-01 now off
    assert.equal(later.replyDue.provisional, false);
    assert.equal(later.provisional, false);
    assert.deepEqual(later.missingYears, []);
    // Fictional 2027 春节 02-05..02-12 off, Sat 02-13 make-up: the 40th working day.
    assert.equal(later.extendedReplyDue?.date, '2027-02-13');
    assert.ok(!later.replyDue.steps.some((s) => s.label === '暂定'));
    assert.ok(
      later.replyDue.steps.some((s) => s.detail.includes('元旦放假2027年1月1日至2027年1月3日')),
    );
  });

  it('late December 2026 alone is enough to be provisional', () => {
    const d = ok(inPerson('2026-12-18'));
    assert.equal(d.correctionNoticeDue.date, '2026-12-29');
    assert.equal(d.correctionNoticeDue.provisional, true);
  });
});
