/**
 * What one uploaded file may cost. Everything here is about files from outside (attachments,
 * reports to check, statistics to import): the parsers build whole trees in memory, so the bounds
 * are on what the file really expands to and on the worker that parses it, never on what the
 * file declares about itself. docs/decisions/006-untrusted-files.md explains the numbers.
 */
import { AppError } from '../errors.ts';
import { measureZip, ZipFormatError, type ZipBudget, type ZipBudgetLimit } from '../attachments/zip.ts';

const MiB = 1024 * 1024;

export const UNTRUSTED_LIMITS = {
  /** Parts in one DOCX/XLSX: real documents have tens, a large workbook a few hundred. */
  maxZipEntries: 2000,
  /** Real uncompressed bytes of a DOCX/XLSX, images included. */
  maxUncompressedBytes: 200 * MiB,
  /** Real uncompressed bytes of its XML parts: a 300-page report has about 7 MB. */
  maxXmlBytes: 32 * MiB,
  /** V8 old-generation heap of one parse worker. */
  workerHeapMb: 512,
  /**
   * What a running parse may add to the process outside its heap (buffers, decoded PDF
   * streams): the pool stops parses when resident memory grows past heap + this per parse.
   */
  offHeapMb: 512,
  /** Wall-clock time one parse may take, worker start included. */
  timeoutMs: 30_000,
  /** Parses running at once (each may use workerHeapMb). */
  workers: 2,
  /** Parses waiting for a worker; beyond this, uploads get SERVER_BUSY. */
  queue: 8,
} as const;

export const OFFICE_ZIP_BUDGET: ZipBudget = {
  maxEntries: UNTRUSTED_LIMITS.maxZipEntries,
  maxBytes: UNTRUSTED_LIMITS.maxUncompressedBytes,
  maxXmlBytes: UNTRUSTED_LIMITS.maxXmlBytes,
};

const mb = (bytes: number): string => `${Math.round(bytes / MiB)} MB`;

export type TooComplexReason = ZipBudgetLimit | 'memory' | 'time';

const REASONS: Record<TooComplexReason, string> = {
  entries: `包含的部件超过 ${UNTRUSTED_LIMITS.maxZipEntries} 个`,
  bytes: `解压后超过 ${mb(UNTRUSTED_LIMITS.maxUncompressedBytes)}`,
  xmlBytes: `解压后的文字和格式数据超过 ${mb(UNTRUSTED_LIMITS.maxXmlBytes)}`,
  memory: '读取时所需内存超过系统为单个文件设定的上限',
  time: `读取时间超过 ${UNTRUSTED_LIMITS.timeoutMs / 1000} 秒的上限`,
};

/** FILE_TOO_COMPLEX (422): the file was refused for what reading it would cost. */
export function tooComplex(reason: TooComplexReason, fileName?: string): AppError {
  const what = fileName ? `文件“${fileName}”` : '该文件';
  return new AppError(
    'FILE_TOO_COMPLEX',
    `${what}内容过于复杂（${REASONS[reason]}），系统无法安全处理，已停止读取。请精简内容（如删除多余的空段落、空行或图片）或拆分成多个文件后再上传。`,
    422,
    { limit: reason },
  );
}

/**
 * Checks a DOCX/XLSX against OFFICE_ZIP_BUDGET before any parser sees it. Throws
 * FILE_TOO_COMPLEX when over budget; returns false when the bytes are not a readable zip, so the
 * caller can say what it expected.
 */
export async function checkOfficeArchive(buf: Uint8Array, fileName?: string): Promise<boolean> {
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let over: ZipBudgetLimit | null;
  try {
    over = await measureZip(bytes, OFFICE_ZIP_BUDGET);
  } catch (err) {
    if (err instanceof ZipFormatError) return false;
    throw err;
  }
  if (over) throw tooComplex(over, fileName);
  return true;
}
