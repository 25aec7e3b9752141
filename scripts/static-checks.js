// The type check and the linter, side by side: each is single-threaded, and on CI's two cores
// running them one after the other cost about a minute of its 20.
import { spawn } from 'node:child_process';

const run = (script) =>
  new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });

const codes = await Promise.all([run('typecheck'), run('lint')]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
