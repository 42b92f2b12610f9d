/**
 * The ranking steps between the query evaluator's BM25+ scores and a page of hits, behind a narrow interface so the
 * search index only calls it at three points: which words are names (before evaluating), the priors (on every
 * match), and the evidence step (on the best 100). See docs/relevance.md.
 */
import { termsOf } from '../../text';
import type { Segments } from '../segments';
import type { ExpandedTerm, Matches } from '../termQuery';
import type { SearchUnit, Span } from '../units';
import type { UnitTable } from '../unitTable';
import { boilerplateSpans } from './boilerplate';
import { EVIDENCE_WEIGHTS, evidenceFactor, type EvidenceWeights, type UnitContext } from './evidence';
import { QueryWords, type QueryWord } from './occurrences';
import { applyPriors, PRIOR_WEIGHTS, unitPriors, type PriorWeights } from './priors';

/**
 * A word is read as a name, and also searched in signatures, when it signs at least this share as many units as it
 * appears in the text of: "Getafix" and "Jim" sign comments about as often as they are written about, while
 * "probation" and "officer" (of the signature "Probation Officer, London") are written in thousands of comments for
 * every one they sign.
 */
export const NAME_RATIO = 0.1;

export interface FieldWeights {
  /** A post's title, carried by its first passage, against the text's 1. */
  title: number;
  /** A signature, for a word that is a name. */
  author: number;
}

export interface RankingWeights {
  /** MiniSearch field boosts: part of the BM25+ score itself (and passed to MiniSearch the same way). */
  fields: FieldWeights;
  priors: PriorWeights;
  evidence: EvidenceWeights;
}

export const RANKING_WEIGHTS: RankingWeights = { fields: { title: 1, author: 2 }, priors: PRIOR_WEIGHTS, evidence: EVIDENCE_WEIGHTS };

/** A query word as the search index planned it. */
export interface PlannedWord {
  term: string;
  word: string | null;
  prefix: boolean;
}

export interface Reranked<C extends { unit: SearchUnit; score: number }> {
  candidates: C[];
  /** Candidates removed because they matched only through the stemmer (see evidence.ts). */
  dropped: C[];
}

const EMPTY = new Set<string>();
const NO_SPANS: readonly Span[] = [];

export class Ranker {
  private readonly priors: Float32Array;
  /** Boilerplate lines per unit, found the first time a unit reaches an evidence window (most units never do). */
  private readonly boilerplate = new Map<number, readonly Span[]>();
  private readonly titleTerms = new Map<string, ReadonlySet<string>>();
  private readonly authorTerms = new Map<string, ReadonlySet<string>>();

  constructor(
    table: UnitTable,
    private readonly segments: Segments,
    private readonly fields: { text: number; author: number },
    private readonly weights: RankingWeights = RANKING_WEIGHTS,
  ) {
    this.priors = unitPriors(table, segments, fields.text, weights.priors);
  }

  /** Whether a query term is a name (see NAME_RATIO). */
  isName(term: string): boolean {
    const fields = this.segments.lookup(term)?.fields ?? [];
    const signed = fields.find((f) => f.field === this.fields.author)?.size ?? 0;
    if (signed === 0) return false;
    return signed >= NAME_RATIO * (fields.find((f) => f.field === this.fields.text)?.size ?? 0);
  }

  /** The term with its signature postings left out, for a word that is not a name. */
  withoutSignatures(term: ExpandedTerm): ExpandedTerm {
    const author = this.fields.author;
    const signs = (v: ExpandedTerm['variants'][number]) => v.postings.fields.some((f) => f.field === author);
    if (!term.variants.some(signs)) return term;
    return {
      source: term.source,
      variants: term.variants.map((v) => {
        if (!signs(v)) return v;
        const fields = v.postings.fields.filter((f) => f.field !== author);
        return { ...v, postings: { ...v.postings, fields, size: fields.reduce((n, f) => n + f.size, 0) } };
      }),
    };
  }

  applyPriors(matches: Matches): void {
    applyPriors(matches, this.priors);
  }

  /** The query's words with what the stage that matched found for each (its variants), for evidence and highlights. */
  queryWords(
    planned: readonly PlannedWord[],
    expanded: readonly ExpandedTerm[],
    names: ReadonlySet<string>,
    typed: readonly string[],
  ): QueryWords {
    const variantsOf = new Map(expanded.map((t) => [t.source, new Set(t.variants.map((v) => v.term).filter((v) => v !== t.source))]));
    const words: QueryWord[] = planned.map((p) => ({
      term: p.term,
      typed: p.word,
      prefix: p.prefix,
      variants: variantsOf.get(p.term) ?? EMPTY,
      name: names.has(p.term),
    }));
    return new QueryWords(words, typed);
  }

  /**
   * The evidence step over a window of candidates: rescored in place, pure stemmer conflations removed. Also marks
   * on `words` which words the window never has in a typed form (QueryWords.formless), for the highlighter.
   */
  rerank<C extends { unit: SearchUnit; score: number }>(window: C[], words: QueryWords, phrases: readonly RegExp[]): Reranked<C> {
    const contexts = window.map((c) => this.context(c.unit));
    let scanned = window.map((c, k) => words.scan(c.unit.text, contexts[k].boilerplate));
    const formSeen = new Set<number>();
    for (const occurrences of scanned) for (const o of occurrences) if (o.kind === 'form') formSeen.add(o.word);
    const formless = words.words
      .map((_, i) => i)
      .filter((i) => !formSeen.has(i) && scanned.some((list) => list.some((o) => o.word === i && o.kind === 'collision')));
    if (formless.length > 0) {
      for (const i of formless) words.formless.add(i);
      scanned = window.map((c, k) => words.scan(c.unit.text, contexts[k].boilerplate));
    }
    const kept: C[] = [];
    const dropped: C[] = [];
    for (let k = 0; k < window.length; k++) {
      const c = window[k];
      const factor = evidenceFactor(c.unit, words, scanned[k], phrases, contexts[k], this.weights.evidence);
      if (factor === null) {
        dropped.push(c);
        continue;
      }
      c.score *= factor;
      kept.push(c);
    }
    return { candidates: kept, dropped };
  }

  private context(unit: SearchUnit): UnitContext {
    let boilerplate = this.boilerplate.get(unit.n);
    if (!boilerplate) {
      const spans = boilerplateSpans(unit.text);
      this.boilerplate.set(unit.n, (boilerplate = spans.length > 0 ? spans : NO_SPANS));
    }
    return {
      boilerplate,
      titleTerms: unit.titled && unit.post.title ? this.terms(this.titleTerms, unit.post.id, unit.post.title) : EMPTY,
      authorTerms: unit.author ? this.terms(this.authorTerms, unit.author, unit.author) : EMPTY,
    };
  }

  private terms(cache: Map<string, ReadonlySet<string>>, key: string, text: string): ReadonlySet<string> {
    let terms = cache.get(key);
    if (!terms) cache.set(key, (terms = new Set(termsOf(text))));
    return terms;
  }
}
