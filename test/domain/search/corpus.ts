/** A small corpus of government-document sentences for the search tests. */
export const CORPUS: Readonly<Record<string, string>> = {
  d1: '关于做好2025年城乡居民最低生活保障工作的通知',
  d2: '各区县要将符合条件的困难群众及时纳入低保范围，做到应保尽保。',
  d3: '市扶贫办（乡村振兴局）公布２０２４年度扶贫项目资金使用情况。',
  d4: '医疗救助对象包括特困人员、低保对象和低保边缘家庭成员。',
  d5: '做好医疗保障与医疗，救助工作的衔接',
  d6: '下达专项资金（金额见附件），资金额度按因素法分配。',
  d7: '下达专项资金（金额见附件）。',
  d8: '二〇二五年政府信息公开工作年度报告',
  d9: 'COVID-19疫情防控期间的临时救助政策',
  d10: '巩固拓展脱贫攻坚成果同乡村振兴有效衔接',
  d11: '低 保',
  d12: '扶贫',
  d13: '依申请公开：申请人通过信函方式提交 the application form (v2.0)',
};

export const IDS = Object.keys(CORPUS);
