import { Command, CommanderError } from 'commander';
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { registerReportCheck } from './report-check.ts';
import { registerReportRollup } from './report-rollup.ts';
import { registerAgencyCommands } from './agency-commands.ts';
import { loadConfig, appVersion } from '../config.ts';
import { systemActor } from '../services/context.ts';
import { AppError } from '../services/errors.ts';
import { allRoles } from '../services/policy.ts';
import type { Role } from '../storage/schema.ts';
import type { ReportFormat } from '../capabilities/reports/contract.ts';
import { stripBidiControls } from '../domain/text.ts';

// Every other module is imported inside the command that uses it, so a command loads only what
// it needs: `gongkai due-date` starts without the DOCX, XLSX and PDF libraries, the web server or
// the report exporters (test/cli/startup.test.ts, bench/cli-startup.ts).

const out = (line = ''): void => {
  process.stdout.write(line + '\n');
};

/** Runs fn with a migrated database, closing it afterwards. */
async function withRuntime<T>(fn: (rt: Awaited<ReturnType<typeof import('../runtime.ts').openRuntime>>) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('../runtime.ts');
  const rt = await openRuntime(loadConfig());
  try {
    return await fn(rt);
  } finally {
    await rt.handle.close();
  }
}

export function buildCli(): Command {
  const program = new Command('gongkai')
    .description('Gongkai 公开 — 政府信息公开平台 / open-government-information platform')
    .version(appVersion)
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\n配置 / configuration: PORT, HOST, DATABASE_URL (postgres://…), GONGKAI_DATA_DIR (默认 ./data)',
    );

  program
    .command('serve')
    .description('启动门户、工作台和 API / serve portal, workspace and API')
    .action(async () => {
      const config = loadConfig();
      const [{ attachSqliteReaders, openRuntime, printAdminPassword, seedOnFirstStart }, { buildApp }, { publishDueDocuments }, { flushViewCounts }] = await Promise.all([
        import('../runtime.ts'),
        import('../http/app.ts'),
        import('../services/documents.ts'),
        import('../services/publications.ts'),
      ]);
      const { handle, deps } = await openRuntime(config);
      printAdminPassword(await seedOnFirstStart(deps), out);
      // An index built by an older version lacks what is now searchable (文号, 索引号…): rebuilt once.
      const { ensureSearchIndexCurrent } = await import('../services/search-index.ts');
      const rebuilt = await ensureSearchIndexCurrent(deps);
      if (rebuilt?.total) out(`搜索索引已按新版本重建 / search index rebuilt: ${rebuilt.indexed} 篇文件 documents`);
      const readers = await attachSqliteReaders(config, deps);
      const app = await buildApp(deps, {
        version: config.version,
        logLevel: config.logLevel,
        publicUrl: config.publicUrl,
        allowedHosts: config.allowedHosts,
        trustProxy: config.trustProxy,
      });
      // Background work: scheduled publication, buffered view counts.
      const timer = setInterval(() => {
        publishDueDocuments(deps).catch((err: unknown) => process.stderr.write(`定时发布失败：${String(err)}\n`));
        flushViewCounts(deps).catch(() => undefined);
      }, 5000);
      const close = async () => {
        clearInterval(timer);
        await flushViewCounts(deps).catch(() => undefined);
        await app.close();
        await readers?.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
      out(`Gongkai ${config.version} 已启动 / listening: http://${shown}:${port}/  (数据库 ${deps.dialect})`);
      out(`  门户 portal: /   工作台 workspace: /admin/   API: /api/v1/  文档 docs: /api/docs`);
      // Start-up sweep, in the background: a large store takes a while to hash, and serving need not wait.
      import('../services/file-check.ts')
        .then(async ({ checkStoredFiles, describeProblems }) => {
          const problems = describeProblems(await checkStoredFiles(deps));
          if (problems.length) process.stderr.write(`上传文件检查发现问题 / upload check found problems（gongkai files verify）：\n${problems.map((l) => `  ${l}\n`).join('')}`);
        })
        .catch((err: unknown) => process.stderr.write(`上传文件检查失败：${String(err)}\n`));
      if (!config.publicUrl && config.allowedHosts.length === 0) {
        out(`  未设置 GONGKAI_PUBLIC_URL：订阅源、sitemap 和二维码中的链接指向 http://localhost:${port} / links in feeds, sitemap and QR codes point at localhost until it is set`);
      }
    });

  program
    .command('migrate')
    .description('执行数据库迁移 / apply database migrations')
    .action(async () => {
      await withRuntime(async () => out('数据库迁移完成 / migrations applied'));
    });

  program
    .command('seed')
    .description('写入演示数据（重复运行不产生重复数据）/ create demo data (idempotent)')
    .action(async () => {
      const [{ seedDemo }, { printAdminPassword }] = await Promise.all([import('../services/seed.ts'), import('../runtime.ts')]);
      await withRuntime(async ({ deps }) => {
        const result = await seedDemo(deps);
        out(result.createdAgencies.length ? `已创建机构：${result.createdAgencies.join('、')}` : '演示机构已存在，未作改动');
        printAdminPassword(result, out);
      });
    });

  program
    .command('due-date')
    .description('计算到期日（自收到之日的次日起算工作日）/ compute a due date in working days')
    .requiredOption('--received <YYYY-MM-DD>', '收到申请之日 / receipt date')
    .option('--working-days <N>', '工作日数 / working days', '20')
    .option('--json', '同时以 JSON 输出计算步骤 / also print the steps as JSON')
    .addHelpText('after', '\n最后一行为到期日（ISO）；依赖尚未载入日历的年份时标注“暂定”。\nThe last line is the due date; a date resting on a year with no calendar is marked 暂定.')
    .action(async (opts: { received: string; workingDays: string; json?: boolean }) => {
      const workingDays = Number(opts.workingDays);
      const [{ computeDueDate }, { loadCalendar }] = await Promise.all([import('../services/due-date.ts'), import('../services/calendar.ts')]);
      await withRuntime(async ({ deps }) => {
        const result = computeDueDate(await loadCalendar(deps.db), opts.received, workingDays);
        const marked = result.provisional ? `${result.dueDate} 暂定` : result.dueDate;
        if (opts.json) {
          out(JSON.stringify(result, null, 2));
        } else {
          out(`收到之日：${result.received}；期限：${result.workingDays} 个工作日（自次日起算）`);
          for (const step of result.steps) out(`  · ${step.label}${step.date ? `（${step.date}）` : ''}：${step.detail}`);
          if (result.provisional) out(`暂定（provisional）：${result.missingYears.join('、')} 年的节假日安排尚未载入，按周末推算，载入后将重新计算。`);
        }
        out(marked);
      });
    });

  const documents = program.command('documents').description('主动公开文件 / proactive disclosure documents');
  documents
    .command('import')
    .description('导入历史文件（JSON Lines，每行一个对象）/ import legacy documents from JSONL')
    .argument('<file>', 'JSONL 文件')
    .requiredOption('--agency <codeOrName>', '机构代码或名称')
    .option('--create-categories', '栏目不存在时按名称新建（一级栏目）/ create missing columns by name')
    .addHelpText('after', '\n字段：title, bodyHtml 或 bodyText, publishedAt；可选 issuer, docNo, writtenAt, category（栏目代码或名称）, indexNo, validity。\n含疑似敏感信息的文件导入为未发布并标记待复核。')
    .action(async (file: string, opts: { agency: string; createCategories?: boolean }) => {
      if (!existsSync(file)) throw new AppError('NOT_FOUND', `文件“${file}”不存在`);
      const [{ findAgency }, { importDocuments }] = await Promise.all([import('../services/agencies.ts'), import('../services/legacy-import.ts')]);
      await withRuntime(async ({ deps }) => {
        const agency = await findAgency(deps.db, opts.agency);
        if (!agency) throw new AppError('NOT_FOUND', `机构“${opts.agency}”不存在`);
        const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
        const summary = await importDocuments(
          deps,
          agency.id,
          lines,
          (s) => {
            process.stderr.write(`\r已处理 ${s.lines} 行，导入 ${s.imported} 件，错误 ${s.errors.length} 行`);
          },
          { createCategories: !!opts.createCategories },
        );
        process.stderr.write('\n');
        for (const c of summary.createdCategories) out(`已新建栏目 / column created: ${c.name}（${c.code}）`);
        out(`导入完成 / done: ${summary.lines} 行，导入 ${summary.imported} 件（已发布 ${summary.published} 件，待复核 ${summary.flagged.length} 件），错误 ${summary.errors.length} 行`);
        if (summary.flagged.length) {
          out('含疑似敏感信息、已导入为未发布并标记待复核 / flagged for review:');
          for (const f of summary.flagged) out(`  第 ${f.line} 行《${f.title}》：${f.hits.join('、')}`);
        }
        if (summary.errors.length) {
          out('未导入的行 / rejected lines:');
          for (const e of summary.errors) out(`  第 ${e.line} 行：${e.message}`);
          process.exitCode = 1;
        }
      });
    });

  const search = program.command('search').description('全文检索索引 / full-text search index');
  search
    .command('reindex')
    .description('重建检索索引（更换分词规则或索引损坏后）/ rebuild the search index from published documents')
    .action(async () => {
      const { rebuildSearchIndex } = await import('../services/search-index.ts');
      await withRuntime(async ({ deps }) => {
        const started = Date.now();
        const done = await rebuildSearchIndex(deps, (p) => {
          process.stderr.write(`\r已索引 ${p.indexed} / ${p.total} 件`);
        });
        process.stderr.write('\n');
        out(`检索索引已重建 / search index rebuilt: ${done.indexed} 件已发布文件，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      });
    });

  const audit = program.command('audit').description('审计日志 / audit log');
  audit
    .command('verify')
    .description('校验审计日志的哈希链，报告第一处断链或缺失 / check the audit hash chain')
    .option('--anchor <seq:hash>', '先前导出的链头，校验链仍经过它 / a head exported earlier that the chain must still pass through')
    .option('--json', '以 JSON 输出 / print JSON')
    .addHelpText('after', '\n退出状态 / exit status: 0 完好；1 断链、缺失或被改动；2 参数无效。')
    .action(async (opts: { anchor?: string; json?: boolean }) => {
      const { parseAnchor } = await import('../domain/audit/chain.ts');
      const anchor = opts.anchor === undefined ? undefined : parseAnchor(opts.anchor);
      if (anchor === null) {
        process.stderr.write('错误：--anchor 应为“序号:哈希”，即 gongkai audit head 输出的最后一行\n');
        process.exitCode = 2;
        return;
      }
      const { checkAuditChain } = await import('../services/audit-chain.ts');
      await withRuntime(async ({ deps }) => {
        const report = await checkAuditChain(deps, systemActor('cli'), anchor);
        if (opts.json) out(JSON.stringify(report, null, 2));
        else if (report.problem) out(`审计日志已被改动 / audit chain broken：${report.problem.message}（已核对 ${report.entries} 条）`);
        else out(`审计日志完好 / audit chain intact：${report.entries} 条，链头 ${report.head.seq}:${report.head.hash}`);
        process.exitCode = report.ok ? 0 : 1;
      });
    });
  audit
    .command('head')
    .description('输出审计日志链头（序号:哈希），供在系统之外留存 / print the newest hash for anchoring outside the database')
    .option('--json', '以 JSON 输出 / print JSON')
    .addHelpText('after', '\n最后一行为 序号:哈希，可交给 gongkai audit verify --anchor。\nThe last line is seq:hash, for gongkai audit verify --anchor.')
    .action(async (opts: { json?: boolean }) => {
      const { exportAuditHead } = await import('../services/audit-chain.ts');
      await withRuntime(async ({ deps }) => {
        const head = await exportAuditHead(deps, systemActor('cli'));
        if (opts.json) out(JSON.stringify(head));
        else {
          out(`第 ${head.seq} 条${head.at ? `，${head.at}` : ''}`);
          out(head.anchor);
        }
      });
    });

  const files = program.command('files').description('上传文件 / uploaded files');
  files
    .command('verify')
    .description('核对每个上传文件的内容与其名称（内容哈希）是否一致，附件文件是否缺失 / check every upload against its content hash')
    .option('--json', '以 JSON 输出 / print JSON')
    .addHelpText('after', '\n退出状态 / exit status: 0 全部完好；1 有损坏或缺失的文件。\n损坏的文件重新上传同一文件即可修复，或从备份恢复。')
    .action(async (opts: { json?: boolean }) => {
      const { checkStoredFiles, describeProblems } = await import('../services/file-check.ts');
      await withRuntime(async ({ deps }) => {
        const check = await checkStoredFiles(deps);
        if (opts.json) out(JSON.stringify(check, null, 2));
        else {
          out(`已核对 ${check.sweep.checked} 个上传文件 / checked ${check.sweep.checked} files`);
          for (const line of describeProblems(check)) out(`  ${line}`);
        }
        process.exitCode = check.sweep.damaged.length || check.missing.length ? 1 : 0;
      });
    });

  const report = program.command('report').description('年度报告 / annual reports');
  report
    .command('build')
    .description('由记录生成年度报告 / build an annual report from the records')
    .requiredOption('--agency <codeOrName>', '机构代码或名称')
    .requiredOption('--year <YYYY>', '报告年度')
    .requiredOption('--format <format>', 'html | docx | xlsx | json')
    .requiredOption('--out <file>', '输出文件')
    .action(async (opts: { agency: string; year: string; format: string; out: string }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('INVALID_YEAR', `年度“${opts.year}”无效`);
      const [{ exportReport, reportFormats }, { getReport }, { findAgency }] = await Promise.all([import('../capabilities/reports/exports.ts'), import('../capabilities/reports/queries.ts'), import('../services/agencies.ts')]);
      if (!(opts.format in reportFormats)) throw new AppError('INVALID_FORMAT', `格式“${opts.format}”无效，可选：${Object.keys(reportFormats).join('、')}`);
      await withRuntime(async ({ deps }) => {
        const agency = await findAgency(deps.db, opts.agency);
        if (!agency) throw new AppError('NOT_FOUND', `机构“${opts.agency}”不存在`);
        const view = await getReport(deps, systemActor('cli'), agency.id, year);
        if (!view.report) throw new AppError('REPORT_INVALID', `报告数据有误：${view.errors.join('；')}`);
        const exported = await exportReport(view.report, opts.format as ReportFormat, { date: view.signedOn, signer: view.signedBy });
        writeFileSync(opts.out, exported.body);
        out(`已生成 ${opts.out}（${agency.name}${year}年度，状态：${view.statusLabel}）`);
        const { ruleWithName } = await import('./report-check.ts');
        for (const f of view.findings) out(`  [${f.severity === 'error' ? '错误' : '提示'}] ${ruleWithName(f.rule)}：${f.message}`);
        if (view.findings.some((f) => f.severity === 'error')) process.exitCode = 1;
      });
    });
  registerReportCheck(report, out);
  registerReportRollup(report, withRuntime, out);

  registerAgencyCommands(program, withRuntime, out);

  const user = program.command('user').description('用户管理 / user management');
  user
    .command('create')
    .description('创建用户并打印一次性密码 / create a user and print a one-time password')
    .requiredOption('--username <name>', '用户名')
    .requiredOption('--agency <codeOrName>', '机构代码或名称')
    .option('--name <displayName>', '姓名')
    .option('--role <roles>', `角色，逗号分隔：${allRoles.join(',')}`, 'clerk')
    .action(async (opts: { username: string; agency: string; name?: string; role: string }) => {
      const roles = opts.role.split(',').map((r) => r.trim()) as Role[];
      const bad = roles.filter((r) => !allRoles.includes(r));
      if (bad.length) throw new AppError('INVALID_ROLE', `未知角色：${bad.join(',')}；可选：${allRoles.join(',')}`);
      const [{ findAgency }, { createUser }] = await Promise.all([import('../capabilities/agencies/sql.ts'), import('../capabilities/users/commands.ts')]);
      await withRuntime(async ({ deps }) => {
        const agency = await findAgency(deps.db, opts.agency);
        if (!agency) throw new AppError('NOT_FOUND', `机构“${opts.agency}”不存在`);
        const { oneTimePassword } = await createUser(deps, systemActor('cli'), {
          username: opts.username,
          displayName: stripBidiControls(opts.name ?? opts.username),
          roles: roles.map((role) => ({ agencyId: agency.id, role })),
        });
        out(`已创建用户 ${opts.username}（${agency.name}）`);
        out(`一次性密码 one-time password: ${oneTimePassword}`);
      });
    });
  user
    .command('reset-password')
    .description('重置密码并打印一次性密码 / reset a password, print a one-time password')
    .requiredOption('--username <name>', '用户名')
    .action(async (opts: { username: string }) => {
      const [{ findUserByUsername }, { resetPassword }] = await Promise.all([import('../capabilities/users/queries.ts'), import('../capabilities/users/commands.ts')]);
      await withRuntime(async ({ deps }) => {
        const found = await findUserByUsername(deps, opts.username);
        if (!found) throw new AppError('NOT_FOUND', `用户“${opts.username}”不存在`);
        const { oneTimePassword } = await resetPassword(deps, systemActor('cli'), found.id);
        out(`已重置 ${opts.username} 的密码，账号已解锁`);
        out(`一次性密码 one-time password: ${oneTimePassword} （24 小时内有效 / valid for 24 hours）`);
      });
    });
  user
    .command('operator')
    .description('授予或撤销平台运维权限（修改工作日历、管理所有账号）/ grant or revoke the platform-operator permission')
    .requiredOption('--username <name>', '用户名')
    .option('--revoke', '撤销 / revoke')
    .action(async (opts: { username: string; revoke?: boolean }) => {
      const [{ findUserByUsername }, { setPlatformOperator }] = await Promise.all([import('../capabilities/users/queries.ts'), import('../capabilities/users/commands.ts')]);
      await withRuntime(async ({ deps }) => {
        const found = await findUserByUsername(deps, opts.username);
        if (!found) throw new AppError('NOT_FOUND', `用户“${opts.username}”不存在`);
        await setPlatformOperator(deps, systemActor('cli'), found.id, !opts.revoke);
        out(opts.revoke ? `已撤销 ${opts.username} 的平台运维权限` : `已授予 ${opts.username} 平台运维权限`);
      });
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`错误：${message}\n`);
    process.exitCode = 1;
  }
}
