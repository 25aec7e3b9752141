import { Migrator, type Migration, type MigrationResult } from 'kysely';
import type { Kysely } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_calendar_requests.ts';
import * as m0003 from './migrations/0003_documents.ts';
import * as m0004 from './migrations/0004_search.ts';
import * as m0005 from './migrations/0005_reports.ts';
import * as m0006 from './migrations/0006_search_postings.ts';
import * as m0007 from './migrations/0007_security.ts';
import * as m0008 from './migrations/0008_agency_hierarchy.ts';
import * as m0009 from './migrations/0009_audit_chain.ts';
import * as m0011 from './migrations/0011_throttling.ts';
import * as m0010 from './migrations/0010_request_projection.ts';
import * as m0012 from './migrations/0012_personal_data_access.ts';
import * as m0013 from './migrations/0013_report_versions.ts';
import * as m0014 from './migrations/0014_messages.ts';
import * as m0016 from './migrations/0016_interpretations.ts';
import * as m0017 from './migrations/0017_report_reminders.ts';
import * as m0018 from './migrations/0018_notice_numbers.ts';
import * as m0020 from './migrations/0020_records.ts';
import * as m0021 from './migrations/0021_consultations.ts';
import * as m0024 from './migrations/0024_website_reports.ts';
import * as m0022 from './migrations/0022_surveys.ts';
import * as m0023 from './migrations/0023_interaction_records.ts';
import * as m0026 from './migrations/0026_search_agency_path.ts';

/** Every migration, in order. Static imports keep them bundled with the code that needs them. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calendar_requests': m0002,
  '0003_documents': m0003,
  '0004_search': m0004,
  '0005_reports': m0005,
  '0006_search_postings': m0006,
  '0007_security': m0007,
  '0008_agency_hierarchy': m0008,
  '0009_audit_chain': m0009,
  '0011_throttling': m0011,
  '0010_request_projection': m0010,
  '0012_personal_data_access': m0012,
  '0013_report_versions': m0013,
  '0014_messages': m0014,
  '0016_interpretations': m0016,
  '0017_report_reminders': m0017,
  '0018_notice_numbers': m0018,
  '0020_records': m0020,
  '0021_consultations': m0021,
  '0024_website_reports': m0024,
  '0022_surveys': m0022,
  '0023_interaction_records': m0023,
  '0026_search_agency_path': m0026,
};

export class MigrationFailedError extends Error {
  constructor(
    readonly results: MigrationResult[],
    override readonly cause: unknown,
  ) {
    super(`数据库迁移失败：${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Applies pending migrations; throws MigrationFailedError on any failure (never half-silent). */
export async function migrateToLatest(db: Kysely<any>, options: { pgSchema?: string | undefined } = {}): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in every schema unless told which one.
    ...(options.pgSchema ? { migrationTableSchema: options.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new MigrationFailedError(results ?? [], error);
  return results ?? [];
}
