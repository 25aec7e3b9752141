import type { ServiceDeps } from '../../services/context.ts';
import type { Agency } from '../../storage/schema.ts';
import { directoryAgencies } from '../../capabilities/agencies/directory.ts';
import { agencyNode } from '../../capabilities/agencies/sql.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import type { DirectoryAgency } from '../../views/portal/directory-parts.ts';

export const portalView = (a: Agency): PortalAgency => ({ code: a.code, name: a.name });

const views = new WeakMap<Agency[], DirectoryAgency[]>();

/** The cached agencies as the directory shows them (built once per cache entry). */
export async function directoryView(deps: ServiceDeps): Promise<DirectoryAgency[]> {
  const all = await directoryAgencies(deps);
  let list = views.get(all);
  if (!list) views.set(all, (list = all.map((a) => ({ ...agencyNode(a), code: a.code, closed: a.closed_at !== null }))));
  return list;
}
