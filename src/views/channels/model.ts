/**
 * What the outbound channels (WeChat article, notice-board sheet, feeds) know about a published
 * 主动公开 document. Plain data; the lead's storage layer maps rows to it.
 */

/** Same codes as documents.validity (src/domain/documents/catalogue.ts). */
export type DocumentValidity = 'valid' | 'expired' | 'repealed';

export const VALIDITY_LABELS: Readonly<Record<DocumentValidity, string>> = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
};

export interface ChannelAgency {
  readonly name: string;
  readonly code: string;
}

export interface PublishedAttachmentView {
  /** Display name, e.g. '低保对象名单.xlsx'. */
  readonly name: string;
  /** Absolute download URL on the portal. */
  readonly url: string;
  readonly sizeBytes: number;
  readonly mime: string;
}

export interface PublishedDocumentView {
  /** 索引号 */
  readonly indexNo: string;
  readonly title: string;
  /** 发布机构 */
  readonly issuer: string;
  /** 文号, e.g. '常政发〔2024〕7号'; many documents have none. */
  readonly docNo: string | null;
  /** 成文日期 'YYYY-MM-DD'. */
  readonly writtenAt: string | null;
  /**
   * 发布日期: an ISO 8601 instant ('2024-03-15T02:00:00.000Z') or a date 'YYYY-MM-DD', which is
   * taken as midnight China time.
   */
  readonly publishedAt: string;
  /** Last change, same forms as publishedAt; feeds and sitemaps fall back to publishedAt. */
  readonly updatedAt?: string | null;
  /** 主题分类 */
  readonly topic: string | null;
  /** 公开目录 category name, e.g. '通知公告'. */
  readonly category: string;
  readonly validity: DocumentValidity;
  readonly agency: ChannelAgency;
  /** Absolute URL of the document's portal page. */
  readonly url: string;
  /** Already sanitised with sanitizeDocumentHtml (the renderers sanitise again anyway). */
  readonly bodyHtml: string;
  readonly attachments: readonly PublishedAttachmentView[];
  /** 公示期, free text, e.g. '2024年3月15日至2024年3月21日（5个工作日）'. Only for 公示 documents. */
  readonly noticePeriod?: string | null;
}
