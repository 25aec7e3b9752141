/**
 * A minimal ZIP central-directory reader: enough to tell a DOCX from an XLSX from any other zip
 * by its entry names and [Content_Types].xml, to read a few small XML parts, and to measure what
 * an archive really inflates to, without trusting the upload's declared name or sizes. No ZIP64 (an Office file under the 20 MiB upload limit never needs
 * it) and only stored/deflated entries.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** As declared in the central directory; checked again when the entry is inflated. */
  readonly size: number;
  readonly localHeaderOffset: number;
  /** General-purpose flag bit 0: the entry is encrypted (its content cannot be checked). */
  readonly encrypted: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * An entry name: UTF-8 when flag bit 11 says so or the bytes are valid UTF-8; otherwise GBK
 * (GB18030), which is what Windows in China writes without saying so.
 */
function entryName(bytes: Buffer, flags: number): string {
  if (flags & 0x800) return bytes.toString('utf8');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}

export class ZipFormatError extends Error {}

/** True if the buffer starts like a zip archive (a local file header, or an empty archive). */
export function looksLikeZip(buf: Uint8Array): boolean {
  return (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    ((buf[2] === 0x03 && buf[3] === 0x04) || (buf[2] === 0x05 && buf[3] === 0x06))
  );
}

/** The entries listed in the central directory. Throws ZipFormatError on a malformed archive. */
export function listZipEntries(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits within the last 22 + 65535 bytes (comment length).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('ZIP64 not supported');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) {
      throw new ZipFormatError(`bad central directory entry ${n}`);
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) throw new ZipFormatError('truncated central directory');
    entries.push({
      name: entryName(buf.subarray(p + 46, p + 46 + nameLen), buf.readUInt16LE(p + 8)),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      encrypted: (buf.readUInt16LE(p + 8) & 1) === 1,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The stored (possibly compressed) bytes of one entry, located through its local header. */
function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) {
    throw new ZipFormatError(`bad local header for ${entry.name}`);
  }
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) throw new ZipFormatError(`${entry.name} is truncated`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipFormatError(`unsupported compression for ${entry.name}`);
  }
  return raw;
}

/**
 * The uncompressed bytes of one entry, refusing to inflate more than `maxBytes` (so a forged
 * size in the directory cannot turn this into a zip bomb).
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipFormatError(`${entry.name} is too large`);
  const raw = entryData(buf, entry);
  if (entry.method === 0) return Buffer.from(raw);
  try {
    return inflateRawSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new ZipFormatError(`cannot inflate ${entry.name}: ${(err as Error).message}`);
  }
}

export interface ZipBudget {
  readonly maxEntries: number;
  /** Real uncompressed bytes of all entries together. */
  readonly maxBytes: number;
  /** Real uncompressed bytes of the entries whose content is XML (what the parsers build trees from). */
  readonly maxXmlBytes: number;
}

export type ZipBudgetLimit = 'entries' | 'bytes' | 'xmlBytes';

/**
 * Checks an archive against a budget on what it really holds: every entry is inflated as a
 * stream and its bytes counted (nothing is kept), stopping as soon as a bound is passed, so the
 * sizes the directory declares do not matter. Returns the bound passed, or null. The inflating
 * runs on libuv's thread pool, so the event loop stays free. Throws ZipFormatError on a
 * malformed archive.
 */
export async function measureZip(buf: Buffer, budget: ZipBudget): Promise<ZipBudgetLimit | null> {
  const entries = listZipEntries(buf);
  if (entries.length > budget.maxEntries) return 'entries';
  let bytes = 0;
  let xmlBytes = 0;
  for (const entry of entries) {
    const raw = entryData(buf, entry);
    const seen: { size: number; kind: XmlSniff; over: ZipBudgetLimit | null } = { size: 0, kind: 'unknown', over: null };
    // An entry counts as XML unless its first significant byte says otherwise: judged by
    // content, because a part's name is whatever the package's relationships point to.
    const count = (chunk: Buffer): boolean => {
      if (seen.kind === 'unknown') seen.kind = sniffXml(chunk, seen.size === 0);
      seen.size += chunk.length;
      if (bytes + seen.size > budget.maxBytes) seen.over = 'bytes';
      else if (seen.kind !== 'binary' && xmlBytes + seen.size > budget.maxXmlBytes) seen.over = 'xmlBytes';
      return seen.over === null;
    };
    if (entry.method === 0) count(raw);
    else await inflateCounting(raw, count, entry.name);
    if (seen.over) return seen.over;
    bytes += seen.size;
    if (seen.kind !== 'binary') xmlBytes += seen.size;
  }
  return null;
}

type XmlSniff = 'unknown' | 'xml' | 'binary';

/** 'xml' if the first byte that is not a BOM, whitespace or NUL (UTF-16) is '<'. */
function sniffXml(chunk: Buffer, atStart: boolean): XmlSniff {
  let i = 0;
  if (atStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
  const utf16Bom = (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
  if (atStart && utf16Bom) return 'xml';
  for (; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x00) continue;
    return b === 0x3c ? 'xml' : 'binary';
  }
  return 'unknown';
}

/** Inflates `raw` chunk by chunk, handing each to `onChunk` until it returns false. */
function inflateCounting(raw: Buffer, onChunk: (chunk: Buffer) => boolean, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.on('data', (chunk: Buffer) => {
      if (onChunk(chunk)) return;
      inflate.destroy();
      resolve();
    });
    inflate.on('end', resolve);
    inflate.on('error', (err) => reject(new ZipFormatError(`cannot inflate ${name}: ${err.message}`)));
    inflate.end(raw);
  });
}
