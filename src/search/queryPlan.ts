/**
 * Query planning: what a parsed query asks of the index. Its words become index terms (stemmed and folded, stop
 * words dropped; the last word, still being typed, may complete as a prefix in the loose stage), its phrases become
 * required terms plus a phrase check, and its filters, exclusions and phrase checks one predicate on unit numbers,
 * evaluated from the unit table's columns, the posting lists and the phrase index: no unit object is made and no text
 * decoded for the thousands of units a common query touches.
 */
import { processTerm, termsOf, tokenize } from '../text';
import { authorMatcher } from './authors';
import { compilePhrase } from './phraseIndex';
import { phraseMatcher, phraseTest } from './phrases';
import { QueryError, type ParsedQuery } from './queryParser';
import type { Segments } from './segments';
import type { UnitTable } from './unitTable';

/** Fuzzy matching starts at this many letters in the stemmed word: shorter words have too many neighbours. */
const FUZZY_MIN_LENGTH = 5;
/** A word still being typed completes as a prefix from this many letters. */
const PREFIX_MIN_LENGTH = 4;

export interface QueryTerm {
  term: string;
  /** The word as typed, for the exact-form boost; null for words of phrases. */
  word: string | null;
  fuzzy: boolean;
  prefix: boolean;
  /** A name: also searched in signatures (ranking/ranker.ts decides). */
  name: boolean;
}

export interface Plan {
  query: ParsedQuery;
  terms: QueryTerm[];
  /** Terms of required phrases: always required, even in the any-word stage. */
  phraseTerms: string[];
  /** The phrases as regular expressions, for the evidence step and for highlighting a page's snippets. */
  phraseMatchers: RegExp[];
  /** Null when nothing filters (every unit that matches the words is accepted). */
  accept: ((n: number) => boolean) | null;
}

export class QueryPlanner {
  /** Title terms per post index, for `in:` (made on first use). */
  private readonly titleTerms = new Map<number, Set<string>>();

  constructor(
    private readonly table: UnitTable,
    private readonly segments: Segments,
    /** Is this term a name (to be looked for in signatures too)? */
    private readonly isName: (term: string) => boolean,
  ) {}

  plan(query: ParsedQuery): Plan {
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    const phrases = [...query.phrases];
    let stopWordsOnly = false;
    query.words.forEach((word, i) => {
      const tokens = tokenize(word);
      // "tick-box" or "e-servitude": the parts, together and in order.
      if (tokens.length > 1) return phrases.push(word);
      if (tokens.length === 0) return;
      const term = processTerm(tokens[0].text);
      if (term === null) {
        stopWordsOnly = true;
        return;
      }
      if (seen.has(term)) return;
      seen.add(term);
      const isLast = i === query.words.length - 1 && query.lastWordOpen && query.phrases.length === 0;
      terms.push({
        term,
        word: tokens[0].text,
        fuzzy: term.length >= FUZZY_MIN_LENGTH,
        prefix: isLast && term.length >= PREFIX_MIN_LENGTH,
        name: this.isName(term),
      });
    });
    const phraseMatchers: RegExp[] = [];
    const phraseTerms: string[] = [];
    const phraseTests: Array<(n: number) => boolean> = [];
    for (const phrase of phrases) {
      const matcher = phraseMatcher(phrase);
      if (!matcher) continue;
      phraseMatchers.push(matcher);
      phraseTests.push(this.containsTest(phrase, matcher));
      for (const term of termsOf(phrase)) {
        phraseTerms.push(term);
        if (seen.has(term)) continue;
        seen.add(term);
        terms.push({ term, word: null, fuzzy: false, prefix: false, name: false });
      }
    }
    const filtered = query.author !== null || query.after !== null || query.before !== null || query.in !== null || query.kind !== null;
    if (terms.length === 0 && phraseMatchers.length === 0 && !filtered) {
      throw new QueryError(
        stopWordsOnly
          ? 'Every word in that search is too common to search for ("the", "and", …): add a more specific word, or put the words in quotes to find them as a phrase.'
          : 'The search has no words to look for: type some words.',
      );
    }
    return { query, terms, phraseTerms, phraseMatchers, accept: this.acceptor(query, phraseTests) };
  }

