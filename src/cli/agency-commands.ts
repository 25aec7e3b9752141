/**
 * `gongkai agency create|list|import`: arranging a platform's agencies from the command line.
 * The CLI acts as the system (it runs on the server, as the operator).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { agencyLevels, agencyStateLabels, type AgencyLevel, type ImportedAgencyRow } from '../capabilities/agencies/contract.ts';
import { systemActor, type ServiceDeps } from '../services/context.ts';
import { AppError } from '../services/errors.ts';

// Services and the CSV parser load when a command runs, not when the CLI starts (see main.ts).

type WithDeps = <T>(fn: (rt: { deps: ServiceDeps }) => Promise<T>) => Promise<T>;

const LEVELS = Object.keys(agencyLevels).join('|');
const IMPORT_COLUMNS = ['code', 'name', 'short_name', 'level', 'parent_code', 'credit_code'] as const;

/** Rows of an agency CSV (UTF-8, with or without BOM; header row with IMPORT_COLUMNS). */
export async function parseAgencyCsv(text: string): Promise<ImportedAgencyRow[]> {
  const { parse } = await import('csv-parse/sync');
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new AppError('INVALID_AGENCY_FILE', `无法读取 CSV 文件：${err instanceof Error ? err.message : String(err)}`);
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const missing = IMPORT_COLUMNS.filter((c) => c !== 'credit_code' && c !== 'parent_code' && !header.includes(c));
  if (missing.length) throw new AppError('INVALID_AGENCY_FILE', `CSV 缺少列：${missing.join('、')}（应有 ${IMPORT_COLUMNS.join(',')}）`);
  return records.map((r, i) => ({
    line: i + 2,
    code: r.code ?? '',
    // The file's `name` is the formal name (常平乡人民政府); `short_name` what people say (常平乡).
    name: r.short_name || r.name || '',
    fullName: r.name || undefined,
    level: (r.level ?? '') as AgencyLevel,
    parentCode: r.parent_code || null,
    creditCode: r.credit_code || undefined,
  }));
}

export function registerAgencyCommands(program: Command, withRuntime: WithDeps, out: (line?: string) => void): void {
  const agency = program.command('agency').description('机构管理 / agencies');
  agency
    .command('create')
    .description('创建机构 / create an agency')
    .requiredOption('--code <code>', '机构代码')
    .requiredOption('--name <fullName>', '全称，如“常平乡人民政府”')
    .requiredOption('--short-name <name>', '简称，如“常平乡”')
    .requiredOption('--level <level>', `层级：${LEVELS}`)
    .option('--parent <code>', '上级机构代码（省、市、县、乡镇可不填；部门必填）')
    .option('--credit-code <code>', '统一社会信用代码')
    .action(async (opts: { code: string; name: string; shortName: string; level: string; parent?: string; creditCode?: string }) => {
      const [{ findAgency }, { createAgency }] = await Promise.all([import('../capabilities/agencies/sql.ts'), import('../capabilities/agencies/commands.ts')]);
      await withRuntime(async ({ deps }) => {
        const parent = opts.parent ? await findAgency(deps.db, opts.parent) : undefined;
        if (opts.parent && !parent) throw new AppError('NOT_FOUND', `上级机构“${opts.parent}”不存在`);
        const created = await createAgency(deps, systemActor('cli'), {
          code: opts.code,
          name: opts.shortName,
          fullName: opts.name,
          creditCode: opts.creditCode,
          level: opts.level as AgencyLevel,
          parentId: parent?.id ?? null,
        });
        out(`已创建机构 ${created.fullName}（${created.code}，${created.levelLabel}）`);
      });
    });
  agency
    .command('list')
    .description('列出机构（按层级缩进）/ list agencies as a tree')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      const [{ listAllAgencies }, { presentAgency }] = await Promise.all([import('../capabilities/agencies/sql.ts'), import('../capabilities/agencies/queries.ts')]);
      await withRuntime(async ({ deps }) => {
        const all = (await listAllAgencies(deps.db)).map(presentAgency);
        if (opts.json) return out(JSON.stringify(all, null, 2));
        const children = (id: number | null) => all.filter((a) => a.parentId === id);
        const print = (id: number | null, depth: number) => {
          for (const a of children(id)) {
            out(`${'  '.repeat(depth)}${a.fullName}（${a.name}）\t${a.code}\t${a.levelLabel}${a.closed ? `\t${agencyStateLabels.closed}` : ''}`);
            print(a.id, depth + 1);
          }
        };
        print(null, 0);
      });
    });
  agency
    .command('import <file>')
    .description(`从 CSV 导入机构（列：${IMPORT_COLUMNS.join(',')}）；先校验整个文件，全部导入或全部不导入 / import agencies from CSV, all or nothing`)
    .action(async (file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new AppError('NOT_FOUND', `无法读取文件 ${file}`);
      }
      const rows = await parseAgencyCsv(text);
      const { importAgencies } = await import('../capabilities/agencies/commands.ts');
      await withRuntime(async ({ deps }) => {
        const created = await importAgencies(deps, systemActor('cli'), rows);
        out(`已导入 ${created.length} 个机构`);
      });
    });
}
