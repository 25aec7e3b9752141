/**
 * The package's root directory. This module sits one level below it both as source (src/) and
 * compiled (dist/, where esbuild writes every file flat), so the same relative URL works in both.
 */
export const packageRoot = new URL('../', import.meta.url);

/**
 * What a worker thread runs. Compiled, the caller sits in dist/ and the worker is the plain
 * JavaScript entry `dist/<compiledName>` (scripts/build.js). Run from source (tests, a stale
 * build), its entry is TypeScript, and loader hooks registered in this thread do not reach
 * workers on Node 20: a tiny ESM bootstrap registers tsx inside the worker, then loads it.
 */
export function workerScript(callerUrl: string, compiledName: string, sourceUrl: URL): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${compiledName}`, callerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(sourceUrl.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
