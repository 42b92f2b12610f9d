/**
 * The search query language, in the shape people know from Google and Discord search:
 *   words  "exact phrase"  -exclude  -"excluded phrase"  author:Getafix  author:"Probation Officer"
 *   before:2022-10-01  after:2021  year:2022  in:<post id or title words>  is:comment  is:post
 *
 * Dates form one half-open range [after, before): `after:X` keeps units dated on or after the START of X, `before:X`
 * keeps units dated before the START of X, and `year:Y` is `after:Y before:Y+1`. So `after:2022 before:2023` is
 * exactly 2022, `after:2022-10` starts on 1 October 2022 and `before:2022-10-01` ends on 30 September 2022.
 * Undated units never match a date filter.
 *
 * Mistakes are errors with a message that names the problem (a `QueryError`), never an empty result.
 */

import { readDate } from '../text/dates';

/** A mistake in what the person typed. `.message` is written for them and is safe to show as is. */
export class QueryError extends Error {
  override name = 'QueryError';
}

export interface ParsedQuery {
  /** The input as typed. */
  input: string;
  /** Plain words to find (as typed; the index stems and folds them). */
  words: string[];
  /** Exact phrases, each as typed between the quotes. */
  phrases: string[];
  /** Words that must not appear. */
  excludeWords: string[];
  /** Phrases that must not appear. */
  excludePhrases: string[];
  /** `author:` value as typed (matched against signatures ignoring case and punctuation). */
  author: string | null;
  /** Inclusive lower date bound, YYYY-MM-DD (already narrowed by `year:`). */
  after: string | null;
  /** Exclusive upper date bound, YYYY-MM-DD (already narrowed by `year:`). */
  before: string | null;
  /** `year:` as typed, for display; its range is already folded into after/before. */
  year: number | null;
  /** `in:` value: a post id or words of a post title. */
  in: string | null;
  /** `is:comment` or `is:post` (post passages): only units of that kind; null for both. */
  kind: UnitKind | null;
  /** True when the last word was still being typed (no trailing space): the index may complete it as a prefix. */
  lastWordOpen: boolean;
}

const FILTER_NAMES = ['author', 'before', 'after', 'year', 'in', 'is'] as const;
type FilterName = (typeof FILTER_NAMES)[number];

/** What a search unit is: a comment, or a passage of a post's own text. */
export type UnitKind = 'comment' | 'post';

const OPENING_QUOTES = new Set(['"', '“', '„', '”']);
const CLOSING_QUOTES = new Set(['"', '”', '“']);
const FILTER_LIST = 'author:, before:, after:, year:, in: or is:';

interface RawToken {
  value: string;
  quoted: boolean;
  negated: boolean;
  /** For `name:value` tokens. */
  filter: string | null;
  /** Whether the token ended the input with no space after it. */
  atEnd: boolean;
}

/** Reads a quoted segment starting at `i` (on the opening quote). Returns the content and the index after the close. */
function readQuoted(input: string, i: number): { value: string; next: number } {
  let j = i + 1;
  while (j < input.length && !CLOSING_QUOTES.has(input[j])) j++;
  if (j >= input.length) {
    const opened = input.slice(i + 1, i + 31).trim();
    const what = opened ? `the phrase starting “${opened}”` : 'a quote mark at the end';
    throw new QueryError(`Unbalanced quote: ${what} has no closing quote. Close it ("pay offer") or remove it.`);
  }
  return { value: input.slice(i + 1, j), next: j + 1 };
}

