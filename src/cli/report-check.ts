/**
 * `gongkai report check FILE...|DIR...`: one report in detail, or many (a superior office's
 * spring review) one line each with a summary, and an XLSX of them all.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';

import type { BatchEntry } from '../exports/report/batch.ts';
import { RULES, type RuleId } from '../domain/report/findings.ts';

// The checker and its readers are imported when the command runs, not by every CLI start.
type CountOf = (typeof import('../exports/report/batch.ts'))['countOf'];

const severityLabel = (s: string): string => (s === 'error' ? '错误' : '提示');
/** The rule's Chinese name with its id: 总计不等于各项之和（arith.total）. */
export const ruleWithName = (rule: RuleId): string => `${RULES[rule]?.title ?? rule}（${rule}）`;

/** Exit status: 2 when a file could not be read as a report, else 1 when a report has errors. */
function exitStatus(entries: readonly BatchEntry[], countOf: CountOf): number {
  if (entries.some((e) => !e.ok)) return 2;
  return entries.some((e) => e.ok && countOf(e.json, 'error') > 0) ? 1 : 0;
}

function printOne(e: BatchEntry, json: boolean, out: (line: string) => void): void {
  if (!e.ok) {
    if (json) out(JSON.stringify({ error: { code: 'NOT_A_REPORT', message: e.message } }));
    else process.stderr.write(`错误：${e.message}\n`);
    return;
  }
  if (json) {
    out(JSON.stringify(e.json, null, 2));
    return;
  }
  const j = e.json;
  out(
    `${j.agency ?? '（未识别机关）'} ${j.year ?? '（未识别年度）'}年度报告，格式：${j.template}${j.truncated ? '，文本不完整' : ''}`,
  );
  if (j.findings.length === 0) out('未发现问题。');
  for (const f of j.findings)
    out(`[${severityLabel(f.severity)}] ${ruleWithName(f.rule)}：${f.message}（${f.location.text}）`);
}

function printMany(
  entries: readonly BatchEntry[],
  json: boolean,
  out: (line: string) => void,
  countOf: CountOf,
): void {
  if (json) {
    out(
      JSON.stringify(
        entries.map((e) =>
          e.ok
            ? { file: e.file, ...e.json }
            : { file: e.file, error: { code: 'NOT_A_REPORT', message: e.message } },
        ),
        null,
        2,
      ),
    );
    return;
  }
  for (const e of entries) {
    if (e.ok)
      out(
        `${e.file}\t${e.json.agency ?? '（未识别机关）'}\t${e.json.year ?? '（未识别年度）'}\t错误 ${countOf(e.json, 'error')}\t提示 ${countOf(e.json, 'warning')}`,
      );
    else out(`${e.file}\t无法读取：${e.message}`);
  }
  const read = entries.filter((e): e is BatchEntry & { ok: true } => e.ok);
  const errors = read.reduce((n, e) => n + countOf(e.json, 'error'), 0);
  const warnings = read.reduce((n, e) => n + countOf(e.json, 'warning'), 0);
  const withErrors = read.filter((e) => countOf(e.json, 'error') > 0).length;
  out(
    `共 ${entries.length} 份：${read.length} 份已检查，其中 ${withErrors} 份有错误；${entries.length - read.length} 份无法读取；错误 ${errors} 条，提示 ${warnings} 条。`,
  );
}

export function registerReportCheck(report: Command, out: (line: string) => void): void {
  report
    .command('check')
    .description(
      '检查已发布的年度报告（TXT、HTML、DOCX、PDF；可给多个文件或文件夹）/ check published reports',
    )
    .argument('<paths...>', '报告文件或文件夹')
    .option('--json', '以 JSON 输出 / print JSON')
    .option('--xlsx <file>', '另存 XLSX：汇总、每条规则一张表、每份报告一张表 / also write an XLSX')
    .addHelpText(
      'after',
      '\n退出状态 / exit status: 0 无错误；1 有错误；2 有文件无法作为年度报告读取。',
    )
    .action(async (paths: string[], opts: { json?: boolean; xlsx?: string }) => {
      const { batchWorkbook, checkFile, countOf, reportFiles } = await import('../exports/report/batch.ts');
      const { files, missing } = reportFiles(paths);
      const entries: BatchEntry[] = missing.map((file) => ({
        file,
        ok: false,
        message: `无法读取文件“${file}”`,
      }));
      for (const file of files) entries.push(await checkFile(file));
      if (entries.length === 0) {
        process.stderr.write('错误：所给文件夹中没有可检查的报告文件（.txt .html .docx .pdf）\n');
        process.exitCode = 2;
        return;
      }
      const single =
        paths.length === 1 && missing.length === 0 && files.length === 1 && files[0] === paths[0];
      if (single) printOne(entries[0]!, Boolean(opts.json), out);
      else printMany(entries, Boolean(opts.json), out, countOf);
      if (opts.xlsx) {
        writeFileSync(opts.xlsx, await batchWorkbook(entries));
        if (!opts.json) out(`已写入 ${opts.xlsx}`);
      }
      process.exitCode = exitStatus(entries, countOf);
    });
}
