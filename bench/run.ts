// Throughput of portal pages against the bare-Fastify ceiling measured in the same run.
// Needs wrk (Debian package). Writes docs/performance.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const duration = process.env.BENCH_DURATION ?? '10s';

function start(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function wrk(url: string): { rps: number; p99: string } {
  const res = spawnSync('wrk', ['-t2', '-c64', `-d${duration}`, '--latency', url], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`wrk failed (is the Debian package installed?): ${res.stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(res.stdout)?.[1] ?? 0);
  const p99 = /99%\s+(\S+)/.exec(res.stdout)?.[1] ?? '?';
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(res.stdout);
  if (errors) throw new Error(`${url}: ${errors[1]} error responses`);
  return { rps, p99 };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-'));
const server = await start(['bin/gongkai.js', 'serve'], { PORT: '0', HOST: '127.0.0.1', GONGKAI_DATA_DIR: dataDir });
try {
  const pages = [
    { name: '门户首页 portal home', path: '/' },
    { name: '栏目页 column page', path: '/org/changping/open/guide' },
  ];
  const rows: string[] = [];
  for (const page of pages) {
    const size = (await (await fetch(server.url + page.path)).text()).length;
    const bytes = Buffer.byteLength(await (await fetch(server.url + page.path)).text());
    const bare = await start(['--import', 'tsx', 'bench/bare-fastify.ts', String(bytes)], {});
    try {
      wrk(bare.url + '/'); // warm-up
      const ceiling = wrk(bare.url + '/');
      wrk(server.url + page.path);
      const measured = wrk(server.url + page.path);
      const ratio = measured.rps / ceiling.rps;
      rows.push(`| ${page.name} \`${page.path}\` | ${bytes} B (${size} chars) | ${measured.rps.toFixed(0)} | ${measured.p99} | ${ceiling.rps.toFixed(0)} | **${ratio.toFixed(2)}×** |`);
      console.log(`${page.path}: ${measured.rps.toFixed(0)} req/s vs bare Fastify ${ceiling.rps.toFixed(0)} req/s → ${ratio.toFixed(2)}×`);
    } finally {
      bare.child.kill();
    }
  }
  const report = `# Performance

Measured by \`npm run bench\` (bench/run.ts) with \`wrk -t2 -c64 -d${duration}\` on this machine
(${process.platform}, Node ${process.version}), SQLite, against the bare-Fastify ceiling — a bare
Fastify process serving a fixed page of the same byte size — measured in the same run.
Ratios, not absolute numbers, are what compare across machines.

| page | size | req/s | p99 | bare Fastify req/s | ratio |
|---|---|---|---|---|---|
${rows.join('\n')}

_Last run: ${new Date().toISOString()}_
`;
  writeFileSync(path.join(root, 'docs/performance.md'), report);
  console.log('written docs/performance.md');
} finally {
  server.child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
