/**
 * A file of typed arrays: one JSON header line, then the arrays' bytes, each starting on an 8-byte boundary of the
 * data that follows the header. Reading it back makes views on the one buffer the file was read into: a start-up
 * reads a few large blocks instead of recreating millions of objects, and nothing is copied unless the buffer came
 * back misaligned (e.g. behind a wrapper that prefixes a checksum), in which case only the misaligned arrays are.
 */

export type SectionArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const CONSTRUCTORS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;

type ArrayType = keyof typeof CONSTRUCTORS;

interface SectionEntry {
  name: string;
  type: ArrayType;
  /** Byte offset from the start of the data (the byte after the header line). */
  offset: number;
  length: number;
}

interface FileHeader<H> {
  header: H;
  sections: SectionEntry[];
}

const ALIGN = 8;

function typeOf(array: SectionArray): ArrayType {
  // The tag, not the constructor: a Buffer is a Uint8Array whose constructor is Buffer.
  const name = Object.prototype.toString.call(array).slice(8, -1);
  if (!(name in CONSTRUCTORS)) throw new TypeError(`not a section array: ${name}`);
  return name as ArrayType;
}

/** The parts to write (in order) for a header and named arrays. */
export function encodeSections<H>(header: H, sections: Record<string, SectionArray>): Uint8Array[] {
  const entries: SectionEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    const pad = (ALIGN - (offset % ALIGN)) % ALIGN;
    if (pad > 0) parts.push(new Uint8Array(pad));
    offset += pad;
    entries.push({ name, type: typeOf(array), offset, length: array.length });
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    offset += array.byteLength;
  }
  const head: FileHeader<H> = { header, sections: entries };
  // Spaces before the newline bring the data to an 8-byte boundary of the file, so the arrays need no copy.
  const line = Buffer.from(JSON.stringify(head), 'utf8');
  const pad = (ALIGN - ((line.length + 1) % ALIGN)) % ALIGN;
  return [line, Buffer.from(' '.repeat(pad) + '\n'), ...parts];
}

export interface DecodedSections<H> {
  header: H;
  /** The named array, checked to be of the given type; throws on a name the file does not hold. */
  get<T extends SectionArray>(name: string, type: new (...args: never[]) => T): T;
  /** The named array, whatever its type (for arrays whose element size depends on the data). */
  any(name: string): SectionArray;
  has(name: string): boolean;
}

/** Reads what encodeSections wrote. Throws (with a reason) on a file that is not one, or is truncated. */
export function decodeSections<H>(data: Uint8Array): DecodedSections<H> {
  const newline = data.indexOf(0x0a);
  if (newline < 0) throw new Error('no header line');
  const head = JSON.parse(Buffer.from(data.buffer, data.byteOffset, newline).toString('utf8')) as FileHeader<H>;
  if (!head || !Array.isArray(head.sections)) throw new Error('no section table');
  const start = newline + 1;
  const byName = new Map<string, SectionArray>();
  for (const entry of head.sections) {
    const Type = CONSTRUCTORS[entry.type];
    if (!Type) throw new Error(`unknown section type ${entry.type}`);
    const bytes = entry.length * Type.BYTES_PER_ELEMENT;
    if (start + entry.offset + bytes > data.length) throw new Error(`truncated (section ${entry.name})`);
    const at = data.byteOffset + start + entry.offset;
    byName.set(
      entry.name,
      at % Type.BYTES_PER_ELEMENT === 0
        ? new Type(data.buffer as ArrayBuffer, at, entry.length)
        : new Type(data.buffer.slice(at, at + bytes) as ArrayBuffer),
    );
  }
  const any = (name: string): SectionArray => {
    const array = byName.get(name);
    if (!array) throw new Error(`no section ${name}`);
    return array;
  };
  return {
    header: head.header,
    has: (name) => byName.has(name),
    any,
    get<T extends SectionArray>(name: string, type: new (...args: never[]) => T): T {
      const array = any(name);
      // By name, not instanceof: arrays made in another realm (a test runner's) are the same kind of array.
      if (typeOf(array) !== type.name) throw new Error(`section ${name} is a ${array.constructor.name}, not a ${type.name}`);
      return array as T;
    },
  };
}
