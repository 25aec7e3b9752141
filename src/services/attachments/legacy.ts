/**
 * Attachments beyond DOCX, XLSX, PDF and images, as township offices send them: Word 97–2003
 * (.doc) and WPS (.wps) documents, Excel 97–2003 (.xls) workbooks, OFD 版式文件 (GB/T 33190) and
 * ZIP archives. Each is recognised by its structure, never its name: a compound (OLE) file by
 * the streams its directory lists, an OFD by the OFD.xml at the root of its zip. Text is read
 * where a maintained parser exists (word-extractor for .doc/.wps; an OFD's pages are XML whose
 * TextCode elements hold the text, read in extract.ts); an .xls and a ZIP archive's contents
 * are stored and listed as attachments, with a warning that a person must check them.
 */
import CFB from 'cfb';
import { readZipEntry, type ZipEntry } from './zip.ts';

/** What a compound file's directory says it is. */
export type CompoundContent = { kind: 'doc'; macros: boolean } | { kind: 'xls'; macros: boolean } | { kind: 'encrypted' } | { kind: 'ppt' } | { kind: 'other' };

/**
 * Reads a compound file's directory. cfb reads the whole container, so this runs in the parse
 * worker (services/untrusted), like the other parsers. Null when it is not a readable container.
 */
export function compoundContentInProcess(data: Uint8Array): CompoundContent | null {
  let names: Set<string>;
  try {
    const container = CFB.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { type: 'buffer' });
    names = new Set(container.FileIndex.map((e) => e.name));
  } catch {
    return null;
  }
  // An encrypted OOXML file is a compound file holding the encrypted package.
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return { kind: 'encrypted' };
  const macros = names.has('Macros') || names.has('_VBA_PROJECT_CUR') || names.has('VBA') || names.has('_VBA_PROJECT');
  if (names.has('WordDocument')) return { kind: 'doc', macros };
  if (names.has('Workbook') || names.has('Book')) return { kind: 'xls', macros };
  if (names.has('PowerPoint Document')) return { kind: 'ppt' };
  return { kind: 'other' };
}

/** The text of a .doc or .wps: body, headers and footers, notes, comments and text boxes, since a reader sees them all. */
export async function wordBinaryText(buf: Buffer): Promise<string> {
  const { default: WordExtractor } = await import('word-extractor');
  const doc = await new WordExtractor().extract(buf);
  const parts: [string, string][] = [
    ['', doc.getBody()],
    ['页眉页脚', doc.getHeaders({ includeFooters: true })],
    ['脚注', doc.getFootnotes()],
    ['尾注', doc.getEndnotes()],
    ['批注', doc.getAnnotations()],
    ['文本框', doc.getTextboxes({ includeHeadersAndFooters: true, includeBody: true })],
  ];
  return parts
    .filter(([, text]) => text.trim())
    .map(([label, text]) => (label ? `\n\n〔${label}〕\n${text}` : text))
    .join('');
}

/** True when the zip is an OFD: its root OFD.xml has the ofd:OFD root element. */
export function isOfd(buf: Buffer, byName: ReadonlyMap<string, ZipEntry>): boolean {
  const root = byName.get('OFD.xml');
  if (!root) return false;
  try {
    return /<(?:\w+:)?OFD\b/.test(readZipEntry(buf, root, 1024 * 1024).toString('utf8'));
  } catch {
    return false;
  }
}

/** Names of programs a ZIP archive on a government site must not carry. */
const PROGRAM_NAME = /\.(exe|com|bat|cmd|scr|pif|msi|msp|dll|js|jse|vbs|vbe|wsf|wsh|ps1|hta|jar|apk|lnk|reg|sh)$/i;

/** Why a ZIP archive cannot be published as it is, or null: programs, or encrypted entries nobody can check. */
export function zipProblem(entries: readonly ZipEntry[]): { code: 'ATTACHMENT_TYPE_NOT_ALLOWED'; message: string } | null {
  const program = entries.find((e) => PROGRAM_NAME.test(e.name));
  if (program) return { code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: `压缩包中含有程序文件“${program.name}”，不能作为附件发布。` };
  if (entries.some((e) => e.encrypted)) return { code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: '压缩包设有密码，其中的文件无法检查，不能作为附件发布。请去掉密码后重新上传。' };
  return null;
}

/** A ZIP archive's listing, as its text: the file names are searchable and scanned; their contents are not read. */
export function zipListing(entries: readonly ZipEntry[]): string {
  const files = entries.filter((e) => !e.name.endsWith('/'));
  return `〔压缩包内的文件〕\n${files.map((e) => e.name).join('\n')}`;
}
