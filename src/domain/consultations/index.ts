export * from './periods.ts';
export * from './lifecycle.ts';
export * from './feedback.ts';
