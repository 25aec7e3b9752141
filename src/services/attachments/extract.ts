/**
 * Text of an accepted attachment, for search indexing and for the leak scan (ID numbers, phone
 * numbers…). A file the extractors cannot read yields '' and a warning, because an unreadable
 * attachment must be flagged for a person to check, not crash the upload. The parsers run in a
 * bounded worker (services/untrusted): a file that would exhaust its memory or time is refused.
 *
 * For the leak scan, what matters is everything a reader of the published file can see, so this
 * goes beyond the visible body: DOCX headers, footers, foot/endnotes, comments and deleted
 * revisions; XLSX hidden sheets and cell notes.
 */
// The parsers are loaded when first needed: each parse worker then loads only its format's.
import type ExcelJS from 'exceljs';
import type { AttachmentKind } from './inspect.ts';
import { MAX_OFFICE_UNCOMPRESSED_BYTES } from './inspect.ts';
import { listZipEntries, readZipEntry, type ZipEntry } from './zip.ts';
import { wordBinaryText, zipListing } from './legacy.ts';
import { runUntrusted } from '../untrusted/pool.ts';

/** Extracted text is cut at this many UTF-8 bytes (2 MiB): enough for any real document. */
export const MAX_EXTRACTED_TEXT_BYTES = 2 * 1024 * 1024;

export type ExtractWarningCode =
  /** The file could not be parsed; `text` is ''. */
  | 'EXTRACT_FAILED'
  /** Parsed, but there is no text layer (an image, a scanned PDF): content cannot be checked. */
  | 'NO_TEXT'
  /** The text reached MAX_EXTRACTED_TEXT_BYTES and was cut. */
  | 'TRUNCATED';

export interface ExtractedText {
  readonly text: string;
  readonly warning?: { readonly code: ExtractWarningCode; readonly message: string };
}

/** Collects text up to the byte cap; extractors stop early once it is full. */
class TextSink {
  private parts: string[] = [];
  private bytes = 0;
  full = false;

  push(text: string): boolean {
    if (this.full || !text) return !this.full;
    const size = Buffer.byteLength(text, 'utf8');
    if (this.bytes + size <= MAX_EXTRACTED_TEXT_BYTES) {
      this.parts.push(text);
      this.bytes += size;
      return true;
    }
    const room = MAX_EXTRACTED_TEXT_BYTES - this.bytes;
    // Cut on a code-point boundary: decoding a cut UTF-8 sequence leaves U+FFFD, which is dropped.
    const cut = Buffer.from(text, 'utf8')
      .subarray(0, room)
      .toString('utf8')
      .replace(/\uFFFD+$/, '');
    this.parts.push(cut);
    this.bytes += Buffer.byteLength(cut, 'utf8');
    this.full = true;
    return false;
  }

  toString(): string {
    return this.parts.join('');
  }
}

const KIND_LABEL: Record<AttachmentKind, string> = {
  pdf: 'PDF',
  docx: 'Word 文档',
  xlsx: 'Excel 表格',
  doc: 'Word 文档',
  wps: 'WPS 文档',
  xls: 'Excel 表格',
  ofd: 'OFD 文件',
  zip: '压缩包',
  png: '图片',
  jpeg: '图片',
  gif: '图片',
  webp: '图片',
};

const IMAGE_WARNING: ExtractedText = {
  text: '',
  warning: {
    code: 'NO_TEXT',
    message: '图片中的文字无法自动检查，请人工核对图片中是否含有身份证号、手机号等个人信息。',
  },
};

/**
 * An .xls is stored and listed, not read: the one parser of the format on npm (SheetJS) is no
 * longer maintained there.
 */
const XLS_WARNING: ExtractedText = {
  text: '',
  warning: {
    code: 'NO_TEXT',
    message: 'Excel 97–2003 表格（.xls）的内容无法自动检查，请人工核对其中是否含有身份证号、手机号等个人信息；另存为 .xlsx 后上传即可自动检查。',
  },
};

/** The kinds whose text is parsed out (images have none to read, an .xls and a zip's contents are not read). */
export type ParsedKind = Exclude<AttachmentKind, 'png' | 'jpeg' | 'gif' | 'webp' | 'xls' | 'zip'>;

const isImage = (kind: AttachmentKind): kind is 'png' | 'jpeg' | 'gif' | 'webp' =>
  kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'webp';

/**
 * The text of an attachment, parsed in a worker. Throws FILE_TOO_COMPLEX (422) when the file
 * exhausts the worker's memory or time, SERVER_BUSY (503) when too many parses wait; any other
 * unreadable file gives '' and a warning.
 */
export async function extractText(buffer: Uint8Array, kind: AttachmentKind): Promise<ExtractedText> {
  if (isImage(kind)) return IMAGE_WARNING;
  if (kind === 'xls') return XLS_WARNING;
  if (kind === 'zip') return archiveText(buffer);
  return runUntrusted('extract', { data: buffer, kind });
}

