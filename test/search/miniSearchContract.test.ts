/**
 * The contract with MiniSearch's insides (src/search/miniSearchAdapter.ts). Every assertion here is something an
 * upgrade of MiniSearch could break without a type error: where it keeps the posting lists, field lengths and
 * default scoring parameters, and the scores its own search() gives. If one fails after an upgrade, the adapter must
 * be updated before the index can be trusted.
 */
import path from 'node:path';
import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { loadArchive } from '../../src/corpus/loadArchive';
import { buildSearchIndex } from '../../src/search';
import { termsOf } from '../../src/text';
import { createMiniSearch, freezeMiniSearch, MINISEARCH_VERSION, SCORING, vocabularyTree } from '../../src/search/miniSearchAdapter';
import { FIELDS } from '../../src/search/miniSearchOptions';
import { buildUnits, type SearchUnit } from '../../src/search/units';

let units: SearchUnit[];
let miniSearch: MiniSearch<SearchUnit>;

beforeAll(async () => {
  const archive = await loadArchive(path.join(__dirname, '..', '..', 'seeds'));
  units = buildUnits(archive);
  miniSearch = createMiniSearch();
  miniSearch.addAll(units);
});

describe('the MiniSearch adapter', () => {
  it('is written against the pinned MiniSearch', () => {
    expect(MINISEARCH_VERSION).toBe('7.2.0');
  });

  it("freezes exactly what MiniSearch's public serialisation says the index holds", () => {
    const frozen = freezeMiniSearch(miniSearch, FIELDS);
    const json = miniSearch.toJSON();
    const idOf = (shortId: string) => json.documentIds[shortId] as number;
    expect(frozen.documentCount).toBe(json.documentCount);
    expect(frozen.terms).toEqual(json.index.map(([term]) => term).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const fromJson = new Map(json.index);
    frozen.terms.forEach((term, t) => {
      FIELDS.forEach((_, f) => {
        const postings: Array<[number, number]> = [];
        for (let i = frozen.listStart[t * FIELDS.length + f]; i < frozen.listStart[t * FIELDS.length + f + 1]; i++)
          postings.push([frozen.docs[i], frozen.tfs[i]]);
        const expected = Object.entries(fromJson.get(term)![f] ?? {})
          .map(([shortId, tf]) => [idOf(shortId), tf] as [number, number])
          .sort((a, b) => a[0] - b[0]);
        expect(postings).toEqual(expected);
      });
    });
    for (const [shortId, lengths] of Object.entries(json.fieldLength)) {
      const row = idOf(shortId) - frozen.firstId;
      expect(FIELDS.map((_, f) => frozen.fieldLength[row * FIELDS.length + f])).toEqual(lengths);
    }
  });

  it("scores with MiniSearch's own default BM25+ parameters and prefix/fuzzy weights", () => {
    expect(SCORING).toEqual({ k: 1.2, b: 0.7, d: 0.5, fuzzyWeight: 0.45, prefixWeight: 0.375 });
  });

  it('stops with a clear message on a MiniSearch that keeps its index elsewhere', () => {
    const changed = createMiniSearch();
    (changed as unknown as Record<string, unknown>)._index = undefined;
    expect(() => freezeMiniSearch(changed, FIELDS)).toThrow(/miniSearchAdapter\.ts must be updated/);
  });

  it('uses the public SearchableMap for prefix and fuzzy look-ups as MiniSearch does', () => {
    const map = new SearchableMap<number>();
    ['offer', 'offic', 'officer', 'pay'].forEach((t, i) => map.set(t, i));
    expect([...map.atPrefix('off')].map(([t]) => t).sort()).toEqual(['offer', 'offic', 'officer']);
    expect([...map.fuzzyGet('ofer', 1)]).toEqual([['offer', [0, 1]]]);
  });

  it('makes the radix tree of a sorted vocabulary with the nodes and edges SearchableMap#set makes', () => {
    const terms = freezeMiniSearch(miniSearch, FIELDS).terms;
    const fast = vocabularyTree(terms);
    const slow = new SearchableMap<number>();
    terms.forEach((t, i) => slow.set(t, i));
    // Children sorted by edge label: the order of a node's children is the only thing allowed to differ.
    type Node = Map<string, Node | number>;
    const canonical = (node: Node): unknown =>
      [...node].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, typeof v === 'number' ? v : canonical(v)]);
    const treeOf = (map: SearchableMap<number>) => (map as unknown as { _tree: Node })._tree;
    expect(canonical(treeOf(fast))).toEqual(canonical(treeOf(slow)));
    for (const probe of ['prob', 'offic', 'probaton', 'grayling', 'mustrd', 'a', 'zz']) {
      expect(new Map(fast.fuzzyGet(probe, 2))).toEqual(new Map(slow.fuzzyGet(probe, 2)));
      expect(new Map(fast.atPrefix(probe))).toEqual(new Map(slow.atPrefix(probe)));
    }
    expect(() => vocabularyTree(['b', 'a'])).toThrow(/sorted/);
  });

  it('finds "more like this" with the scores of MiniSearch\'s any-word search with boosted terms', () => {
    const seedsIndex = buildSearchIndex({ posts: units.map((u) => u.post).filter((p, i, all) => all.indexOf(p) === i) });
    const source = units.find((u) => u.kind === 'comment' && u.text.length > 300)!;
    const hits = seedsIndex.similar(source.id, 20);
    expect(hits.length).toBeGreaterThan(0);
    // The reference: the same distinctive words and weights, through MiniSearch's search().
    const terms = similarQuery(source);
    const max = Math.max(...terms.values());
    const expected = miniSearch
      .search(
        { combineWith: 'OR', queries: [...terms.keys()] },
        {
          fields: ['text'],
          tokenize: (t) => [t],
          processTerm: (t) => t,
          boostTerm: (term) => terms.get(term)! / max,
          filter: (r) => units[r.id as number].kind === 'comment' && r.id !== source.n && units[r.id as number].text !== source.text,
        },
      )
      .map((r) => ({ id: units[r.id as number].id, score: Math.round(r.score * 1000) / 1000 }));
    const byId = new Map(expected.map((e) => [e.id, e.score]));
    for (const hit of hits) expect({ id: hit.id, score: hit.score }).toEqual({ id: hit.id, score: byId.get(hit.id) });
    expect(hits[0].score).toBe(Math.max(...expected.map((e) => e.score)));
  });
});

/** The distinctive words of a comment as similar.ts picks them (tf-idf over the text field, the best dozen). */
function similarQuery(source: SearchUnit): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of termsOf(source.text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const n = units.length;
  const weights: Array<[string, number]> = [];
  for (const [term, tf] of frequencies) {
    const df = units.filter((u) => termsOf(u.text).includes(term)).length;
    if (df <= 1 || df > n / 2) continue;
    weights.push([term, (1 + Math.log(tf)) * Math.log(1 + n / df)]);
  }
  return new Map(weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12));
}
