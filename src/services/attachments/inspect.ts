/**
 * Decides what an uploaded attachment really is, from its bytes. The declared file name and the
 * browser's MIME type are never trusted: an .exe renamed to .pdf, an HTML page named .pdf (which a
 * browser would run as a page on the portal's origin) or a zip named .docx must all be refused.
 */
import { fileTypeFromBuffer } from 'file-type';
import { listZipEntries, looksLikeZip, measureZip, readZipEntry, type ZipBudgetLimit, type ZipEntry } from './zip.ts';
import { OFFICE_ZIP_BUDGET, tooComplex, UNTRUSTED_LIMITS } from '../untrusted/limits.ts';
import { runUntrusted } from '../untrusted/pool.ts';
import { isOfd, zipProblem } from './legacy.ts';

/** Uploads above this size are refused (20 MiB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * Upper bound on the total uncompressed size of a DOCX/XLSX, as declared and as really inflated.
 * Real documents compress 3–10×; anything beyond this is a zip bomb as far as the text
 * extractors are concerned.
 */
export const MAX_OFFICE_UNCOMPRESSED_BYTES = UNTRUSTED_LIMITS.maxUncompressedBytes;

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'wps' | 'xls' | 'ofd' | 'zip' | 'png' | 'jpeg' | 'gif' | 'webp';

export const ATTACHMENT_TYPES: Readonly<
  Record<AttachmentKind, { mime: string; ext: string; label: string }>
> = {
  pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    label: 'Word 文档（.docx）',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    label: 'Excel 表格（.xlsx）',
  },
  doc: { mime: 'application/msword', ext: 'doc', label: 'Word 97–2003 文档（.doc）' },
  // WPS has no registered type: served as bytes, the .wps name tells the reader's computer what opens it.
  wps: { mime: 'application/octet-stream', ext: 'wps', label: 'WPS 文字文档（.wps）' },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls', label: 'Excel 97–2003 表格（.xls）' },
  ofd: { mime: 'application/ofd', ext: 'ofd', label: 'OFD 版式文件' },
  zip: { mime: 'application/zip', ext: 'zip', label: 'ZIP 压缩包' },
  png: { mime: 'image/png', ext: 'png', label: 'PNG 图片' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片' },
  gif: { mime: 'image/gif', ext: 'gif', label: 'GIF 图片' },
  webp: { mime: 'image/webp', ext: 'webp', label: 'WebP 图片' },
};

/** Stable codes: API clients and the UI switch on these, never on the message. */
export type AttachmentRejectCode =
  | 'ATTACHMENT_EMPTY'
  | 'ATTACHMENT_TOO_LARGE'
  /** No known file signature: plain text, HTML, SVG, random bytes. */
  | 'ATTACHMENT_TYPE_UNRECOGNISED'
  /** A known type that is not allowed: programs, other archives, slides, a zip holding programs… */
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'ATTACHMENT_MACRO_ENABLED'
  /** Claims to be a DOCX/XLSX (or is a zip) but cannot be read consistently. */
  | 'ATTACHMENT_CORRUPT'
  | 'ATTACHMENT_ARCHIVE_TOO_LARGE'
  /** Too many parts, or too much XML once really inflated (services/untrusted/limits.ts). */
  | 'FILE_TOO_COMPLEX';

export interface AttachmentAccepted {
  readonly ok: true;
  readonly kind: AttachmentKind;
  readonly mime: string;
  /** Canonical extension without the dot ('jpg' for JPEG). */
  readonly ext: string;
  /** The declared name made safe to show and store: no path, no control characters, right extension. */
  readonly fileName: string;
  /** True if `fileName` differs from the declared name (e.g. the extension was corrected). */
  readonly renamed: boolean;
}

export interface AttachmentRejected {
  readonly ok: false;
  readonly code: AttachmentRejectCode;
  /** Chinese, for the person uploading. */
  readonly message: string;
}

