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
import type { SearchResult } from 'minisearch';
import type { Archive, Post } from '../corpus/types';
import { processTerm, termsOf, tokenize } from '../text';
import { authorMatcher, completeAuthors, countAuthors, type AuthorCount } from './authors';
import { createMiniSearch, FIELDS, TEXT_FIELD_ID } from './miniSearchOptions';
import { documentFrequency, indexView, type IndexView } from './miniSearchInternals';
import { phraseMatcher, phraseTest } from './phrases';
import { parseQuery, QueryError, withFilters, type ParsedQuery, type QueryFilters } from './queryParser';
import { DEFAULT_SNIPPET_LENGTH, highlightSpans, makeSnippet, type Snippet } from './snippet';
import { expandTerm, TermEvaluator, type ExpandedTerm, type Matches } from './termQuery';
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
  /** The comment's own permalink for a comment hit where known (imported archives), else the post's link. */
  url: string | null;
  /** When the comment was posted (ISO 8601), where known; null for post passages and text exports. */
  published: string | null;
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
const MIN_HITS = 5;
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
  /** One test per typed word: does the unit contain the word exactly as typed? */
  exactTests: Array<(text: string) => boolean>;
  /** Null when nothing filters (every unit that matches the words is accepted). */
  accept: ((unit: SearchUnit) => boolean) | null;
}

