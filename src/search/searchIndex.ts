/**
 * The search index of the archive: a MiniSearch index over the units (see units.ts) plus everything a result needs to
 * render, the query strategy that keeps the slow tail short at archive scale, and "more like this".
 *
 * Query strategy (decided with the relevance suite in test/search and the figures in notes/search-and-summary.md):
 *  1. every word required, exact terms (stemmed and folded, stop words dropped);
 *  2. if that finds fewer than MIN_HITS, words of 5+ letters also match with one or two typos and the word still being
 *     typed matches as a prefix;
 *  3. if that still finds fewer than MIN_HITS, any of the words will do (phrases, filters and exclusions still hold).
 * The stages depend only on the query, never on the page asked for, so paging and totals stay consistent.
 * Order: score descending, then date descending (undated last), then archive order.
 */
import type MiniSearch from 'minisearch';
import type { Query, SearchResult } from 'minisearch';
import type { Archive, Post } from '../corpus/types';
import { processTerm, termsOf, tokenize } from '../text';
import { authorMatcher, completeAuthors, countAuthors, type AuthorCount } from './authors';
import { createMiniSearch, FIELDS, TEXT_FIELD_ID } from './miniSearchOptions';
import { documentFrequency, unitsWithTerm } from './miniSearchInternals';
import { containsMatch, phraseMatcher } from './phrases';
import { parseQuery, QueryError, withFilters, type ParsedQuery, type QueryFilters } from './queryParser';
import { DEFAULT_SNIPPET_LENGTH, highlightSpans, makeSnippet, type Snippet } from './snippet';
import { buildUnits, type SearchUnit } from './units';

export interface SearchHit {
  /** Comment id, or `${postId}#p${n}` for a post passage. */
  id: string;
  kind: 'comment' | 'post';
  postId: string;
  postTitle: string | null;
  postDate: string | null;
  author: string | null;
  /** Comment position like '12.3'; null for post passages. */
  position: string | null;
  /** The full unit text. */
  text: string;
  snippet: Snippet;
  score: number;
  url: string | null;
}

export interface SearchOptions {
  /** Hits to return (default 5). */
  limit?: number;
  /** Hits to skip (default 0). */
  offset?: number;
  /** Filters given apart from the query text (the Discord command's options); merged with the query's own. */
  filters?: QueryFilters;
}

export interface SearchResults {
  /** Every matching unit, not just this page. */
  total: number;
  hits: SearchHit[];
  /** The query as understood, with the separate filters merged in. */
  query: ParsedQuery;
}

export interface SearchIndexOptions {
  /** Longest snippet, ellipses included (default 300). */
  snippetLength?: number;
}

/** Fewer hits than this and the next, looser stage runs. */
export const MIN_HITS = 5;
/** Post titles weigh this much more than body text. */
const TITLE_BOOST = 3;
/** A unit containing the words exactly as typed (not just their stems) scores up to this much more... */
const EXACT_BOOST = 0.5;
/** ...applied to this many of the best hits (a fixed number, so every page sees the same order). */
const RERANK_WINDOW = 200;
/** Fuzzy matching starts at this many letters in the stemmed word: shorter words have too many neighbours. */
const FUZZY_MIN_LENGTH = 5;
/** A word still being typed completes as a prefix from this many letters. */
const PREFIX_MIN_LENGTH = 4;
/** "More like this" asks for the comment's most distinctive terms, this many. */
const SIMILAR_TERMS = 12;

interface QueryTerm {
  term: string;
  /** The word as typed, for the exact-form boost; null for words of phrases. */
  word: string | null;
  fuzzy: boolean;
  prefix: boolean;
}

interface Plan {
  query: ParsedQuery;
  terms: QueryTerm[];
  /** Terms of required phrases: always required, even in the any-word stage. */
  phraseTerms: string[];
  phraseMatchers: RegExp[];
  exactMatchers: RegExp[];
  accept: (unit: SearchUnit) => boolean;
}

interface Candidate {
  unit: SearchUnit;
  score: number;
  terms: string[];
}

