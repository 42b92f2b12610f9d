/**
 * How units go into MiniSearch (created by miniSearchAdapter.ts). Any change here (or in units.ts / src/text) changes
 * the index: the cache key holds a hash of src/search and src/text, and INDEX_FORMAT_VERSION names the change.
 */
import type { Options } from 'minisearch';
import { TermCache, words } from '../text';
import type { SearchUnit } from './units';

export const INDEX_FORMAT_VERSION = 2;

/**
 * Field order is part of the serialised format: the text is field 0. The author field holds a comment's signature
 * ('Getafix, Jim), so a bare name finds the comments signed with it (searchIndex.ts decides when a word is a name).
 */
export const FIELDS = ['text', 'title', 'author'] as const;
export const TEXT_FIELD_ID = 0;
export const TITLE_FIELD_ID = 1;
export const AUTHOR_FIELD_ID = 2;

function fieldOf(unit: SearchUnit, field: string): string | number {
  switch (field) {
    case 'n':
      return unit.n;
    case 'title':
      return unit.titled ? (unit.post.title ?? '') : '';
    case 'author':
      return unit.kind === 'comment' ? (unit.author ?? '') : '';
    default:
      return unit.text;
  }
}

export function miniSearchOptions(): Options<SearchUnit> {
  // One memory of terms per MiniSearch: its build processes every word of the archive.
  const terms = new TermCache();
  return {
    idField: 'n',
    fields: [...FIELDS],
    // Nothing is stored in MiniSearch: results are looked up in the units array by numeric id, which keeps the
    // serialised index small and its load fast.
    storeFields: [],
    extractField: (unit, field) => fieldOf(unit, field) as string,
    tokenize: words,
    processTerm: (term) => terms.term(term),
  };
}
