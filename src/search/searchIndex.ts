/**
 * The search index of the archive: what /search, "more like this" and the CLI call. It composes the roles, each in
 * its own file: the unit table (unitTable.ts: what the units are), the frozen index (segments.ts, postings.ts,
 * phraseIndex.ts; built by indexBuilder.ts through MiniSearch), query planning (queryPlan.ts), evaluation
 * (termQuery.ts), ranking (ranking/: names, per-unit priors, the evidence step on the best hits), order and paging
 * (paging.ts), "more like this" (similar.ts), and the hits a page shows (highlights.ts, snippet.ts).
 * Its types are in searchTypes.ts; building one from an archive is buildIndex.ts.
 *
 * Query strategy (decided with the relevance suite in test/search and the relevance set of docs/relevance.md):
 *  1. every word required, exact terms (stemmed and folded, stop words dropped);
 *  2. if that finds fewer than MIN_HITS, words of 5+ letters also match with one or two typos and the word still being
 *     typed matches as a prefix;
 *  3. if that still finds fewer than MIN_HITS, any of the words will do (phrases, filters and exclusions still hold).
 * The stages depend only on the query, never on the page asked for, so paging and totals stay consistent.
 *
 * Posts and comments can be added to a loaded index (`addPosts`, `addComments`): they are indexed into a small
 * segment of their own and found at once, with BM25 statistics over everything.
 */
import { TermCache } from '../text';
import type { Comment, Post } from '../corpus/types';
import { completeAuthors, countAuthors, type AuthorCount } from './authors';
import { queryHighlights } from './highlights';
import { buildSegment } from './indexBuilder';
import { AUTHOR_FIELD_ID, FIELDS, TEXT_FIELD_ID } from './miniSearchOptions';
import { Paging, type Candidate, type Ranked } from './paging';
import { PhraseIndex } from './phraseIndex';
import { Postings } from './postings';
import { QueryPlanner, type Plan } from './queryPlan';
import { parseQuery, QueryError, withFilters, type ParsedQuery } from './queryParser';
import type { QueryWords } from './ranking/occurrences';
import { Ranker, RANKING_WEIGHTS, type RankingWeights } from './ranking/ranker';
import { Segments, type Segment } from './segments';
import { similarUnits } from './similar';
import { DEFAULT_SNIPPET_LENGTH, highlightSpans, makeSnippet } from './snippet';
import { expandTerm, TermEvaluator, type ExpandedTerm } from './termQuery';
import type { SearchUnit, Span } from './units';
import type { UnitTable } from './unitTable';
import type { IndexData, SearchHit, SearchIndexOptions, SearchOptions, SearchResults } from './searchTypes';

/** Fewer hits than this and the next, looser stage runs. */
const MIN_HITS = 5;
/** The evidence step (ranking/evidence.ts) reads the text of this many of the best hits (a fixed number, so every page sees the same order). */
const RERANK_WINDOW = 100;
/** Added posts and comments go into small segments; beyond this many, the small ones are merged into one. */
const MAX_SMALL_SEGMENTS = 4;

/** The matches of a query with what its stage matched (for the evidence step and highlighting). */
interface Evaluated extends Ranked {
  terms: ExpandedTerm[];
}

/** A candidate of the window: made into a unit, since the evidence step reads its text. */
interface WindowCandidate extends Candidate {
  unit: SearchUnit;
}

/** A query run through every stage but paging (see SearchIndex#run). */
interface Run {
  plan: Plan;
  evaluated: Evaluated;
  words: QueryWords;
  /** The best RERANK_WINDOW after the evidence step, in the final order (empty for filter-only scans). */
  window: WindowCandidate[];
  /** Unit numbers of the window before the evidence step. */
  inWindow: ReadonlySet<number>;
  /** Unit numbers the evidence step dropped: not hits, not in the total. */
  dropped: ReadonlySet<number>;
}

