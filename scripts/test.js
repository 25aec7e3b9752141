// Runs every test file under test/ (Node 20's test runner has no glob support).
// Usage: node scripts/test.js [subdir-or-file ...]
//
// A full run goes through the suite in the machine's time zone, then runs the date-sensitive
// files again under TZ=UTC and TZ=America/New_York (whichever the first run did not cover):
// every date the product shows must be the date in China whatever the server's or browser's zone.
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildTests, builtPath } from './test-build.js';

// The browser tests do not run again: every test browser is in New York's zone (a day behind
// China at the pinned hour) whatever the machine's, so a browser-side zone bug shows in the first
// pass; the server-side date code runs again below through the HTTP, view and export tests.
const ZONE_SENSITIVE = [
  'test/domain/calendar',
  'test/domain/deadlines',
  'test/http/dates.test.ts',
  'test/http/portal.test.ts',
  'test/exports',
  'test/views',
];
const ZONES = ['UTC', 'America/New_York'];
const SUMMARY = fileURLToPath(new URL('test-summary.js', import.meta.url));

function collect(target) {
  if (statSync(target).isFile()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? collect(path.join(target, e.name)) : e.name.endsWith('.test.ts') ? [path.join(target, e.name)] : []))
    .sort();
}

// Each pass's summary (failures, slowest files) is printed again after the last pass.
const summaryDir = mkdtempSync(path.join(tmpdir(), 'gongkai-summary-'));
const summaryFile = path.join(summaryDir, 'summary.txt');

// Three files at a time on two cores: a clean run used about 1.35 cores at two, the rest waiting
// on servers, PostgreSQL and Chromium.
function run(files, env, title) {
  appendFileSync(summaryFile, `\n## ${title}\n`);
  // Passwords hashed at scrypt cost 2^10, not 2^15: the suite hashes hundreds (decision 033).
  env = { GONGKAI_PASSWORD_COST: '10', ...env, GONGKAI_TEST_SUMMARY: summaryFile };
  const reporters = ['--test-reporter=tap', '--test-reporter-destination=stdout', `--test-reporter=${SUMMARY}`, '--test-reporter-destination=stdout'];
  // The compiled files (scripts/test-build.js), with stack traces mapped back to the sources.
  const args = ['--enable-source-maps', '--test', '--test-concurrency=3', ...reporters, ...files.map(builtPath)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

// Tests spawn bin/gongkai.js, which runs dist/: build the server first (skipped when current).
const built = spawnSync(process.execPath, [fileURLToPath(new URL('build.js', import.meta.url)), '--server'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['test']).flatMap(collect);
const zoneFiles = targets.length ? [] : ZONE_SENSITIVE.flatMap(collect);
const started = Date.now();
await buildTests([...new Set([...files, ...zoneFiles])]);
console.log(`# 测试文件已编译 / test files compiled in ${Date.now() - started} ms`);
let status = run(files, process.env, '全部测试 / every test');
if (!targets.length) {
  const machineZone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const asUtc = (z) => (['UTC', 'Etc/UTC', 'Etc/Universal', 'Universal', 'Zulu'].includes(z) ? 'UTC' : z);
  for (const zone of ZONES.filter((z) => z !== asUtc(machineZone))) {
    console.log(`\n# 时区 / time zone ${zone}: date-sensitive tests again`);
    status = run(zoneFiles, { ...process.env, TZ: zone }, `时区 / time zone ${zone}`) || status;
  }
}
console.log(`\n# 汇总 / summary${readFileSync(summaryFile, 'utf8')}`);
rmSync(summaryDir, { recursive: true, force: true });
process.exit(status);
