/**
 * The official annual report format (国办公开办函〔2021〕30号) as the rest of the system imports it:
 * the sections' and tables' labels and stable codes are in taxonomy-format.ts, the per-table
 * layouts built from them in taxonomy-layouts.ts. The web bundle imports this file too, so
 * neither may use Node APIs.
 */
export * from './taxonomy-format.ts';
export * from './taxonomy-layouts.ts';
