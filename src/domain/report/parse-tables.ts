/**
 * Readers for the three tables of a published report. Input is lines of cells (tab-separated
 * text, or rows extracted from HTML/DOCX). Merged cells leave empty cells and rows split over
 * lines; labels carry stray spaces and either punctuation width. So a row is read as: its label
 * cells, then its value cells up to the next label, however the lines fall.
 *
 * One reader a table, in parse-proactive.ts, parse-requests.ts and parse-appeals.ts, on the
 * shared line handling of parse-table-lines.ts; this file is their single import path.
 */
export { alignValues, type Line, type TableRead } from './parse-table-lines.ts';
export { isProactiveMarker, isTrialLabel, readProactive } from './parse-proactive.ts';
export { isRequestsAnchor, readRequests } from './parse-requests.ts';
export { isAppealsAnchor, readAppeals } from './parse-appeals.ts';