export type AttachmentInspection = AttachmentAccepted | AttachmentRejected;

const ALLOWED_LIST = 'PDF、OFD、Word（.docx/.doc）、WPS（.wps）、Excel（.xlsx/.xls）、ZIP 压缩包及 PNG、JPEG、GIF、WebP 图片';

/** Human descriptions for refused types file-type recognises, so the message says what it found. */
const REFUSED_LABELS: Record<string, string> = {
  exe: '可执行程序',
  elf: '可执行程序',
  macho: '可执行程序',
  msi: '安装程序',
  apk: '安装程序',
  zip: 'ZIP 压缩包',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  gz: 'GZIP 压缩包',
  tar: 'TAR 压缩包',
  cfb: '旧版 Office 文件（.doc/.xls/.ppt）',
  pptx: 'PowerPoint 演示文稿',
  odt: 'OpenDocument 文档',
  ods: 'OpenDocument 表格',
  rtf: 'RTF 文档',
  tif: 'TIFF 图片',
  bmp: 'BMP 图片',
  ico: '图标文件',
  xml: 'XML 或 SVG 文件',
  swf: 'Flash 文件',
  mp4: '视频',
  mp3: '音频',
};

function reject(code: AttachmentRejectCode, message: string): AttachmentRejected {
  return { ok: false, code, message };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/**
 * Checks an upload by content. Never throws for bad input: every refusal is an
 * `{ ok: false, code, message }`.
 */
export async function inspectAttachment(
  buffer: Uint8Array,
  declaredName: string,
): Promise<AttachmentInspection> {
  const shownName = displayName(declaredName);
  if (buffer.length === 0) {
    return reject('ATTACHMENT_EMPTY', `文件“${shownName}”是空文件（0 字节），请检查后重新上传。`);
  }
  if (buffer.length > MAX_ATTACHMENT_BYTES) {
    return reject(
      'ATTACHMENT_TOO_LARGE',
      `文件“${shownName}”大小为 ${formatMiB(buffer.length)}，超过了单个附件 ${formatMiB(MAX_ATTACHMENT_BYTES)} 的上限。请压缩或拆分后再上传。`,
    );
  }
  const buf = Buffer.isBuffer(buffer)
    ? buffer
    : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  let kind: AttachmentKind;
  if (looksLikeZip(buf)) {
    const office = await classifyOfficeZip(buf, shownName);
    if (!office.ok) return office;
    kind = office.kind;
  } else {
    let detected: { ext: string; mime: string } | undefined;
    try {
      detected = await fileTypeFromBuffer(buf);
    } catch {
      detected = undefined;
    }
    const simple: Record<string, AttachmentKind> = {
      pdf: 'pdf',
      png: 'png',
      jpg: 'jpeg',
      gif: 'gif',
      webp: 'webp',
    };
    let match = detected ? simple[detected.ext] : undefined;
    if (detected?.ext === 'cfb') {
      const compound = await classifyCompound(buf, shownName, declaredName);
      if (!compound.ok) return compound;
      match = compound.kind;
    }
    if (!match) {
      if (!detected) {
        return reject(
          'ATTACHMENT_TYPE_UNRECOGNISED',
          `无法识别文件“${shownName}”的实际格式（可能是网页、文本或已损坏的文件）。附件只接受 ${ALLOWED_LIST}，系统按文件内容而不是扩展名判断格式。`,
        );
      }
      const label = REFUSED_LABELS[detected.ext] ?? `${detected.ext.toUpperCase()} 文件`;
      const what = /^[A-Za-z0-9]/.test(label) ? ` ${label}` : label;
      return reject(
        'ATTACHMENT_TYPE_NOT_ALLOWED',
        `文件“${shownName}”的实际内容是${what}，不能作为附件发布。附件只接受 ${ALLOWED_LIST}。`,
      );
    }
    kind = match;
  }

  const { mime, ext } = ATTACHMENT_TYPES[kind];
  const fileName = safeFileName(declaredName, kind);
  return { ok: true, kind, mime, ext, fileName, renamed: fileName !== declaredName };
}

const WORD_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const EXCEL_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

type OfficeResult = { ok: true; kind: 'docx' | 'xlsx' | 'ofd' | 'zip' } | AttachmentRejected;

/**
 * A compound (OLE) file is a .doc, .wps or .xls by the streams its directory lists (read in the
 * parse worker); a .doc stream saved under a .wps name is WPS's own format, which keeps Word's
 * structure. Macros, encryption and slides are refused.
 */
async function classifyCompound(buf: Buffer, shownName: string, declaredName: string): Promise<{ ok: true; kind: 'doc' | 'wps' | 'xls' } | AttachmentRejected> {
  const content = await runUntrusted('compoundContent', { data: buf });
  if (!content) return reject('ATTACHMENT_CORRUPT', `文件“${shownName}”看起来是旧版 Office/WPS 文件，但内容已损坏或不完整，无法读取。请重新导出后上传。`);
  if (content.kind === 'encrypted') return reject('ATTACHMENT_TYPE_NOT_ALLOWED', `文件“${shownName}”设有密码，内容无法检查，不能作为附件发布。请去掉密码后重新上传。`);
  if (content.kind === 'ppt') return reject('ATTACHMENT_TYPE_NOT_ALLOWED', `文件“${shownName}”的实际内容是 PowerPoint 演示文稿，不能作为附件发布。请另存为 PDF 后上传。`);
  if (content.kind === 'other') return reject('ATTACHMENT_TYPE_NOT_ALLOWED', `文件“${shownName}”是无法识别的旧版 Office 文件，不能作为附件发布。附件只接受 ${ALLOWED_LIST}。`);
  if (content.macros) {
    return reject('ATTACHMENT_MACRO_ENABLED', `文件“${shownName}”包含宏（VBA 代码），不能作为附件发布。请另存为不含宏的文件或 PDF 后上传。`);
  }
  if (content.kind === 'doc' && /\.wps$/i.test(declaredName.trim())) return { ok: true, kind: 'wps' };
  return { ok: true, kind: content.kind };
}

/**
 * A zip is accepted only as a DOCX or XLSX: [Content_Types].xml must declare exactly one main
 * part of the right type, and that part must exist under word/ or xl/ respectively.
 */
async function classifyOfficeZip(buf: Buffer, shownName: string): Promise<OfficeResult> {
  const corrupt = reject(
    'ATTACHMENT_CORRUPT',
    `文件“${shownName}”看起来是 Office 文档或压缩包，但内容已损坏或不完整，无法读取。请重新导出后上传。`,
  );
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(buf);
  } catch {
    return corrupt;
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const notOffice = reject(
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    `文件“${shownName}”的实际内容是 ZIP 压缩包，不是 Word 或 Excel 文档，不能作为附件发布。附件只接受 ${ALLOWED_LIST}。`,
  );
  const typesEntry = byName.get('[Content_Types].xml');

  const tooLarge = reject(
    'ATTACHMENT_ARCHIVE_TOO_LARGE',
    `文件“${shownName}”解压后超过 ${formatMiB(MAX_OFFICE_UNCOMPRESSED_BYTES)}，系统无法安全处理。请精简内容（如压缩图片）后再上传。`,
  );
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > MAX_OFFICE_UNCOMPRESSED_BYTES) return tooLarge;
  // The declared sizes are the uploader's word: what counts is what really inflates.
  let over: ZipBudgetLimit | null;
  try {
    over = await measureZip(buf, OFFICE_ZIP_BUDGET);
  } catch {
    return corrupt;
  }
  if (over === 'bytes') return tooLarge;
  if (over) return reject('FILE_TOO_COMPLEX', tooComplex(over, shownName).message);
  // Not an Office package: an OFD, an OpenDocument file (refused), or an archive published as it is.
  if (!typesEntry) {
    if (isOfd(buf, byName)) return { ok: true, kind: 'ofd' };
    // A broken Word/Excel/OFD file is not published as an archive under another name.
    if (byName.has('mimetype') || /\.(docx|xlsx|ofd)$/i.test(shownName)) return notOffice;
    const problem = zipProblem(entries);
    return problem ? reject(problem.code, `文件“${shownName}”：${problem.message}`) : { ok: true, kind: 'zip' };
  }

  let types: string;
  try {
    types = readZipEntry(buf, typesEntry, 1024 * 1024).toString('utf8');
  } catch {
    return corrupt;
  }

  // Macros are refused outright: a macro-enabled workbook published on a government site is a
  // malware vector, whatever its extension says.
  if (/macroEnabled/i.test(types) || entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
    return reject(
      'ATTACHMENT_MACRO_ENABLED',
      `文件“${shownName}”包含宏（VBA 代码），不能作为附件发布。请另存为不含宏的 .docx/.xlsx 或 PDF 后上传。`,
    );
  }

  const mainParts = new Map<string, string>(); // content type -> part name
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    const tag = m[0];
    const part = /\bPartName\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const type = /\bContentType\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (part && type && (type === WORD_MAIN || type === EXCEL_MAIN)) {
      if (mainParts.has(type)) return corrupt;
      mainParts.set(type, part.replace(/^\//, ''));
    }
  }
  const word = mainParts.get(WORD_MAIN);
  const excel = mainParts.get(EXCEL_MAIN);
  if (word && excel) return corrupt;
  if (word) {
    return word.startsWith('word/') && byName.has(word) ? { ok: true, kind: 'docx' } : corrupt;
  }
  if (excel) {
    return excel.startsWith('xl/') && byName.has(excel) ? { ok: true, kind: 'xlsx' } : corrupt;
  }
  if (/presentationml/.test(types)) {
    return reject(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `文件“${shownName}”的实际内容是 PowerPoint 演示文稿，不能作为附件发布。请另存为 PDF 后上传。`,
    );
  }
  if (/opendocument/i.test(types) || byName.has('mimetype')) {
    return reject(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `文件“${shownName}”的实际内容是 OpenDocument 文件，不能作为附件发布。请另存为 .docx/.xlsx 或 PDF 后上传。`,
    );
  }
  return notOffice;
}

/** The declared name as shown in messages: last path segment, no control characters, bounded. */
function displayName(declaredName: string): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.length > 120 ? clean.slice(0, 117) + '…' : clean || '未命名文件';
}

