/**
 * The audit log in words a clerk reads: each action, record kind and changed field in Chinese.
 * Codes stay in the stored log (they are what the hash chain covers); only the view translates.
 * No Node.js APIs: the workspace imports the types through the contract.
 */
import { roleLabels, scopeLabels } from '../../domain/access/policy.ts';
import { agencyLevels } from '../../domain/agencies/hierarchy.ts';
import { docKindLabels, statusLabels, validityLabels } from '../../domain/documents/catalogue.ts';
import { documentActionLabels } from '../../domain/documents/workflow.ts';
import { phaseLabels } from '../../domain/requests/lifecycle.ts';
import { chinaDateTime } from '../../domain/calendar/china-time.ts';
import { eventTypeLabels } from '../requests/contract.ts';
import { reportStatusLabels } from '../reports/contract.ts';
import { messageEventLabels } from '../messages/contract.ts';
import { consultationEventLabels } from '../../domain/consultations/lifecycle.ts';
import { surveyEventLabels } from '../../domain/surveys/workflow.ts';

const fixedActions: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login-failed': '登录失败',
  'auth.change-password-failed': '修改密码失败（原密码错误）',
  'user.create': '创建用户',
  'user.roles': '设置角色',
  'user.update': '修改用户',
  'user.reset-password': '重置密码',
  'user.change-password': '修改密码',
  'agency.create': '创建机构',
  'agency.update': '修改机构',
  'agency.move': '调整上级机构',
  'agency.close': '撤销机构',
  'agency.index-scheme': '设置索引号规则',
  'agency.notice-settings': '修改文书设置',
  'agency.site-settings': '修改网站设置',
  'agency.reopen': '恢复机构',
  'agency.self-review-on': '允许本人审查',
  'agency.self-review-off': '取消本人审查',
  'user.grant-operator': '授予平台运维权限',
  'user.revoke-operator': '收回平台运维权限',
  'calendar.update': '修改工作日安排',
  'appeal.create': '登记复议诉讼案件',
  'appeal.update': '更新复议诉讼案件',
  'art20.save': '保存第二十条统计',
  'art20.import': '导入第二十条统计',
  'calendar.add': '添加工作日安排',
  'calendar.save': '保存工作日安排',
  'calendar.delete': '删除工作日安排',
  'category.create': '新建栏目',
  'document.create': '新建文件',
  'document.update': '修改文件',
  'document.attach': '上传附件',
  'document.scan-resolve': '处理泄密扫描提示',
  'document.interpretation-exemption': '记录规范性文件不作解读的理由',
  'document.interpretation-exemption-clear': '撤销不作解读的理由',
  'document.revise': '将已撤回的文件修订为新版本',
  'plan.add': '添加发布计划',
  'portal-page.save': '保存公开指南或公开制度',
  'report.narrative': '保存年度报告文字部分',
  'report.check': '校验年度报告',
  'report.publish': '发布年度报告',
  'websiteReport.check': '校验网站年度报表',
  'websiteReport.publish': '发布网站年度报表',
  'report.correct': '更正已发布的年度报告',
  'report.remind': '催报年度报告',
  'report.contacts': '设置年度报告开头的网址和联系方式',
  'request.intake': '登记申请',
  'request.notice': '生成告知书',
  'request.submit-online': '网上提交申请',
  'request.personal-data': '查阅申请人个人信息',
  'mailbox.create': '开设信箱',
  'message.rated-by-writer': '留言人评价答复',
  'training.create': '登记培训',
  'training.update': '修改培训记录',
  'training.delete': '删除培训记录',
  'responsible-person.create': '添加政务公开负责人',
  'responsible-person.update': '修改政务公开负责人',
  'responsible-person.delete': '删除政务公开负责人',
  'assessment.save': '保存绩效考核项目与自评分',
  'assessment.score': '上级评分',
  'consultation.create': '起草征求意见稿',
  'consultation.comment-online': '网上提交征求意见',
  'consultation.comment-entered': '登记收到的意见',
  'survey.create': '新建问卷',
  'survey.edit': '修改问卷',
  'survey.paper-sheets': '录入纸质问卷',
  'hotline.create': '登记热线来电',
  'hotline.update': '修改热线来电记录',
  'hotline.delete': '删除热线来电记录',
  'hotline.import': '导入12345工单',
  'interview.create': '预告在线访谈',
  'interview.update': '修改在线访谈',
  'interview.delete': '删除在线访谈',
  'interview.answered': '标记访谈中已答复的问题',
  'interview.convert-unanswered': '将访谈未答问题转为留言',
  'interview.question-converted': '访谈问题已转为留言',
  'interview.save-transcript': '保存访谈实录',
  'interview.publish-transcript': '发布访谈实录',
  'meeting.create': '登记会议',
  'meeting.update': '修改会议记录',
  'meeting.delete': '删除会议记录',
};

/** The Chinese name of an audited action; an unknown code is described, never shown raw. */
export function auditActionLabel(action: string): string {
  if (fixedActions[action]) return fixedActions[action];
  const [kind, step] = action.split('.', 2) as [string, string | undefined];
  if (kind === 'document' && step && step in documentActionLabels) return `文件：${documentActionLabels[step as keyof typeof documentActionLabels]}`;
  if (kind === 'request' && step && step in eventTypeLabels) return `申请：${eventTypeLabels[step as keyof typeof eventTypeLabels]}`;
  if (kind === 'message' && step && step in messageEventLabels) return `留言：${messageEventLabels[step as keyof typeof messageEventLabels]}`;
  if (kind === 'consultation' && step && step in consultationEventLabels) return `意见征集：${consultationEventLabels[step as keyof typeof consultationEventLabels]}`;
  if (kind === 'survey' && step && step in surveyEventLabels) return `问卷：${surveyEventLabels[step as keyof typeof surveyEventLabels]}`;
  return `${entityLabels[kind] ?? '其他'}操作`;
}

