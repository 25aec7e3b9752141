import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { DialectName } from '../storage/dialect.ts';
import type { FileStore } from '../storage/files.ts';
import type { ReadRunner } from '../storage/sqlite-readers/ops.ts';

/** What every use case needs: storage and a clock (tests pass a fixed one). */
export interface ServiceDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  now: () => Date;
  /** Uploaded attachments (GONGKAI_DATA_DIR/uploads). */
  files: FileStore;
  /** SQLite read workers (the server on a database file): searches and catalogue pages run there. */
  readers?: ReadRunner | undefined;
}

export type Tx = Transaction<Database> | Kysely<Database>;

/** Who is acting: a signed-in user, or the system itself (seed, CLI, scheduler). */
export type Actor = { kind: 'user'; userId: number } | { kind: 'system'; label: string };

export const systemActor = (label: string): Actor & { kind: 'system' } => ({ kind: 'system', label });
