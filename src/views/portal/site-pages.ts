/**
 * The portal's mandatory pages (国办秘函〔2019〕19号): 联系我们, 网站地图 and 隐私声明, and the
 * footer's identification block. Server-rendered; no script.
 */
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, footerLinks, openColumns, portalPage, type PortalAgency } from './layout.ts';
import { siteSettingLabels, type SiteSettingKey, type SiteSettings } from '../../capabilities/agencies/site-settings-contract.ts';

export interface MailboxLink {
  id: number;
  name: string;
}

/** The footer's 主办单位, 承办单位, 网站标识码 and 备案号, in the order the checks read them. */
export function siteInfoHtml(settings: SiteSettings): SafeHtml {
  const keys: SiteSettingKey[] = ['sponsor', 'organizer', 'siteCode', 'icp', 'policeRecord', 'phone', 'email'];
  const shown = keys.filter((k) => settings[k]);
  if (shown.length === 0) return html``;
  return html`<ul class="site-info">${shown.map((k) => html`<li>${siteSettingLabels[k]}：${settings[k]!}</li>`)}</ul>`;
}

const crumb = (agency: PortalAgency | null, label: string): SafeHtml =>
  html`<nav class="breadcrumb" aria-label="当前位置"><a href="${agency ? agencyBase(agency) + '/' : '/'}">首页</a> › ${label}</nav>`;

export function contactPage(agency: PortalAgency, settings: SiteSettings, mailboxes: MailboxLink[]): string {
  const base = agencyBase(agency);
  const keys: SiteSettingKey[] = ['sponsor', 'organizer', 'address', 'postcode', 'phone', 'email', 'officeHours', 'head'];
  const rows = keys.filter((k) => settings[k]);
  return portalPage({
    title: '联系我们',
    agency,
    body: html`${crumb(agency, '联系我们')}
<h1>联系我们</h1>
${rows.length > 0
  ? html`<dl class="contact-list">${rows.map((k) => html`<dt>${siteSettingLabels[k]}</dt><dd>${k === 'email' ? html`<a href="mailto:${settings[k]!}">${settings[k]!}</a>` : settings[k]!}</dd>`)}</dl>`
  : html`<p>本机关尚未填写联系方式。</p>`}
<h2>办事与咨询</h2>
<ul>
  <li><a href="${base}/open/request">在线申请政府信息公开</a>（依申请公开）</li>
  <li><a href="${base}/open/request/track">查询申请办理进度</a></li>
  ${mailboxes.map((m) => html`<li><a href="${base}/open/interaction/mailbox/${String(m.id)}">${m.name}</a>（留言）</li>`)}
  ${mailboxes.length > 0 ? html`<li><a href="${base}/open/interaction/track">查询留言办理情况</a></li>` : ''}
</ul>`,
  });
}

/** A column's own pages beyond its first (the navigation links the first). */
function columnChildren(base: string, slug: string, mailboxes: MailboxLink[]): { href: string; label: string }[] {
  if (slug === 'catalogue') return [{ href: `${base}/search`, label: '站内搜索' }];
  if (slug === 'request') return [{ href: `${base}/open/request/track`, label: '申请进度查询' }];
  if (slug === 'interaction') {
    return [
      ...mailboxes.map((m) => ({ href: `${base}/open/interaction/mailbox/${m.id}`, label: m.name })),
      { href: `${base}/open/interaction/track`, label: '留言办理查询' },
      { href: `${base}/open/interaction/replies`, label: '答复选登' },
      { href: `${base}/open/interaction/statistics`, label: '留言统计' },
    ];
  }
  return [];
}

/** Every column from the navigation's own list (openColumns), their pages, and the footer's pages. */
export function sitemapPage(agency: PortalAgency, mailboxes: MailboxLink[]): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '网站地图',
    agency,
    body: html`${crumb(agency, '网站地图')}
<h1>网站地图</h1>
<ul class="sitemap-list">
  <li><a href="${base}/">首页</a></li>
  ${openColumns.map((c) => {
    const children = columnChildren(base, c.slug, mailboxes);
    return html`<li><a href="${base}/open/${c.slug}">${c.label}</a>${children.length > 0 ? html`<ul>${children.map((p) => html`<li><a href="${p.href}">${p.label}</a></li>`)}</ul>` : ''}</li>`;
  })}
  ${footerLinks(agency).map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}
  <li><a href="${base}/brochure">政府信息公开宣传册（打印）</a></li>
  <li><a href="${base}/feed.atom">订阅（Atom）</a></li>
</ul>`,
  });
}

/** What the forms collect and what the code does with it: keep in step with decisions 013 and 021. */
export function privacyPage(agency: PortalAgency | null): string {
  const contact = agency ? html`<a href="${agencyBase(agency)}/contact">联系我们</a>` : html`本网站主办单位`;
  return portalPage({
    title: '隐私声明',
    agency,
    body: html`${crumb(agency, '隐私声明')}
<div class="privacy">
<h1>隐私声明</h1>
<p>浏览本网站无需登录，也不需要提供任何个人信息。本声明说明在您使用依申请公开和留言表单时，我们收集哪些信息、为什么收集、谁能看到以及保存多久。</p>
<h2>收集哪些信息</h2>
<ul>
  <li><strong>政府信息公开申请</strong>：申请人姓名或单位名称、身份证件号码（法人或其他组织为统一社会信用代码）、联系人、联系电话、电子邮箱、通信地址，以及所需信息的描述和用途。</li>
  <li><strong>留言</strong>：姓名、联系电话、电子邮箱（选填）、地址（选填）和留言内容。</li>
  <li><strong>提交记录</strong>：提交时的网络地址和提交时间，仅用于防止重复提交和滥用，约 24 小时后自动删除。</li>
</ul>
<h2>为什么收集</h2>
<p>《中华人民共和国政府信息公开条例》第二十九条要求申请写明申请人的姓名或名称、身份证明和联系方式；我们据此受理申请、出具告知书和答复书并送达。留言的联系方式用于答复您，联系电话后四位与查询码一起用于您查询办理情况。</p>
<h2>谁能看到</h2>
<ul>
  <li>只有受理机关负责办理的工作人员（信息员、负责人、管理员）能看到完整的个人信息；其他工作人员（如保密审查人员）看到的是遮盖后的信息，如“张*丰”“138****8000”。</li>
  <li>每次查看完整个人信息都会留下记录（谁、何时、看了哪些项目，不记录内容本身），供核查。</li>
  <li>留言答复公开发布前，系统会检查并遮盖其中的姓名、电话、证件号码等个人信息；不公开留言人的联系方式。</li>
  <li>我们不向第三方提供您的个人信息，法律另有规定的除外。</li>
</ul>
<h2>保存多久</h2>
<p>申请和留言及其办理过程属于政府信息公开工作记录，按档案管理规定保存，系统不会自动删除。如需更正您提交的信息，请通过${contact}与我们联系。</p>
<h2>Cookie 与第三方</h2>
<ul>
  <li>本网站不使用任何第三方统计、广告或跟踪代码，页面的样式和脚本都来自本网站。</li>
  <li>选择“大字版”时，浏览器会保存一个名为 gk_large 的 Cookie，只记住您的字号选择。工作人员登录后台时使用会话 Cookie。</li>
</ul>
</div>`,
  });
}
