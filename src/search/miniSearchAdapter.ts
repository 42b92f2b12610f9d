/**
 * The one place that touches MiniSearch beyond its documented API. MiniSearch builds the index (tokenising through
 * our options, counting term frequencies and field lengths) and its BM25+ is the reference for every score; what
 * serves queries is a frozen copy in typed arrays (postings.ts), made here from a built MiniSearch by reading its
 * private fields. MiniSearch 7.2 is pinned; test/search/miniSearchContract.test.ts fails loudly on an upgrade that
 * changes what is read here (names, shapes, or the scores it gives), and `freezeMiniSearch` checks the shapes it reads
 * at run time so a changed MiniSearch stops the build with a clear message instead of building a wrong index.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { installedVersion } from '../util/codeFingerprint';
import { miniSearchOptions } from './miniSearchOptions';
import type { SearchUnit } from './units';

export const MINISEARCH_VERSION = installedVersion('minisearch');

export function createMiniSearch(): MiniSearch<SearchUnit> {
  return new MiniSearch<SearchUnit>(miniSearchOptions());
}

/** The BM25+ parameters and the prefix/fuzzy weights MiniSearch searches with by default. */
export interface Scoring {
  k: number;
  b: number;
  d: number;
  fuzzyWeight: number;
  prefixWeight: number;
}

/** Read from a MiniSearch's resolved search options (its defaults are not exported), so they cannot drift from it. */
export const SCORING: Scoring = (() => {
  const options = (createMiniSearch() as unknown as { _options?: { searchOptions?: Pick<SearchOptions, 'bm25' | 'weights'> } })._options
    ?.searchOptions;
  const bm25 = options?.bm25;
  const weights = options?.weights;
  const numbers = [bm25?.k, bm25?.b, bm25?.d, weights?.fuzzy, weights?.prefix];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new Error(
      `MiniSearch ${MINISEARCH_VERSION} keeps its default search options elsewhere: src/search/miniSearchAdapter.ts must be updated for it`,
    );
  }
  const [k, b, d, fuzzyWeight, prefixWeight] = numbers as number[];
  return { k, b, d, fuzzyWeight, prefixWeight };
})();

/** One built MiniSearch, frozen: what postings.ts keeps (see there for the layout). */
export interface FrozenMiniSearch {
  /** The indexed terms, sorted (JavaScript string order). */
  terms: string[];
  fieldCount: number;
  /** Postings of term t in field f: positions listStart[t * fieldCount + f] up to the next entry. */
  listStart: Uint32Array;
  /** Document ids (the `n` of the units), ascending within each list. */
  docs: Uint32Array;
  /** Term frequency of each posting. */
  tfs: Uint32Array;
  /** The first document id; the ids are firstId … firstId + documentCount - 1. */
  firstId: number;
  documentCount: number;
  /** fieldLength[(id - firstId) * fieldCount + f]: MiniSearch's length of that field (distinct tokens). */
  fieldLength: Uint32Array;
}

type FieldPostings = Map<number, Map<number, number>>;

interface Private {
  _index: Iterable<[string, FieldPostings]>;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, number[]>;
  _fieldIds: Record<string, number>;
}

