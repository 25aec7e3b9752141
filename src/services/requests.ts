/**
 * Requests now live in src/capabilities/requests (contract, sql, commands, queries); this module
 * re-exports them for the callers that import from services/.
 */
export * from '../capabilities/requests/contract.ts';
export { quoteFee, intakeRequest, recordEvent, submitOnline } from '../capabilities/requests/commands.ts';
export { describeEvent, getRequest, listRequests, reminders, trackRequest } from '../capabilities/requests/queries.ts';
export { normaliseQueryCode } from '../capabilities/requests/sql.ts';
export { listPersonalDataReads } from '../capabilities/requests/personal-data.ts';
