import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeDir, repoRoot, runCli, tempDataDir } from '../helpers/server.ts';

/** Runs the CLI with a module-resolution hook that writes every module it resolves to a file. */
function modulesLoadedBy(args: string[], env: Record<string, string>, exitStatuses = [0]): string[] {
  const dir = tempDataDir();
  try {
    const log = path.join(dir, 'modules.txt');
    writeFileSync(log, '');
    const hooks = `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const res = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(repoRoot, 'bin/gongkai.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    assert.ok(exitStatuses.includes(res.status ?? -1), `${res.status}: ${res.stderr}`);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    removeDir(dir);
  }
}

const HEAVY = ['docx', 'exceljs', 'unpdf', 'mammoth', 'fastify', 'sanitize-html', 'pg'];
const packagesIn = (urls: string[]) => new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));

describe('compiled CLI start-up', () => {
  const dataDir = tempDataDir();
  after(() => removeDir(dataDir));

  it('runs the compiled code, not the TypeScript source', () => {
    const res = runCli(['--help'], {});
    assert.equal(res.status, 0);
    assert.equal(res.stderr, '', 'no "running the source" notice: dist/ is current');
    const loaded = modulesLoadedBy(['--help'], {});
    assert.ok(loaded.some((u) => u.endsWith('/dist/main.js')));
    assert.ok(!loaded.some((u) => u.includes('/src/') || u.includes('/tsx/')), loaded.join('\n'));
  });

  it('gongkai due-date loads no DOCX, XLSX or PDF library, nor the web server or the PostgreSQL driver', () => {
    assert.equal(runCli(['migrate'], { GONGKAI_DATA_DIR: dataDir }).status, 0);
    const loaded = packagesIn(modulesLoadedBy(['due-date', '--received', '2025-09-26'], { GONGKAI_DATA_DIR: dataDir }));
    assert.deepEqual(HEAVY.filter((p) => loaded.has(p)), []);
  });

  it('gongkai report check on a text report loads no DOCX writer, XLSX or PDF library', () => {
    const loaded = packagesIn(modulesLoadedBy(['report', 'check', 'test/fixtures/reports/01_guanzhoujiedao_haizhu_2023.txt'], {}, [0, 1]));
    assert.deepEqual(['docx', 'exceljs', 'unpdf', 'fastify', 'pg'].filter((p) => loaded.has(p)), []);
  });
});
