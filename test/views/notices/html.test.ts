import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NOTICE_OUTCOMES,
  noticeTitle,
  renderNoticeHtml,
  type Notice,
  type ReplyNotice,
} from '../../../src/views/notices/index.ts';
import {
  acknowledgement,
  consultation,
  consultationAgency,
  correction,
  extension,
  feeNotice,
  oneOfEachKind,
  replyFor,
  citedArticles,
  EXPECTED,
  visibleText,
} from './fixtures.ts';

describe('every notice kind renders as a complete document', () => {
  for (const notice of oneOfEachKind) {
    it(`${noticeTitle(notice)}`, () => {
      const out = renderNoticeHtml(notice);
      assert.match(out, /^<!doctype html>\n<html lang="zh-CN">/);
      assert.match(out, /<meta charset="utf-8" ?\/?>/);
      assert.match(out, /<\/body>\s*<\/html>\s*$/);
      assert.match(out, /@page \{\s*size: A4;/);
      assert.ok(out.includes(`<title>常平乡人民政府${noticeTitle(notice)}</title>`));
      const text = visibleText(out);
      assert.ok(text.includes(noticeTitle(notice)));
      // Signature and 成文日期 in the Arabic-numeral style, and no seal placeholder text.
      assert.ok(text.includes('常平乡人民政府'));
      assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日（联系地址/);
      assert.ok(!text.includes('印章'));
      assert.ok(!text.includes('……'));
      assert.ok(!text.includes('undefined'));
      assert.ok(!text.includes('\u0001'));
    });
  }
});

describe('notice wording', () => {
  it('受理回执: receipt basis, due date with the written-notice caveat, tracking', () => {
    const t = visibleText(renderNoticeHtml(acknowledgement));
    assert.ok(t.includes('第三十一条第三项规定'));
    assert.ok(t.includes('以双方确认之日为收到申请之日'));
    assert.ok(t.includes('本机关收到您申请之日为2025年1月20日'));
    assert.ok(
      t.includes('答复期限至2025年2月21日届满。如遇依法延长答复期限等情形，以书面告知为准。'),
    );
    assert.ok(t.includes('可凭查询码GK-2025-000123登录https://gk.changping.gov.cn/track查询'));
    // The law is named in full once, then abbreviated.
    assert.ok(t.includes('《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十一条'));
    assert.ok(t.includes('依照《条例》第三十三条'));
  });

  it('受理回执 names the Art. 31 item that matches the channel', () => {
    const cases = [
      ['inPerson', '第三十一条第一项', '以提交之日为收到申请之日'],
      ['registeredMail', '第三十一条第二项', '以行政机关签收之日'],
      ['ordinaryMail', '第三十一条第二项', '确认之日为收到申请之日'],
      ['fax', '第三十一条第三项', '传真'],
    ] as const;
    for (const [receiptChannel, item, rule] of cases) {
      const t = visibleText(renderNoticeHtml({ ...acknowledgement, receiptChannel }));
      assert.ok(t.includes(item), receiptChannel);
      assert.ok(t.includes(rule), receiptChannel);
    }
  });

  it('补正告知书: numbered items, period and last day, consequence, clock restart', () => {
    const t = visibleText(renderNoticeHtml(correction));
    assert.ok(t.includes('第三十条规定，现一次性告知您需要补正的事项如下：'));
    assert.ok(t.includes('1.请明确所需信息的时间范围（如具体年度或月份）；'));
    assert.ok(t.includes('2.请说明“发放明细”是指发放汇总表还是逐户发放名单。'));
    assert.ok(t.includes('15个工作日内（截至2025年2月20日）'));
    assert.ok(t.includes('补正方式：通过原申请渠道提交，或者邮寄至本机关。'));
    assert.ok(t.includes('视为放弃申请，本机关不再处理该政府信息公开申请'));
    assert.ok(t.includes('答复期限自本机关收到补正后的申请之日起计算'));
  });

  it('延期答复告知书: Art. 33 ¶2, both dates, days, approval by the office head', () => {
    const t = visibleText(renderNoticeHtml(extension));
    assert.ok(t.includes('第三十三条第二款'));
    assert.ok(t.includes('原答复期限（2025年2月21日届满）'));
    assert.ok(t.includes('经常平乡人民政府政府信息公开工作机构负责人同意，答复期限延长20个工作日'));
    assert.ok(t.includes('延长后的答复期限至2025年3月21日届满'));
    assert.ok(t.includes('因您申请的信息涉及多个年度的档案'));
  });

  it('征求第三方意见函 (Art. 32) and 征求意见函 (Art. 34) differ in the no-reply rule', () => {
    const third = visibleText(renderNoticeHtml(consultation));
    assert.ok(third.startsWith('常平乡人民政府政府信息公开征求第三方意见函'));
    assert.ok(third.includes('常平县宏达建材有限公司：'));
    assert.ok(third.includes('第三十二条'));
    assert.ok(third.includes('自收到本函之日起15个工作日内'));
    assert.ok(third.includes('逾期未提出意见的，由本机关依照《条例》的规定决定是否公开'));
    assert.ok(!third.includes('视为同意公开'));
    // The applicant is not named to the third party.
    assert.ok(!third.includes('张三'));
    const agency = visibleText(renderNoticeHtml(consultationAgency));
    assert.ok(agency.startsWith('常平乡人民政府政府信息公开征求意见函'));
    assert.ok(agency.includes('第三十四条'));
    assert.ok(agency.includes('逾期未提出意见的，视为同意公开'));
    assert.ok(!agency.includes('第三十二条'));
  });

  it('收费通知书: method, tier table, total in figures and words, payment terms', () => {
    const out = renderNoticeHtml(feeNotice);
    const t = visibleText(out);
    assert.ok(t.includes('按量计收（《办法》第五条）'));
    assert.ok(t.includes('国办函〔2020〕109号'));
    assert.match(out, /<table class="detail">/);
    assert.ok(t.includes('第31—100页'));
    assert.ok(t.includes('10元/页'));
    assert.ok(t.includes('合计人民币4700元（大写：肆仟柒佰元整）'));
    assert.ok(t.includes('自收到本通知书之日的次日起20个工作日内（截至2025年3月17日）'));
    assert.ok(t.includes('逾期未缴纳的，视为放弃申请'));
    assert.ok(t.includes('行政事业性收费'));
    assert.ok(t.includes('财政票据'));
  });

  it('文号 is printed, with the year in 六角括号', () => {
    const t = visibleText(renderNoticeHtml({ ...extension, docNumber: '常政公开[2025]7号' }));
    assert.ok(t.includes('常政公开〔2025〕7号'));
    const none = renderNoticeHtml({ ...extension, docNumber: undefined });
    assert.ok(!none.includes('class="doc-number"'));
  });

  it('attachments are listed after the body, numbered when several', () => {
    const one = visibleText(
      renderNoticeHtml({ ...replyFor('disclosed'), attachments: ['低保资金发放明细表'] }),
    );
    assert.ok(one.includes('附件：低保资金发放明细表'));
    const two = visibleText(
      renderNoticeHtml({ ...replyFor('disclosed'), attachments: ['明细表。', '说明'] }),
    );
    assert.ok(two.includes('附件：1.明细表2.说明'));
  });

  it('addresses an organisation as 贵单位', () => {
    const reply = replyFor('disclosed');
    const t = visibleText(
      renderNoticeHtml({
        ...reply,
        request: {
          ...reply.request,
          applicantName: '常平县宏达建材有限公司',
          applicantKind: 'organisation',
        },
      }),
    );
    assert.ok(t.includes('常平县宏达建材有限公司：'));
    assert.ok(t.includes('收到贵单位通过'));
    assert.ok(!t.includes('您'));
  });
});

