// A second test reporter: after the run it prints every failed test with its file and error,
// then the slowest files. CI keeps only the tail of the output, so a failure reported far up
// in the TAP stream would otherwise be out of sight.
import path from 'node:path';

export default async function* summary(source) {
  const failures = [];
  const fileMs = new Map();
  for await (const event of source) {
    const data = event.data ?? {};
    const file = data.file ? path.relative(process.cwd(), data.file) : '(unknown file)';
    if (event.type === 'test:fail' && !isSuiteOfFailures(data)) {
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      failures.push(`✗ ${file} › ${data.name}\n    ${String(cause?.message ?? cause ?? '').split('\n').slice(0, 6).join('\n    ')}`);
    }
    if ((event.type === 'test:pass' || event.type === 'test:fail') && data.nesting === 0) {
      fileMs.set(file, (fileMs.get(file) ?? 0) + (data.details?.duration_ms ?? 0));
    }
  }
  const slowest = [...fileMs].sort((a, b) => b[1] - a[1]).slice(0, 12);
  yield '\n# 最慢的测试文件 / slowest test files\n';
  for (const [file, ms] of slowest) yield `#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}\n`;
  if (failures.length) {
    yield `\n# 失败的测试 / failed tests (${failures.length})\n`;
    for (const f of failures) yield `${f}\n`;
  } else {
    yield '\n# 没有失败的测试 / no test failed\n';
  }
}

// A suite fails when a test inside it fails; that test is listed already.
function isSuiteOfFailures(data) {
  return data.details?.error?.failureType === 'subtestsFailed';
}
