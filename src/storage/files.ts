import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live: content-addressed, so a file stored twice is kept once. */
export interface FileStore {
  put(data: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
}

export function diskFileStore(dir: string): FileStore {
  const file = (key: string): string => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('invalid file key');
    return path.join(dir, key.slice(0, 2), key);
  };
  return {
    async put(data) {
      const key = createHash('sha256').update(data).digest('hex');
      const target = file(key);
      try {
        await access(target);
      } catch {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, data);
      }
      return key;
    },
    get: (key) => readFile(file(key)),
  };
}
