/**
 * The two things MiniSearch 7.2 (pinned in package.json) has no public API for: a term's posting lists, needed for
 * document frequencies ("more like this") and for excluding every unit that contains a word without scoring them all.
 * Kept in this one file so an upgrade has one place to check.
 */
import type MiniSearch from 'minisearch';

type Postings = Map<number, Map<number, number>>;

interface Internals {
  _index: { get(term: string): Postings | undefined };
}

function postings<T>(miniSearch: MiniSearch<T>, term: string): Postings | undefined {
  return (miniSearch as unknown as Internals)._index.get(term);
}

/** Number of units whose given field contains the (processed) term. */
export function documentFrequency<T>(miniSearch: MiniSearch<T>, term: string, fieldId: number): number {
  return postings(miniSearch, term)?.get(fieldId)?.size ?? 0;
}

/** Ids of the units containing the term in any field. */
export function unitsWithTerm<T>(miniSearch: MiniSearch<T>, term: string, into: Set<number>): void {
  const byField = postings(miniSearch, term);
  if (!byField) return;
  for (const docs of byField.values()) for (const id of docs.keys()) into.add(id);
}
