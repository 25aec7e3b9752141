// Builds what `npm start`, the CLI and the tests run: the server and CLI as plain JavaScript
// (dist/, by esbuild) and the staff workspace (web/dist, by Vite, then precompressed).
// Each part is rebuilt only when the files it is built from changed (a hash of them is kept
// beside the output), so running this before every start or test run costs little.
//
// Usage: node scripts/build.js [--server] [--web] [--force]   (no part named: both)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const force = args.includes('--force');
const parts = ['--server', '--web'].filter((p) => args.includes(p));
const wanted = (p) => parts.length === 0 || parts.includes(p);

function files(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** A hash of the inputs' names and contents. */
function hashOf(inputs) {
  const hash = createHash('sha256');
  for (const f of inputs.sort()) hash.update(f).update('\0').update(readFileSync(path.join(root, f))).update('\0');
  return hash.digest('hex');
}

const stampOf = (dir) => path.join(root, dir, '.build-hash');
const upToDate = (dir, hash) => !force && existsSync(stampOf(dir)) && readFileSync(stampOf(dir), 'utf8') === hash;

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const BUNDLED = ['kysely', 'commander', 'typebox'];

/** The server and CLI: one ESM bundle per entry, shared code split into chunks, packages left to node_modules. */
async function buildServer() {
  const inputs = [...files('src'), 'package.json', 'package-lock.json', 'scripts/build.js'];
  const hash = hashOf(inputs);
  if (upToDate('dist', hash)) return;
  const { build } = await import('esbuild');
  const started = Date.now();
  const temp = path.join(root, 'dist.tmp');
  rmSync(temp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', worker: 'src/services/untrusted/worker.ts', 'sqlite-reader': 'src/storage/sqlite-readers/worker.ts' },
    outdir: temp,
    // Flat: every output file sits one level below the package root, as src/*.ts modules that
    // locate files by import.meta.url expect (src/paths.ts).
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules, except pure-JavaScript ones loaded at every start: kysely and
    // typebox ship as hundreds of small ESM files, which cost more time and memory one by one.
    external: Object.keys(packageJson.dependencies).filter((d) => !BUNDLED.includes(d)),
    sourcemap: 'linked',
    // Bundled CommonJS (commander) calls require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __gongkaiCreateRequire } from 'node:module'; const require = __gongkaiCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  writeFileSync(path.join(temp, '.build-hash'), hash);
  // Swapped in whole, so a process starting meanwhile sees the old build or the new one.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  renameSync(temp, path.join(root, 'dist'));
  console.log(`构建服务器 / built the server and CLI (dist/) in ${Date.now() - started} ms`);
}

/** The workspace: Vite, then a .br and .gz beside each asset for @fastify/static to serve as is. */
function buildWeb() {
  const inputs = [...files('web/src'), 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'];
  const hash = hashOf(inputs);
  if (upToDate('web/dist', hash)) return;
  console.log('构建工作台 / building the workspace (web/dist)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
  for (const f of files('web/dist')) {
    if (!/\.(?:js|css|html|svg|json)$/.test(f)) continue;
    const data = readFileSync(path.join(root, f));
    if (data.length < 1024) continue;
    writeFileSync(path.join(root, `${f}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    writeFileSync(path.join(root, `${f}.gz`), gzipSync(data, { level: 9 }));
  }
  writeFileSync(stampOf('web/dist'), hash);
}

if (wanted('--server')) await buildServer();
if (wanted('--web')) buildWeb();
