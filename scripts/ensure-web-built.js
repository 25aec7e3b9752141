// Builds the staff workspace (web/dist) when it is missing, or always with --force.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const force = process.argv.includes('--force');
if (force || !existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  console.log('构建工作台 / building the workspace (web/dist)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url),
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
