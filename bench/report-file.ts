// docs/performance.md holds the results of both benchmarks, each in its own marked region, so
// that either can be re-run without losing the other's results.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PERFORMANCE_FILE = path.join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'performance.md');

const SKELETON = `# Performance

Written by the benchmarks in \`bench/\`: \`npm run bench\` (page throughput) and
\`npm run bench:search -- N\` (search latency at N documents). Each replaces only its own part.

<!-- throughput:start -->
<!-- throughput:end -->

<!-- search-latency:start -->
<!-- search-latency:end -->
`;

/** The text of a region ('' when absent). */
export function readRegion(name: string): string {
  const text = existsSync(PERFORMANCE_FILE) ? readFileSync(PERFORMANCE_FILE, 'utf8') : SKELETON;
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(text);
  return m?.[1] ?? '';
}

/** Replaces a region of docs/performance.md, creating the file or the region when missing. */
export function writeRegion(name: string, content: string): void {
  let text = existsSync(PERFORMANCE_FILE) ? readFileSync(PERFORMANCE_FILE, 'utf8') : SKELETON;
  const start = `<!-- ${name}:start -->\n`;
  const end = `<!-- ${name}:end -->`;
  if (!text.includes(start)) text = `${text.trimEnd()}\n\n${start}${end}\n`;
  const from = text.indexOf(start) + start.length;
  const to = text.indexOf(end, from);
  writeFileSync(PERFORMANCE_FILE, text.slice(0, from) + content.trimEnd() + '\n' + text.slice(to));
}
