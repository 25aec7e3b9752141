#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through the `prepare` script, or `npm run build`).
// When dist/ is missing or older than a source file, runs the TypeScript source through tsx
// instead and says so: a stale build is never used silently.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/main.js', root);

/** The newest modification time of any file under dir. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function compiledIsCurrent() {
  const stamp = new URL('dist/.build-hash', root);
  if (!existsSync(compiled) || !existsSync(stamp)) return false;
  return newest(new URL('src/', root)) <= statSync(stamp).mtimeMs;
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import(compiled.href));
} else {
  process.stderr.write(
    existsSync(compiled)
      ? '提示：dist/ 早于源代码，改为直接运行源代码（较慢）；运行 npm run build 重新编译。/ dist/ is older than src/: running the source through tsx.\n'
      : '提示：尚未编译，直接运行源代码（较慢）；运行 npm run build 编译。/ no build: running the source through tsx.\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
