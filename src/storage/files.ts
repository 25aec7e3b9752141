import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live: content-addressed (the name is the SHA-256 of the bytes), so a file
 * stored twice is kept once, and a file whose bytes no longer match its name is known damaged.
 */
export interface FileStore {
  /** The directory the files live in. */
  readonly root: string;
  put(data: Buffer): Promise<string>;
  /** The bytes stored under key; DamagedFileError when they no longer hash to it. */
  get(key: string): Promise<Buffer>;
  /** Hashes every stored file; reports those whose content does not match their name. */
  sweep(): Promise<SweepReport>;
  /** Whether a file is stored under key (without reading it). */
  has(key: string): Promise<boolean>;
}

export interface SweepReport {
  checked: number;
  /** Files whose bytes do not hash to their name (truncated by a crash, edited, bit rot). */
  damaged: { key: string; path: string; size: number }[];
  /** Names in the store that are not a content hash. */
  strays: string[];
  /** Interrupted writes older than an hour, removed. */
  removedTemp: number;
}

export class DamagedFileError extends Error {
  constructor(readonly key: string) {
    super(`上传文件 ${key} 已损坏（内容与文件名的哈希不符），请从备份恢复，或重新上传同一文件`);
  }
}

const KEY = /^[0-9a-f]{64}$/;
const TEMP = /^\.[0-9a-f]{64}\.[0-9a-f]{16}\.tmp$/;
/** A temp file this old belongs to a write that died; a younger one may be in progress. */
const TEMP_MAX_AGE_MS = 60 * 60 * 1000;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function diskFileStore(dir: string): FileStore {
  const file = (key: string): string => {
    if (!KEY.test(key)) throw new Error('invalid file key');
    return path.join(dir, key.slice(0, 2), key);
  };

  /**
   * Write beside the target, fsync, rename over it, fsync the directory: a crash at any point
   * leaves either no file or the whole file under the name, never a truncated one.
   */
  async function writeAtomically(target: string, key: string, data: Buffer): Promise<void> {
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.${key}.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const dirHandle = await open(folder, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  async function existingMatches(target: string, key: string): Promise<boolean> {
    try {
      return sha256(await readFile(target)) === key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  return {
    root: dir,
    async put(data) {
      const key = sha256(data);
      const target = file(key);
      // An existing file is reused only when its bytes are right: one left truncated by a crash
      // (before writes were atomic) or damaged since is replaced by the bytes just received.
      if (!(await existingMatches(target, key))) await writeAtomically(target, key, data);
      return key;
    },
    async get(key) {
      const data = await readFile(file(key));
      if (sha256(data) !== key) throw new DamagedFileError(key);
      return data;
    },
    async has(key) {
      try {
        return (await stat(file(key))).isFile();
      } catch {
        return false;
      }
    },
    async sweep() {
      const report: SweepReport = { checked: 0, damaged: [], strays: [], removedTemp: 0 };
      let folders: string[];
      try {
        folders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return report;
        throw err;
      }
      for (const folder of folders) {
        for (const name of (await readdir(path.join(dir, folder))).sort()) {
          const full = path.join(dir, folder, name);
          if (TEMP.test(name)) {
            const info = await stat(full).catch(() => null);
            if (info && Date.now() - info.mtimeMs > TEMP_MAX_AGE_MS) {
              await rm(full, { force: true });
              report.removedTemp++;
            }
            continue;
          }
          if (!KEY.test(name) || name.slice(0, 2) !== folder) {
            report.strays.push(path.join(folder, name));
            continue;
          }
          report.checked++;
          // Streamed, so a sweep of a large store holds one chunk at a time.
          const hash = createHash('sha256');
          let size = 0;
          for await (const chunk of createReadStream(full)) {
            hash.update(chunk as Buffer);
            size += (chunk as Buffer).length;
          }
          if (hash.digest('hex') !== name) report.damaged.push({ key: name, path: full, size });
        }
      }
      return report;
    },
  };
}
