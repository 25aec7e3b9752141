import type { ServiceDeps } from './context.ts';
import { systemActor } from './context.ts';
import { scopeFor } from './policy.ts';
import { findAgency } from '../capabilities/agencies/sql.ts';
import { createAgency, saveNoticeSettings, setSelfReview, updateAgency } from '../capabilities/agencies/commands.ts';
import { getNoticeSettings, getSelfReview } from '../capabilities/agencies/queries.ts';
import { createUser, setPlatformOperator } from '../capabilities/users/commands.ts';
import { DEMO_DEPARTMENT, seedDemoRequests } from './demo-requests.ts';
import { advanceReport, saveNarrative, saveReportContacts } from '../capabilities/reports/commands.ts';
import { processingFeeStatement } from '../domain/report/index.ts';
import changpingNarrative from './demo/changping-2025-narrative.json' with { type: 'json' };

export const DEMO_AGENCY = { code: 'changping', name: '常平乡', fullName: '常平乡人民政府', level: 'township' as const };
/** The demo county: 常平乡, 平安县民政局 and two more townships sit under it. */
export const DEMO_COUNTY = { code: 'pingan', name: '平安县', fullName: '平安县人民政府', level: 'county' as const };
const DEMO_OTHER_TOWNSHIPS = [
  { code: 'qingshi', name: '青石镇', fullName: '青石镇人民政府', level: 'township' as const },
  { code: 'liuhe', name: '柳河乡', fullName: '柳河乡人民政府', level: 'township' as const },
];
export const DEMO_ADMIN_USERNAME = 'admin';

const DEMO_TOWNSHIP_NOTICES = {
  officeName: '常平乡人民政府党政综合办公室',
  address: '常平乡人民政府院内',
  phone: '0550-1234567',
  reconsiderationBody: '平安县人民政府',
  court: '平安县人民法院',
  paymentMethod: '持本通知书到常平乡便民服务中心缴纳，或通过非税收入缴款码缴纳',
};
const DEMO_DEPARTMENT_NOTICES = {
  officeName: '平安县民政局办公室',
  address: '平安县城关镇人民路 1 号',
  phone: '0550-7654321',
  reconsiderationBody: '平安县人民政府',
  court: '平安县人民法院',
  paymentMethod: '通过非税收入缴款码缴纳，缴纳后凭财政票据领取信息',
};

export interface SeedResult {
  createdAgencies: string[];
  /** Set only when this run created the administrator: printed once, stored nowhere. */
  admin: { username: string; oneTimePassword: string } | null;
}

/**
 * Creates the demo data a first start needs. Idempotent: each piece is created only when
 * absent, so running it twice changes nothing.
 */