export class SearchIndex {
  private readonly table: UnitTable;
  private readonly snippetLength: number;
  /** Terms of the words highlighted in "more like this" hits, remembered (the same words recur from hit to hit). */
  private readonly termCache = new TermCache();
  private segmentList: Segment[];
  private segments!: Segments;
  private evaluator!: TermEvaluator;
  private planner!: QueryPlanner;
  private paging!: Paging;
  private ranker!: Ranker;
  private readonly ranking: RankingWeights;
  private authorCounts: AuthorCount[] | null = null;
  /** Units of comments removed on the blog after they were indexed (withdrawComments): never matched again. */
  private readonly withdrawn = new Set<number>();
  private unitObjects: SearchUnit[] | null = null;

  constructor(data: IndexData, options: SearchIndexOptions = {}) {
    this.table = data.table;
    this.segmentList = [...data.segments];
    this.snippetLength = options.snippetLength ?? DEFAULT_SNIPPET_LENGTH;
    this.ranking = options.ranking ?? RANKING_WEIGHTS;
    this.refresh();
  }

  /** Number of searchable units (comments and post passages). */
  get size(): number {
    return this.table.size;
  }

  /** Every unit, in unit order (made on first use: for tools like the benchmark's baseline, not for queries). */
  get units(): readonly SearchUnit[] {
    return (this.unitObjects ??= Array.from({ length: this.table.size }, (_, n) => this.table.unit(n)));
  }

  /** What the index is made of, for the cache. */
  get data(): IndexData {
    return { table: this.table, segments: this.segmentList };
  }

  /** A unit by its id (comment id or `${postId}#p${n}`). */
  unit(id: string): SearchUnit | undefined {
    const n = this.table.find(id);
    return n < 0 ? undefined : this.table.unit(n);
  }

  /** The signatures in the archive, most frequent first. */
  authors(): AuthorCount[] {
    return this.countedAuthors().slice();
  }