function lex(input: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1])) {
      negated = true;
      i++;
    }
    if (OPENING_QUOTES.has(input[i])) {
      const { value, next } = readQuoted(input, i);
      tokens.push({ value, quoted: true, negated, filter: null, atEnd: false });
      i = next;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j])) j++;
    let word = input.slice(i, j);
    const filter = /^(\p{L}+):/u.exec(word);
    if (filter && filter[0].length < word.length && !word.slice(filter[0].length).startsWith('//')) {
      const valueStart = i + filter[0].length;
      if (OPENING_QUOTES.has(input[valueStart])) {
        const { value, next } = readQuoted(input, valueStart);
        tokens.push({ value, quoted: true, negated, filter: filter[1], atEnd: false });
        i = next;
        continue;
      }
      tokens.push({ value: word.slice(filter[0].length), quoted: false, negated, filter: filter[1], atEnd: j >= input.length });
      i = j;
      continue;
    }
    if (filter && filter[0].length === word.length && isFilterName(filter[1])) {
      // "author: Getafix" (a space after the colon): the next word or phrase is the value.
      let k = j;
      while (k < input.length && /\s/.test(input[k])) k++;
      if (k < input.length && OPENING_QUOTES.has(input[k])) {
        const { value, next } = readQuoted(input, k);
        tokens.push({ value, quoted: true, negated, filter: filter[1], atEnd: false });
        i = next;
        continue;
      }
      let end = k;
      while (end < input.length && !/\s/.test(input[end])) end++;
      tokens.push({ value: input.slice(k, end), quoted: false, negated, filter: filter[1], atEnd: end >= input.length });
      i = end;
      continue;
    }
    // A trailing "note:" that is not a filter is just a word; a lone "-" is nothing.
    word = word.replace(/:+$/, '');
    if (word && word !== '-') tokens.push({ value: word, quoted: false, negated, filter: null, atEnd: j >= input.length });
    i = j;
  }
  return tokens;
}

function isFilterName(name: string): name is FilterName {
  return (FILTER_NAMES as readonly string[]).includes(name.toLowerCase());
}

/**
 * Parses a date (YYYY, YYYY-MM, YYYY-MM-DD, or any form the one date parser reads, e.g. 25/10/2022) into the first day
 * of that period (YYYY-MM-DD) and the first day after it. Throws a QueryError naming the value otherwise.
 */
export function parseDatePeriod(value: string): { start: string; end: string } {
  const { start, end } = readDate(value, () => new QueryError(`"${value}" isn't a valid date: use YYYY-MM-DD, YYYY-MM or YYYY`));
  return { start, end };
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** `is:` values as typed (singular or plural, any case) → the kind of unit they keep; undefined for anything else. */
export function parseKind(value: string): UnitKind | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'comment' || v === 'comments') return 'comment';
  if (v === 'post' || v === 'posts') return 'post';
  return undefined;
}

/** Separate filters (the Discord command's own options) to combine with those written in the query. */
export interface QueryFilters {
  author?: string;
  after?: string;
  before?: string;
  /** Only comments, or only post passages. */
  kind?: UnitKind;
}

function checkRange(query: ParsedQuery): void {
  if (query.after !== null && query.before !== null && query.after >= query.before) {
    throw new QueryError(
      `No date can be on or after ${query.after} and before ${query.before}: check the after:, before: and year: filters.`,
    );
  }
}

/** Combines a parsed query with separately given filters: dates narrow the range, a second author must agree. */
export function withFilters(query: ParsedQuery, filters: QueryFilters | undefined): ParsedQuery {
  if (!filters) return query;
  const out = { ...query };
  const author = filters.author?.trim();
  if (author) {
    if (out.author !== null && normaliseName(out.author) !== normaliseName(author)) {
      throw new QueryError(`The search says author:${out.author} but the author option says ${author}: use one of them.`);
    }
    out.author = out.author ?? author;
  }
  if (filters.kind) {
    if (out.kind !== null && out.kind !== filters.kind) {
      throw new QueryError(`The search says is:${out.kind} but the option asks for ${filters.kind}s only: use one of them.`);
    }
    out.kind = filters.kind;
  }
  if (filters.after?.trim()) out.after = later(out.after, parseDatePeriod(filters.after).start);
  if (filters.before?.trim()) out.before = earlier(out.before, parseDatePeriod(filters.before).start);
  checkRange(out);
  return out;
}

