/**
 * The demo township's published pages, so that a first start shows a portal a citizen would
 * recognise: documents in several columns, the usual 工作动态 and 通知公告 columns after the
 * Art. 20 list, a 公开指南 and a 公开制度. Seeded once, on the first start of a database (not by
 * `seedDemo`, which tests use as their empty baseline).
 */
import { systemActor, type ServiceDeps } from './context.ts';
import { createCategory, createDocument } from '../capabilities/documents/commands.ts';
import { savePortalPage } from '../capabilities/disclosure/commands.ts';
import type { DocumentInput } from '../capabilities/documents/contract.ts';

const p = (...paras: string[]): string => paras.map((t) => `<p>${t}</p>`).join('');

const columns = [
  { code: 'news', name: '工作动态' },
  { code: 'notices', name: '通知公告' },
];

const documents: Array<DocumentInput & { publishedOn: string }> = [
  {
    title: '常平乡人民政府关于印发《常平乡2026年政务公开工作要点》的通知',
    docNo: '常政〔2026〕3号',
    writtenAt: '2026-02-26',
    topic: '政务公开',
    categoryCode: 'notices',
    publishedOn: '2026-02-27',
    bodyHtml: p(
      '各村（社区）、乡直各单位：',
      '现将《常平乡2026年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。',
      '一、围绕乡村振兴、民生保障和基层治理，做好政策文件和执行情况的主动公开。',
      '二、规范依申请公开办理，严格按照法定期限答复，做到登记、审核、答复、归档全程留痕。',
      '三、落实保密审查制度，信息公开前逐项审查，防止泄露国家秘密、工作秘密和个人隐私。',
    ),
  },
  {
    title: '常平乡关于调整2026年城乡居民最低生活保障标准的公告',
    docNo: '常政〔2026〕8号',
    writtenAt: '2026-03-10',
    topic: '社会保障',
    categoryCode: 'art20-11',
    publishedOn: '2026-03-12',
    bodyHtml: p(
      '根据县民政局有关文件精神，自2026年4月1日起，我乡城市居民最低生活保障标准调整为每人每月820元，农村居民最低生活保障标准调整为每人每年8400元。',
      '各村（社区）要做好政策宣传和对象动态管理，确保应保尽保。咨询电话：0550-1234567。',
    ),
  },
  {
    title: '常平乡防汛抗旱应急预案（2026年修订）',
    docNo: '常政〔2026〕11号',
    writtenAt: '2026-04-15',
    topic: '应急管理',
    categoryCode: 'art20-12',
    publishedOn: '2026-04-20',
    bodyHtml: p(
      '为做好防汛抗旱工作，保障人民群众生命财产安全，结合本乡实际，制定本预案。',
      '乡防汛抗旱指挥部负责统一指挥全乡防汛抗旱工作，各村设立防汛抗旱工作组，落实包片责任。',
      '预警信息通过广播、微信群和公告栏及时发布。',
    ),
  },
  {
    title: '常平乡人民政府机构职能及联系方式',
    topic: '机构职能',
    categoryCode: 'art20-02',
    writtenAt: '2026-01-05',
    publishedOn: '2026-01-06',
    bodyHtml: p(
      '常平乡人民政府设党政综合办公室、经济发展办公室、社会事务办公室、便民服务中心等机构。',
      '办公地址：常平乡人民政府院内。办公时间：工作日上午8:30—12:00，下午14:30—17:30。联系电话：0550-1234567。',
    ),
  },
  {
    title: '常平乡2026年财政预算公开',
    topic: '财政预算',
    categoryCode: 'art20-07',
    writtenAt: '2026-02-10',
    publishedOn: '2026-02-12',
    bodyHtml: p('经乡人民代表大会审议通过，现将常平乡2026年财政预算公开如下：一般公共预算收入2860万元，一般公共预算支出3120万元，收支差额由上级补助解决。'),
  },
  {
    title: '常平乡召开2026年政务公开工作推进会',
    topic: '政务公开',
    categoryCode: 'news',
    writtenAt: '2026-03-18',
    publishedOn: '2026-03-18',
    bodyHtml: p('3月18日，常平乡召开2026年政务公开工作推进会，传达县政务公开工作会议精神，部署全年重点任务，并对各村信息员开展业务培训。'),
  },
  {
    title: '常平乡开展春季森林防火宣传活动',
    topic: '应急管理',
    categoryCode: 'news',
    writtenAt: '2026-03-25',
    publishedOn: '2026-03-26',
    bodyHtml: p('近日，常平乡组织干部深入各村开展春季森林防火宣传，发放宣传资料1200余份，悬挂宣传横幅30条。'),
  },
  {
    title: '常平乡关于公开招聘村级后备干部的公告',
    topic: '人事',
    categoryCode: 'notices',
    writtenAt: '2026-05-06',
    publishedOn: '2026-05-08',
    bodyHtml: p('为加强村级组织建设，经研究，决定面向社会公开招聘村级后备干部10名。报名时间：2026年5月11日至5月20日（工作日）。报名地点：常平乡便民服务中心。'),
  },
];

const guideHtml = p(
  '为了保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。',
  '一、主动公开。主动公开的政府信息通过本网站政府信息公开专栏、常平乡公告栏、微信公众号等方式公开，自信息形成或者变更之日起20个工作日内公开。',
  '二、依申请公开。受理机构：常平乡人民政府党政综合办公室；地址：常平乡人民政府院内；电话：0550-1234567；受理时间：工作日上午8:30—12:00，下午14:30—17:30。申请人可以通过本网站在线提交、信函或者当面提交申请。',
  '能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。',
  '三、收费。提供政府信息不收取费用；申请数量、频次明显超过合理范围的，按照国家有关规定收取信息处理费。',
  '四、监督和救济。申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以向平安县人民政府申请行政复议，或者向平安县人民法院提起行政诉讼。',
);

const rulesHtml = p(
  '第一条 为规范本乡政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。',
  '第二条 党政综合办公室是本乡政府信息公开工作机构，明确专人负责日常工作。',
  '第三条 拟公开的政府信息，由承办人员起草，经保密审查、负责人批准后发布。',
  '第四条 依申请公开实行登记、审核、答复、归档全流程管理，严格遵守法定期限。',
  '第五条 每年1月31日前编制并公布上一年度政府信息公开工作年度报告。',
);

/** Publishes the demo township's columns, documents and pages. Only for a fresh database. */
export async function seedDemoDocuments(deps: ServiceDeps, agencyId: number): Promise<void> {
  const actor = systemActor('seed');
  for (const c of columns) await createCategory(deps, actor, agencyId, c);
  for (const { publishedOn, ...input } of documents) {
    await createDocument(deps, actor, agencyId, input, { status: 'published', publishedAt: `${publishedOn}T02:00:00.000Z` });
  }
  await savePortalPage(deps, actor, agencyId, 'guide', { title: '常平乡人民政府信息公开指南', bodyHtml: guideHtml });
  await savePortalPage(deps, actor, agencyId, 'rules', { title: '常平乡人民政府信息公开制度', bodyHtml: rulesHtml });
}