/** The units a query matched, with what the stage that found them matched (for highlighting). */
interface Ranked {
  matches: Matches;
  terms: ExpandedTerm[];
  /** False for filter-only scans: those come already in their final order, all with score 0. */
  scored: boolean;
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
  private readonly view: IndexView;
  private readonly evaluator: TermEvaluator;
  /** Unit numbers newest post first, undated last, then archive order: the order of filter-only results. Made on first use. */
  private dateOrder: Int32Array | null = null;

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
    this.view = indexView(miniSearch, FIELDS.length);
    this.evaluator = new TermEvaluator(this.view, FIELDS.map((f) => (f === 'title' ? TITLE_BOOST : 1)));
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
    const ranked = plan.terms.length > 0 ? this.matchTerms(plan) : this.scan(plan);
    const page = this.page(ranked, plan, offset, limit);
    for (const c of page) c.terms = this.evaluator.matchedTerms(this.view.shortIdOf[c.unit.n], ranked.terms);
    const hits = page.map((c) => this.toHit(c, plan.phraseMatchers));
    return { total: ranked.matches.count, hits, query: parsed };
  }

  /**
   * Every unit the query matches, found by the same stages as `search` (so there are exactly `search(query).total`),
   * in no particular order: for counting over all of them (src/insights), where one page is not enough.
   */
  matchingUnits(query: string | ParsedQuery): SearchUnit[] {
    const plan = this.plan(typeof query === 'string' ? parseQuery(query) : query);
    const { units, count } = (plan.terms.length > 0 ? this.matchTerms(plan) : this.scan(plan)).matches;
    const out = new Array<SearchUnit>(count);
    for (let i = 0; i < count; i++) out[i] = this.units[units[i]];
    return out;
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
    const exactTests = terms.filter((t) => t.word !== null).map((t) => phraseTest(phraseMatcher(t.word!)!));
    return { query, terms, phraseTerms, phraseMatchers, exactTests, accept: this.acceptor(query, phraseMatchers.map(phraseTest)) };
  }

  /** The filters, exclusions and phrase checks of a query as one predicate on units (null when there are none). */
  private acceptor(query: ParsedQuery, phraseTests: Array<(text: string) => boolean>): ((unit: SearchUnit) => boolean) | null {
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
    // Units containing an excluded word, marked by unit number from the word's posting lists (no text is read).
    let excluded: Uint8Array | null = null;
    const excludeTests: Array<(text: string) => boolean> = [];
    for (const word of query.excludeWords) {
      const tokens = tokenize(word);
      if (tokens.length > 1) excludeTests.push(phraseTest(phraseMatcher(word)!));
      const term = tokens.length === 1 ? processTerm(tokens[0].text) : null;
      const postings = term === null ? undefined : this.view.postings(term);
      if (!postings) continue;
      excluded ??= new Uint8Array(this.units.length);
      for (const docs of postings.values()) {
        for (const shortId of docs.keys()) {
          const n = this.view.unitOf[shortId];
          if (n >= 0) excluded[n] = 1;
        }
      }
    }
    for (const phrase of query.excludePhrases) {
      const matcher = phraseMatcher(phrase);
      if (matcher) excludeTests.push(phraseTest(matcher));
    }
    if (excluded) {
      const marks = excluded;
      checks.push((u) => marks[u.n] === 0);
    }
    for (const test of excludeTests) checks.push((u) => !test(u.text));
    // Last: reading the text is the dearest check, done only on units every other check kept.
    for (const test of phraseTests) checks.push((u) => test(u.text));
    if (checks.length === 0) return null;
    if (checks.length === 1) return checks[0];
    return (unit) => {
      for (const check of checks) if (!check(unit)) return false;
      return true;
    };
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

  /** One stage of the strategy (see the top of this file): every word required, or (anyWord) phrases plus any word. */
  private runStage(plan: Plan, loose: boolean, anyWord: boolean): Ranked {
    const terms = plan.terms.map((t) => expandTerm(this.view, t, loose));
    const phraseTerms = new Set(plan.phraseTerms);
    const required = anyWord ? terms.filter((t) => phraseTerms.has(t.source)) : terms;
    const optional = anyWord ? terms.filter((t) => !phraseTerms.has(t.source)) : [];
    const accept = plan.accept;
    const matches = this.evaluator.run(required, optional, accept ? (n) => accept(this.units[n]) : () => true);
    return { matches, terms, scored: true };
  }

  private matchTerms(plan: Plan): Ranked {
    let ranked = this.runStage(plan, false, false);
    const canLoosen = plan.terms.some((t) => t.fuzzy || t.prefix);
    if (ranked.matches.count < MIN_HITS && canLoosen) ranked = this.runStage(plan, true, false);
    const optional = plan.terms.length - new Set(plan.phraseTerms).size;
    if (ranked.matches.count < MIN_HITS && optional >= 2 && plan.terms.length >= 2) {
      const anyWord = this.runStage(plan, true, true);
      if (anyWord.matches.count > ranked.matches.count) ranked = anyWord;
    }
    return ranked;
  }

  /**
   * The candidates of one page, in the final order. Only the best RERANK_WINDOW units become objects and are
   * sorted (and get the exact-form boost); the rest are sorted only when a page reaches past them.
   */
  private page(ranked: Ranked, plan: Plan, offset: number, limit: number): Candidate[] {
    const { units, scores, count } = ranked.matches;
    const end = Math.min(count, offset + limit);
    if (offset >= end) return [];
    if (!ranked.scored) {
      const out: Candidate[] = [];
      for (let i = offset; i < end; i++) out.push({ unit: this.units[units[i]], score: 0, terms: [] });
      return out;
    }
    const window = this.best(ranked.matches, Math.min(count, RERANK_WINDOW));
    this.boostExactForms(window, plan);
    window.sort(compareCandidates);
    if (end <= window.length) return window.slice(offset, end);
    const inWindow = new Set(window.map((c) => c.unit.n));
    const rest: Candidate[] = [];
    for (let i = 0; i < count; i++) if (!inWindow.has(units[i])) rest.push({ unit: this.units[units[i]], score: scores[i], terms: [] });
    rest.sort(compareCandidates);
    return [...window, ...rest].slice(offset, end);
  }

  /** The `size` best matches in candidate order (score, then date, then archive order), sorting numbers, not objects. */
  private best(matches: Matches, size: number): Candidate[] {
    const { units, scores, count } = matches;
    let threshold = -Infinity;
    if (count > size) {
      const sorted = scores.slice(0, count).sort();
      threshold = sorted[count - size];
    }
    const out: Candidate[] = [];
    for (let i = 0; i < count; i++) if (scores[i] >= threshold) out.push({ unit: this.units[units[i]], score: scores[i], terms: [] });
    out.sort(compareCandidates);
    out.length = Math.min(out.length, size);
    return out;
  }

  /** Stemming finds "privatisation" for "privatise"; the unit that says "privatise" should still come first. */
  private boostExactForms(candidates: Candidate[], plan: Plan): void {
    if (plan.exactTests.length === 0) return;
    for (const c of candidates) {
      let exact = 0;
      for (const test of plan.exactTests) if (test(c.unit.text)) exact++;
      c.score *= 1 + (EXACT_BOOST * exact) / plan.exactTests.length;
    }
  }

  /** Queries of filters only (or of phrases made only of common words): every accepted unit, newest first. */
  private scan(plan: Plan): Ranked {
    const order = (this.dateOrder ??= this.newestFirst());
    const units = new Int32Array(order.length);
    let count = 0;
    for (const n of order) if (plan.accept === null || plan.accept(this.units[n])) units[count++] = n;
    return { matches: { units, scores: new Float64Array(0), count }, terms: [], scored: false };
  }

  /** Unit numbers in the order compareCandidates gives units of equal score. */
  private newestFirst(): Int32Array {
    const dates = [...new Set(this.units.map((u) => u.post.date).filter((d): d is string => d !== null))].sort().reverse();
    const rank = new Map<string | null, number>(dates.map((d, i) => [d, i]));
    rank.set(null, dates.length);
    const size = this.units.length;
    const keys = new Float64Array(size);
    for (let n = 0; n < size; n++) keys[n] = rank.get(this.units[n].post.date)! * size + this.units[n].n;
    keys.sort();
    const order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[i] = keys[i] % size;
    return order;
  }

  private toHit(c: Candidate, phraseMatchers: RegExp[]): SearchHit {
    const u = c.unit;
    const highlights = highlightSpans(u.text, new Set(c.terms), phraseMatchers);
    // Only a page of hits is built, so finding the comment in its thread costs nothing that matters.
    const comment = u.kind === 'comment' ? u.post.comments.find((x) => x.id === u.id) : undefined;
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
      url: comment?.url ?? u.post.url,
      published: comment?.published ?? null,
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
