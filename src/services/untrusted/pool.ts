/**
 * Runs the parsers of uploaded files in worker threads, so that a file built to exhaust memory
 * or time fails its own request instead of the server. Each worker has a bounded V8 heap
 * (resourceLimits); memory outside the heap, which resourceLimits does not see (pdf.js decodes
 * PDF streams into ArrayBuffers), is bounded by watching the process's resident size; and each
 * parse has a deadline. A bound passed terminates the worker. At most UNTRUSTED_LIMITS.workers
 * parses run at once, a short queue waits behind them; idle workers are kept briefly for reuse
 * and never keep the process alive. docs/decisions/006-untrusted-files.md.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { tooComplex, UNTRUSTED_LIMITS as LIMITS } from './limits.ts';
import type { Handlers, Op } from './worker.ts';
import { workerScript } from '../../paths.ts';

type Input<O extends Op> = Parameters<Handlers[O]>[0];
type Output<O extends Op> = Awaited<ReturnType<Handlers[O]>>;

/** An idle worker is ended after this long without work, and any worker after this many jobs. */
const IDLE_MS = 60_000;
const MAX_JOBS_PER_WORKER = 100;
/** How often the resident size is sampled while parses run. */
const MEMORY_CHECK_MS = 100;
const MiB = 1024 * 1024;

interface Pooled {
  worker: Worker;
  jobs: number;
  idleTimer: NodeJS.Timeout | null;
}

const idle: Pooled[] = [];
let slotsTaken = 0;
const waiting: (() => void)[] = [];
let nextId = 1;
let started = 0;

/** Parses started since the process began (tests use it to prove a request parsed nothing). */
export function untrustedParsesStarted(): number {
  return started;
}

function spawn(): Pooled {
  const worker = new Worker(workerScript(import.meta.url, 'worker.js', new URL('./worker.ts', import.meta.url)), {
    // Not the parent's flags (--import tsx, --inspect…): the bootstrap sets up what it needs.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: LIMITS.workerHeapMb },
    stdout: false,
    stderr: false,
  });
  const pooled: Pooled = { worker, jobs: 0, idleTimer: null };
  // A worker that dies is reported to its job by the listeners in run(); these two keep a late
  // 'error' from becoming an uncaught exception and drop a dead worker from the idle list.
  worker.on('error', () => {});
  worker.on('exit', () => {
    const i = idle.indexOf(pooled);
    if (i >= 0) idle.splice(i, 1);
    if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
  });
  return pooled;
}

function park(pooled: Pooled): void {
  pooled.jobs++;
  if (pooled.jobs >= MAX_JOBS_PER_WORKER) {
    void pooled.worker.terminate();
    return;
  }
  pooled.worker.unref();
  pooled.idleTimer = setTimeout(() => void pooled.worker.terminate(), IDLE_MS);
  pooled.idleTimer.unref();
  idle.push(pooled);
}

function acquire(): Promise<void> {
  if (slotsTaken < LIMITS.workers) {
    slotsTaken++;
    return Promise.resolve();
  }
  if (waiting.length >= LIMITS.queue) {
    return Promise.reject(new AppError('SERVER_BUSY', '系统正在处理较多上传的文件，请稍后重试。', 503));
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else slotsTaken--;
}

/** Running parses, each with the function that stops it. */
const running = new Map<Worker, (reason: 'memory' | 'time') => void>();
let baselineRss = 0;
let memoryTimer: NodeJS.Timeout | null = null;

/**
 * Stops every running parse when the process has grown by more than the running workers may
 * use: their heaps plus LIMITS.offHeapMb each. Which worker grew cannot be told from outside,
 * so all are stopped; normally only one parse runs.
 */
function checkMemory(): void {
  const allowed = running.size * (LIMITS.workerHeapMb + LIMITS.offHeapMb) * MiB;
  if (process.memoryUsage.rss() - baselineRss <= allowed) return;
  for (const stop of [...running.values()]) stop('memory');
}

function watch(worker: Worker, stop: (reason: 'memory' | 'time') => void): void {
  if (running.size === 0) baselineRss = process.memoryUsage.rss();
  running.set(worker, stop);
  memoryTimer ??= setInterval(checkMemory, MEMORY_CHECK_MS).unref();
}

function unwatch(worker: Worker): void {
  running.delete(worker);
  if (running.size === 0 && memoryTimer) {
    clearInterval(memoryTimer);
    memoryTimer = null;
  }
}

const unreadable = (): AppError =>
  new AppError('FILE_UNREADABLE', '读取该文件时出错，文件可能已损坏。请检查后重新上传。', 422);

function run(pooled: Pooled, op: Op, input: { data: Uint8Array }): Promise<unknown> {
  const { worker } = pooled;
  if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
  pooled.idleTimer = null;
  worker.ref();
  // The worker gets its own exact-size copy, transferred rather than copied again.
  const data = new Uint8Array(input.data);
  const id = nextId++;
  started++;
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      clearTimeout(timer);
      unwatch(worker);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const stop = (reason: 'memory' | 'time'): void => {
      settle();
      void worker.terminate();
      reject(tooComplex(reason));
    };
    const timer = setTimeout(() => stop('time'), LIMITS.timeoutMs);
    const onMessage = (msg: { id: number; ok: boolean; output?: unknown }): void => {
      if (msg.id !== id) return;
      settle();
      park(pooled);
      if (msg.ok) resolve(msg.output);
      else reject(unreadable());
    };
    const onError = (err: Error & { code?: string }): void => {
      settle();
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex('memory') : unreadable());
    };
    const onExit = (): void => {
      settle();
      reject(unreadable());
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    watch(worker, stop);
    worker.postMessage({ id, op, input: { ...input, data } }, [data.buffer]);
  });
}

/**
 * Runs one parser on untrusted bytes in a worker. Rejects with FILE_TOO_COMPLEX (422) when the
 * parse runs out of memory or time, FILE_UNREADABLE (422) if the worker fails otherwise, and
 * SERVER_BUSY (503) when too many parses are already waiting.
 */
export async function runUntrusted<O extends Op>(op: O, input: Input<O>): Promise<Output<O>> {
  await acquire();
  try {
    const pooled = idle.pop() ?? spawn();
    return (await run(pooled, op, input)) as Output<O>;
  } finally {
    release();
  }
}
