/**
 * How units go into MiniSearch (created by miniSearchAdapter.ts). Any change here (or in units.ts / src/text) changes
 * the index: the cache key holds a hash of src/search and src/text, and INDEX_FORMAT_VERSION names the change.
 */
import type { Options } from 'minisearch';
import { processTerm, words } from '../text';
import type { SearchUnit } from './units';

export const INDEX_FORMAT_VERSION = 1;

/** Field order is part of the serialised format: the text is field 0. */
export const FIELDS = ['text', 'title'] as const;
export const TEXT_FIELD_ID = 0;

export function miniSearchOptions(): Options<SearchUnit> {
  return {
    idField: 'n',
    fields: [...FIELDS],
    // Nothing is stored in MiniSearch: results are looked up in the units array by numeric id, which keeps the
    // serialised index small and its load fast.
    storeFields: [],
    extractField: (unit, field) => (field === 'title' ? (unit.titled ? (unit.post.title ?? '') : '') : field === 'n' ? unit.n : unit.text) as string,
    tokenize: words,
    processTerm: (term) => processTerm(term),
  };
}

