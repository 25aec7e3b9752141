/**
 * Checks of hotline calls in one round (every problem with its field), and the reading of a 12345
 * work-order export's rows: headers by their usual names, each bad row reported with its number.
 * Pure.
 */
import { localTimeProblem, normaliseLocalTime } from '../../domain/interaction/local-time.ts';
import { hotlineFieldLabels as F, hotlineLimits as L, type HotlineCallInput } from './contract.ts';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const len = (s: string): number => [...s.trim()].length;

export function hotlineProblems(input: HotlineCallInput, now: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: keyof typeof F, code: string, message: string) => out.push({ field, code, message });
  const p = localTimeProblem(input.calledAt, F.calledAt);
  if (p) add('calledAt', 'INVALID_TIME', p);
  else if (input.calledAt.trim() > now) add('calledAt', 'FUTURE_TIME', `${F.calledAt}不能晚于现在（${now}）`);
  if (len(input.orderNo) > L.orderNo) add('orderNo', 'TOO_LONG', `${F.orderNo}不能超过 ${L.orderNo} 个字符`);
  else if (input.orderNo.trim() && !/^[0-9A-Za-z\-_]+$/.test(input.orderNo.trim())) add('orderNo', 'INVALID_ORDER_NO', `${F.orderNo}只能包含字母、数字、“-”和“_”`);
  if (len(input.callerName) > L.callerName) add('callerName', 'TOO_LONG', `${F.callerName}不能超过 ${L.callerName} 个字`);
  if (input.callerPhone.trim() && !/^[0-9+\-() ]{3,30}$/.test(input.callerPhone.trim())) add('callerPhone', 'INVALID_PHONE', `${F.callerPhone}只能包含数字、+、-、括号和空格`);
  if (len(input.subject) === 0) add('subject', 'REQUIRED', `请填写${F.subject}`);
  else if (len(input.subject) > L.subject) add('subject', 'TOO_LONG', `${F.subject}不能超过 ${L.subject} 个字，现为 ${len(input.subject)} 个字`);
  if (len(input.answer) > L.answer) add('answer', 'TOO_LONG', `${F.answer}不能超过 ${L.answer} 个字，现为 ${len(input.answer)} 个字`);
  if (input.closed && len(input.answer) === 0) add('answer', 'CLOSED_WITHOUT_ANSWER', `已办结的来电须填写${F.answer}`);
  return out;
}

type Column = keyof typeof F;

/** Header names seen in 12345 exports, by the field they fill. */
const headerAliases: Record<string, Column> = {
  工单编号: 'orderNo', 工单号: 'orderNo', 编号: 'orderNo', 受理编号: 'orderNo',
  来电时间: 'calledAt', 受理时间: 'calledAt', 登记时间: 'calledAt', 来电日期: 'calledAt',
  来电人: 'callerName', 来电人姓名: 'callerName', 联系人: 'callerName', 姓名: 'callerName', 诉求人: 'callerName',
  来电号码: 'callerPhone', 联系电话: 'callerPhone', 电话: 'callerPhone', 联系方式: 'callerPhone',
  诉求内容: 'subject', 反映内容: 'subject', 来电内容: 'subject', 问题描述: 'subject', 工单内容: 'subject',
  答复内容: 'answer', 办理结果: 'answer', 处理结果: 'answer', 回复内容: 'answer', 办理情况: 'answer',
  是否办结: 'closed', 办结状态: 'closed', 工单状态: 'closed', 办理状态: 'closed',
};

const closedWords = new Set(['已办结', '办结', '是', '已完成', '完成', '已结案', '结案']);
const openWords = new Set(['未办结', '否', '办理中', '处理中', '待办理', '待处理', '已退回', '退回', '已派单', '待回访']);

export type SheetCell = string | number | boolean | Date | null;

/** Which column holds which field; the problem when a needed one is missing. */
export function hotlineColumns(header: readonly SheetCell[]): { columns: Map<Column, number>; problem: string | null } {
  const columns = new Map<Column, number>();
  header.forEach((h, i) => {
    const key = headerAliases[String(h ?? '').replace(/\s/g, '')];
    if (key && !columns.has(key)) columns.set(key, i);
  });
  const missing = (['orderNo', 'calledAt', 'subject', 'closed'] as const).filter((k) => !columns.has(k)).map((k) => `“${F[k]}”`);
  return { columns, problem: missing.length ? `第一行（表头）缺少${missing.join('、')}列：12345 工单导出表须有工单编号、来电时间、诉求内容和办结状态` : null };
}

const text = (v: SheetCell | undefined): string => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v)).trim();

/**
 * One data row as a call, or its problems (each prefixed by nothing: the caller names the row).
 * An order number is required here: it is what a re-import matches.
 */
export function hotlineRow(values: readonly SheetCell[], columns: Map<Column, number>, now: string): { input: HotlineCallInput; problems: string[] } {
  const at = (k: Column) => (columns.has(k) ? values[columns.get(k)!] : undefined);
  const rawTime = at('calledAt');
  const calledAt = normaliseLocalTime(rawTime instanceof Date ? rawTime : text(rawTime));
  const state = text(at('closed')).replace(/\s/g, '');
  const input: HotlineCallInput = {
    orderNo: text(at('orderNo')),
    calledAt: calledAt ?? text(rawTime),
    callerName: text(at('callerName')),
    callerPhone: text(at('callerPhone')),
    subject: text(at('subject')),
    answer: text(at('answer')),
    closed: closedWords.has(state),
  };
  const problems: string[] = [];
  if (!input.orderNo) problems.push(`缺少${F.orderNo}`);
  if (calledAt === null) problems.push(text(rawTime) ? `${F.calledAt}“${text(rawTime)}”无法识别，应如 2026-03-05 09:12` : `缺少${F.calledAt}`);
  if (!closedWords.has(state) && !openWords.has(state)) problems.push(state ? `${F.closed}“${state}”无法识别，应为“已办结”或“未办结”` : `缺少${F.closed}`);
  for (const p of hotlineProblems(input, now)) {
    if (p.field === 'calledAt' && calledAt === null) continue;
    if (p.field === 'orderNo' && !input.orderNo) continue;
    problems.push(p.message);
  }
  return { input, problems };
}

/** Whether a row is blank (skipped: exports end with empty formatted rows). */
export const blankRow = (values: readonly SheetCell[]): boolean => values.every((v) => text(v ?? null) === '');