export async function seedDemo(deps: ServiceDeps): Promise<SeedResult> {
  const actor = systemActor('seed');
  const result: SeedResult = { createdAgencies: [], admin: null };
  // An installation seeded before the county existed keeps its flat agencies: nothing is moved.
  // On a fresh one 常平乡 is created first (it keeps id 1, the agency the demo and the docs
  // start from), then the county, and 常平乡 is placed under it.
  const fresh = !(await findAgency(deps.db, DEMO_AGENCY.code));
  let agency = await findAgency(deps.db, DEMO_AGENCY.code);
  if (!agency) {
    await createAgency(deps, actor, { ...DEMO_AGENCY, parentId: null });
    result.createdAgencies.push(DEMO_AGENCY.name);
    agency = (await findAgency(deps.db, DEMO_AGENCY.code))!;
  }
  let county = await findAgency(deps.db, DEMO_COUNTY.code);
  if (!county && fresh) {
    await createAgency(deps, actor, { ...DEMO_COUNTY, parentId: null });
    result.createdAgencies.push(DEMO_COUNTY.name);
    county = (await findAgency(deps.db, DEMO_COUNTY.code))!;
    await updateAgency(deps, actor, agency.id, { parentId: county.id });
  }
  const countyId = county?.id ?? null;
  if (await seedDemoRequests(deps, countyId)) result.createdAgencies.push(DEMO_DEPARTMENT.name);
  for (const t of fresh ? DEMO_OTHER_TOWNSHIPS : []) {
    if (await findAgency(deps.db, t.code)) continue;
    await createAgency(deps, actor, { ...t, parentId: countyId });
    result.createdAgencies.push(t.name);
  }
  const department = (await findAgency(deps.db, DEMO_DEPARTMENT.code))!;
  for (const a of [agency, department]) {
    if (Object.keys(await getNoticeSettings(deps.db, await scopeFor(deps.db, actor, a.id))).length === 0) {
      await saveNoticeSettings(deps, actor, a.id, a.id === agency.id ? DEMO_TOWNSHIP_NOTICES : DEMO_DEPARTMENT_NOTICES);
    }
  }
  await seedDemoReports(deps, agency.id, department.id);
  // 常平乡's open-government work is one clerk's (明确专人负责): the demo allows self-review there,
  // so one account can try every step; 平安县民政局 keeps the four-eyes rule.
  if (fresh && !(await getSelfReview(deps.db, await scopeFor(deps.db, actor, agency.id))).allowed) {
    await setSelfReview(deps, actor, agency.id, { allowed: true, reason: '演示数据：本乡政务公开工作由一人负责，起草、审查、批准由同一人完成' });
  }
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const { user, oneTimePassword } = await createUser(deps, actor, {
      username: DEMO_ADMIN_USERNAME,
      displayName: '系统管理员',
      roles: [
        ...(countyId ? [{ agencyId: countyId, role: 'admin' as const, scope: 'subtree' as const }] : []),
        ...[agency.id, department.id].flatMap((agencyId) => (['admin', 'clerk', 'reviewer', 'head'] as const).map((role) => ({ agencyId, role }))),
      ],
    });
    // The account created at first start is the installation's own: it runs the platform.
    await setPlatformOperator(deps, systemActor('seed'), user.id, true);
    result.admin = { username: DEMO_ADMIN_USERNAME, oneTimePassword: oneTimePassword! };
  }
  return result;
}

/**
 * 常平乡's 2025 report reproduces the seed report (its records are all zero, its narrative is
 * the seed's), published; the department's 2025 report is a draft whose tables come from its
 * year of requests.
 */
async function seedDemoReports(deps: ServiceDeps, townshipId: number, departmentId: number): Promise<void> {
  const actor = systemActor('seed');
  const exists = async (agencyId: number) =>
    !!(await deps.db.selectFrom('annual_reports').select('year').where('agency_id', '=', agencyId).where('year', '=', 2025).executeTakeFirst());
  if (!(await exists(townshipId))) {
    // The standard opening paragraph comes from these (issue 18, item 6).
    await saveReportContacts(deps, actor, townshipId, {
      websiteName: '常平乡人民政府政府信息公开专栏',
      websiteUrl: 'https://changping.example.gov.cn/org/changping/',
      office: '常平乡人民政府党政综合办公室',
      address: '常平乡人民政府院内',
      postcode: '100000',
      phone: '0550-1234567',
      email: 'gongkai@changping.example.gov.cn',
    });
    await saveNarrative(deps, actor, townshipId, 2025, changpingNarrative);
    await advanceReport(deps, actor, townshipId, 2025, 'check');
    await advanceReport(deps, actor, townshipId, 2025, 'publish');
  }
  if (!(await exists(departmentId))) {
    await saveNarrative(deps, actor, departmentId, 2025, {
      overview:
        '（一）主动公开：围绕社会救助、养老服务、社会事务等重点工作，及时公开政策文件和办事指南。\n（二）依申请公开：严格按照条例规定的程序和期限办理，对每件申请逐一登记、审核、答复。\n（三）政府信息管理：落实保密审查制度，建立公开前审查台账。\n（四）政府信息公开平台建设：依托县政府门户网站政府信息公开专栏集中发布。\n（五）监督保障：将政府信息公开工作纳入年度考核。',
      problems: '存在问题：依申请公开答复文书格式有待进一步规范。改进情况：制定统一文书模板，开展业务培训。',
      other: processingFeeStatement(2025, 1100),
    });
  }
}
