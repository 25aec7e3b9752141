/**
 * The documents capability lives in src/capabilities/documents/ (contract, sql, commands,
 * queries); this module keeps the old import path for callers outside it.
 */
export * from '../capabilities/documents/commands.ts';
export * from '../capabilities/documents/queries.ts';
export type * from '../capabilities/documents/contract.ts';
