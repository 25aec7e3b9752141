/**
 * Labels and types for the 问卷调查 screens, from the surveys capability's contract (declared
 * once, in src/capabilities/surveys/contract.ts).
 */
export {
  percent,
  questionKindLabels,
  questionKinds,
  RATING_MAX,
  surveyEventLabels,
  surveyFieldLabels,
  surveyLimits,
  surveyStatusLabels,
  type QuestionKind,
  type QuestionResult,
  type SurveyDetail,
  type SurveyInput,
  type SurveyListItem,
  type SurveyQuestion,
} from '../../src/capabilities/surveys/contract.ts';
