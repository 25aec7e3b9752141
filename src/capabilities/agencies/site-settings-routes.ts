import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireStaff, requireUser } from '../../http/auth.ts';
import { IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { siteSettingKeys, siteSettingLabels } from './site-settings-contract.ts';
import { getSiteSettings, saveSiteSettings } from './site-settings.ts';

// Lengths and formats are checked by checkSiteSettings, so each field's error names its label.
const SiteSettingsSchema = Type.Object(
  Object.fromEntries(siteSettingKeys.map((k) => [k, Type.Optional(Type.String({ maxLength: 300, description: siteSettingLabels[k] }))])),
  { additionalProperties: false },
);

/** 网站设置: the portal footer's 主办单位, 网站标识码, 备案号 and contacts. */
export function siteSettingsRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agencies/:id/site-settings',
      { schema: { tags: ['机构'], summary: '网站设置（主办单位、网站标识码、备案号、联系方式）', params: IdParams, response: withErrors({ 200: SiteSettingsSchema }) } },
      async (req) => getSiteSettings(deps.db, await requireStaff(deps, req, req.params.id)),
    );
    // No shared 400 schema here: it would drop details.fields, which the form puts on its fields.
    app.put(
      '/agencies/:id/site-settings',
      { schema: { tags: ['机构'], summary: '修改网站设置（管理员）', params: IdParams, body: titled(SiteSettingsSchema, siteSettingLabels), response: { 200: SiteSettingsSchema } } },
      async (req) => saveSiteSettings(deps, requireUser(req), req.params.id, req.body),
    );
  };
}
