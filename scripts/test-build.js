// Compiles the test files, with the source they import, to plain JavaScript under .test-build/
// before a run (decision 034). Under tsx every test process sent each of its ~1,000 modules
// through loader hooks on another thread: about 3 s of CPU per process that starts the app, over
// a hundred processes a run. One esbuild pass takes a few seconds.
//
// The bundles behave as the sources do: import.meta.url in our files becomes the source file's
// own URL, so fixtures, the repository root and worker entry points are found where they are;
// packages stay in node_modules except those the server build bundles too; names are kept for
// error classes and stack traces, and source maps point failures at the .ts lines.
import * as esbuild from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TEST_BUILD_DIR = path.join(root, '.test-build');

const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
// As scripts/build.js: these load hundreds of small modules each, so they are bundled.
const BUNDLED = ['kysely', 'typebox'];
const external = [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies ?? {})]
  .filter((d) => !BUNDLED.includes(d))
  .flatMap((d) => [d, `${d}/*`]);

const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** The compiled file of each test file given (paths relative to the repository). */
export const builtPath = (file) => path.join(TEST_BUILD_DIR, path.relative(root, path.resolve(root, file)).replace(/\.ts$/, '.mjs'));

/** The test file a compiled path stands for (for reports). */
export const sourcePath = (file) => {
  const rel = path.relative(TEST_BUILD_DIR, path.resolve(root, file));
  return rel.startsWith('..') ? file : rel.replace(/\.mjs$/, '.ts');
};

export async function buildTests(files) {
  await rm(TEST_BUILD_DIR, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: files,
    outdir: TEST_BUILD_DIR,
    outbase: '.',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    keepNames: true,
    sourcemap: 'linked',
    plugins: [ownUrls],
    logLevel: 'warning',
  });
  return files.map(builtPath);
}