/** Lower case, accents and punctuation dropped, single spaces: how author names are compared. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Parses what a person typed into a search box. Throws QueryError with a message for them when it cannot. */
export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = {
    input,
    words: [],
    phrases: [],
    excludeWords: [],
    excludePhrases: [],
    author: null,
    after: null,
    before: null,
    year: null,
    in: null,
    kind: null,
    lastWordOpen: false,
  };
  if (!input.trim()) throw new QueryError('The search is empty: type some words to look for.');
  const seen = new Set<string>();
  let yearRange: { start: string; end: string } | null = null;
  for (const token of lex(input)) {
    if (token.filter !== null) {
      const name = token.filter.toLowerCase();
      if (!isFilterName(name)) throw new QueryError(`Unknown filter "${token.filter}:" — use ${FILTER_LIST}`);
      if (token.negated) throw new QueryError(`A filter can't be excluded ("-${name}:"): remove the "-" or the filter.`);
      if (seen.has(name)) throw new QueryError(`Only one ${name}: filter per search.`);
      seen.add(name);
      const value = token.value.trim();
      if (!value) throw new QueryError(missingValueMessage(name));
      switch (name) {
        case 'author':
          if (!normaliseName(value)) throw new QueryError(missingValueMessage(name));
          query.author = value;
          break;
        case 'after':
          query.after = parseDatePeriod(value).start;
          break;
        case 'before':
          query.before = parseDatePeriod(value).start;
          break;
        case 'year':
          if (!/^\d{4}$/.test(value)) throw new QueryError(`"${value}" isn't a valid year: use four digits, like year:2022`);
          query.year = Number(value);
          yearRange = parseDatePeriod(value);
          break;
        case 'in':
          query.in = value;
          break;
        case 'is': {
          const kind = parseKind(value);
          if (!kind)
            throw new QueryError(
              `is:${value} isn't something to search: use is:comment (comments only) or is:post (the posts' own text only).`,
            );
          query.kind = kind;
          break;
        }
      }
      continue;
    }
    const value = token.value.trim();
    if (!value) {
      if (token.quoted) throw new QueryError('An empty phrase ("") finds nothing: put some words between the quotes.');
      continue;
    }
    if (token.quoted) (token.negated ? query.excludePhrases : query.phrases).push(value);
    else (token.negated ? query.excludeWords : query.words).push(value);
    if (!token.negated && !token.quoted) query.lastWordOpen = token.atEnd;
    else query.lastWordOpen = false;
  }
  if (yearRange) {
    query.after = later(query.after, yearRange.start);
    query.before = earlier(query.before, yearRange.end);
  }
  checkRange(query);
  const positive = query.words.length + query.phrases.length;
  const filtered = query.author !== null || query.after !== null || query.before !== null || query.in !== null || query.kind !== null;
  if (positive === 0 && !filtered) {
    if (query.excludeWords.length + query.excludePhrases.length > 0) {
      throw new QueryError('A search of only exclusions ("-word") finds everything else: add a word or a filter to look for.');
    }
    throw new QueryError('The search is empty: type some words to look for.');
  }
  return query;
}

function missingValueMessage(name: FilterName): string {
  switch (name) {
    case 'author':
      return 'author: needs a name, like author:Getafix or author:"Probation Officer"';
    case 'after':
    case 'before':
      return `${name}: needs a date, like ${name}:2022-10-01, ${name}:2022-10 or ${name}:2022`;
    case 'year':
      return 'year: needs a year, like year:2022';
    case 'in':
      return 'in: needs a post id or words from a post title, like in:"Changes at the Top"';
    case 'is':
      return 'is: needs comment or post, like is:comment';
  }
}

/** The query written back in canonical form (for "results for …" lines). */
export function formatQuery(query: ParsedQuery): string {
  const quote = (s: string) => `"${s}"`;
  const nameValue = (s: string) => (/\s/.test(s) ? quote(s) : s);
  const parts = [
    ...query.words,
    ...query.phrases.map(quote),
    ...query.excludeWords.map((w) => `-${w}`),
    ...query.excludePhrases.map((p) => `-${quote(p)}`),
  ];
  if (query.author !== null) parts.push(`author:${nameValue(query.author)}`);
  if (query.after !== null) parts.push(`after:${query.after}`);
  if (query.before !== null) parts.push(`before:${query.before}`);
  if (query.in !== null) parts.push(`in:${nameValue(query.in)}`);
  if (query.kind !== null) parts.push(`is:${query.kind}`);
  return parts.join(' ');
}
