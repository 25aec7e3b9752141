/**
 * A first draft of the agency's 政府信息公开指南 (条例第十二条), filled in from its site settings:
 * the 受理机构's address, hours, phone, postcode and e-mail. Staff edit it before saving; a fact
 * the settings lack reads 【请填写…】 so it cannot pass unnoticed. Shared with the workspace: no
 * Node.js APIs here.
 */
import type { SiteSettings } from '../agencies/site-settings-contract.ts';
import { escapeHtml as escape } from '../../views/html.ts';

export interface GuideTemplateInput {
  /** The formal name (常平乡人民政府); the 受理机构 unless the settings say otherwise. */
  fullName: string;
  settings: SiteSettings;
  /** Where the portal answers, for the online form's address (/org/<code>/). */
  portalPath: string;
}

const fill = (value: string | undefined, what: string) =>
  value?.trim() ? escape(value.trim()) : `【请填写${what}】`;

/** The guide as HTML for the rich-text editor: headings and paragraphs only, as the sanitizer keeps them. */
export function guideTemplateHtml({ fullName, settings, portalPath }: GuideTemplateInput): string {
  const name = escape(fullName);
  const p = (text: string) => `<p>${text}</p>`;
  return [
    p(
      `为了保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。本指南每年更新，申请人可在${name}政府信息公开专栏查阅。`,
    ),
    '<h2>一、主动公开</h2>',
    '<h3>（一）公开范围</h3>',
    p(
      `${name}按照《条例》第十九条、第二十条、第二十一条的规定，主动公开机构职能、规范性文件、规划计划、预算决算、行政许可和行政处罚、重大建设项目、公共资源配置、社会救助等政府信息，具体内容见“政府信息公开目录”。`,
    ),
    '<h3>（二）公开方式</h3>',
    p(
      `主要通过${name}政府信息公开专栏（${escape(portalPath)}）公开，并视情况通过政务新媒体、政务公开栏、宣传册等方式公开。`,
    ),
    '<h3>（三）公开时限</h3>',
    p(
      '属于主动公开范围的政府信息，自该政府信息形成或者变更之日起 20 个工作日内予以公开。法律、法规对公开时限另有规定的，从其规定。',
    ),
    '<h2>二、依申请公开</h2>',
    '<h3>（一）受理机构</h3>',
    p(`受理机构：${name}`),
    p(`办公地址：${fill(settings.address, '办公地址')}`),
    p(`邮政编码：${fill(settings.postcode, '邮政编码')}`),
    p(`办公时间：${fill(settings.officeHours, '办公时间')}（法定节假日除外）`),
    p(`联系电话：${fill(settings.phone, '联系电话')}`),
    p(`电子邮箱：${fill(settings.email, '电子邮箱')}`),
    '<h3>（二）申请方式</h3>',
    p(
      `申请人可以通过政府信息公开专栏的在线申请表（${escape(portalPath)}open/request）、信函或者当面提交书面申请。采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请。`,
    ),
    p(
      '申请内容应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
    ),
    '<h3>（三）答复期限</h3>',
    p(
      '能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。征求第三方或者其他机关意见所需时间不计算在前述期限内。申请内容不明确的，将一次性告知申请人补正，答复期限自收到补正的申请之日起计算。',
    ),
    '<h3>（四）收费</h3>',
    p(
      '依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。',
    ),
    '<h2>三、监督和救济</h2>',
    p(
      `公民、法人或者其他组织认为${name}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。`,
    ),
  ].join('\n');
}
