/**
 * The document workflow: draft → submit → 保密审查 (reviewer) → approve (head) → publish now or
 * scheduled; withdraw with a reason. Who may take each step comes from the policy table; the
 * four-eyes rule keeps the drafter from reviewing or approving their own document unless the
 * agency allows self-review (a one-person office, with a stated reason), and then the step is
 * marked as a self-review.
 */
import { allRoles, rolesAllow, type Permission, type Role } from '../access/policy.ts';
import { statusLabels, type DocumentStatus } from './catalogue.ts';

export type DocumentAction = 'submit' | 'review' | 'reject' | 'approve' | 'publish' | 'schedule' | 'withdraw' | 'edit';

export const documentActionLabels: Record<Exclude<DocumentAction, 'edit'>, string> = {
  submit: '提交保密审查',
  review: '保密审查',
  reject: '退回修改',
  // 批准 only approves: publishing is its own step (立即发布 or 定时发布), so the button must not say 发布.
  approve: '批准',
  publish: '立即发布',
  schedule: '定时发布',
  withdraw: '撤回',
};

export interface WorkflowFacts {
  status: DocumentStatus;
  unresolvedHits: number;
  /** Roles the actor holds in the document's agency. */
  roles: readonly Role[];
  /** The actor drafted this document. */
  isDrafter?: boolean;
  /** The agency allows a drafter to review and approve (one-person office). */
  selfReviewAllowed?: boolean;
  /** Chinese names of what a published document needs but this one lacks (its catalogue column, 形成日期). */
  missing?: readonly string[];
}

export type WorkflowResult =
  | { ok: true; status: DocumentStatus; selfReview?: true }
  /** byRole: the actor's roles (or the four-eyes rule) forbid the step (403); otherwise the document's state does (409). */
  | { ok: false; reason: string; byRole: boolean };

const permissionOf: Record<DocumentAction, Permission> = {
  edit: 'documents.draft',
  submit: 'documents.draft',
  review: 'documents.review',
  reject: 'documents.reject',
  approve: 'documents.approve',
  publish: 'documents.publish',
  schedule: 'documents.publish',
  withdraw: 'documents.withdraw',
};

const roleRefusals: Record<DocumentAction, string> = {
  edit: '只有信息员可以编辑文件',
  submit: '只有信息员可以提交审查',
  review: '保密审查须由审核人进行',
  reject: '只有审核人或负责人可以退回',
  approve: '发布须经负责人批准',
  publish: '没有发布权限',
  schedule: '没有发布权限',
  withdraw: '撤回须由负责人或管理员执行',
};

const fourEyes: Partial<Record<DocumentAction, string>> = {
  review: '起草人不能对本人起草的文件进行保密审查（四眼原则）；本机构仅一人办公的，可由管理员在“机构设置”中开启自审并写明理由',
  approve: '起草人不能批准本人起草的文件（四眼原则）；本机构仅一人办公的，可由管理员在“机构设置”中开启自审并写明理由',
};

/** The next status after `action`, or a Chinese reason for refusing. */
export function nextStatus(facts: WorkflowFacts, action: DocumentAction): WorkflowResult {
  const refuse = (reason: string): WorkflowResult => ({ ok: false, reason, byRole: false });
  const deny = (reason: string): WorkflowResult => ({ ok: false, reason, byRole: true });
  if (!rolesAllow(facts.roles, permissionOf[action])) return deny(roleRefusals[action]);
  const selfStep = fourEyes[action] !== undefined && facts.isDrafter === true;
  if (selfStep && !facts.selfReviewAllowed) return deny(fourEyes[action]!);
  const ok = (status: DocumentStatus): WorkflowResult => (selfStep ? { ok: true, status, selfReview: true } : { ok: true, status });
  const s = facts.status;
  // Checked at submission too, so the gap is filled while the draft can still be edited.
  const gap = facts.missing?.length ? `发布前须填写${facts.missing.join('和')}` : null;
  switch (action) {
    case 'edit':
      return s === 'draft' ? ok('draft') : refuse(`“${statusLabels[s]}”状态的文件不能编辑，请先退回草稿`);
    case 'submit':
      if (s !== 'draft') return refuse('只有草稿可以提交审查');
      return gap ? refuse(gap) : ok('submitted');
    case 'review':
      if (s !== 'submitted') return refuse('文件不在待审查状态');
      if (facts.unresolvedHits > 0) return refuse(`自动检测发现 ${facts.unresolvedHits} 处疑似敏感信息尚未处理，不能通过保密审查`);
      return ok('reviewed');
    case 'reject':
      return s === 'submitted' || s === 'reviewed' || s === 'approved' ? ok('draft') : refuse('该状态的文件不能退回');
    case 'approve':
      return s === 'reviewed' ? ok('approved') : refuse('文件须先通过保密审查');
    case 'publish':
    case 'schedule':
      if (s !== 'approved' && !(action === 'publish' && s === 'scheduled')) return refuse('文件须经保密审查和负责人批准后才能发布');
      if (facts.unresolvedHits > 0) return refuse(`存在 ${facts.unresolvedHits} 处未处理的疑似敏感信息，不能发布`);
      if (gap) return refuse(gap);
      return ok(action === 'publish' ? 'published' : 'scheduled');
    case 'withdraw':
      return s === 'published' || s === 'scheduled' ? ok('withdrawn') : refuse('只有已发布或定时发布的文件可以撤回');
    default:
      return refuse('未知操作');
  }
}

export interface ActionChoice {
  action: Exclude<DocumentAction, 'edit'>;
  label: string;
  allowed: boolean;
  /** Why the actor may not take it (role or four-eyes), shown beside the disabled button. */
  reason?: string;
}

/**
 * The steps the document's state offers now, each allowed or not for this actor: the same rules
 * as nextStatus, so the workspace's buttons cannot disagree with what the server accepts. Scan
 * hits do not hide a step: trying it explains what blocks it.
 */
export function documentActions(facts: WorkflowFacts): ActionChoice[] {
  const out: ActionChoice[] = [];
  for (const action of Object.keys(documentActionLabels) as ActionChoice['action'][]) {
    if (!nextStatus({ status: facts.status, unresolvedHits: 0, roles: allRoles }, action).ok) continue;
    const r = nextStatus({ ...facts, unresolvedHits: 0 }, action);
    out.push(r.ok ? { action, label: documentActionLabels[action], allowed: true } : { action, label: documentActionLabels[action], allowed: false, reason: r.reason });
  }
  return out;
}
