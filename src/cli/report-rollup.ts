/**
 * `gongkai report rollup --agency CODE --year Y [--scope subtree|departments] --format xlsx|json
 * --out F`: the roll-up (汇总) of a government's annual reports, as the workspace exports it. The
 * CLI acts as the system (it runs on the server), so the whole subtree is in reach.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor, type ServiceDeps } from '../services/context.ts';
import { AppError } from '../services/errors.ts';

// The roll-up and exceljs load when the command runs, not when the CLI starts (see main.ts).

type WithDeps = <T>(fn: (rt: { deps: ServiceDeps }) => Promise<T>) => Promise<T>;

const SCOPES = ['subtree', 'departments'];
const FORMATS = ['xlsx', 'json'];

export function registerReportRollup(report: Command, withRuntime: WithDeps, out: (line: string) => void): void {
  report
    .command('rollup')
    .description('汇总一级政府及其下级（或本级部门）已发布的年度报告 / roll up the published annual reports of a government')
    .requiredOption('--agency <codeOrName>', '机构代码或名称（一级人民政府）')
    .requiredOption('--year <YYYY>', '报告年度')
    .option('--scope <scope>', 'subtree（本级及全部下级）| departments（本级政府部门）', 'subtree')
    .requiredOption('--format <format>', 'xlsx | json')
    .requiredOption('--out <file>', '输出文件')
    .addHelpText('after', '\n退出状态 / exit status: 0 汇总数和各机关均无错误；1 有机关未发布、数据有误或汇总数校验有错误。')
    .action(async (opts: { agency: string; year: string; scope: string; format: string; out: string }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('INVALID_YEAR', `年度“${opts.year}”无效`);
      if (!SCOPES.includes(opts.scope)) throw new AppError('INVALID_SCOPE', `汇总范围“${opts.scope}”无效，可选：${SCOPES.join('、')}`);
      if (!FORMATS.includes(opts.format)) throw new AppError('INVALID_FORMAT', `格式“${opts.format}”无效，可选：${FORMATS.join('、')}`);
      const [{ rollupFor }, { rollupToJson, rollupWorkbook }, { findAgency }] = await Promise.all([
        import('../capabilities/reports/rollup.ts'),
        import('../capabilities/reports/rollup-export.ts'),
        import('../services/agencies.ts'),
      ]);
      await withRuntime(async ({ deps }) => {
        const agency = await findAgency(deps.db, opts.agency);
        if (!agency) throw new AppError('NOT_FOUND', `机构“${opts.agency}”不存在`);
        const { view, reports } = await rollupFor(deps, systemActor('cli'), agency.id, year, opts.scope as 'subtree' | 'departments');
        writeFileSync(opts.out, opts.format === 'json' ? JSON.stringify(rollupToJson(view), null, 2) : (await rollupWorkbook(view, reports)).body);
        const s = view.summary;
        out(`已生成 ${opts.out}（${view.agencyName}${year}年度汇总，${view.scopeLabel}：机关 ${s.members} 个，已发布 ${s.published} 个，未发布 ${s.missing} 个，数据有错误 ${s.withErrors} 个）`);
        for (const m of view.members.filter((x) => x.missing)) out(`  [未发布] ${m.name}`);
        for (const m of view.members.filter((x) => x.errors > 0)) out(`  [错误] ${m.name}：${m.findings.filter((f) => f.severity === 'error').map((f) => f.message).join('；')}`);
        for (const f of view.sumFindings) out(`  [汇总数${f.severity === 'error' ? '错误' : '提示'}] ${f.message}`);
        if (s.missing || s.withErrors || view.sumFindings.some((f) => f.severity === 'error')) process.exitCode = 1;
      });
    });
}