  autocompleteAuthors(prefix: string, limit = 25): AuthorCount[] {
    return completeAuthors(this.countedAuthors(), prefix, limit);
  }

  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = withFilters(typeof query === 'string' ? parseQuery(query) : query, options.filters);
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const run = this.run(parsed);
    const page = this.paging.page({ ...run.evaluated, window: run.window, inWindow: run.inWindow, dropped: run.dropped }, offset, limit);
    const hits = page.map((c) => {
      const unit = (c as Partial<WindowCandidate>).unit ?? this.table.unit(c.n);
      return this.toHit(c, unit, queryHighlights(unit.text, run.words, run.plan.phraseMatchers));
    });
    return { total: run.evaluated.matches.count - run.dropped.size, hits, query: parsed };
  }

  /**
   * Every unit the query matches, found by the same stages as `search` (so there are exactly `search(query).total`),
   * in no particular order: for counting over all of them (src/insights), where one page is not enough. The units
   * are light: their post, kind and author are at hand; their id, position and text are read when asked for.
   */
  matchingUnits(query: string | ParsedQuery): SearchUnit[] {
    const { evaluated, dropped } = this.run(typeof query === 'string' ? parseQuery(query) : query);
    const { units, count } = evaluated.matches;
    const out: SearchUnit[] = [];
    for (let i = 0; i < count; i++) if (!dropped.has(units[i])) out.push(this.table.unit(units[i]));
    return out;
  }

  /**
   * A query through every stage but paging: the matches (with the priors applied), and the best RERANK_WINDOW after
   * the evidence step (ranking/evidence.ts), in the final order, with the units it dropped.
   */
  private run(parsed: ParsedQuery): Run {
    const plan = this.withoutWithdrawn(this.planner.plan(parsed));
    const evaluated = this.evaluate(plan);
    const names = new Set(plan.terms.filter((t) => t.name).map((t) => t.term));
    const words = this.ranker.queryWords(plan.terms, evaluated.terms, names, [...parsed.words, ...parsed.phrases]);
    if (!evaluated.scored) return { plan, evaluated, words, window: [], inWindow: new Set(), dropped: new Set() };
    this.ranker.applyPriors(evaluated.matches);
    const best = this.paging
      .best(evaluated.matches, Math.min(evaluated.matches.count, RERANK_WINDOW))
      .map((c) => ({ ...c, unit: this.table.unit(c.n) }));
    const { candidates, dropped } = this.ranker.rerank(best, words, plan.phraseMatchers);
    candidates.sort(this.paging.compare);
    return {
      plan,
      evaluated,
      words,
      window: candidates,
      inWindow: new Set(best.map((c) => c.n)),
      dropped: new Set(dropped.map((c) => c.n)),
    };
  }

  /** The comments most like the given one (by its most distinctive words), best first, never the comment itself. */
  similar(commentId: string, limit = 5): SearchHit[] {
    const n = this.table.find(commentId.trim());
    if (n < 0 || !this.table.isComment(n)) {
      throw new QueryError(`No comment "${commentId}" in the archive: comment ids look like <post id>-<position>, e.g. 5d0eacbc-2.3.`);
    }
    const context = {
      table: this.table,
      segments: this.segments,
      evaluator: this.evaluator,
      paging: this.paging,
      textField: TEXT_FIELD_ID,
    };
    const found = similarUnits(context, n, limit + this.withdrawn.size);
    const candidates = found.candidates.filter((c) => !this.withdrawn.has(c.n)).slice(0, limit);
    const terms = found.terms;
    return candidates.map((c) => {
      const unit = this.table.unit(c.n);
      return this.toHit(c, unit, highlightSpans(unit.text, new Set(this.evaluator.matchedTerms(c.n, terms)), [], this.termCache.term));
    });
  }

  /**
   * Indexes new posts with their comments, searchable at once (in totals, hits, snippets and "more like this").
   * The posts are not added to any Archive: the caller keeps its archive and this index in step.
   */
  addPosts(posts: readonly Post[]): void {
    if (posts.length === 0) return;
    const from = this.table.size;
    for (const post of posts) this.table.appendPost(post);
    this.addSegment(from);
  }

  /**
   * Indexes comments added to a post the index already holds (`post` is the same object), searchable at once. The
   * comments must already be in `post.comments` (appended at its end), as /thread and the comment view read them
   * from there.
   */
  addComments(post: Post, comments: readonly Comment[]): void {
    if (comments.length === 0) return;
    const p = this.table.posts.indexOf(post);
    if (p < 0) throw new Error(`addComments: post ${post.id} is not in the index (add it with addPosts)`);
    const offset = post.comments.indexOf(comments[0]);
    if (offset < 0 || comments.some((c, i) => post.comments[offset + i] !== c)) {
      throw new Error(`addComments: the comments must be in post ${post.id}'s comments, in order`);
    }
    const from = this.table.size;
    this.table.appendComments(p, comments, offset);
    this.addSegment(from);
  }

  /**
   * Comments removed on the blog since they were indexed (their objects already say `removed`): their units are never
   * matched, counted or suggested again. Frozen segments are not rewritten; the next full build leaves them out.
   * Returns how many were withdrawn now.
   */
  withdrawComments(ids: readonly string[]): number {
    let count = 0;
    for (const id of ids) {
      const n = this.table.find(id);
      if (n < 0 || !this.table.isComment(n) || this.withdrawn.has(n)) continue;
      this.withdrawn.add(n);
      count++;
    }
    if (count > 0) this.authorCounts = null;
    return count;
  }

  private withoutWithdrawn(plan: Plan): Plan {
    if (this.withdrawn.size === 0) return plan;
    const { accept } = plan;
    const withdrawn = this.withdrawn;
    return { ...plan, accept: (n) => !withdrawn.has(n) && (accept === null || accept(n)) };
  }

  private addSegment(from: number): void {
    if (this.table.size === from) return;
    this.segmentList.push(buildSegment(this.table, from, this.table.size));
    if (this.segmentList.length > 1 + MAX_SMALL_SEGMENTS) {
      const small = this.segmentList.slice(1);
      this.segmentList = [
        this.segmentList[0],
        { postings: Postings.merge(small.map((s) => s.postings)), phrases: PhraseIndex.merge(small.map((s) => s.phrases)) },
      ];
    }
    this.refresh();
  }

  /** Rebuilds what depends on the set of units (after construction or an addition). */
  private refresh(): void {
    this.segments = new Segments(this.segmentList);
    // The vocabulary's radix trees, for prefix and fuzzy matching: made here, while the index opens, rather than
    // making whoever first searches with a typo wait for them.
    this.segments.prepareLookups();
    if (this.segments.unitLimit !== this.table.size)
      throw new Error(`the index covers ${this.segments.unitLimit} units, the unit table has ${this.table.size}`);
    this.evaluator = new TermEvaluator(
      this.segments,
      FIELDS.map((f) => (f === 'text' ? 1 : this.ranking.fields[f])),
    );
    this.ranker = new Ranker(this.table, this.segments, { text: TEXT_FIELD_ID, author: AUTHOR_FIELD_ID }, this.ranking);
    this.planner = new QueryPlanner(this.table, this.segments, (term) => this.ranker.isName(term));
    this.paging = new Paging(this.table);
    this.authorCounts = null;
    this.unitObjects = null;
  }

  private countedAuthors(): AuthorCount[] {
    if (this.authorCounts) return this.authorCounts;
    const counts = new Uint32Array(this.table.authorNames.length);
    for (let n = 0; n < this.table.size; n++) if (this.table.isComment(n) && !this.withdrawn.has(n)) counts[this.table.authorCode(n)]++;
    const names = this.table.authorNames;
    function* signed(): Generator<string | null> {
      for (let code = 0; code < counts.length; code++) for (let i = 0; i < counts[code]; i++) yield names[code];
    }
    return (this.authorCounts = countAuthors(signed()));
  }

  /** The query's matches: by its words through the stages of the strategy, or (filters only) every accepted unit. */
  private evaluate(plan: Plan): Evaluated {
    if (plan.terms.length === 0) return { ...this.paging.scan(plan.accept), terms: [] };
    // A word that is not a name is not looked for in signatures (ranking/ranker.ts).
    const expand = (t: Plan['terms'][number], loose: boolean) => {
      const expanded = expandTerm(this.segments, t, loose);
      return t.name ? expanded : this.ranker.withoutSignatures(expanded);
    };
    const exact = plan.terms.map((t) => expand(t, false));
    let evaluated = this.runStage(plan, exact, false);
    const canLoosen = plan.terms.some((t) => t.fuzzy || t.prefix);
    // The loose expansions (prefix and fuzzy look-ups in the vocabulary) are made once for both later stages.
    let loose: ExpandedTerm[] | null = null;
    const expandLoosely = () => (loose ??= plan.terms.map((t, i) => (t.fuzzy || t.prefix ? expand(t, true) : exact[i])));
    if (evaluated.matches.count < MIN_HITS && canLoosen) evaluated = this.runStage(plan, expandLoosely(), false);
    const optional = plan.terms.length - new Set(plan.phraseTerms).size;
    if (evaluated.matches.count < MIN_HITS && optional >= 2 && plan.terms.length >= 2) {
      const anyWord = this.runStage(plan, expandLoosely(), true);
      if (anyWord.matches.count > evaluated.matches.count) evaluated = anyWord;
    }
    return evaluated;
  }

  /** One stage of the strategy: every word required, or (anyWord) phrases plus any word. */
  private runStage(plan: Plan, terms: ExpandedTerm[], anyWord: boolean): Evaluated {
    const phraseTerms = new Set(plan.phraseTerms);
    const required = anyWord ? terms.filter((t) => phraseTerms.has(t.source)) : terms;
    const optional = anyWord ? terms.filter((t) => !phraseTerms.has(t.source)) : [];
    const matches = this.evaluator.run(required, optional, plan.accept ?? (() => true));
    return { matches, terms, scored: true };
  }

  private toHit(c: Candidate, u: SearchUnit, highlights: Span[]): SearchHit {
    const text = u.text;
    // Only a page of hits is built, so making the comment's thread costs nothing that matters.
    const comment = this.table.comment(c.n);
    return {
      id: u.id,
      kind: u.kind,
      postId: u.post.id,
      postTitle: u.post.title,
      postDate: u.post.date,
      author: u.author,
      position: u.position,
      text,
      snippet: makeSnippet(text, highlights, { maxLength: this.snippetLength }),
      score: Math.round(c.score * 1000) / 1000,
      url: comment?.url ?? u.post.url,
      published: comment?.published ?? null,
    };
  }
}
