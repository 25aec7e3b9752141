import type { ServiceDeps } from './context.ts';
import { systemActor } from './context.ts';
import { createAgency, findAgency } from './agencies.ts';
import { createUser } from './accounts.ts';
import { DEMO_DEPARTMENT, seedDemoRequests } from './demo-requests.ts';

export const DEMO_AGENCY = { code: 'changping', name: '常平乡', level: 'township' as const };
export const DEMO_ADMIN_USERNAME = 'admin';

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
  let agency = await findAgency(deps.db, DEMO_AGENCY.code);
  if (!agency) {
    await createAgency(deps, actor, { ...DEMO_AGENCY, parentId: null });
    result.createdAgencies.push(DEMO_AGENCY.name);
    agency = (await findAgency(deps.db, DEMO_AGENCY.code))!;
  }
  if (await seedDemoRequests(deps)) result.createdAgencies.push(DEMO_DEPARTMENT.name);
  const department = (await findAgency(deps.db, DEMO_DEPARTMENT.code))!;
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const { oneTimePassword } = await createUser(deps, actor, {
      username: DEMO_ADMIN_USERNAME,
      displayName: '系统管理员',
      roles: [agency.id, department.id].flatMap((agencyId) =>
        (['admin', 'clerk', 'reviewer', 'head'] as const).map((role) => ({ agencyId, role })),
      ),
    });
    result.admin = { username: DEMO_ADMIN_USERNAME, oneTimePassword: oneTimePassword! };
  }
  return result;
}