describe('答复书: the legal basis of every outcome', () => {
  for (const outcome of NOTICE_OUTCOMES) {
    it(outcome, () => {
      const { articles, phrase } = EXPECTED[outcome];
      const t = visibleText(renderNoticeHtml(replyFor(outcome)));
      assert.deepEqual(citedArticles(t), articles);
      assert.ok(t.includes(phrase), `missing: ${phrase}`);
      assert.ok(
        t.includes(
          '如对本答复不服，可以自收到本答复之日起六十日内向常平县人民政府申请行政复议，或者在六个月内向常平县人民法院提起行政诉讼。',
        ),
      );
      assert.ok(t.includes('申请获取“2024年度常平乡农村低保资金发放明细”。'));
    });
  }

  it('already proactively disclosed: Art. 36 item 1 and where to find it', () => {
    const reply: ReplyNotice = {
      ...replyFor('disclosed'),
      provision: {
        alreadyPublic: true,
        method: '常平乡人民政府门户网站“政府信息公开”专栏“财政资金”栏目',
        url: 'https://www.changping.gov.cn/zwgk/czzj/',
      },
    };
    const t = visibleText(renderNoticeHtml(reply));
    assert.deepEqual(citedArticles(t), ['第三十六条第一项']);
    assert.ok(t.includes('已经主动公开'));
    assert.ok(t.includes('（网址：https://www.changping.gov.cn/zwgk/czzj/）'));
  });

  it('not this agency’s information: Art. 36 item 5 and the competent agency', () => {
    const reply: ReplyNotice = {
      ...replyFor('unable.not_held'),
      notHeld: {
        basis: 'notResponsible',
        competentAgency: '常平县民政局',
        competentAgencyContact: '0570-7654321',
      },
    };
    const t = visibleText(renderNoticeHtml(reply));
    assert.deepEqual(citedArticles(t), ['第三十六条第五项']);
    assert.ok(t.includes('该政府信息由常平县民政局负责公开，联系方式：0570-7654321。'));
  });

  it('staff reasons keep their paragraphs', () => {
    const out = renderNoticeHtml({
      ...replyFor('withheld.third_party_rights'),
      reasons: '第一段。\n\n第二段。',
    });
    assert.match(out, /<p>第一段。<\/p>\s*<p>第二段。<\/p>/);
  });
});

describe('hostile text is escaped', () => {
  const evil = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';
  const notices: Notice[] = [
    {
      ...replyFor('withheld.third_party_rights'),
      request: { ...replyFor('disclosed').request, applicantName: evil, description: evil },
      reasons: evil,
    },
    { ...consultation, recipientName: `${evil}公司`, informationConcerned: evil },
    { ...correction, items: [evil] },
  ];
  for (const n of notices) {
    it(n.kind, () => {
      const out = renderNoticeHtml(n);
      assert.ok(!out.includes('<script>'));
      assert.ok(!out.includes('<img'));
      assert.ok(out.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img'));
    });
  }

  it('control characters are dropped', () => {
    const reply = replyFor('disclosed');
    const out = renderNoticeHtml({
      ...reply,
      request: { ...reply.request, description: 'A\u0000B\u0001C\u001fD' },
    });
    assert.ok(out.includes('“ABCD”'));
  });
});
