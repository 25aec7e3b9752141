/**
 * Formal notices of the 依申请公开 workflow (受理回执, 补正告知书, 延期答复告知书, 征求意见函,
 * 收费通知书, 答复书) as printable HTML and as DOCX, from one view model.
 */
export * from './model.ts';
export { buildNoticeDocument, noticeTitle, type Block, type NoticeDocument } from './content.ts';
export { OUTCOME_INFO, outcomeArticles, isNoticeOutcome, type OutcomeInfo } from './outcomes.ts';
export { renderNoticeHtml } from './render-html.ts';
export type { DocxOptions } from './render-docx.ts';

/** The DOCX of a notice; the docx library is loaded by the first notice asked for as DOCX. */
export async function renderNoticeDocx(...args: Parameters<typeof import('./render-docx.ts').renderNoticeDocx>): Promise<Buffer> {
  return (await import('./render-docx.ts')).renderNoticeDocx(...args);
}
export { assertNoticeComplete } from './validate.ts';
export { yuanInWords } from './text.ts';
