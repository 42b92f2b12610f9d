/**
 * Puts what a poll brought into the running bot, without a restart or a rebuild: new posts and comments are indexed
 * into small segments of their own (SearchIndex#addPosts / #addComments), comments removed since are marked removed
 * and withdrawn from the index, and everything derived from the archive that would otherwise go stale is extended or
 * dropped:
 *  - the post and comment look-up (custom_ids, "read in full", /thread by id) learns the new ids;
 *  - the thread finder (/thread by title or date, its autocomplete) is remade over the new post list when there are
 *    new posts (a grown thread is the same entry: it reads the post, whose comments grew in place);
 *  - the corpus statistics (each term's thread count, for summaries' key terms) gain the new and grown threads;
 *  - thread summaries: all cached ones are dropped, as changed statistics change every summary's key terms;
 *  - caches keyed by the Archive object (the daily post's choice pool, /random's pool, /help's figures and examples)
 *    and by its fingerprint (/trend and /author charts) see a new Archive, so they are recounted on next use. The
 *    daily-post scheduler holds the archive it started with: the bot restarts it (`onChange` in src/discord/bot.ts).
 * The archive's post array is copied, not changed in place: the compact store finds a comment's post by its row.
 */
import type { Archive, Comment, Post } from '../corpus/types';
import type { BotContext } from '../discord/context';
import { createSummarizer, ThreadFinder, type CorpusStats } from '../summary';
import { threadTexts } from '../summary/corpusStats';
import { comparePosts } from '../corpus/loadArchive';
import { termsOf } from '../text';

export interface LiveUpdate {
  /** Posts not in the archive before, with their comments. */
  newPosts: Post[];
  /** Comments new to posts already served: already built (positions, order), not yet in `post.comments`. */
  grown: Array<{ post: Post; comments: Comment[] }>;
  /** Comments served until now and removed on the blog since. */
  removed: Array<{ post: Post; comment: Comment }>;
}

export function isEmptyUpdate(update: LiveUpdate): boolean {
  return update.newPosts.length === 0 && update.grown.length === 0 && update.removed.length === 0;
}

function threadTerms(post: Post): Set<string> {
  const terms = new Set<string>();
  for (const text of threadTexts(post)) for (const term of termsOf(text)) terms.add(term);
  return terms;
}

/** Applies `update` to the context (see the module comment). Synchronous: no interaction sees half of it. */
export function applyLiveUpdate(context: BotContext, update: LiveUpdate, version: number): void {
  if (isEmptyUpdate(update)) return;
  const touched = new Set<Post>([...update.grown.map((g) => g.post), ...update.removed.map((r) => r.post)]);
  const termsBefore = new Map<Post, Set<string>>([...touched].map((post) => [post, threadTerms(post)]));

  for (const { comment } of update.removed) {
    comment.removed = true;
    comment.text = '';
    comment.author = null;
  }
  context.search.withdrawComments(update.removed.map((r) => r.comment.id));

  for (const { post, comments } of update.grown) {
    post.comments.push(...comments);
    context.search.addComments(post, comments);
    context.lookup.add(post, comments);
  }
  context.search.addPosts(update.newPosts);
  for (const post of update.newPosts) context.lookup.add(post);

  const posts = [...context.archive.posts, ...update.newPosts];
  if (update.newPosts.length > 0) posts.sort(comparePosts);
  const archive: Archive = { ...context.archive, posts, fingerprint: `${context.archive.fingerprint ?? 'unversioned'}+live${version}` };
  const stats = extendStats(context.summaries.stats, update.newPosts, termsBefore);
  context.archive = archive;
  if (update.newPosts.length > 0) context.threads = new ThreadFinder(archive.posts);
  context.summaries = createSummarizer(archive, { stats });
}

/** The statistics with the new threads counted and the changed ones recounted (terms they gained or lost). */
function extendStats(stats: CorpusStats, newPosts: readonly Post[], termsBefore: ReadonlyMap<Post, Set<string>>): CorpusStats {
  const frequency = new Map(stats.documentFrequency);
  const change = (term: string, by: number) => {
    const n = (frequency.get(term) ?? 0) + by;
    if (n > 0) frequency.set(term, n);
    else frequency.delete(term);
  };
  for (const post of newPosts) for (const term of threadTerms(post)) change(term, 1);
  for (const [post, before] of termsBefore) {
    const after = threadTerms(post);
    for (const term of after) if (!before.has(term)) change(term, 1);
    for (const term of before) if (!after.has(term)) change(term, -1);
  }
  return { documents: stats.documents + newPosts.length, documentFrequency: frequency };
}
