// A second test reporter (GONGKAI_SLOWEST=N lists N slowest files instead of 15): after the run, every failed test with its file and error, then the
// slowest files. CI keeps only the tail of the output, so a failure reported far up in the TAP
// stream would be out of sight: scripts/test.js sets GONGKAI_TEST_SUMMARY to a file, this
// appends to it, and the script prints it last, after every pass.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

export default async function* summary(source) {
  const failures = [];
  // From a file's first reported test to its last: roughly its wall time, start-up excluded.
  const span = new Map();
  for await (const event of source) {
    const data = event.data ?? {};
    // Named by its source: the runner ran the compiled copy under .test-build/ (scripts/test-build.js).
    const file = data.file ? path.relative(process.cwd(), data.file).replace(/^\.test-build\//, '').replace(/\.mjs$/, '.ts') : '(unknown file)';
    // Files are all enqueued at the start; only a test's start and end say when the file ran.
    if (['test:start', 'test:pass', 'test:fail'].includes(event.type)) {
      const now = Date.now();
      const seen = span.get(file);
      span.set(file, seen ? [seen[0], now] : [now, now]);
    }
    if (event.type === 'test:fail' && !isSuiteOfFailures(data)) {
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      const where = String(cause?.stack ?? '').split('\n').find((l) => l.includes('/test/') && !l.includes('node_modules'));
      const message = String(cause?.message ?? cause ?? '').split('\n').slice(0, 6);
      failures.push(`✗ ${file} › ${data.name}\n    ${[...message, where?.trim() ?? ''].join('\n    ')}`);
    }
  }
  span.delete('(unknown file)');
  const slowest = [...span].map(([file, [from, to]]) => [file, to - from]).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.GONGKAI_SLOWEST ?? 15));
  let text = '# 最慢的测试文件 / slowest test files\n';
  for (const [file, ms] of slowest) text += `#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}\n`;
  text += failures.length ? `# 失败的测试 / failed tests (${failures.length})\n${failures.join('\n')}\n` : '# 没有失败的测试 / no test failed\n';
  if (process.env.GONGKAI_TEST_SUMMARY) appendFileSync(process.env.GONGKAI_TEST_SUMMARY, text);
  else yield `\n${text}`;
}

// A suite fails when a test inside it fails; that test is listed already.
function isSuiteOfFailures(data) {
  return data.details?.error?.failureType === 'subtestsFailed';
}
