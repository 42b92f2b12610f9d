/**
 * Which words of a thread are its writers' own: the blogger's outside the passages the post quotes, and each
 * commenter's outside what they quoted, pasted or copied from the post and earlier comments. Quotes, the gist and
 * the terms are drawn from these words only, so nothing is put in the mouth of someone who merely repeated it.
 */
import type { Comment, Post } from '../corpus/types';
import { analyzeText, ThreadVocabulary, type AnalyzedText, type SharedLexicon } from './analysis';
import { copiedSpans } from './copiedSpans';
import { pastedRanges } from './pasted';
import { quotationRanges, type TextRange } from './quotations';
import { voicesOf, type VoiceSegment } from './voices';

export interface ThreadOwnership {
  /** The post body's voices: the blogger's own words and the passages it quotes. */
  bodyVoices: VoiceSegment[];
  /** Per body word: 1 when it is the blogger's own. */
  bodyOwn: Uint8Array;
  /** Per comment (parallel to the comment texts given): 1 for each of its words that is the commenter's own. */
  commentOwn: Uint8Array[];
  /** Per comment: how many later comments copied words from it. */
  copiedBy: Int32Array;
}

/**
 * What a comment holds when it quotes or pastes anything: a quotation mark, a colon (an introduction, a pasted
 * header), a link, a pound sign, "the following", or a job advert's grade, salary or vacancy. Most comments hold
 * none of these and are all their writer's: one scan says so, and the line-by-line reading below is spent only on
 * the rest.
 */
const MAY_QUOTE = /["“”‘:£›]|http|www\.|ollowing|[Bb]and \d|[Gg]rade \d|alary|acanc|orkstream|econdment/;

/** Ranges of a comment that are not the commenter's own words, merged and in order. */
export function foreignRanges(text: string): TextRange[] {
  if (!MAY_QUOTE.test(text)) return [];
  const ranges: TextRange[] = [];
  for (const s of voicesOf(text, { writerSigns: true })) if (s.voice) ranges.push({ start: s.start, end: s.end });
  ranges.push(...quotationRanges(text), ...pastedRanges(text));
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** 1 for each word of `text` whose start lies outside every range (ranges in order). */
function outside(text: AnalyzedText, ranges: readonly { start: number; end: number }[]): Uint8Array {
  const own = new Uint8Array(text.words.length).fill(1);
  let r = 0;
  for (let k = 0; k < text.starts.length; k++) {
    const at = text.starts[k];
    while (r < ranges.length && ranges[r].end <= at) r++;
    if (r < ranges.length && ranges[r].start <= at) own[k] = 0;
  }
  return own;
}

/**
 * `body` is the analysed post body and `comments` the analysed readable comments in thread order, all read with the
 * same vocabulary (`termOfWord`).
 */
export function threadOwnership(body: AnalyzedText, comments: readonly AnalyzedText[], termOfWord: readonly number[]): ThreadOwnership {
  const bodyVoices = voicesOf(body.text);
  const bodyOwn = outside(
    body,
    bodyVoices.filter((s) => s.voice),
  );
  const { copied, copiedBy } = copiedSpans([body, ...comments], termOfWord);
  const commentOwn = comments.map((c, i) => {
    const own = outside(c, foreignRanges(c.text));
    const copy = copied[i];
    for (let k = 0; k < own.length; k++) if (copy[k]) own[k] = 0;
    return own;
  });
  return { bodyVoices, bodyOwn, commentOwn, copiedBy };
}

/**
 * The share of one comment's words that are the commenter's own (see `threadOwnership`), for a comment shown on its
 * own (the daily post): a comment that mostly quotes the post's letter or pastes an advert is not the commenter's
 * to be shown as their words. Reads the post and the comments up to this one: one thread, once a day.
 */
export function commentOwnShare(post: Post, comment: Comment, lexicon?: SharedLexicon): number {
  const vocabulary = new ThreadVocabulary(lexicon);
  const body = analyzeText(post.body, vocabulary);
  const earlier: AnalyzedText[] = [];
  for (const c of post.comments) {
    if (c.removed || !c.text.trim()) continue;
    earlier.push(analyzeText(c.text, vocabulary));
    if (c.id === comment.id) break;
  }
  if (comment.removed || earlier.length === 0) return 0;
  const { commentOwn } = threadOwnership(body, earlier, vocabulary.termOfWord);
  const own = commentOwn[commentOwn.length - 1];
  let mine = 0;
  for (let k = 0; k < own.length; k++) mine += own[k];
  return own.length === 0 ? 0 : mine / own.length;
}
