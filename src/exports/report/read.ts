/**
 * The checker's input reader: an uploaded file (plain text, HTML, DOCX or PDF) into what parseReport
 * takes. The format is decided by content, not by the file name, because published reports are
 * often saved with the wrong extension (an .html page named .doc, a text file named .htm).
 */

import { AppError } from '../../services/errors.ts';
import { checkOfficeArchive } from '../../services/untrusted/limits.ts';
import { runUntrusted } from '../../services/untrusted/pool.ts';
import { htmlToRows } from './html-text.ts';

export type ReportFileFormat = 'text' | 'html' | 'docx' | 'pdf';

export type ReadReportFileResult =
  | {
      readonly ok: true;
      readonly input: string | { readonly rows: string[][] };
      readonly format: ReportFileFormat;
    }
  | {
      readonly ok: false;
      readonly message: string;
      /** Set when the file was refused for what reading it would cost; else it is not a report. */
      readonly code?: 'FILE_TOO_COMPLEX';
    };

const startsWith = (b: Uint8Array, bytes: readonly number[]): boolean =>
  bytes.every((x, i) => b[i] === x);

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The charset an HTML file declares in a <meta> near its start. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/**
 * Decodes text: a BOM decides; else UTF-8 if the bytes are valid UTF-8; else an HTML file's
 * declared charset; else GB18030 (a superset of GBK and GB2312, what Chinese Windows writes).
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8 = decodeWith('utf-8', bytes, true);
  if (utf8 !== undefined) return utf8;
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/.test(declared)) {
    const text = decodeWith(declared, bytes, false);
    if (text !== undefined) return text;
  }
  return new TextDecoder('gb18030').decode(bytes);
}

/** Markup that makes a text HTML: it starts with '<' and has one of the usual document tags. */
export function looksLikeHtml(text: string): boolean {
  const t = text.replace(/^[\s\uFEFF]+/, '');
  if (!t.startsWith('<')) return false;
  return /<(?:!doctype\s+html|html|head|body|table|p|div|h[1-6]|meta)[\s>/]/i.test(
    t.slice(0, 65536),
  );
}

function notAReportFile(fileName: string, what: string): ReadReportFileResult {
  const name = fileName ? `“${fileName}”` : '文件';
  return { ok: false, message: `${name}${what}` };
}

/** DOCX to table rows on this thread: only for the parse worker. Null if it is no readable DOCX. */
export async function docxRowsInProcess(bytes: Uint8Array): Promise<string[][] | null> {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Loaded here, in the parse worker that runs this: the server and the CLI never need mammoth.
    const { default: mammoth } = await import('mammoth');
    // Images are irrelevant to the checker: an empty src keeps them out of memory.
    const convertImage = mammoth.images.imgElement(async () => ({ src: '' }));
    const { value } = await mammoth.convertToHtml({ buffer }, { convertImage });
    return htmlToRows(value);
  } catch {
    return null;
  }
}

/** A PDF's text with its layout, parsed in a bounded worker (services/untrusted). */
async function readPdf(bytes: Uint8Array, fileName: string): Promise<ReadReportFileResult> {
  try {
    const rows = await runUntrusted('reportPdf', { data: bytes });
    if (!rows) return notAReportFile(fileName, '不是有效的PDF文件，无法读取');
    if (rows.length === 0) {
      return notAReportFile(
        fileName,
        '是没有文字层的PDF（扫描图片），无法读取；请上传含文字的PDF、Word（.docx）或网页文件',
      );
    }
    return { ok: true, input: { rows }, format: 'pdf' };
  } catch (err) {
    if (err instanceof AppError && err.code === 'FILE_TOO_COMPLEX') {
      return { ok: false, message: err.message, code: 'FILE_TOO_COMPLEX' };
    }
    throw err;
  }
}

/** Checks the archive's real size first, then parses in a bounded worker (services/untrusted). */
async function readDocx(bytes: Uint8Array, fileName: string): Promise<ReadReportFileResult> {
  const notDocx = notAReportFile(fileName, '不是有效的Word（.docx）文件，无法读取');
  try {
    if (!(await checkOfficeArchive(bytes, fileName || undefined))) return notDocx;
    const rows = await runUntrusted('reportDocx', { data: bytes });
    return rows ? { ok: true, input: { rows }, format: 'docx' } : notDocx;
  } catch (err) {
    if (err instanceof AppError && err.code === 'FILE_TOO_COMPLEX') {
      return { ok: false, message: err.message, code: 'FILE_TOO_COMPLEX' };
    }
    throw err;
  }
}

/**
 * Reads an uploaded report file into parseReport's input. A file of another kind (old .doc,
 * images, a PDF without text, an empty file) or one too costly to read gives a Chinese message; it throws
 * only SERVER_BUSY, when too many uploads are being parsed.
 */
export async function readReportFile(
  buffer: Uint8Array,
  fileName: string,
): Promise<ReadReportFileResult> {
  const bytes = buffer;
  if (bytes.length === 0) return notAReportFile(fileName, '是空文件');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readDocx(bytes, fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return readPdf(bytes, fileName);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return notAReportFile(fileName, '是旧版Word（.doc）文件，请另存为.docx后上传');
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    return notAReportFile(fileName, '是RTF文件，请另存为.docx后上传');
  }
  const text = decodeText(bytes);
  // NUL characters do not occur in text or HTML: an image, an archive or some other binary.
  if (text.slice(0, 8192).includes('\u0000')) {
    return notAReportFile(fileName, '不是文本、网页或Word（.docx）文件');
  }
  if (looksLikeHtml(text)) return { ok: true, input: { rows: htmlToRows(text) }, format: 'html' };
  return { ok: true, input: text, format: 'text' };
}
