import type { PublishedDocumentView } from '../../../src/views/channels/index.ts';

/** A body as it arrives when pasted from Word: classes, mso styles, o:p, align, a table. */
export const WORD_PASTED_BODY = `<div class=WordSection1>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>根据《中华人民共和国政府信息公开条例》和《最低生活保障审核确认办法》有关规定，经本人申请、村（居）民委员会入户调查、民主评议，现将2024年第一季度拟新增农村最低生活保障对象予以公示。<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>一、公示对象</span></b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
<tr><td width=80 style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center style='text-align:center'><b>序号</b></p></td><td><p align=center><b>户主姓名</b></p></td><td><p align=center><b>所在村</b></p></td><td><p align=center><b>保障人数</b></p></td></tr>
<tr><td><p align=center>1</p></td><td><p align=center>赵某某</p></td><td><p align=center>东坪村</p></td><td><p align=center>3</p></td></tr>
<tr><td><p align=center>2</p></td><td><p align=center>钱某某</p></td><td><p align=center>西岭村</p></td><td><p align=center>1</p></td></tr>
<tr><td colspan=3><p align=center>合计</p></td><td><p align=center>4</p></td></tr>
</table>
<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>二、监督方式</span></b></p>
<p class=MsoNormal style='text-indent:2em'>公示期间，如对公示对象有异议，可通过以下方式反映：</p>
<ol><li>电话：0797-1234567（工作日 8:30—17:30）</li><li>来信来访：常平乡民政办（乡政府二楼 203 室）</li><li>网上反映：<a href="https://www.example.gov.cn/hudong?topic=dibao&amp;from=notice" target="_blank" onclick="track()">政府网站互动交流栏目</a></li></ol>
<p class=MsoNormal style='text-indent:2em'>反映情况应当实事求是，提倡署真实姓名。<script>alert('x')</script></p>
</div>`;

export const SAMPLE_DOC: PublishedDocumentView = {
  indexNo: '11360730MB1234567X/2024-00017',
  title: '常平乡2024年第一季度拟新增农村最低生活保障对象公示',
  issuer: '常平乡民政办',
  docNo: '常民〔2024〕5号',
  writtenAt: '2024-03-12',
  publishedAt: '2024-03-15T01:30:00.000Z',
  updatedAt: null,
  topic: '民政、扶贫、救灾',
  category: '通知公告',
  validity: 'valid',
  agency: { name: '常平乡人民政府', code: 'changping' },
  url: 'https://gk.example.gov.cn/org/changping/documents/17',
  bodyHtml: WORD_PASTED_BODY,
  attachments: [
    {
      name: '2024年第一季度拟新增低保对象名单.xlsx',
      url: 'https://gk.example.gov.cn/org/changping/documents/17/attachments/3',
      sizeBytes: 18_432,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    {
      name: '最低生活保障审核确认办法.pdf',
      url: 'https://gk.example.gov.cn/org/changping/documents/17/attachments/4',
      sizeBytes: 1_320_000,
      mime: 'application/pdf',
    },
  ],
  noticePeriod: '2024年3月15日至2024年3月21日（5个工作日）',
};

/** Titles and names written to break markup: XML/HTML metacharacters and a CDATA terminator. */
export const HOSTILE_TITLE = `A & B <script>alert("x")</script> ]]> 'q' \u0001end`;

export const HOSTILE_DOC: PublishedDocumentView = {
  ...SAMPLE_DOC,
  title: HOSTILE_TITLE,
  docNo: '<b>号</b>',
  issuer: '民政办 & "财政所"',
  category: 'a<b>&c',
  url: 'https://gk.example.gov.cn/org/changping/documents/18?x=1&y=<2>',
  bodyHtml: '<p>正文 ]]> &amp; <img src=x onerror=alert(1)></p><script>alert(1)</script>',
  attachments: [
    {
      name: '名单<script>.xlsx',
      url: 'https://gk.example.gov.cn/a?b=1&c=2',
      sizeBytes: 100,
      mime: 'application/pdf',
    },
  ],
};