function internals(miniSearch: MiniSearch<SearchUnit>): Private {
  const ms = miniSearch as unknown as Partial<Private>;
  const problems: string[] = [];
  if (!ms._index || typeof (ms._index as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function')
    problems.push('_index is not an iterable map');
  if (typeof ms._documentCount !== 'number') problems.push('_documentCount is not a number');
  if (!(ms._documentIds instanceof Map) && Object.prototype.toString.call(ms._documentIds) !== '[object Map]')
    problems.push('_documentIds is not a Map');
  if (Object.prototype.toString.call(ms._fieldLength) !== '[object Map]') problems.push('_fieldLength is not a Map');
  if (!ms._fieldIds || typeof ms._fieldIds !== 'object') problems.push('_fieldIds is missing');
  if (problems.length > 0) {
    throw new Error(
      `MiniSearch ${MINISEARCH_VERSION} does not look like 7.2 inside (${problems.join('; ')}): src/search/miniSearchAdapter.ts must be updated for it`,
    );
  }
  return ms as Private;
}

/**
 * Reads a built MiniSearch into typed arrays. Its documents must have consecutive numeric ids (units `n`), added in
 * order and never removed, as the index builder adds them.
 */
export function freezeMiniSearch(miniSearch: MiniSearch<SearchUnit>, fields: readonly string[]): FrozenMiniSearch {
  const ms = internals(miniSearch);
  const fieldCount = fields.length;
  fields.forEach((field, f) => {
    if (ms._fieldIds[field] !== f) throw new Error(`MiniSearch field ids changed: ${field} is ${ms._fieldIds[field]}, expected ${f}`);
  });
  const documentCount = ms._documentCount;
  const idOf = new Int32Array(ms._documentIds.size);
  let firstId = Infinity;
  for (const [shortId, id] of ms._documentIds) {
    if (typeof id !== 'number' || !Number.isInteger(shortId) || shortId >= idOf.length)
      throw new Error('MiniSearch document ids are not the numbered units the index adds');
    idOf[shortId] = id;
    firstId = Math.min(firstId, id);
  }
  if (documentCount !== idOf.length) throw new Error('MiniSearch holds removed documents: freeze only a freshly built index');
  if (documentCount === 0) firstId = 0;
  const fieldLength = new Uint32Array(documentCount * fieldCount);
  for (const [shortId, lengths] of ms._fieldLength) {
    const row = idOf[shortId] - firstId;
    if (row < 0 || row >= documentCount) throw new Error('MiniSearch document ids are not consecutive');
    for (let f = 0; f < fieldCount; f++) fieldLength[row * fieldCount + f] = lengths[f] ?? 0;
  }
  const entries = [...ms._index];
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let total = 0;
  for (const [, byField] of entries) for (const docs of byField.values()) total += docs.size;
  const listStart = new Uint32Array(entries.length * fieldCount + 1);
  const docs = new Uint32Array(total);
  const tfs = new Uint32Array(total);
  let at = 0;
  entries.forEach(([, byField], t) => {
    for (let f = 0; f < fieldCount; f++) {
      listStart[t * fieldCount + f] = at;
      const list = byField.get(f);
      if (!list) continue;
      const from = at;
      for (const [shortId, tf] of list) {
        docs[at] = idOf[shortId];
        tfs[at] = tf;
        at++;
      }
      if (!isAscending(docs, from, at)) sortList(docs, tfs, from, at);
    }
  });
  listStart[entries.length * fieldCount] = at;
  return { terms: entries.map((e) => e[0]), fieldCount, listStart, docs, tfs, firstId, documentCount, fieldLength };
}

function isAscending(docs: Uint32Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (docs[i] <= docs[i - 1]) return false;
  return true;
}

function sortList(docs: Uint32Array, tfs: Uint32Array, from: number, to: number): void {
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => docs[a] - docs[b]);
  const d = order.map((i) => docs[i]);
  const t = order.map((i) => tfs[i]);
  docs.set(d, from);
  tfs.set(t, from);
}

/** SearchableMap's node: edge label → child node, and '' → the value of the key ending here. */
type RadixNode = Map<string, RadixNode | number>;

/**
 * MiniSearch's radix tree (its public SearchableMap, with atPrefix and fuzzyGet) over a sorted vocabulary, value =
 * the term's index. Made in one pass over the sorted terms, straight into SearchableMap's tree of Maps: setting tens
 * of thousands of terms one by one walks the tree from its root each time, at every start (docs/performance.md,
 * "Figures behind code comments"). The tree has the same nodes and edges as one made by `set` (the contract test compares them); only the
 * order of a node's children may differ, which no look-up depends on.
 */
export function vocabularyTree(sorted: readonly string[]): SearchableMap<number> {
  const node = (lo: number, hi: number, depth: number): RadixNode => {
    const tree: RadixNode = new Map();
    let i = lo;
    if (i < hi && sorted[i].length === depth) tree.set('', i++);
    while (i < hi) {
      const c = sorted[i].charCodeAt(depth);
      let j = i + 1;
      while (j < hi && sorted[j].charCodeAt(depth) === c) j++;
      // The group's common prefix: in sorted order, that of its first and last terms.
      const first = sorted[i];
      const last = sorted[j - 1];
      let end = depth + 1;
      while (end < first.length && end < last.length && first.charCodeAt(end) === last.charCodeAt(end)) end++;
      tree.set(first.slice(depth, end), node(i, j, end));
      i = j;
    }
    return tree;
  };
  for (let i = 1; i < sorted.length; i++) if (!(sorted[i - 1] < sorted[i])) throw new Error('vocabularyTree needs sorted, distinct terms');
  const SearchableMapOfTree = SearchableMap as unknown as new (tree: RadixNode) => SearchableMap<number>;
  return new SearchableMapOfTree(node(0, sorted.length, 0));
}
