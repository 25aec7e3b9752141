/**
 * Worker threads that run the heavier reads (search, catalogue pages) on SQLite, each with its
 * own read-only connection to the same WAL database file (docs/decisions/011). better-sqlite3
 * is synchronous: on the main thread a search holds every other request until it ends.
 *
 * A read goes to the worker with the fewest reads in flight. A worker that dies fails its reads
 * over to the main thread and is replaced; after MAX_FAILED_STARTS workers died without finishing
 * a read, the pool gives up and every read runs on the main thread (said once on stderr).
 * Idle workers do not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { workerScript } from '../../paths.ts';
import type { Database } from '../schema.ts';
import { readOps, type ReadInput, type ReadOp, type ReadOutput, type ReadRunner } from './ops.ts';

const MAX_FAILED_STARTS = 3;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  op: ReadOp;
  input: unknown;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Finished at least one read: a later death is not a failed start. */
  proven: boolean;
}

export interface SqliteReaders extends ReadRunner {
  close(): Promise<void>;
}

export interface ReaderOptions {
  /** The database file (in WAL mode) the main connection has open. */
  file: string;
  count: number;
  /** The main thread's connection, for reads a worker could not answer. */
  mainDb: Kysely<Database>;
  report?: (message: string) => void;
}

export function startSqliteReaders(options: ReaderOptions): SqliteReaders {
  const readers: Reader[] = [];
  let nextId = 1;
  let failedStarts = 0;
  let gaveUp = false;
  let closing = false;
  let answered = 0;
  const report = options.report ?? ((m: string) => process.stderr.write(`${m}\n`));

  const here = <O extends ReadOp>(op: O, input: ReadInput<O>): Promise<ReadOutput<O>> =>
    (readOps[op] as (db: Kysely<Database>, dialect: 'sqlite', input: ReadInput<O>) => Promise<ReadOutput<O>>)(options.mainDb, 'sqlite', input);

  function spawn(): void {
    const worker = new Worker(workerScript(import.meta.url, 'sqlite-reader.js', new URL('./worker.ts', import.meta.url)), {
      workerData: { file: options.file },
      // Not the parent's flags (--import tsx, --inspect…): the bootstrap sets up what it needs.
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    const reader: Reader = { worker, pending: new Map(), proven: false };
    readers.push(reader);
    worker.unref();
    worker.on('message', (msg: { id?: number; ok?: boolean; output?: unknown; error?: { name: string; message: string } }) => {
      if (msg.id === undefined) return; // the ready signal
      const job = reader.pending.get(msg.id);
      if (!job) return;
      reader.pending.delete(msg.id);
      if (reader.pending.size === 0) worker.unref();
      reader.proven = true;
      if (msg.ok) {
        answered++;
        job.resolve(msg.output);
      } else {
        const err = new Error(msg.error!.message);
        err.name = msg.error!.name;
        job.reject(err);
      }
    });
    let gone = false;
    const onGone = (why: unknown): void => {
      if (gone) return;
      gone = true;
      readers.splice(readers.indexOf(reader), 1);
      // Its reads are answered here instead: the request never sees the worker's death.
      for (const job of reader.pending.values()) here(job.op, job.input as never).then(job.resolve, job.reject);
      reader.pending.clear();
      if (closing) return;
      if (!reader.proven && ++failedStarts >= MAX_FAILED_STARTS) {
        gaveUp = true;
        report(`只读查询线程无法启动，搜索改在主线程执行 / SQLite read workers failed to start, reads run on the main thread: ${String(why)}`);
        return;
      }
      spawn();
    };
    worker.on('error', onGone);
    worker.on('exit', (code) => onGone(`exit ${code}`));
  }

  for (let i = 0; i < options.count; i++) spawn();

  return {
    stats: () => ({ workers: gaveUp ? 0 : readers.length, answered }),
    run<O extends ReadOp>(op: O, input: ReadInput<O>): Promise<ReadOutput<O>> {
      if (gaveUp || closing || readers.length === 0) return here(op, input);
      let reader = readers[0]!;
      for (const r of readers) if (r.pending.size < reader.pending.size) reader = r;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (reader.pending.size === 0) reader.worker.ref();
        reader.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, op, input });
        reader.worker.postMessage({ id, op, input });
      });
    },
    async close() {
      closing = true;
      await Promise.all(readers.map((r) => r.worker.terminate()));
    },
  };
}
