/**
 * Comment signatures: the directory behind author autocomplete, and the `author:` match. Signatures are compared
 * ignoring case, accents and punctuation, so author:getafix finds "'Getafix" and author:"probation officer" finds
 * "Probation Officer, London".
 */
import { normaliseName } from './queryParser';

export interface AuthorCount {
  name: string;
  count: number;
}

/** Words that mean "no signature" to a person filtering by author. */
const ANONYMOUS = new Set(['anon', 'anonymous', 'unsigned']);

/** A predicate for `author:value`: the value's words appear, in order and whole, in the signature. */
export function authorMatcher(value: string): (author: string | null) => boolean {
  const wanted = normaliseName(value);
  const anonymous = ANONYMOUS.has(wanted);
  const cache = new Map<string, boolean>();
  return (author) => {
    if (author === null) return anonymous;
    let hit = cache.get(author);
    if (hit === undefined) {
      hit = ` ${normaliseName(author)} `.includes(` ${wanted} `);
      cache.set(author, hit);
    }
    return hit;
  };
}

/** Counts signatures, grouping spellings that normalise alike under their most frequent spelling. Most frequent first. */
export function countAuthors(authors: Iterable<string | null>): AuthorCount[] {
  const groups = new Map<string, Map<string, number>>();
  for (const author of authors) {
    if (author === null) continue;
    const key = normaliseName(author);
    if (!key) continue;
    let spellings = groups.get(key);
    if (!spellings) groups.set(key, (spellings = new Map<string, number>()));
    spellings.set(author, (spellings.get(author) ?? 0) + 1);
  }
  const out: AuthorCount[] = [];
  for (const spellings of groups.values()) {
    let name = '';
    let best = -1;
    let count = 0;
    for (const [spelling, n] of spellings) {
      count += n;
      if (n > best || (n === best && spelling < name)) {
        best = n;
        name = spelling;
      }
    }
    out.push({ name, count });
  }
  return out.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Authors for an autocomplete box: names starting with the prefix first, then names with a word starting with it. */
export function completeAuthors(authors: readonly AuthorCount[], prefix: string, limit = 25): AuthorCount[] {
  const wanted = normaliseName(prefix);
  if (!wanted) return authors.slice(0, limit);
  const starts: AuthorCount[] = [];
  const contains: AuthorCount[] = [];
  for (const author of authors) {
    const name = normaliseName(author.name);
    if (name.startsWith(wanted)) starts.push(author);
    else if (` ${name}`.includes(` ${wanted}`)) contains.push(author);
  }
  return [...starts, ...contains].slice(0, limit);
}
