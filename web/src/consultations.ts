/**
 * Labels and option lists for the 意见征集 screens, from the consultations capability's contract:
 * codes and Chinese labels are declared once, in src/capabilities/consultations/contract.ts.
 */
import { adoptionLabels, consultationPhaseLabels, draftKindLabels } from '../../src/capabilities/consultations/contract.ts';

export {
  adoptionLabels,
  adoptions,
  consultationFieldLabels,
  consultationFieldLimits,
  draftKindLabels,
  draftKinds,
  feedbackColumns,
  minimumPeriodText,
} from '../../src/capabilities/consultations/contract.ts';
export type { Adoption, CommentDto, ConsultationDetail, ConsultationEventInput, ConsultationListItem, DraftKind, FeedbackRow } from '../../src/capabilities/consultations/contract.ts';

type Option = { value: string; label: string };
const options = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const kindOptions = options(draftKindLabels);
export const adoptionOptions = options(adoptionLabels);
/** The list's filter: each phase, and 逾期 (the end passed, feedback not published). */
export const stateOptions: Option[] = [...options(consultationPhaseLabels), { value: 'overdue', label: '逾期（期限已过未公布采纳情况）' }];
