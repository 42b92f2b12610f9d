/**
 * What MiniSearch 7.2 (pinned in package.json) has no public API for: a term's posting lists, the vocabulary walks
 * behind prefix and fuzzy matching, and the statistics BM25 needs. The query evaluator (termQuery.ts) scores from these
 * directly so that a query touches only the units that can match, instead of MiniSearch's search() building and
 * sorting a result object for every unit containing any of the words. Kept in this one file so an upgrade has one
 * place to check.
 */
import type MiniSearch from 'minisearch';

/** field id → (MiniSearch short id → term frequency). */
export type Postings = Map<number, Map<number, number>>;

interface Tree {
  get(term: string): Postings | undefined;
  atPrefix(prefix: string): Iterable<[string, Postings]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [Postings, number]>;
}

interface Internals {
  _index: Tree;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
}

function internals<T>(miniSearch: MiniSearch<T>): Internals {
  return miniSearch as unknown as Internals;
}

function postings<T>(miniSearch: MiniSearch<T>, term: string): Postings | undefined {
  return internals(miniSearch)._index.get(term);
}

/** Number of units whose given field contains the (processed) term. */
export function documentFrequency<T>(miniSearch: MiniSearch<T>, term: string, fieldId: number): number {
  return postings(miniSearch, term)?.get(fieldId)?.size ?? 0;
}

/**
 * A read-only view of the index in the shape the query evaluator needs: per-field lengths as typed arrays by short
 * id (one array read instead of a Map lookup and an array per unit scored), and each short id's unit number.
 */
export interface IndexView {
  documentCount: number;
  /** Largest short id + 1: the size of per-unit scratch arrays. */
  idLimit: number;
  avgFieldLength: readonly number[];
  /** fieldLength[fieldId][shortId]. */
  fieldLength: readonly Float64Array[];
  /** unitOf[shortId] = the unit's number (its `n`, the MiniSearch document id); -1 for a discarded id. */
  unitOf: Int32Array;
  /** shortIdOf[unit number] = its short id; -1 when the unit is not indexed. */
  shortIdOf: Int32Array;
  postings(term: string): Postings | undefined;
  /** Every indexed term starting with the prefix (the prefix itself included when indexed). */
  withPrefix(prefix: string): Iterable<[string, Postings]>;
  /** Every indexed term within maxDistance edits, with its distance. */
  fuzzy(term: string, maxDistance: number): Map<string, [Postings, number]>;
}

export function indexView<T>(miniSearch: MiniSearch<T>, fieldCount: number): IndexView {
  const ms = internals(miniSearch);
  let idLimit = 0;
  for (const shortId of ms._documentIds.keys()) if (shortId + 1 > idLimit) idLimit = shortId + 1;
  const unitOf = new Int32Array(idLimit).fill(-1);
  let unitLimit = 0;
  for (const [shortId, id] of ms._documentIds) {
    unitOf[shortId] = id as number;
    if ((id as number) + 1 > unitLimit) unitLimit = (id as number) + 1;
  }
  const shortIdOf = new Int32Array(unitLimit).fill(-1);
  for (const [shortId, id] of ms._documentIds) shortIdOf[id as number] = shortId;
  const fieldLength = Array.from({ length: fieldCount }, () => new Float64Array(idLimit));
  for (const [shortId, lengths] of ms._fieldLength) {
    if (shortId >= idLimit) continue;
    for (let f = 0; f < fieldCount; f++) fieldLength[f][shortId] = lengths[f] ?? 0;
  }
  return {
    documentCount: ms._documentCount,
    idLimit,
    avgFieldLength: Array.from({ length: fieldCount }, (_, f) => ms._avgFieldLength[f] ?? 0),
    fieldLength,
    unitOf,
    shortIdOf,
    postings: (term) => ms._index.get(term),
    withPrefix: (prefix) => ms._index.atPrefix(prefix),
    fuzzy: (term, maxDistance) => ms._index.fuzzyGet(term, maxDistance),
  };
}