/** A ZIP archive's file names (reading its central directory is cheap: inspect has done it already). */
function archiveText(buffer: Uint8Array): ExtractedText {
  const entries = listZipEntries(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  const files = entries.filter((e) => !e.name.endsWith('/')).length;
  return {
    text: zipListing(entries),
    warning: { code: 'NO_TEXT', message: `压缩包内的 ${files} 个文件未经敏感信息检查，只检查了文件名，请人工核对其内容。` },
  };
}

/** extractText on this thread: only for the parse worker (services/untrusted/worker.ts). */
export async function extractTextInProcess(
  buffer: Uint8Array,
  kind: AttachmentKind,
): Promise<ExtractedText> {
  const buf = Buffer.isBuffer(buffer)
    ? buffer
    : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (isImage(kind)) return IMAGE_WARNING;
  if (kind === 'xls') return XLS_WARNING;
  if (kind === 'zip') return archiveText(buf);
  const sink = new TextSink();
  try {
    if (kind === 'pdf') await extractPdf(buf, sink);
    else if (kind === 'docx') await extractDocx(buf, sink);
    else if (kind === 'doc' || kind === 'wps') sink.push(await wordBinaryText(buf));
    else if (kind === 'ofd') extractOfd(buf, sink);
    else await extractXlsx(buf, sink);
  } catch {
    return {
      text: '',
      warning: {
        code: 'EXTRACT_FAILED',
        message: `无法读取该${KIND_LABEL[kind]}的文字内容（文件可能已损坏或加密），未能进行敏感信息检查，请人工核对。`,
      },
    };
  }
  const text = normaliseText(sink.toString());
  if (sink.full) {
    return {
      text,
      warning: {
        code: 'TRUNCATED',
        message: `该${KIND_LABEL[kind]}文字内容过多，只检查和索引了前 2 MB 文字，其余部分请人工核对。`,
      },
    };
  }
  if (!text.trim()) {
    return {
      text: '',
      warning: {
        code: 'NO_TEXT',
        message:
          kind === 'pdf'
            ? '未能从该 PDF 中提取到文字（可能是扫描件或图片），无法自动检查敏感信息，请人工核对。'
            : `该${KIND_LABEL[kind]}中没有可提取的文字，无法自动检查敏感信息，请人工核对。`,
      },
    };
  }
  return { text };
}

/**
 * CJK radical code points that stand for ordinary characters. PDFs made by browsers and some
 * office suites with Noto/Source Han fonts map glyphs like 民 or 一 to these radicals in their
 * ToUnicode tables, so the extracted text reads "⺠政办" and never matches a search for 民政.
 * The Kangxi block (U+2F00–U+2FD5) is handled by NFKC; the supplement (U+2E80–U+2EF3) has no
 * compatibility mappings, hence this table of its forms that are whole characters.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  '\u2E85': '亻',
  '\u2E96': '忄',
  '\u2E98': '扌',
  '\u2E9D': '月',
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EA1': '氵',
  '\u2EA3': '灬',
  '\u2EA7': '牛',
  '\u2EA8': '犭',
  '\u2EA9': '王',
  '\u2EAB': '罒',
  '\u2EAC': '示',
  '\u2EAD': '礻',
  '\u2EAE': '竹',
  '\u2EB0': '纟',
  '\u2EBC': '月',
  '\u2EBE': '艹',
  '\u2EC1': '虎',
  '\u2EC2': '衤',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC8': '讠',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ECC': '辶',
  '\u2ECF': '阝',
  '\u2ED0': '钅',
  '\u2ED1': '長',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED6': '阝',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2ED9': '韦',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE0': '饣',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF3': '龟',
  // NFKC gives the traditional 戶 for KANGXI RADICAL DOOR; simplified-Chinese fonts draw 户.
  '\u2F3E': '户',
};

/** Replaces CJK radical code points by the characters they stand for (see RADICAL_SUPPLEMENT). */
export function normaliseCjkRadicals(text: string): string {
  return text.replace(
    /[\u2E80-\u2EF3\u2F00-\u2FD5]/g,
    (ch) => RADICAL_SUPPLEMENT[ch] ?? (ch >= '\u2F00' ? ch.normalize('NFKC') : ch),
  );
}

/** Unix newlines, no trailing spaces, at most one blank line in a row, radicals as characters. */
function normaliseText(text: string): string {
  return normaliseCjkRadicals(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

async function extractPdf(buf: Buffer, sink: TextSink): Promise<void> {
  // pdf.js may transfer (detach) the array it is given: hand it a copy.
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(buf), {
    verbosity: 0,
    isEvalSupported: false,
    stopAtErrors: false,
  });
  try {
    for (let n = 1; n <= pdf.numPages && !sink.full; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items) {
        if ('str' in item) pageText += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      sink.push(pageText + '\n\n');
    }
  } finally {
    await pdf.destroy();
  }
}

/** Zip parts of a DOCX that readers can see but mammoth's body text leaves out. */
const DOCX_EXTRA_PARTS: readonly { pattern: RegExp; label: string }[] = [
  { pattern: /^word\/header\d*\.xml$/, label: '页眉' },
  { pattern: /^word\/footer\d*\.xml$/, label: '页脚' },
  { pattern: /^word\/footnotes\.xml$/, label: '脚注' },
  { pattern: /^word\/endnotes\.xml$/, label: '尾注' },
  { pattern: /^word\/comments\.xml$/, label: '批注' },
];

async function extractDocx(buf: Buffer, sink: TextSink): Promise<void> {
  const entries = listZipEntries(buf);
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_OFFICE_UNCOMPRESSED_BYTES) {
    throw new Error('archive too large');
  }
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: buf });
  sink.push(value);

  for (const { pattern, label } of DOCX_EXTRA_PARTS) {
    const texts: string[] = [];
    for (const entry of entries.filter((e) => pattern.test(e.name))) {
      const t = wordXmlText(readZipEntry(buf, entry, 32 * 1024 * 1024).toString('utf8'), false);
      if (t.trim()) texts.push(t);
    }
    if (texts.length) sink.push(`\n\n〔${label}〕\n${texts.join('\n')}`);
  }
  // Deleted tracked changes are invisible in Word's "final" view but still in the file.
  const doc = entries.find((e) => e.name === 'word/document.xml');
  if (doc) {
    const deleted = wordXmlText(readZipEntry(buf, doc, 64 * 1024 * 1024).toString('utf8'), true);
    if (deleted.trim()) sink.push(`\n\n〔已删除的修订内容〕\n${deleted}`);
  }
}

