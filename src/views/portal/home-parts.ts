/**
 * The agency home page's two blocks that 国办秘函〔2019〕19号 and the website checks look for:
 * the latest published items (each policy with its 政策解读 beside it) and 机构概况 from the
 * agency's site settings.
 */
import { html, type SafeHtml } from '../html.ts';
import { chinaDateOrEmpty } from '../../domain/calendar/china-time.ts';
import type { SiteSettings } from '../../capabilities/agencies/site-settings-contract.ts';
import { agencyBase, type PortalAgency } from './layout.ts';

export interface HomeItem {
  id: number;
  title: string;
  docNo: string | null;
  publishedAt: string;
  /** The published 解读 of a policy, shown next to it. */
  interpretations: { id: number; title: string; formLabel: string }[];
  /** On a 解读: the policy it interprets. */
  policy: { id: number; title: string } | null;
}

export interface AgencyProfile {
  fullName: string;
  settings: SiteSettings;
}

export function latestSection(agency: PortalAgency, items: HomeItem[]): SafeHtml {
  const base = agencyBase(agency);
  const doc = (id: number) => `${base}/documents/${id}`;
  const item = (d: HomeItem) =>
    html`<li><span class="home-item"><a href="${doc(d.id)}">${d.title}</a>${d.interpretations.map((i) => html` <a class="interp-link" href="${doc(i.id)}" title="${i.title}">【${i.formLabel}】</a>`)}${d.policy ? html`<span class="doc-meta">解读：<a href="${doc(d.policy.id)}">${d.policy.title}</a></span>` : ''}</span><span class="doc-meta">${d.docNo ? html`${d.docNo} · ` : ''}<time datetime="${chinaDateOrEmpty(d.publishedAt)}">${chinaDateOrEmpty(d.publishedAt)}</time></span></li>`;
  return html`<section class="home-latest" aria-labelledby="latest-title">
<h2 id="latest-title">最新公开</h2>
${items.length === 0 ? html`<p class="empty">暂未主动公开政府信息。</p>` : html`<ul class="doc-list">${items.map(item)}</ul>
<p><a href="${base}/open/catalogue">查看全部主动公开信息</a></p>`}
</section>`;
}

const profileFields = [
  ['address', '办公地址'],
  ['postcode', '邮政编码'],
  ['officeHours', '办公时间'],
  ['phone', '联系电话'],
  ['email', '电子邮箱'],
  ['head', '负责人'],
] as const;

export function profileSection(agency: PortalAgency, profile: AgencyProfile): SafeHtml {
  const rows = profileFields.filter(([key]) => profile.settings[key]);
  const base = agencyBase(agency);
  return html`<section class="home-profile" aria-labelledby="profile-title">
<h2 id="profile-title">机构概况</h2>
<table class="meta">
<tr><th scope="row">机构名称</th><td>${profile.fullName}</td></tr>
${rows.map(([key, label]) => html`<tr><th scope="row">${label}</th><td>${profile.settings[key]!}</td></tr>`)}
</table>
${rows.length === 0 ? html`<p class="empty">本机关尚未填写办公地址、办公时间和联系电话。</p>` : ''}
<p><a href="${base}/open/guide">政府信息公开指南</a> · <a href="${base}/open/request">依申请公开</a></p>
</section>`;
}