  /**
   * A test "unit n contains `text` as a phrase" (see phrases.ts): on the phrase index when the phrase can be checked
   * there exactly, else the regular expression on the unit's text.
   */
  containsTest(text: string, matcher: RegExp): (n: number) => boolean {
    const compiled = compilePhrase(tokenize(text).map((t) => t.text));
    if (compiled) return this.segments.phraseTest(compiled);
    const test = phraseTest(matcher);
    return (n) => test(this.table.text(n));
  }

  /** The filters, exclusions and phrase checks of a query as one predicate on unit numbers (null when there are none). */
  private acceptor(query: ParsedQuery, phraseTests: Array<(n: number) => boolean>): ((n: number) => boolean) | null {
    const checks: Array<(n: number) => boolean> = [];
    const table = this.table;
    if (query.kind !== null) {
      const comments = query.kind === 'comment';
      checks.push((n) => table.isComment(n) === comments);
    }
    const posts = this.postMarks(query);
    if (posts) checks.push((n) => posts[table.postIndex(n)] === 1);
    if (query.author !== null) {
      const matches = authorMatcher(query.author);
      const authors = Uint8Array.from(table.authorNames, (name) => (matches(name) ? 1 : 0));
      checks.push((n) => table.isComment(n) && authors[table.authorCode(n)] === 1);
    }
    // Units containing an excluded word, marked by unit number from the word's posting lists (no text is read).
    let excluded: Uint8Array | null = null;
    const excludeTests: Array<(n: number) => boolean> = [];
    for (const word of query.excludeWords) {
      const tokens = tokenize(word);
      if (tokens.length > 1) excludeTests.push(this.containsTest(word, phraseMatcher(word)!));
      const term = tokens.length === 1 ? processTerm(tokens[0].text) : null;
      const postings = term === null ? null : this.segments.lookup(term);
      if (!postings) continue;
      excluded ??= new Uint8Array(table.size);
      for (const field of postings.fields) {
        for (const list of field.lists) for (let i = list.start; i < list.end; i++) excluded[list.docs[i]] = 1;
      }
    }
    for (const phrase of query.excludePhrases) {
      const matcher = phraseMatcher(phrase);
      if (matcher) excludeTests.push(this.containsTest(phrase, matcher));
    }
    if (excluded) {
      const marks = excluded;
      checks.push((n) => marks[n] === 0);
    }
    for (const test of excludeTests) checks.push((n) => !test(n));
    // Last: the phrase checks, done only on units every other check kept.
    checks.push(...phraseTests);
    if (checks.length === 0) return null;
    if (checks.length === 1) return checks[0];
    return (n) => {
      for (const check of checks) if (!check(n)) return false;
      return true;
    };
  }

  /** The posts the `in:`, `after:` and `before:` filters keep, by post index (null when none is set). */
  private postMarks(query: ParsedQuery): Uint8Array | null {
    const { after, before } = query;
    if (query.in === null && after === null && before === null) return null;
    const posts = this.table.posts;
    const marks = new Uint8Array(posts.length);
    const within = query.in === null ? null : this.resolveIn(query.in);
    posts.forEach((post, p) => {
      if (within && !within.has(p)) return;
      const date = post.date;
      if (after !== null && (date === null || date < after)) return;
      if (before !== null && (date === null || date >= before)) return;
      marks[p] = 1;
    });
    return marks;
  }

  /** The posts an `in:` value names (post indexes): a post id (or the start of one), else posts whose title has all its words. */
  private resolveIn(value: string): Set<number> {
    const posts = this.table.posts;
    const wanted = value.trim().toLowerCase();
    const indexes = (keep: (p: number) => boolean) => new Set(posts.map((_, p) => p).filter(keep));
    const exact = indexes((p) => posts[p].id.toLowerCase() === wanted);
    if (exact.size > 0) return exact;
    if (wanted.length >= 4 && /^[\w-]+$/.test(wanted)) {
      const byPrefix = indexes((p) => posts[p].id.toLowerCase().startsWith(wanted));
      if (byPrefix.size > 0) return byPrefix;
    }
    const words = termsOf(value);
    if (words.length === 0) throw new QueryError(`in:${value} names no post: use a post id or words from the post's title.`);
    const found = indexes((p) => {
      let title = this.titleTerms.get(p);
      if (!title) this.titleTerms.set(p, (title = new Set(termsOf(posts[p].title ?? ''))));
      return words.every((w) => title.has(w));
    });
    if (found.size === 0) throw new QueryError(`No post title matches in:${value}: use a post id or words from the post's title.`);
    return found;
  }
}
