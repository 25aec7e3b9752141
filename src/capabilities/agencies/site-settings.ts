/**
 * The portal's identification and contact facts (site-settings-contract.ts): stored as
 * agency_settings rows `site.<key>`, written by the agency admin, read by every portal page.
 *
 * Public read: the footer shows them to every visitor on every page, so publicSiteSettings reads
 * them without a scope, like the public directory in sql.ts; it reads nothing else.
 */
import { appendAudit } from '../../storage/audit.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import { checkSiteSettings, siteSettingKeys, type SiteSettings } from './site-settings-contract.ts';

const SITE = 'site.';

async function siteRows(tx: Tx, agencyId: number): Promise<SiteSettings> {
  const rows = await tx.selectFrom('agency_settings').select(['key', 'value']).where('agency_id', '=', agencyId).where('key', 'like', `${SITE}%`).execute();
  const known = new Set<string>(siteSettingKeys);
  return Object.fromEntries(rows.map((r) => [r.key.slice(SITE.length), r.value]).filter(([k]) => known.has(k!)));
}

/** The agency's site settings, for its staff (the workspace form). */
export const getSiteSettings = (tx: Tx, scope: AgencyScope): Promise<SiteSettings> => siteRows(tx, scope.agencyId);

/**
 * Footers read these on every page; they change rarely, so they are kept a few seconds (as the
 * portal keeps agencies). A save in this process forgets its agency's entry at once.
 */
const CACHE_MS = 5000;
const cache = new WeakMap<ServiceDeps, Map<number, { at: number; value: SiteSettings }>>();

/** Public read (see the module comment). */
export async function publicSiteSettings(deps: ServiceDeps, agencyId: number): Promise<SiteSettings> {
  let byAgency = cache.get(deps);
  if (!byAgency) cache.set(deps, (byAgency = new Map()));
  const hit = byAgency.get(agencyId);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await siteRows(deps.db, agencyId);
  if (byAgency.size >= 10_000) byAgency.clear();
  byAgency.set(agencyId, { at: now, value });
  return value;
}

/** Replaces the agency's site settings as a whole (the form sends every field); all field errors at once. */
export async function saveSiteSettings(deps: ServiceDeps, actor: Actor, agencyId: number, input: SiteSettings): Promise<SiteSettings> {
  const { values, errors } = checkSiteSettings(input);
  if (errors.length > 0) {
    throw new AppError('SITE_SETTINGS_INVALID', `网站设置有 ${errors.length} 处需要修改：${errors.map((e) => e.message).join('；')}`, 400, {
      issues: errors.map((e) => e.message),
      fields: errors,
    });
  }
  const after = await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'agencies.manage');
    const before = await siteRows(tx, scope.agencyId);
    await tx.deleteFrom('agency_settings').where('agency_id', '=', scope.agencyId).where('key', 'like', `${SITE}%`).execute();
    const rows = siteSettingKeys.flatMap((k) => (values[k] === null ? [] : [{ agency_id: scope.agencyId, key: `${SITE}${k}`, value: values[k]! }]));
    if (rows.length > 0) await tx.insertInto('agency_settings').values(rows).execute();
    const saved = await siteRows(tx, scope.agencyId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'agency.site-settings', entity: 'agency', entityId: agencyId, before, after: saved });
    return saved;
  });
  cache.get(deps)?.delete(agencyId);
  return after;
}
