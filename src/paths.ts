/**
 * The package's root directory. This module sits one level below it both as source (src/) and
 * compiled (dist/, where esbuild writes every file flat), so the same relative URL works in both.
 */
export const packageRoot = new URL('../', import.meta.url);
