export * from './questions.ts';
export * from './workflow.ts';
