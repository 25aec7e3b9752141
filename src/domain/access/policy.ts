/**
 * Who may do what: every action of the product × the roles that may take it, in one table.
 * Roles are granted per agency, with a scope (本机关, or 本机关及下级); holding a role in
 * agency A grants nothing in agency B unless B lies below A and the grant's scope is the subtree.
 * Pure: services/policy.ts turns a user's grants into a scope for one agency.
 */
export type Role = 'admin' | 'clerk' | 'reviewer' | 'head';
export type RoleScope = 'agency' | 'subtree';

export const allRoles: readonly Role[] = ['admin', 'clerk', 'reviewer', 'head'];

export const roleLabels: Record<Role, string> = {
  admin: '管理员',
  clerk: '信息员',
  reviewer: '审核人',
  head: '负责人',
};

export const scopeLabels: Record<RoleScope, string> = {
  agency: '本机关',
  subtree: '本机关及下级',
};

const ALL = allRoles;
const OFFICE: readonly Role[] = ['admin', 'clerk', 'head'];

export const permissions = {
  /** Read the agency's records (lists, details, statistics, settings). */
  'agency.read': ALL,
  'agencies.manage': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'head'],
  /** One-person offices: allow a drafter to review and approve their own document, with a reason. */
  'selfReview.allow': ['admin'],
  'settings.notices': ['admin', 'head'],
  'settings.catalogue': ['admin', 'head'],
  'settings.indexScheme': ['admin'],
  'documents.draft': ['admin', 'clerk'],
  'documents.review': ['reviewer'],
  'documents.reject': ['reviewer', 'head'],
  'documents.approve': ['head'],
  'documents.publish': OFFICE,
  'documents.withdraw': ['admin', 'head'],
  'requests.record': OFFICE,
  'requests.approveExtension': ['head'],
  /**
   * See a requester's identifiers in full (name of a person, ID number, phone, e-mail, address,
   * contact person) and issue the notices that carry them: those who handle requests. Anyone
   * else reads masked values; each full read is recorded (docs/decisions/013).
   */
  'requests.personalData': OFFICE,
  /** List who read a request's personal data, when and through which screen. */
  'requests.personalDataAccess': ['admin'],
  /** 留言: accept or refuse, transfer, draft and publish replies, record ratings given by phone or letter. */
  'messages.record': OFFICE,
  /** Open a mailbox and set its reply limits. */
  'messages.mailboxes': ['admin', 'head'],
  'messages.approveExtension': ['head'],
  'messages.reviewReply': ['reviewer', 'head'],
  'messages.approveReply': ['head'],
  /** See a writer's name, phone, e-mail and address in full: those who handle messages (as 013 for requests). */
  'messages.personalData': OFFICE,
  /** 意见征集: prepare and open a consultation, enter and moderate comments, close it with the feedback table. */
  'consultations.record': OFFICE,
  /** Publish a consultation's 意见采纳情况. */
  'consultations.publish': ['admin', 'head'],
  'art20.edit': OFFICE,
  'plan.edit': OFFICE,
  'portalPages.edit': OFFICE,
  'reports.edit': OFFICE,
  'reports.publish': ['head'],
  /** A superior office's spring review: check the reports of every agency below (本机关及下级). */
  'reports.reviewSubordinates': OFFICE,
  'appeals.edit': OFFICE,
  /** 工作记录: training, the persons responsible, the agency's own assessment items and self-scores. */
  'records.edit': OFFICE,
  /** The superior office's score of a subordinate's assessment (本机关及下级 grants only). */
  'records.scoreSubordinates': ['admin', 'head'],
  /** 问卷调查: create, edit, open and close a survey, read its answers (free text included). */
  'surveys.edit': OFFICE,
  /** Publish a closed survey's aggregate results on the portal. */
  'surveys.publishResults': ['admin', 'head'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return roles.some((r) => allowed.includes(r));
}

/** The roles that may take an action, as Chinese words: for refusals ("须由负责人…"). */
export function whoMay(permission: Permission): string {
  return permissions[permission].map((r) => roleLabels[r]).join('或');
}
