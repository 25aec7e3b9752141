/**
 * Agencies live in src/capabilities/agencies/ (contract, sql, commands, queries, routes); this
 * module keeps the old import path of the public directory for the callers that predate the
 * move (the portal, reports, documents, requests).
 */
export { ensureCategories, findAgency, getAgency, listAllAgencies } from '../capabilities/agencies/sql.ts';