const entityLabels: Record<string, string> = {
  agency: '机构',
  annual_report: '年度报告',
  report: '年度报告',
  appeal: '复议诉讼案件',
  calendar_year: '工作日安排',
  document: '文件',
  document_category: '栏目',
  portal_page: '门户页面',
  publishing_plan: '发布计划',
  request: '依申请公开',
  mailbox: '信箱',
  message: '留言',
  user: '用户',
  auth: '账号',
  training: '培训记录',
  responsible_person: '政务公开负责人',
  assessment: '绩效考核',
  consultation: '意见征集',
  survey: '问卷调查',
  hotline_call: '热线来电',
  hotline_import: '12345工单导入',
  interview: '在线访谈',
  meeting: '会议记录',
  website_report: '网站年度报表',
};

export function auditEntityLabel(entity: string): string {
  return entityLabels[entity] ?? '其他记录';
}

/** Field names of the audited rows; fields not listed here are counted, not shown by code. */
const fieldLabels: Record<string, string> = {
  title: '标题',
  status: '状态',
  doc_no: '文号',
  index_no: '索引号',
  issuer: '发布机构',
  topic: '主题分类',
  written_at: '成文日期',
  formed_at: '形成日期',
  published_at: '发布时间',
  validity: '有效性',
  invalid_from: '失效日期',
  effective_from: '生效日期',
  doc_kind: '文件类型',
  body_html: '正文',
  name: '名称',
  short_name: '简称',
  code: '代码',
  level: '级别',
  credit_code: '统一社会信用代码',
  closed_at: '撤销时间',
  username: '用户名',
  display_name: '姓名',
  disabled: '停用',
  roles: '角色',
  role: '角色',
  scope: '范围',
  phase: '办理阶段',
  outcome: '办理结果',
  due_date: '答复期限',
  year: '年度',
  kind: '类别',
  result: '结果',
  case_no: '案号',
  filed_date: '收到日期',
  closed_date: '审结日期',
  summary: '摘要',
  overview: '总体情况',
  problems: '存在的主要问题及改进情况',
  other: '其他需要报告的事项',
  scheme: '索引号规则',
  reason: '理由',
  channel: '渠道',
  planned_date: '计划日期',
  slug: '页面',
  version: '版本',
  preamble: '开头',
  websiteName: '网站名称',
  websiteUrl: '网址',
  office: '联系机构',
  address: '地址',
  postcode: '邮编',
  phone: '电话',
  email: '电子邮箱',
  held_on: '培训日期',
  trainer: '授课人',
  attendee_count: '参训人数',
  attendee_names: '参训人员',
  materials: '培训材料',
  post: '职务',
  office_phone: '办公电话',
  since: '起始日期',
  until: '截止日期',
  is_contact: '对外公布的联系人',
  items: '考核项目',
  scores: '上级评分',
};

export interface AuditChange {
  field: string;
  /** null when the record was created (nothing before). */
  before: string | null;
  after: string;
}

/** Fields whose values are long text or markup: the view says how long, not what. */
const textFields = new Set(['body_html', 'body_text', 'overview', 'problems', 'other', 'summary']);
const instantFields = new Set(['published_at', 'closed_at']);
const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** Coded values shown by their Chinese names (other values are data, shown as typed). */
const valueLabels: Record<string, Record<string, string>> = {
  status: { ...statusLabels, ...reportStatusLabels },
  phase: phaseLabels,
  role: roleLabels,
  roles: roleLabels,
  scope: scopeLabels,
  level: agencyLevels,
  validity: validityLabels,
  doc_kind: docKindLabels,
};

const shown = (v: unknown, codes?: Record<string, string>): string => {
  if (blank(v)) return '（空）';
  if (typeof v === 'string') {
    const text = codes?.[v] ?? v;
    // Whole characters: slicing UTF-16 units could cut an emoji in two.
    const chars = [...text];
    return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : text;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => shown(x, codes)).join('、');
  return '（多项内容）';
};

/** The named fields that differ between before and after, plus how many other fields changed. */
export function auditChanges(before: unknown, after: unknown): { changes: AuditChange[]; otherChanges: number } {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const changes: AuditChange[] = [];
  let otherChanges = 0;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key.endsWith('_at') && key !== 'published_at' && key !== 'closed_at') continue; // bookkeeping times
    if (JSON.stringify(b[key]) === JSON.stringify(a[key]) || (blank(b[key]) && blank(a[key]))) continue;
    const field = fieldLabels[key];
    if (!field) {
      otherChanges++;
      continue;
    }
    const show = (v: unknown): string =>
      textFields.has(key) && typeof v === 'string' && v ? `（${[...v.replace(/<[^>]*>/g, '')].length} 字）` : instantFields.has(key) && typeof v === 'string' && v ? chinaDateTime(v) : shown(v, valueLabels[key]);
    // A new record lists what it was created with, without "（空）→".
    if (!before) {
      if (!blank(a[key])) changes.push({ field, before: null, after: show(a[key]) });
    } else changes.push({ field, before: show(b[key]), after: show(a[key]) });
  }
  return { changes, otherChanges };
}
