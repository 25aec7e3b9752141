/**
 * 政策解读 and the 三同步 rule (decision 018): a 规章 or 行政规范性文件 is published together with
 * its 解读, or with a recorded exemption. A 解读 is a document of its own that points at its policy;
 * these pure rules decide what a 解读 needs and whether a policy may be published.
 */
import type { DocumentStatus } from './catalogue.ts';

export const interpretationForms = ['text', 'graphic', 'video'] as const;
export type InterpretationForm = (typeof interpretationForms)[number];
export const interpretationFormLabels: Record<InterpretationForm, string> = { text: '文字解读', graphic: '图解', video: '视频解读' };

/** What the 文字 field of each form is called on the form and in errors. */
export const interpretationTextLabels: Record<InterpretationForm, string> = {
  text: '解读摘要',
  graphic: '图解的文字说明',
  video: '字幕或文字稿',
};

/** 三同步 applies to 规章 and 行政规范性文件 (the document's 文件类型). */
export function needsInterpretation(docKind: string | null): boolean {
  return docKind === 'rule' || docKind === 'normative';
}

/** The least a text alternative or a 文字稿 must say: a caption of a few characters explains nothing. */
export const MIN_INTERPRETATION_TEXT = 20;

export interface InterpretationFacts {
  form: InterpretationForm;
  text: string | null;
  mediaUrl: string | null;
  /** Whether one of the 解读's attachments is an image (a 图解's picture). */
  hasImage: boolean;
}

/**
 * What a 解读 lacks before it can be submitted or published, in Chinese (the workflow's `missing`
 * list): a 图解 needs its picture and a text alternative, a video its address and captions.
 */
export function interpretationGaps(f: InterpretationFacts): string[] {
  const gaps: string[] = [];
  const text = f.text?.trim() ?? '';
  if (f.form === 'graphic') {
    if (!f.hasImage) gaps.push('图解图片（以图片附件上传）');
    if (text.length < MIN_INTERPRETATION_TEXT) gaps.push(`图解的文字说明（不少于 ${MIN_INTERPRETATION_TEXT} 字）`);
  }
  if (f.form === 'video') {
    if (!f.mediaUrl) gaps.push('视频地址');
    if (text.length < MIN_INTERPRETATION_TEXT) gaps.push(`字幕或文字稿（不少于 ${MIN_INTERPRETATION_TEXT} 字）`);
  }
  return gaps;
}

/** A video's address: an https link (the portal links to it and never embeds another site). */
export function mediaUrlProblem(url: string): string | null {
  if (url.length > 500) return '视频地址过长';
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? null : '视频地址须以 https:// 开头';
  } catch {
    return '视频地址不是有效的网址';
  }
}

export interface LinkedInterpretation {
  id: number;
  title: string;
  status: DocumentStatus;
}

/** Statuses in which a 解读 goes out with its policy. */
const readyStatuses: readonly DocumentStatus[] = ['approved', 'scheduled', 'published'];

export type GateResult = { ok: true; publishWith: number[] } | { ok: false; code: 'INTERPRETATION_REQUIRED' | 'INTERPRETATION_NOT_READY'; message: string };

/**
 * Whether a policy may be published now, and which of its 解读 are published in the same
 * transaction (approved or scheduled ones). Withdrawn 解读 do not count.
 */
export function interpretationGate(policy: { docKind: string | null; exempted: boolean }, linked: readonly LinkedInterpretation[]): GateResult {
  const live = linked.filter((l) => l.status !== 'withdrawn');
  const publishWith = live.filter((l) => l.status === 'approved' || l.status === 'scheduled').map((l) => l.id);
  if (!needsInterpretation(policy.docKind) || policy.exempted) return { ok: true, publishWith };
  if (live.length === 0) {
    return { ok: false, code: 'INTERPRETATION_REQUIRED', message: '规章和行政规范性文件须与政策解读同步发布：请先关联一篇解读，或记录不解读的理由（三同步）' };
  }
  if (!live.some((l) => readyStatuses.includes(l.status))) {
    const titles = live.map((l) => `《${l.title}》`).join('、');
    return { ok: false, code: 'INTERPRETATION_NOT_READY', message: `解读${titles}尚未经审查和批准，不能与政策文件同步发布` };
  }
  return { ok: true, publishWith };
}

/**
 * Why a 解读 may not be published on its own now: it goes out with its policy, so while the
 * policy is unpublished the 解读 waits for it (decision 018: refused, not queued).
 */
export function interpretationAloneRefusal(policyStatus: DocumentStatus): string | null {
  if (policyStatus === 'published') return null;
  if (policyStatus === 'withdrawn') return '所解读的政策文件已撤回，解读不能发布';
  return '解读与所解读的政策文件同步发布：请发布政策文件，已批准的解读将随之发布';
}

/**
 * The 索引号 of a revision (decision 018): the first version's number with -v2, -v3…, so the
 * lineage reads from the number itself and stays unique.
 */
export function revisionIndexNo(previous: { indexNo: string; version: number }): string {
  const base = previous.version > 1 ? previous.indexNo.slice(0, -`-v${previous.version}`.length) : previous.indexNo;
  return `${base}-v${previous.version + 1}`;
}
