/**
 * "More like this": the comments most like a given one, found by its most distinctive words. The words are weighed
 * by tf-idf over the text field; the search is an any-word query of the best dozen, each word boosted by its weight,
 * scored like MiniSearch's OR search with `boostTerm` (the evaluator's optional words), text field only. Never the
 * comment itself, nor a copy of it (the same text posted twice), nor a post passage.
 */
import { termsOf } from '../text';
import type { Candidate, Paging } from './paging';
import type { Segments } from './segments';
import type { ExpandedTerm, TermEvaluator } from './termQuery';
import type { UnitTable } from './unitTable';

/** "More like this" asks for the comment's most distinctive terms, this many. */
const SIMILAR_TERMS = 12;

export interface SimilarContext {
  table: UnitTable;
  segments: Segments;
  evaluator: TermEvaluator;
  paging: Paging;
  textField: number;
}

/** The best `limit` comments like comment unit `source`, best first, and the terms searched (for highlighting). */
export function similarUnits(ctx: SimilarContext, source: number, limit: number): { candidates: Candidate[]; terms: ExpandedTerm[] } {
  const { table, segments, textField } = ctx;
  const text = table.text(source);
  const frequencies = new Map<string, number>();
  for (const term of termsOf(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const n = table.size;
  const weights: Array<[string, number, ExpandedTerm]> = [];
  for (const [term, tf] of frequencies) {
    const postings = segments.lookup(term);
    const df = postings?.fields.find((f) => f.field === textField)?.size ?? 0;
    // A term in only this comment finds nothing else; one in most units says nothing about this one.
    if (!postings || df <= 1 || df > n / 2) continue;
    const textOnly = { ...postings, fields: postings.fields.filter((f) => f.field === textField) };
    weights.push([term, (1 + Math.log(tf)) * Math.log(1 + n / df), { source: term, variants: [{ term, weight: 1, postings: textOnly }] }]);
  }
  const top = weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SIMILAR_TERMS);
  if (top.length === 0) return { candidates: [], terms: [] };
  const max = top[0][1];
  const optional = top.map(([, weight, term]) => ({ ...term, variants: term.variants.map((v) => ({ ...v, weight: weight / max })) }));
  const hash = table.textHash(source);
  const matches = ctx.evaluator.run(
    [],
    optional,
    (u) => table.isComment(u) && u !== source && (table.textHash(u) !== hash || table.text(u) !== text),
  );
  return { candidates: ctx.paging.best(matches, Math.max(0, limit)), terms: optional };
}