const IDENTITY_TOKENIZE = (text: string) => [text];
const IDENTITY_TERM = (term: string) => term;

function compareCandidates(a: Candidate, b: Candidate): number {
  if (b.score !== a.score) return b.score - a.score;
  const da = a.unit.post.date;
  const db = b.unit.post.date;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? 1 : -1;
  }
  return a.unit.n - b.unit.n;
}

export class SearchIndex {
  private readonly byId = new Map<string, SearchUnit>();
  private readonly posts: Post[];
  private readonly authorCounts: AuthorCount[];
  private readonly titleTerms = new Map<Post, Set<string>>();
  private readonly snippetLength: number;

  constructor(
    readonly miniSearch: MiniSearch<SearchUnit>,
    readonly units: readonly SearchUnit[],
    archive: Archive,
    options: SearchIndexOptions = {},
  ) {
    for (const unit of units) this.byId.set(unit.id, unit);
    this.posts = archive.posts;
    this.authorCounts = countAuthors(units.filter((u) => u.kind === 'comment').map((u) => u.author));
    this.snippetLength = options.snippetLength ?? DEFAULT_SNIPPET_LENGTH;
  }

  /** Number of searchable units (comments and post passages). */
  get size(): number {
    return this.units.length;
  }

  /** A unit by its id (comment id or `${postId}#p${n}`). */
  unit(id: string): SearchUnit | undefined {
    return this.byId.get(id);
  }

  /** The signatures in the archive, most frequent first. */
  authors(): AuthorCount[] {
    return this.authorCounts.slice();
  }

