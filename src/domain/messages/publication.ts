/**
 * What the public may see of a message: the 转办 rule of the agency hierarchy, the writer's masked
 * name, and the leak scan of the texts to be published with the staff's resolution of each hit.
 * Pure.
 */
import { maskScanMatch, scanText, type ScanKind } from '../scan/index.ts';

/** The agencies as the hierarchy sees them. */
export interface AgencyNode {
  id: number;
  parent_id: number | null;
}

function chain(agencies: readonly AgencyNode[], id: number): number[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const out: number[] = [];
  for (let at = byId.get(id); at && !out.includes(at.id); at = at.parent_id === null ? undefined : byId.get(at.parent_id)) out.push(at.id);
  return out;
}

/**
 * Why a message may not be transferred from one agency to another, or null. 转办 stays inside the
 * hierarchy: to an agency above (the county), below (a department or village under it), or beside
 * it under the same parent (another township or a county department). A message is never sent to
 * another county's tree, where nobody answers to the same supervision.
 */
export function transferRefusal(agencies: readonly AgencyNode[], fromId: number, toId: number): string | null {
  if (fromId === toId) return '不能转办给本机关';
  const up = chain(agencies, fromId);
  const targetUp = chain(agencies, toId);
  if (targetUp.length === 0) return '承办机关不存在';
  if (up.includes(toId) || targetUp.includes(fromId)) return null;
  if (up[1] !== undefined && up[1] === targetUp[1]) return null;
  return '只能转办给本机关的上级机关、下级机关或同一上级下的机关';
}

/** The writer's name on anything public: the surname and a star for each other character (张**). */
export function maskWriterName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export const publishedFields = ['title', 'body', 'reply'] as const;
export type PublishedField = (typeof publishedFields)[number];

export const publishedFieldLabels: Record<PublishedField, string> = { title: '留言标题', body: '留言内容', reply: '答复内容' };

/** How staff resolved one hit: masked in the public text, or kept with a reason (an office's public number). */
export interface ScanResolution {
  field: PublishedField;
  start: number;
  end: number;
  action: 'mask' | 'keep';
  reason?: string;
}

export interface PublicationHit {
  field: PublishedField;
  fieldLabel: string;
  kind: ScanKind;
  start: number;
  end: number;
  context: string;
  message: string;
  resolved: boolean;
}

export type PublishedTexts = Record<PublishedField, string>;

const resolutionOf = (resolutions: readonly ScanResolution[], field: PublishedField, start: number, end: number): ScanResolution | undefined =>
  resolutions.find((r) => r.field === field && r.start === start && r.end === end && (r.action === 'mask' || (r.reason ?? '').trim() !== ''));

/** Every leak-scan hit in the texts to be published, marked resolved when a resolution covers it. */
export function publicationHits(texts: PublishedTexts, resolutions: readonly ScanResolution[] = []): PublicationHit[] {
  return publishedFields.flatMap((field) =>
    scanText(texts[field]).map((h) => ({
      field,
      fieldLabel: publishedFieldLabels[field],
      kind: h.kind,
      start: h.start,
      end: h.end,
      context: h.context,
      message: h.message,
      resolved: resolutionOf(resolutions, field, h.start, h.end) !== undefined,
    })),
  );
}

/** Why the texts may not be published yet (Chinese), or null when every hit is resolved. */
export function publicationRefusal(texts: PublishedTexts, resolutions: readonly ScanResolution[] = []): string | null {
  const open = publicationHits(texts, resolutions).filter((h) => !h.resolved);
  if (open.length === 0) return null;
  return `公开前须处理敏感信息检查发现的 ${open.length} 处问题：${open.map((h) => `${h.fieldLabel}中的${h.message}`).join('；')}`;
}

/** The texts as published: every hit resolved by masking is masked. */
export function maskedForPublication(texts: PublishedTexts, resolutions: readonly ScanResolution[] = []): PublishedTexts {
  const out = { ...texts };
  for (const field of publishedFields) {
    const text = texts[field];
    let result = '';
    let at = 0;
    for (const h of scanText(text)) {
      if (resolutionOf(resolutions, field, h.start, h.end)?.action !== 'mask') continue;
      result += text.slice(at, h.start) + maskScanMatch(h.kind, h.match);
      at = h.end;
    }
    out[field] = result + text.slice(at);
  }
  return out;
}
