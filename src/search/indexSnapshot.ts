/**
 * A binary snapshot of a built MiniSearch index, for a fast start.
 *
 * MiniSearch's own `toJSON`/`loadJSON` turns every posting list into a plain object and back, and rebuilding the
 * index's millions of Map entries in JavaScript is most of the start-up time at archive scale (measured on the
 * 4,500-post archive: JSON.parse + loadJS ≈ 5 s; see docs/performance.md). V8's structured serialiser writes the live
 * Maps as they are and recreates them natively, about three times faster and with a smaller file.
 *
 * This reads and writes MiniSearch 7.2's private fields (like miniSearchInternals.ts), so the cache header records
 * MiniSearch's version and a different version is rebuilt rather than loaded.
 */
import v8 from 'node:v8';
import type MiniSearch from 'minisearch';

interface MiniSearchPrivate {
  _index: { _tree: Map<string, unknown>; _prefix: string; _size: number | undefined };
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
}

interface Snapshot {
  tree: Map<string, unknown>;
  documentCount: number;
  documentIds: Map<number, unknown>;
  fieldLength: Map<number, number[]>;
  avgFieldLength: number[];
  nextId: number;
  dirtCount: number;
}

export function serialiseIndex<T>(miniSearch: MiniSearch<T>): Buffer {
  const ms = miniSearch as unknown as MiniSearchPrivate;
  const snapshot: Snapshot = {
    tree: ms._index._tree,
    documentCount: ms._documentCount,
    documentIds: ms._documentIds,
    fieldLength: ms._fieldLength,
    avgFieldLength: ms._avgFieldLength,
    nextId: ms._nextId,
    dirtCount: ms._dirtCount,
  };
  return v8.serialize(snapshot);
}

/** Fills `empty` (a MiniSearch created with the same options, holding nothing) from a snapshot. */
export function restoreIndex<T>(empty: MiniSearch<T>, data: Uint8Array): MiniSearch<T> {
  const snapshot = v8.deserialize(data) as Snapshot;
  // Not `instanceof Map`: V8 recreates Maps in the main realm, which is not the test runner's.
  const isMap = (value: unknown) => Object.prototype.toString.call(value) === '[object Map]';
  if (!snapshot || !isMap(snapshot.tree) || !isMap(snapshot.documentIds) || !isMap(snapshot.fieldLength)) {
    throw new Error('not an index snapshot');
  }
  const ms = empty as unknown as MiniSearchPrivate;
  if (empty.documentCount !== 0) throw new Error('restoreIndex needs an empty index');
  ms._index._tree = snapshot.tree;
  ms._index._size = undefined;
  ms._documentCount = snapshot.documentCount;
  ms._documentIds = snapshot.documentIds;
  ms._idToShortId = new Map();
  for (const [shortId, id] of snapshot.documentIds) ms._idToShortId.set(id, shortId);
  ms._fieldLength = snapshot.fieldLength;
  ms._avgFieldLength = snapshot.avgFieldLength;
  ms._nextId = snapshot.nextId;
  ms._dirtCount = snapshot.dirtCount;
  return empty;
}
