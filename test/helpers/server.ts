import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PINNED_NOW } from './clock.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(repoRoot, 'bin/gongkai.js');

export const tempDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** Runs one CLI command to completion. */
export function runCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface RunningServer {
  url: string;
  output: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first successful /healthz. */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts `gongkai serve` as a real process on a free port and waits until it answers. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', GONGKAI_CLOCK_START: PINNED_NOW.toISOString(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    // Not a timing assertion: a server that never starts must not hang the suite. A first start
    // on PostgreSQL migrates and seeds, which took over 60 s on a machine loaded far past its cores.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 180 s:\n${output}`));
    }, 180_000);
    const check = () => {
      const m = /listening: (http:\/\/[^/\s]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const res = await fetch(`${url}/healthz`);
  if (!res.ok) throw new Error('healthz failed');
  const startMs = Date.now() - started;
  return {
    url,
    get output() {
      return output;
    },
    process: child,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function passwordFrom(output: string): string | null {
  return /one-time password: (\S+)/.exec(output)?.[1] ?? null;
}
