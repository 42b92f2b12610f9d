/**
 * Example searches for /help that work on the archive being served: each is run before it is shown and kept only if
 * it finds something. Preferred examples are the blog's own ("pay offer", 'Getafix); where an archive lacks them,
 * one is taken from the archive itself (its most discussed post's title and text, its most frequent signatures, its
 * years). Worked out once per archive.
 */
import type { Archive, Post } from '../corpus/types';
import { isStopWord, processTerm, tokenize } from '../text';
import type { SearchIndex } from './searchIndex';

export interface SearchExample {
  /** What to type, as shown. */
  query: string;
  /** What it does. */
  says: string;
}

/** The examples for an archive: a few dozen searches, so a caller keeps them (/help keeps them on the bot context). */
export function searchExamples(archive: Archive, index: SearchIndex): SearchExample[] {
  return buildExamples(archive, index);
}

function finds(index: SearchIndex, query: string): boolean {
  try {
    return index.search(query, { limit: 1 }).total > 0;
  } catch {
    return false;
  }
}

/** The first candidate that finds something, or null. */
function firstWorking(index: SearchIndex, candidates: Array<string | null>): string | null {
  for (const c of candidates) if (c !== null && finds(index, c)) return c;
  return null;
}

/** Two words standing side by side in a text, both worth searching: "pay offer". */
function wordPair(text: string): string | null {
  const tokens = tokenize(text);
  for (let i = 1; i < tokens.length; i++) {
    const [a, b] = [tokens[i - 1], tokens[i]];
    if (text.slice(a.end, b.start) !== ' ') continue;
    if ([a, b].every((t) => t.text.length >= 4 && !isStopWord(t.text) && processTerm(t.text) !== null && /^\p{L}+$/u.test(t.text))) {
      return `${a.text.toLowerCase()} ${b.text.toLowerCase()}`;
    }
  }
  return null;
}

/** A word of the post's title that is rare in the archive (so `in:` visibly narrows), or null. */
function titleWord(post: Post, index: SearchIndex): string | null {
  const words = tokenize(post.title ?? '').filter((t) => t.text.length >= 5 && !isStopWord(t.text) && /^\p{L}+$/u.test(t.text));
  let best: string | null = null;
  let fewest = Infinity;
  for (const w of words) {
    const found = index.search(w.text, { limit: 0 }).total;
    if (found > 0 && found < fewest) {
      best = w.text.toLowerCase();
      fewest = found;
    }
  }
  return best;
}

/** A signature as typed in `author:`: without the mark before it, quoted when it has spaces. */
function authorValue(name: string): string {
  const bare = name.replace(/^['‘’`\s]+/, '').trim();
  return /[\s,]/.test(bare) ? `"${bare}"` : bare;
}

function buildExamples(archive: Archive, index: SearchIndex): SearchExample[] {
  const out: SearchExample[] = [];
  const add = (query: string | null, says: string) => {
    if (query !== null) out.push({ query, says });
  };
  const liveliest = [...archive.posts].sort((a, b) => b.comments.length - a.comments.length)[0];
  const fromTitle = liveliest ? wordPair(liveliest.title ?? '') : null;
  const fromText = liveliest ? wordPair(liveliest.body) : null;

  const words = firstWorking(index, ['pay offer', 'probation officer', fromTitle, fromText]);
  add(words, 'comments and post passages with both words (then either, if none has both)');
  add(firstWorking(index, ['"pay offer"', '"probation officer"', fromText && `"${fromText}"`]), 'the exact phrase');
  add(
    firstWorking(index, ['union -unison', 'probation -prison', words && `${words.split(' ')[0]} -${words.split(' ')[1]}`]),
    'leave out a word',
  );

  const authors = index.authors();
  const [first, second] = authors.map((a) => authorValue(a.name));
  if (first) {
    const both = second ? `\`author:${first}\` or \`author:${second}\`` : null;
    const author = firstWorking(index, [`author:${first}`]);
    if (author && both && finds(index, `author:${second}`)) out.push({ query: both, says: 'comments with that signature' });
    else add(author, 'comments with that signature');
    const bare = first.replace(/^"|"$/g, '');
    if (!bare.includes(' ')) add(firstWorking(index, [bare]), 'a name alone also finds the comments it signs');
  }

  const years = archive.posts
    .map((p) => p.date?.slice(0, 4))
    .filter((y): y is string => !!y)
    .sort();
  if (years.length > 0) {
    const firstYear = Number(years[0]);
    const lastYear = Number(years[years.length - 1]);
    const range = firstYear === lastYear ? `after:${firstYear}-01 before:${firstYear}-12` : `after:${firstYear} before:${lastYear}-06`;
    add(firstWorking(index, [range]), 'a date range (YYYY, YYYY-MM or YYYY-MM-DD)');
    add(firstWorking(index, [`year:${lastYear}`]), 'one year');
  }
  if (liveliest) {
    const word = titleWord(liveliest, index);
    add(firstWorking(index, [word && `in:${word}`]), 'only in posts whose title has that word (or a post id)');
  }
  add(firstWorking(index, [words && `${words} is:comment`]), 'only comments (is:post: only the posts themselves)');
  return out;
}
