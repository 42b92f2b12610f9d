/**
 * `npx tsx scripts/judge-synthetic.ts` rewrites the grades of the relevance set's `synthetic` queries (run it again
 * when the synthetic archive's generator changes: the evaluation skips those queries until then).
 *
 * The synthetic archive's words are generated (Zipf-distributed, mostly invented), so a reader cannot judge what a
 * comment means, only where and how the query's words occur in it. Those queries are therefore graded by a stated
 * rubric, over EVERY unit of the archive (so no unit is ever unjudged), and the seeds' queries, which are real
 * English, are graded by reading. The rubric is what a reader would apply to these units:
 *   3  the unit's own text has the words (as a phrase when the query is a phrase or a two-word name) and is
 *      substantive: at least SUBSTANTIVE_WORDS words;
 *   2  the same in a shorter unit (a one-line mention);
 *   1  only the post's title has them (the passage quoted says nothing of it), or the text has them apart, or a
 *      name is only mentioned in passing;
 *   0  anything else, including a match only through a signature line.
 * For a name (`Getafix`, `Jim`), a comment SIGNED with it is what the reader wants (3 or 2 by the same length rule);
 * a mention of the name in the text is 1.
 */
import { writeFileSync } from 'node:fs';
import { parseQuery } from '../src/search';
import { findSpans, phraseMatcher } from '../src/search/phrases';
import { authorMatcher } from '../src/search/authors';
import { isStopWord, tokenize } from '../src/text';
import type { SearchUnit } from '../src/search/units';
import { GENERATOR_VERSION } from './lib/syntheticArchive';
import { loadRelevanceSet, openEngines, RELEVANCE_SET_FILE } from './lib/relevanceEval';

/** A unit at least this long says something; shorter is a one-line mention. */
export const SUBSTANTIVE_WORDS = 25;

function wordCount(text: string): number {
  return tokenize(text).length;
}

/** The rubric for one query over one unit (see the top of this file). */
function grade(query: string, unit: SearchUnit, names: ReadonlySet<string>): number {
  const parsed = parseQuery(query);
  if (parsed.kind !== null && unit.kind !== parsed.kind) return 0;
  const long = wordCount(unit.text) >= SUBSTANTIVE_WORDS;
  const title = unit.titled ? (unit.post.title ?? '') : '';
  const words = [...parsed.words, ...parsed.phrases];
  const whole = words.join(' ');
  if (words.length === 1 && names.has(whole.toLowerCase())) {
    if (authorMatcher(whole)(unit.author)) return long ? 3 : 2;
    const mention = phraseMatcher(whole)!;
    return findSpans(unit.text, mention).length > 0 || findSpans(title, mention).length > 0 ? 1 : 0;
  }
  const asPhrase = parsed.phrases.length > 0 || words.length === 1 || isPhraseQuery(parsed.words);
  const needles = asPhrase ? [whole] : words;
  const inText = needles.every((n) => findSpans(unit.text, phraseMatcher(n)!).length > 0);
  if (inText) return long ? 3 : 2;
  const inTitleOrText = needles.every((n) => findSpans(`${title}\n${unit.text}`, phraseMatcher(n)!).length > 0);
  if (inTitleOrText) return 1;
  // The words apart: marginal, unless one of them is a word every unit has ("One" of One HMPPS).
  const parts = tokenize(whole).map((t) => t.text);
  if (parts.length > 1 && parts.some((p) => isStopWord(p) || COMMON.has(p.toLowerCase()))) return 0;
  const apart = parts.every((p) => findSpans(`${title}\n${unit.text}`, phraseMatcher(p)!).length > 0);
  return apart ? 1 : 0;
}

/** Words too common in the generated text for their presence alone to mean anything. */
const COMMON = new Set(['one']);

/** Two capitalised or known multi-word terms typed without quotes are still read as the phrase they name. */
function isPhraseQuery(words: readonly string[]): boolean {
  return words.length === 2 && PHRASE_QUERIES.has(words.join(' ').toLowerCase());
}
const PHRASE_QUERIES = new Set([
  'pay offer',
  'probation officer',
  'one hmpps',
  'industrial action',
  'senior management',
  'transforming rehabilitation',
]);

async function main(): Promise<number> {
  const set = loadRelevanceSet();
  const engines = await openEngines('synthetic', set);
  const names = new Set(['getafix', 'jim']);
  let graded = 0;
  for (const q of set.queries) {
    if (q.archive !== 'synthetic') continue;
    const grades: Record<string, number> = {};
    for (const unit of engines.index.units) {
      const g = grade(q.query, unit, names);
      if (g > 0) grades[unit.id] = g;
    }
    q.grades = grades;
    graded += Object.keys(grades).length;
  }
  engines.fts.close();
  set.synthetic.generatorVersion = GENERATOR_VERSION;
  writeFileSync(RELEVANCE_SET_FILE, JSON.stringify(set, null, 1) + '\n');
  process.stderr.write(`graded ${graded} synthetic units into ${RELEVANCE_SET_FILE}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`judge-synthetic: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  },
);