const EXT_ALIASES: Record<AttachmentKind, readonly string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  doc: ['doc'],
  wps: ['wps'],
  xls: ['xls'],
  ofd: ['ofd'],
  zip: ['zip'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
};

/**
 * A storable, displayable file name: the declared base name without path, control or
 * bidi-override characters (which can disguise "txt.exe" as "exe.txt"), characters Windows
 * forbids, or leading dots, and ending in the extension that matches the content.
 */
export function safeFileName(declaredName: string, kind: AttachmentKind): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const aliases = EXT_ALIASES[kind];
  let ext = ATTACHMENT_TYPES[kind].ext;
  let stem = clean;
  const m = /^(.+)\.([A-Za-z0-9]{1,5})$/.exec(clean);
  if (m) {
    // A wrong extension (通知.doc holding a PDF, 报告.pdf.exe) is dropped rather than kept.
    stem = m[1]!;
    const declared = m[2]!.toLowerCase();
    if (aliases.includes(declared)) ext = declared;
    const inner = /^(.+)\.([A-Za-z0-9]{1,5})$/.exec(stem);
    if (inner && aliases.includes(inner[2]!.toLowerCase())) stem = inner[1]!;
  }
  stem = stem.trim().replace(/\.+$/, '');
  const chars = Array.from(stem);
  if (chars.length > 150) stem = chars.slice(0, 150).join('');
  return `${stem || '附件'}.${ext}`;
}
