/**
 * The portal's mandatory identification and contact facts (国办秘函〔2019〕19号 checks; the website
 * annual report's 网站名称/主办单位/网站标识码/ICP备案号/公安机关备案号): what the agency admin
 * sets and every portal page's footer shows. Shared with the workspace; no Node.js APIs here.
 */
export const siteSettingLabels = {
  sponsor: '主办单位',
  organizer: '承办单位',
  siteCode: '网站标识码',
  icp: 'ICP备案号',
  policeRecord: '公安机关备案号',
  phone: '联系电话',
  email: '电子邮箱',
  address: '地址',
  postcode: '邮编',
  officeHours: '办公时间',
  head: '负责人',
} as const;
export type SiteSettingKey = keyof typeof siteSettingLabels;
export type SiteSettings = Partial<Record<SiteSettingKey, string>>;
export const siteSettingKeys = Object.keys(siteSettingLabels) as SiteSettingKey[];

/** Examples shown under the fields and quoted in the errors. */
export const siteSettingHints: Partial<Record<SiteSettingKey, string>> = {
  sponsor: '如“某县人民政府办公室”',
  organizer: '如“某县数据资源管理局”',
  siteCode: '10 位：6 位行政区划代码 + 4 位顺序号，如 3412250001；部门网站以 bm 开头，如 bm01000001',
  icp: '如“京ICP备12345678号”或“京ICP备12345678号-1”',
  policeRecord: '如“京公网安备 11010502000001号”',
  phone: '如 0558-1234567',
  email: '如 gongkai@example.gov.cn',
  postcode: '6 位数字',
  officeHours: '如“工作日 8:30—12:00，14:30—17:30”',
};

/** One field's problem, as the API's details.fields carries it (the workspace marks the field). */
export interface SiteSettingError {
  field: SiteSettingKey;
  code: string;
  message: string;
}

// Province abbreviations that head ICP and 公网安备 numbers.
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const checks: Partial<Record<SiteSettingKey, { pattern: RegExp; code: string }>> = {
  siteCode: { pattern: /^(?:\d{6}|bm\d{4})\d{4}$/, code: 'SITE_CODE_FORMAT' },
  icp: { pattern: new RegExp(`^[${PROVINCES}]ICP备\\d{8}号(?:-\\d{1,3})?$`), code: 'ICP_FORMAT' },
  policeRecord: { pattern: new RegExp(`^[${PROVINCES}]公网安备 ?\\d{14}号$`), code: 'POLICE_RECORD_FORMAT' },
  phone: { pattern: /^[0-9０-９+\-—()（） 、,，转]{7,40}$/, code: 'PHONE_FORMAT' },
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, code: 'EMAIL_FORMAT' },
  postcode: { pattern: /^\d{6}$/, code: 'POSTCODE_FORMAT' },
};
const maxLength: Record<SiteSettingKey, number> = {
  sponsor: 100, organizer: 100, siteCode: 10, icp: 30, policeRecord: 40, phone: 40,
  email: 100, address: 200, postcode: 6, officeHours: 200, head: 50,
};

/** Trims each value and checks its form; an empty value clears the setting. Pure: the workspace may run it too. */
export function checkSiteSettings(input: SiteSettings): { values: Record<SiteSettingKey, string | null>; errors: SiteSettingError[] } {
  const values = {} as Record<SiteSettingKey, string | null>;
  const errors: SiteSettingError[] = [];
  for (const key of siteSettingKeys) {
    const value = input[key]?.trim().replace(/\s+/g, ' ') || null;
    values[key] = value;
    if (value === null) continue;
    const label = siteSettingLabels[key];
    if (value.length > maxLength[key]) {
      errors.push({ field: key, code: 'TOO_LONG', message: `${label}最多 ${maxLength[key]} 个字` });
      continue;
    }
    const check = checks[key];
    if (check && !check.pattern.test(value)) {
      errors.push({ field: key, code: check.code, message: `${label}格式不对，${siteSettingHints[key] ?? '请检查后重填'}` });
    }
  }
  return { values, errors };
}
