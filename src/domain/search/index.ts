export { normalizeText, HAN_CLASS } from './normalize.ts';
export {
  indexTokens,
  toFts5Document,
  toTokenArray,
  SEPARATOR_TOKEN,
  type IndexTokens,
} from './tokens.ts';
export {
  parseQuery,
  toFts5Query,
  queryTokenArray,
  termTokens,
  matchesAll,
  type QueryTerm,
  type ParsedQuery,
} from './query.ts';
export {
  highlight,
  snippet,
  escapeHtml,
  findHits,
  type HighlightTerm,
  type HighlightOptions,
} from './highlight.ts';
