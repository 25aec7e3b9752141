import type { SweepReport } from '../storage/files.ts';
import type { ServiceDeps } from './context.ts';

export interface FileCheck {
  sweep: SweepReport;
  /** Files the database refers to that are not in the store at all. */
  missing: { key: string; attachments: { id: number; documentId: number; name: string }[] }[];
}

/** Every stored upload hashed against its name, and every attachment's file looked for. */
export async function checkStoredFiles(deps: ServiceDeps): Promise<FileCheck> {
  const sweep = await deps.files.sweep();
  const rows = await deps.db.selectFrom('document_attachments').select(['id', 'document_id', 'name', 'storage_key']).orderBy('id').execute();
  const byKey = new Map<string, FileCheck['missing'][number]['attachments']>();
  for (const r of rows) {
    const list = byKey.get(r.storage_key) ?? [];
    list.push({ id: r.id, documentId: r.document_id, name: r.name });
    byKey.set(r.storage_key, list);
  }
  const missing: FileCheck['missing'] = [];
  for (const [key, attachments] of byKey) if (!(await deps.files.has(key))) missing.push({ key, attachments });
  return { sweep, missing };
}

/** The check as lines for people, in Chinese; empty when every file is sound. */
export function describeProblems(check: FileCheck): string[] {
  const lines: string[] = [];
  for (const d of check.sweep.damaged) lines.push(`已损坏（内容与名称不符）：${d.path}（${d.size} 字节）`);
  for (const m of check.missing) {
    const used = m.attachments.map((a) => `文件 ${a.documentId} 的附件“${a.name}”`).join('、');
    lines.push(`缺失：${m.key}（${used}）`);
  }
  for (const s of check.sweep.strays) lines.push(`无法识别的文件（名称不是内容哈希）：${s}`);
  return lines;
}