  autocompleteAuthors(prefix: string, limit = 25): AuthorCount[] {
    return completeAuthors(this.authorCounts, prefix, limit);
  }

  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = withFilters(typeof query === 'string' ? parseQuery(query) : query, options.filters);
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const plan = this.plan(parsed);
    const candidates = plan.terms.length > 0 ? this.matchTerms(plan) : this.scan(plan);
    const hits = candidates.slice(offset, offset + limit).map((c) => this.toHit(c, plan.phraseMatchers));
    return { total: candidates.length, hits, query: parsed };
  }

  /** The comments most like the given one (by its most distinctive words), best first, never the comment itself. */
  similar(commentId: string, limit = 5): SearchHit[] {
    const source = this.byId.get(commentId.trim());
    if (!source || source.kind !== 'comment') {
      throw new QueryError(`No comment "${commentId}" in the archive: comment ids look like <post id>-<position>, e.g. 5d0eacbc-2.3.`);
    }
    const frequencies = new Map<string, number>();
    for (const term of termsOf(source.text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    const n = this.units.length;
    const weights = new Map<string, number>();
    for (const [term, tf] of frequencies) {
      const df = documentFrequency(this.miniSearch, term, TEXT_FIELD_ID);
      // A term in only this comment finds nothing else; one in most units says nothing about this one.
      if (df <= 1 || df > n / 2) continue;
      weights.set(term, (1 + Math.log(tf)) * Math.log(1 + n / df));
    }
    const top = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SIMILAR_TERMS);
    if (top.length === 0) return [];
    const max = top[0][1];
    const results = this.miniSearch.search(
      { combineWith: 'OR', queries: top.map(([term]) => term) },
      {
        fields: ['text'],
        tokenize: IDENTITY_TOKENIZE,
        processTerm: IDENTITY_TERM,
        fuzzy: false,
        prefix: false,
        boostTerm: (term) => (weights.get(term) ?? 0) / max,
        filter: (r) => {
          const unit = this.units[r.id as number];
          return unit.kind === 'comment' && unit.n !== source.n && unit.text !== source.text;
        },
      },
    );
    const candidates = results.map((r) => this.candidate(r)).sort(compareCandidates);
    return candidates.slice(0, Math.max(0, limit)).map((c) => this.toHit(c, []));
  }

  private candidate(r: SearchResult): Candidate {
    return { unit: this.units[r.id as number], score: r.score, terms: r.terms };
  }

  private plan(query: ParsedQuery): Plan {
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
      terms.push({ term, word: tokens[0].text, fuzzy: term.length >= FUZZY_MIN_LENGTH, prefix: isLast && term.length >= PREFIX_MIN_LENGTH });
    });
    const phraseMatchers: RegExp[] = [];
    const phraseTerms: string[] = [];
    for (const phrase of phrases) {
      const matcher = phraseMatcher(phrase);
      if (!matcher) continue;
      phraseMatchers.push(matcher);
      for (const term of termsOf(phrase)) {
        phraseTerms.push(term);
        if (seen.has(term)) continue;
        seen.add(term);
        terms.push({ term, word: null, fuzzy: false, prefix: false });
      }
    }
    const filtered = query.author !== null || query.after !== null || query.before !== null || query.in !== null;
    if (terms.length === 0 && phraseMatchers.length === 0 && !filtered) {
      throw new QueryError(
        stopWordsOnly
          ? 'Every word in that search is too common to search for ("the", "and", …): add a more specific word, or put the words in quotes to find them as a phrase.'
          : 'The search has no words to look for: type some words.',
      );
    }
    const exactMatchers = terms.filter((t) => t.word !== null).map((t) => phraseMatcher(t.word!)!);
    return { query, terms, phraseTerms, phraseMatchers, exactMatchers, accept: this.acceptor(query, phraseMatchers) };
  }

  /** The filters, exclusions and phrase checks of a query as one predicate on units. */
  private acceptor(query: ParsedQuery, phraseMatchers: RegExp[]): (unit: SearchUnit) => boolean {
    const checks: Array<(unit: SearchUnit) => boolean> = [];
    if (query.in !== null) {
      const posts = this.resolveIn(query.in);
      checks.push((u) => posts.has(u.post));
    }
    const { after, before } = query;
    if (after !== null) checks.push((u) => u.post.date !== null && u.post.date >= after);
    if (before !== null) checks.push((u) => u.post.date !== null && u.post.date < before);
    if (query.author !== null) {
      const matches = authorMatcher(query.author);
      checks.push((u) => u.kind === 'comment' && matches(u.author));
    }
    const excluded = new Set<number>();
    const excludeMatchers: RegExp[] = [];
    for (const word of query.excludeWords) {
      const tokens = tokenize(word);
      if (tokens.length > 1) excludeMatchers.push(phraseMatcher(word)!);
      const term = tokens.length === 1 ? processTerm(tokens[0].text) : null;
      if (term !== null) unitsWithTerm(this.miniSearch, term, excluded);
    }
    for (const phrase of query.excludePhrases) {
      const matcher = phraseMatcher(phrase);
      if (matcher) excludeMatchers.push(matcher);
    }
    if (excluded.size > 0) checks.push((u) => !excluded.has(u.n));
    for (const matcher of excludeMatchers) checks.push((u) => !containsMatch(u.text, matcher));
    for (const matcher of phraseMatchers) checks.push((u) => containsMatch(u.text, matcher));
    return (unit) => checks.every((check) => check(unit));
  }

  /** The posts an `in:` value names: a post id (or the start of one), else posts whose title has all its words. */
  private resolveIn(value: string): Set<Post> {
    const wanted = value.trim().toLowerCase();
    const exact = this.posts.filter((p) => p.id.toLowerCase() === wanted);
    if (exact.length > 0) return new Set(exact);
    if (wanted.length >= 4 && /^[\w-]+$/.test(wanted)) {
      const byPrefix = this.posts.filter((p) => p.id.toLowerCase().startsWith(wanted));
      if (byPrefix.length > 0) return new Set(byPrefix);
    }
    const words = termsOf(value);
    if (words.length === 0) throw new QueryError(`in:${value} names no post: use a post id or words from the post's title.`);
    const found = this.posts.filter((post) => {
      let title = this.titleTerms.get(post);
      if (!title) this.titleTerms.set(post, (title = new Set(termsOf(post.title ?? ''))));
      return words.every((w) => title!.has(w));
    });
    if (found.length === 0) throw new QueryError(`No post title matches in:${value}: use a post id or words from the post's title.`);
    return new Set(found);
  }

  private runStage(plan: Plan, stage: 1 | 2 | 3): Candidate[] {
    const loose = stage >= 2;
    const fuzzy = new Set(loose ? plan.terms.filter((t) => t.fuzzy).map((t) => t.term) : []);
    const prefix = new Set(loose ? plan.terms.filter((t) => t.prefix).map((t) => t.term) : []);
    const all = plan.terms.map((t) => t.term);
    const phraseTerms = new Set(plan.phraseTerms);
    const optional = all.filter((t) => !phraseTerms.has(t));
    const query: Query =
      stage === 3
        ? { combineWith: 'AND', queries: [...phraseTerms, { combineWith: 'OR', queries: optional }] }
        : { combineWith: 'AND', queries: all };
    const results = this.miniSearch.search(query, {
      fields: [...FIELDS],
      boost: { title: TITLE_BOOST },
      tokenize: IDENTITY_TOKENIZE,
      processTerm: IDENTITY_TERM,
      fuzzy: (term) => (fuzzy.has(term) ? 0.2 : false),
      maxFuzzy: 2,
      prefix: (term) => prefix.has(term),
      filter: (r) => plan.accept(this.units[r.id as number]),
    });
    return results.map((r) => this.candidate(r));
  }

  private matchTerms(plan: Plan): Candidate[] {
    let candidates = this.runStage(plan, 1);
    const canLoosen = plan.terms.some((t) => t.fuzzy || t.prefix);
    if (candidates.length < MIN_HITS && canLoosen) candidates = this.runStage(plan, 2);
    const optional = plan.terms.length - new Set(plan.phraseTerms).size;
    if (candidates.length < MIN_HITS && optional >= 2 && plan.terms.length >= 2) {
      const anyWord = this.runStage(plan, 3);
      if (anyWord.length > candidates.length) candidates = anyWord;
    }
    this.boostExactForms(candidates, plan);
    return candidates.sort(compareCandidates);
  }

  /** Stemming finds "privatisation" for "privatise"; the unit that says "privatise" should still come first. */
  private boostExactForms(candidates: Candidate[], plan: Plan): void {
    if (plan.exactMatchers.length === 0) return;
    // MiniSearch returns results by score already: the window is its best RERANK_WINDOW.
    const window = Math.min(candidates.length, RERANK_WINDOW);
    for (let i = 0; i < window; i++) {
      const c = candidates[i];
      let exact = 0;
      for (const matcher of plan.exactMatchers) if (containsMatch(c.unit.text, matcher)) exact++;
      c.score *= 1 + (EXACT_BOOST * exact) / plan.exactMatchers.length;
    }
  }

  /** Queries of filters only (or of phrases made only of common words): every accepted unit, newest first. */
  private scan(plan: Plan): Candidate[] {
    const out: Candidate[] = [];
    for (const unit of this.units) if (plan.accept(unit)) out.push({ unit, score: 0, terms: [] });
    return out.sort(compareCandidates);
  }

  private toHit(c: Candidate, phraseMatchers: RegExp[]): SearchHit {
    const u = c.unit;
    const highlights = highlightSpans(u.text, new Set(c.terms), phraseMatchers);
    return {
      id: u.id,
      kind: u.kind,
      postId: u.post.id,
      postTitle: u.post.title,
      postDate: u.post.date,
      author: u.author,
      position: u.position,
      text: u.text,
      snippet: makeSnippet(u.text, highlights, { maxLength: this.snippetLength }),
      score: Math.round(c.score * 1000) / 1000,
      url: u.post.url,
    };
  }
}

/** Builds the index of an archive in one go (synchronously; see loadOrBuildSearchIndex for the cached, async path). */
export function buildSearchIndex(archive: Archive, options: SearchIndexOptions = {}): SearchIndex {
  const units = buildUnits(archive);
  const miniSearch = createMiniSearch();
  miniSearch.addAll(units);
  return new SearchIndex(miniSearch, units, archive, options);
}
