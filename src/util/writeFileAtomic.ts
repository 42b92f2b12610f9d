/**
 * Writes a file so that readers see the old content or the new, never half of either: the caches are read at every
 * start, and a crash (or a second process) mid-write must not leave a truncated file where the next start looks.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

export async function writeFileAtomic(file: string, parts: ReadonlyArray<string | Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write, not per process and millisecond: two writes of one file at once (two caches built together)
  // must not share a temp file, or one renames the other's half-written bytes into place and the other fails.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    try {
      for (const part of parts) await (typeof part === 'string' ? handle.write(part) : handle.write(part));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * Cache files carry a checksum, so bytes flipped on disk (a bad sector, a copy cut short, a stray edit) are noticed
 * and the cache rebuilt instead of serving wrong text: a V8 snapshot or a JSON file with a changed byte often still
 * loads without complaint. The checksum is a footer after the content: magic, content length, CRC-32 of the content.
 * CRC-32 rather than a cryptographic hash: this catches accidents, not attackers (who could rewrite the file and
 * its footer alike), and it is several times cheaper than SHA-256 on the caches' few hundred megabytes.
 */
const FOOTER_MAGIC = Buffer.from('ABOTSUM1', 'latin1');
const FOOTER_BYTES = FOOTER_MAGIC.length + 8 + 4;

/** A cache file whose checksum does not hold: its message says what is wrong, for the "rebuilding" log line. */
export class DamagedFileError extends Error {
  override name = 'DamagedFileError';
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (the zlib/PNG one) in JavaScript, continuing from `crc`: for Node versions before zlib.crc32 (20.15). */
export function crc32Portable(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32, continuing from `crc`: zlib's native one where this Node has it, several times faster. */
export const crc32: (data: Uint8Array, crc?: number) => number = nativeCrc32 ? (data, crc = 0) => nativeCrc32(data, crc) : crc32Portable;

function footerFor(parts: readonly Uint8Array[]): Buffer {
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    crc = crc32(part, crc);
    length += part.length;
  }
  const footer = Buffer.alloc(FOOTER_BYTES);
  FOOTER_MAGIC.copy(footer, 0);
  footer.writeBigUInt64BE(BigInt(length), FOOTER_MAGIC.length);
  footer.writeUInt32BE(crc, FOOTER_MAGIC.length + 8);
  return footer;
}

/** writeFileAtomic plus the checksum footer; read it back with readChecksummedFile. */
export async function writeChecksummedFile(file: string, parts: ReadonlyArray<string | Uint8Array>): Promise<void> {
  const bytes = parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part));
  await writeFileAtomic(file, [...bytes, footerFor(bytes)]);
}

/**
 * The content written by writeChecksummedFile, without the footer. File system errors (ENOENT: no cache yet) are
 * thrown as they are; a missing footer or a checksum that does not match throws DamagedFileError.
 */
export async function readChecksummedFile(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  if (
    bytes.length < FOOTER_BYTES ||
    !bytes.subarray(bytes.length - FOOTER_BYTES, bytes.length - FOOTER_BYTES + FOOTER_MAGIC.length).equals(FOOTER_MAGIC)
  ) {
    throw new DamagedFileError('no checksum footer: cut short, or written by an older version');
  }
  const content = bytes.subarray(0, bytes.length - FOOTER_BYTES);
  const length = Number(bytes.readBigUInt64BE(bytes.length - FOOTER_BYTES + FOOTER_MAGIC.length));
  const expected = bytes.readUInt32BE(bytes.length - 4);
  if (length !== content.length) throw new DamagedFileError(`length mismatch: ${content.length} bytes where ${length} were written`);
  if (crc32(content) !== expected) throw new DamagedFileError('checksum mismatch: the file was changed or damaged after it was written');
  return content;
}
