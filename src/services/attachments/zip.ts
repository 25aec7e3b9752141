/**
 * A minimal ZIP central-directory reader: enough to tell a DOCX from an XLSX from any other zip
 * by its entry names and [Content_Types].xml, and to read a few small XML parts, without trusting
 * the upload's declared name. No ZIP64 (an Office file under the 20 MiB upload limit never needs
 * it) and only stored/deflated entries.
 */
import { inflateRawSync } from 'node:zlib';

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
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry, refusing to inflate more than `maxBytes` (so a forged
 * size in the directory cannot turn this into a zip bomb).
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipFormatError(`${entry.name} is too large`);
  const local = entry.localHeaderOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) {
    throw new ZipFormatError(`bad local header for ${entry.name}`);
  }
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) throw new ZipFormatError(`${entry.name} is truncated`);
  if (entry.method === 0) return Buffer.from(raw);
  if (entry.method !== 8) throw new ZipFormatError(`unsupported compression for ${entry.name}`);
  try {
    return inflateRawSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new ZipFormatError(`cannot inflate ${entry.name}: ${(err as Error).message}`);
  }
}
