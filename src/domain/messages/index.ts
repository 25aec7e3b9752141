export * from './kinds.ts';
export * from './lifecycle.ts';
export * from './deadlines.ts';
export * from './workflow.ts';
