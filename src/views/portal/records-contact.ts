/** The 政务公开 contact an agency published (专人负责): on the 公开指南 page. Public fields only. */
import { html, type SafeHtml } from '../html.ts';
import type { PublicContact } from '../../capabilities/records/contract.ts';

export function contactBlock(contact: PublicContact | null): SafeHtml | '' {
  if (!contact) return '';
  return html`<section class="contact" aria-labelledby="gk-contact"><h2 id="gk-contact">政务公开工作联系人</h2>
<p>${contact.name}${contact.post ? html`（${contact.post}）` : ''}</p>
${contact.officePhone ? html`<p>办公电话：${contact.officePhone}</p>` : ''}${contact.email ? html`<p>电子邮箱：<a href="mailto:${contact.email}">${contact.email}</a></p>` : ''}</section>`;
}