/**
 * Paragraph texts of a WordprocessingML part: the w:t runs, or only the w:delText runs when
 * `deletedOnly`. Regexes are fine here: the part is XML written by a word processor, and a
 * malformed one only yields less text.
 */
function wordXmlText(xml: string, deletedOnly: boolean): string {
  const runTag = deletedOnly
    ? /<w:delText\b[^>]*>([^<]*)<\/w:delText>/g
    : /<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g;
  const lines: string[] = [];
  for (const para of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of para.matchAll(runTag)) line += decodeXml(m[1] ?? '');
    if (line.trim()) lines.push(line);
  }
  return lines.join('\n');
}

const pageNumber = (name: string) => Number(/Page_(\d+)/i.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER);

/**
 * An OFD's text, page by page: each page's Content.xml holds its text in TextCode elements. Pages
 * are read in their number order (Page_0, Page_1, … Page_10), not the zip's.
 */
function extractOfd(buf: Buffer, sink: TextSink): void {
  const entries: ZipEntry[] = listZipEntries(buf);
  const pages = entries
    .filter((e) => /(^|\/)Pages\/[^/]+\/Content\.xml$/i.test(e.name))
    .sort((a, b) => pageNumber(a.name) - pageNumber(b.name) || a.name.localeCompare(b.name));
  for (const page of pages) {
    if (sink.full) return;
    const xml = readZipEntry(buf, page, 32 * 1024 * 1024).toString('utf8');
    let text = '';
    for (const m of xml.matchAll(/<(?:\w+:)?TextCode\b[^>]*>([^<]*)<\/(?:\w+:)?TextCode>/g)) text += decodeXml(m[1] ?? '');
    sink.push(text + '\n\n');
  }
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, ent: string) => {
    const e = ent.toLowerCase();
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

async function extractXlsx(buf: Buffer, sink: TextSink): Promise<void> {
  const entries = listZipEntries(buf);
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_OFFICE_UNCOMPRESSED_BYTES) {
    throw new Error('archive too large');
  }
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  // exceljs' typings want its own Buffer type; a Node Buffer is what it reads at runtime.
  await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  for (const sheet of workbook.worksheets) {
    if (sink.full) break;
    // Hidden sheets are published with the file, so they are extracted too, and marked.
    const hidden = sheet.state === 'hidden' || sheet.state === 'veryHidden' ? '（隐藏）' : '';
    sink.push(`〔工作表：${sheet.name}${hidden}〕\n`);
    const notes: string[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (sink.full) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // A merged range repeats its master's value in every cell; keep it once.
        if (cell.isMerged && cell.master !== cell) return;
        while (cells.length < col - 1) cells.push('');
        cells[col - 1] = cellText(cell.value);
        const note = noteText(cell.note);
        if (note) notes.push(`${cell.address}：${note}`);
      });
      sink.push(cells.join('\t').replace(/\t+$/, '') + '\n');
    });
    if (notes.length) sink.push(`〔批注〕\n${notes.join('\n')}\n`);
    sink.push('\n');
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/[\t\r\n]+/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Excel stores wall-clock values without a zone; exceljs hands them over as UTC fields.
    const p2 = (n: number) => String(n).padStart(2, '0');
    const date = `${value.getUTCFullYear()}-${p2(value.getUTCMonth() + 1)}-${p2(value.getUTCDate())}`;
    const time = `${p2(value.getUTCHours())}:${p2(value.getUTCMinutes())}:${p2(value.getUTCSeconds())}`;
    return time === '00:00:00' ? date : `${date} ${time}`;
  }
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText
      .map((r) => r.text)
      .join('')
      .replace(/[\t\r\n]+/g, ' ');
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

function noteText(note: ExcelJS.Comment | string | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}
