export * from './kinds.ts';
export * from './lifecycle.ts';
export * from './deadlines.ts';
export * from './workflow.ts';
export * from './publication.ts';
export * from './statistics.ts';
