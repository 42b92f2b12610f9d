/**
 * Records (posts, comments) stored column by column in typed arrays, for the compact archive (archiveStore.ts).
 *
 * The schema is read from the records themselves, so a field added to `Post` or `Comment` later (an importer's
 * `published`, a display name) is carried without this file knowing it: strings, numbers, booleans and null go into
 * columns; anything else is kept as a V8-serialised value. A column of strings that repeat (a comment's post id, its
 * position, its author) is a dictionary decoded once; other strings stay UTF-8 and are decoded when read.
 */
import v8 from 'node:v8';
import type { SectionArray } from '../util/sections';

/** How a value is missing: `null`, or the key absent (or undefined), which the record then does not have. */
const PRESENT = 0;
const NULL = 1;
const ABSENT = 2;

type ColumnKind = 'dict' | 'str' | 'int' | 'num' | 'bool' | 'v8';

export interface ColumnSpec {
  key: string;
  kind: ColumnKind;
  /** The distinct strings of a 'dict' column (null stands for null, absent is coded apart). */
  dict?: Array<string | null>;
}

export interface EncodedColumns {
  specs: ColumnSpec[];
  arrays: Record<string, SectionArray>;
}

/** A dictionary pays when the strings repeat: fewer distinct values than this share of the rows. */
const DICT_SHARE = 0.25;

function kindOf(values: readonly unknown[]): ColumnKind {
  let strings = 0;
  let numbers = 0;
  let integers = 0;
  let booleans = 0;
  let others = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') strings++;
    else if (typeof v === 'number') {
      numbers++;
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0)) integers++;
    } else if (typeof v === 'boolean') booleans++;
    else others++;
  }
  const kinds = [strings, numbers, booleans, others].filter((n) => n > 0).length;
  if (others > 0 || kinds > 1) return 'v8';
  if (strings > 0) return new Set(values).size <= Math.max(16, values.length * DICT_SHARE) ? 'dict' : 'str';
  if (numbers > 0) return integers === numbers ? 'int' : 'num';
  if (booleans > 0) return 'bool';
  return 'dict';
}

/** A growable UTF-8 (or raw bytes) area with offsets: the storage of 'str' and 'v8' columns. */
class ByteRows {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  readonly offsets: Uint32Array;
  constructor(rows: number) {
    this.offsets = new Uint32Array(rows + 1);
  }
  set(row: number, bytes: Buffer | null): void {
    if (bytes) {
      this.chunks.push(bytes);
      this.size += bytes.length;
    }
    this.offsets[row + 1] = this.size;
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.chunks, this.size);
  }
}

/** Encodes `rows` column by column, leaving out the keys in `skip` (kept elsewhere, like the texts). */
export function encodeColumns(rows: readonly object[], skip: ReadonlySet<string>): EncodedColumns {
  const keys: string[] = [];
  const seen = new Set<string>(skip);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const specs: ColumnSpec[] = [];
  const arrays: Record<string, SectionArray> = {};
  const n = rows.length;
  keys.forEach((key, k) => {
    const missing = new Uint8Array(n);
    const values: unknown[] = new Array(n);
    rows.forEach((row, i) => {
      if (!Object.prototype.hasOwnProperty.call(row, key) || (row as Record<string, unknown>)[key] === undefined) missing[i] = ABSENT;
      else {
        const v = (row as Record<string, unknown>)[key];
        values[i] = v;
        if (v === null) missing[i] = NULL;
      }
    });
    const kind = kindOf(values);
    const spec: ColumnSpec = { key, kind };
    const name = `c${k}`;
    arrays[`${name}.missing`] = missing;
    if (kind === 'dict') {
      const dict: Array<string | null> = [];
      const codes = new Map<string, number>();
      const out = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        if (missing[i] !== PRESENT) continue;
        const v = values[i] as string;
        let code = codes.get(v);
        if (code === undefined) {
          code = dict.length;
          dict.push(v);
          codes.set(v, code);
        }
        out[i] = code;
      }
      spec.dict = dict;
      arrays[name] = out;
    } else if (kind === 'int' || kind === 'num') {
      const out = kind === 'int' ? new Int32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) if (missing[i] === PRESENT) out[i] = values[i] as number;
      arrays[name] = out;
    } else if (kind === 'bool') {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (missing[i] === PRESENT) out[i] = values[i] ? 1 : 0;
      arrays[name] = out;
    } else {
      const rowsOut = new ByteRows(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        rowsOut.set(i, missing[i] !== PRESENT ? null : kind === 'str' ? Buffer.from(v as string, 'utf8') : v8.serialize(v));
      }
      arrays[name] = rowsOut.offsets;
      arrays[`${name}.bytes`] = rowsOut.bytes();
    }
    specs.push(spec);
  });
  return { specs, arrays };
}

/** Reads one column's value for a row. */
type Reader = (row: number) => unknown;

export interface ColumnTable {
  readonly specs: readonly ColumnSpec[];
  /** Copies every stored field of `row` onto `target` (absent fields stay absent), in the schema's order. */
  fill(target: Record<string, unknown>, row: number): void;
  /** One field of a row without building the record (undefined when absent). */
  read(key: string, row: number): unknown;
}

/** The columns written by encodeColumns, read from their arrays (`array(name)` gives each section). */
export function columnTable(specs: readonly ColumnSpec[], array: (name: string) => SectionArray): ColumnTable {
  const readers = new Map<string, Reader>();
  specs.forEach((spec, k) => {
    const name = `c${k}`;
    const missing = array(`${name}.missing`) as Uint8Array;
    let value: Reader;
    if (spec.kind === 'dict') {
      const codes = array(name) as Uint32Array;
      const dict = spec.dict ?? [];
      value = (i) => dict[codes[i]];
    } else if (spec.kind === 'int' || spec.kind === 'num' || spec.kind === 'bool') {
      const values = array(name);
      value = spec.kind === 'bool' ? (i) => values[i] === 1 : (i) => values[i];
    } else {
      const offsets = array(name) as Uint32Array;
      const raw = array(`${name}.bytes`) as Uint8Array;
      const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      value =
        spec.kind === 'str'
          ? (i) => bytes.toString('utf8', offsets[i], offsets[i + 1])
          : (i): unknown => v8.deserialize(bytes.subarray(offsets[i], offsets[i + 1]));
    }
    readers.set(spec.key, (i) => (missing[i] === PRESENT ? value(i) : missing[i] === NULL ? null : undefined));
  });
  const ordered = [...readers];
  return {
    specs,
    fill(target, row) {
      for (const [key, read] of ordered) {
        const v = read(row);
        if (v !== undefined) target[key] = v;
      }
    },
    read(key, row) {
      return readers.get(key)?.(row);
    },
  };
}
