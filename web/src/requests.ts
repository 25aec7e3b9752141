/**
 * Option lists for the request screens, built from the requests capability's contract: the codes
 * and Chinese labels are declared once, in src/capabilities/requests/contract.ts.
 */
import {
  applicantTypeLabels,
  applicantTypes,
  channelLabels,
  deliveries,
  idTypes,
  outcomeCodes,
  outcomeLabels,
  phaseLabels,
  requestedForms,
} from '../../src/capabilities/requests/contract.ts';
import type { RequestChannel } from '../../src/domain/requests/lifecycle.ts';

export { actionLabels, noticeKindLabels as noticeLabels, requestFieldLabels, SUPPLEMENT_TEXT_MAX } from '../../src/capabilities/requests/contract.ts';
export type { ComputedDate, RequestDetail, RequestPage, RequestSummary } from '../../src/capabilities/requests/contract.ts';

type Option = { value: string; label: string };
const options = (labels: Record<string, string>, order: readonly string[] = Object.keys(labels)): Option[] => order.map((value) => ({ value, label: labels[value]! }));

// Walk-in first: the channel staff enter most; 网上 requests arrive by themselves.
export const channelOptions = options(channelLabels, ['inPerson', 'mail', 'fax', 'email', 'online', 'other'] satisfies readonly RequestChannel[]);

export const applicantTypeOptions: Option[] = applicantTypes.map((value) => ({
  value,
  label: value === 'natural_person' ? applicantTypeLabels[value] : `法人或其他组织 — ${applicantTypeLabels[value]}`,
}));

export const idTypeOptions = options(idTypes);
export const formOptions = options(requestedForms);
export const deliveryOptions = options(deliveries);
export const phaseOptions: Option[] = [{ value: 'open', label: '全部未办结' }, ...options(phaseLabels)];

/** The outcome taxonomy of table 三, grouped as on the report. */
export const outcomeGroups: { label: string; options: Option[] }[] = [];
for (const value of outcomeCodes) {
  const { group, leaf } = outcomeLabels[value];
  let g = outcomeGroups.find((x) => x.label === group);
  if (!g) outcomeGroups.push((g = { label: group, options: [] }));
  g.options.push({ value, label: leaf });
}
