// Start-up of the compiled CLI against bare Node (`node -e 0`) measured in the same run, and the
// server's resident memory after a load of portal, API and workspace requests.
// Run with `npm run bench:startup` (builds first). Writes its region of docs/performance.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRegion } from './report-file.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = path.join(root, 'bin/gongkai.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-startup-'));
const env = { ...process.env, GONGKAI_DATA_DIR: dataDir };
const textReport = 'test/fixtures/reports/01_guanzhoujiedao_haizhu_2023.txt';

function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0 && res.status !== 1) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  if (String(res.stderr).includes('tsx')) throw new Error(`${args.join(' ')} ran the source, not dist/: run npm run build`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Baseline and command in turn, so that the machine's drift falls on both; the median of the per-pair ratios. */
function compare(args: string[]): { base: number; cmd: number; ratio: number; min: number; max: number } {
  wallMs(['-e', '0']);
  wallMs(args);
  const base: number[] = [];
  const cmd: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = wallMs(['-e', '0']);
    const c = wallMs(args);
    base.push(b);
    cmd.push(c);
    ratios.push(c / b);
  }
  return { base: median(base), cmd: median(cmd), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

// Seeded beforehand, so the server measured is one that has started before (no first-start seeding).
if (spawnSync(process.execPath, [bin, 'seed'], { cwd: root, env }).status !== 0) throw new Error('seed failed');
const commands = [
  { name: '`gongkai --help`', args: [bin, '--help'], target: 4 },
  { name: '`gongkai due-date --received 2025-09-26`', args: [bin, 'due-date', '--received', '2025-09-26'], target: 4 },
  { name: '`gongkai report check` (text report)', args: [bin, 'report', 'check', textReport], target: 10 },
];
const rows: string[] = [];
for (const c of commands) {
  const r = compare(c.args);
  console.log(`${c.name}: ${r.cmd.toFixed(0)} ms vs node -e 0 ${r.base.toFixed(0)} ms → ${r.ratio.toFixed(2)}×`);
  rows.push(`| ${c.name} | ${r.cmd.toFixed(0)} ms | ${r.base.toFixed(0)} ms | **${r.ratio.toFixed(2)}×** | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ≤ ${c.target}× |`);
}

/** The server under a bounded load: `requests` requests, `concurrency` at a time, over a mix of pages. */
async function serverRss(requests: number, concurrency: number): Promise<{ startMb: number; afterMb: number; requests: number }> {
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening: (http:\/\/[^/\s]+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
    const startMb = rss();
    const html = await (await fetch(`${url}/admin/`)).text();
    const asset = /src="(\/admin\/assets\/[^"]+)"/.exec(html)?.[1] ?? '/admin/';
    const paths = ['/', '/org/changping/', '/org/changping/documents', `/org/changping/search?q=${encodeURIComponent('低保 通知')}`, '/org/changping/feed.atom', '/sitemap.xml', '/healthz', asset, '/api/v1/public/captcha', '/org/changping/open/request'];
    let next = 0;
    const worker = async () => {
      while (next < requests) {
        const p = paths[next++ % paths.length]!;
        const res = await fetch(url + p, { headers: { 'accept-encoding': 'br, gzip' } });
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`${p}: ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { startMb, afterMb: rss(), requests };
  } finally {
    child.kill();
  }
}

try {
  const load = await serverRss(Number(process.env.BENCH_REQUESTS ?? 5000), 16);
  console.log(`server RSS: ${load.startMb.toFixed(0)} MB at start, ${load.afterMb.toFixed(0)} MB after ${load.requests} requests`);
  writeRegion(
    'startup',
    `## 启动与内存 / Start-up and memory

Measured by \`npm run bench:startup\` (bench/cli-startup.ts) on this machine (${process.platform},
Node ${process.version}), SQLite, running the compiled CLI (dist/). Each command alternates with
bare Node (\`node -e 0\`) ${runs} times after a warm-up; the ratio is the median of the per-pair
wall-time ratios, with their range. Ratios, not milliseconds, compare across machines.

| command | median wall | \`node -e 0\` | ratio (median) | ratio range | target |
|---|---|---|---|---|---|
${rows.join('\n')}

Server resident memory (\`VmRSS\` of \`gongkai serve\`): ${load.startMb.toFixed(0)} MB after start,
**${load.afterMb.toFixed(0)} MB** after ${load.requests} requests, 16 at a time, over the portal home,
an agency's home, document list, search, Atom feed, sitemap, health check, the workspace's
script (compressed), a captcha and the request form. Target: ≤ 150 MB.

_Last run: ${new Date().toISOString()}_
`,
  );
  console.log('written docs/performance.md');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
