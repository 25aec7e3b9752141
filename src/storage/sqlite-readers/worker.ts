/**
 * A SQLite read worker: its own read-only connection to the server's WAL database file, so
 * searches and catalogue pages run beside the main thread instead of holding its event loop.
 * WAL lets readers see every transaction committed before their statement starts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../dialect.ts';
import { readOps, type ReadOp } from './ops.ts';

interface Job {
  id: number;
  op: ReadOp;
  input: never;
}

const { file } = workerData as { file: string };
const { db } = openDatabase({ sqlitePath: file, readOnly: true });

parentPort!.on('message', async ({ id, op, input }: Job) => {
  try {
    const output = await readOps[op](db, 'sqlite', input);
    parentPort!.postMessage({ id, ok: true, output });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({ id, ok: false, error: { name: e.name, message: e.message } });
  }
});
parentPort!.postMessage({ ready: true });
