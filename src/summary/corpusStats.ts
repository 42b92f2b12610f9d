/**
 * How common each term is across the archive, counted per thread (a post with all its comments is one document).
 * A thread's distinguishing terms are the ones it uses a lot and the rest of the archive rarely: "probation" is in
 * every thread and says nothing; "mustard" or "Lammy" says what this one was about.
 */
import type { Archive, Post } from '../corpus/types';
import { processTerm, WordTable } from '../text';

export interface CorpusStats {
  /** Number of threads counted. */
  documents: number;
  /** Stemmed term → number of threads that use it. */
  documentFrequency: ReadonlyMap<string, number>;
}

/** The readable text of a thread: title, body and every comment that was not removed. */
export function threadTexts(post: Post): string[] {
  const texts = [post.title ?? '', post.body];
  for (const c of post.comments) if (!c.removed) texts.push(c.text);
  return texts;
}

/**
 * Counts, for each term, the threads that use it. Reading every word is the cost at archive scale (~11 million words),
 * so each word is looked up straight from the text in a table of the archive's distinct (lower-cased) spellings (see
 * WordTable: no substring, no regular expression, no Map per word), which gives it a small integer; "already counted
 * for this thread" is then an array compare, not a Set. Stemming runs once per distinct spelling of the whole archive.
 */
class DocumentFrequencyCounter {
  private readonly table = new WordTable();
  /** Term id of each spelling id, or -1 when the spelling is not an index term (stop words, single letters). */
  private readonly termOfWord: number[] = [];
  private readonly idOfTerm = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly threads: number[] = [];
  /** The last thread (1-based) that counted each term. */
  private readonly lastThread: number[] = [];
  private readonly ids: number[] = [];
  private readonly starts: number[] = [];
  private thread = 0;
  documents = 0;

  private readonly addWord = (word: string): void => {
    this.termOfWord.push(this.termId(processTerm(word)));
  };

  private termId(term: string | null): number {
    if (term === null) return -1;
    let id = this.idOfTerm.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.idOfTerm.set(term, id);
      this.terms.push(term);
      this.threads.push(0);
      this.lastThread.push(0);
    }
    return id;
  }

  addThread(post: Post): void {
    const thread = ++this.thread;
    this.documents++;
    const { ids, termOfWord, lastThread, threads } = this;
    for (const text of threadTexts(post)) {
      ids.length = 0;
      this.starts.length = 0;
      // processTerm folds case anyway: lower-casing a whole text at once makes "Probation" and "probation" one spelling.
      // Unless it changed the length: "İ" lower-cases to "i" and a combining dot, which is no letter and would split
      // "İstanbul" in two, where the index (folding each word) sees one word.
      const lower = text.toLowerCase();
      this.table.idsOf(lower.length === text.length ? lower : text, ids, this.starts, this.addWord);
      for (let k = 0; k < ids.length; k++) {
        const term = termOfWord[ids[k]];
        if (term >= 0 && lastThread[term] !== thread) {
          lastThread[term] = thread;
          threads[term]++;
        }
      }
    }
  }

  stats(): CorpusStats {
    const documentFrequency = new Map<string, number>();
    for (let id = 0; id < this.terms.length; id++) documentFrequency.set(this.terms[id], this.threads[id]);
    return { documents: this.documents, documentFrequency };
  }
}

/** Counts document frequencies over all posts; built once at start-up (a few seconds on the full archive). */
export function buildCorpusStats(archive: Pick<Archive, 'posts'>): CorpusStats {
  const counter = new DocumentFrequencyCounter();
  for (const post of archive.posts) counter.addThread(post);
  return counter.stats();
}

/**
 * Smoothed inverse document frequency: never negative, and a term unknown to the corpus (a post summarised before
 * the stats were rebuilt) counts as rare rather than failing.
 */
export function smoothedIdf(documents: number, documentFrequency: number): number {
  return Math.log((documents + 1) / (documentFrequency + 1)) + 1;
}

/**
 * The same as `buildCorpusStats`, but yielding to the event loop every `postsPerSlice` posts, so a bot that builds
 * the stats after connecting keeps answering interactions meanwhile.
 */
export async function buildCorpusStatsAsync(archive: Pick<Archive, 'posts'>, postsPerSlice = 200): Promise<CorpusStats> {
  const counter = new DocumentFrequencyCounter();
  const posts = archive.posts;
  for (let i = 0; i < posts.length; i++) {
    counter.addThread(posts[i]);
    if ((i + 1) % postsPerSlice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return counter.stats();
}
