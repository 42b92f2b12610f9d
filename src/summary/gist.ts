/**
 * The post's gist: the two or three sentences of its body that carry it, in the post's own order, each with whose
 * words it is. Centrality finds what the post keeps coming back to; the priors favour its lead (bloggers say what a
 * post is about first), sentences that echo the title, and the blogger's own words over the passages the post
 * quotes: a post that quotes a farewell letter is the blogger's take on it, and the letter's sentences shown as the
 * blogger's would put the letter-writer's words in the blogger's mouth. A quoted sentence may still be the clearest
 * statement of what the post is about; it is then shown with its speaker, and at most one is used when the blogger
 * said enough.
 */
import { splitSentences, truncateText } from '../text';
import type { AnalyzedText } from './analysis';
import { idVector } from './centrality';
import type { TermVector } from './centrality';
import { rankSentences } from './rankSentences';
import { looksLikeHeading } from './sentenceShape';
import { GIST_MAX_CHARS, UNNAMED_SPEAKER, type GistSentence } from './types';
import { voiceAt, voicesOf, type Voice, type VoiceSegment } from './voices';

/** Longer "sentences" are usually pasted lists or run-ons: poor gist material. */
const GIST_SENTENCE_MAX_CHARS = 1000;
/** Fewer index terms than this is a heading, a signature or a separator ("Justin Russell", "--oo00oo--"). */
const GIST_SENTENCE_MIN_TERMS = 4;
/** The separator a renderer puts between gist sentences, counted against the limit. */
const JOIN_CHARS = 2;
/** How much a quoted sentence's prior counts against the blogger's own. */
const QUOTED_WEIGHT = 0.35;

export function gistSentence(text: string, voice: Voice | null): GistSentence {
  return voice ? { text, speaker: voice.speaker ?? UNNAMED_SPEAKER, quoted: voice.kind } : { text, speaker: null, quoted: null };
}

/**
 * `body` is the analysed post body and `voices` its voices (see `voicesOf`); `titleTerms` the term ids of its title
 * (may be empty); `vocabularySize` the number of term ids in use (the thread's vocabulary).
 */
export function postGist(
  body: AnalyzedText,
  voices: readonly VoiceSegment[],
  titleTerms: number[],
  idf: (termId: number) => number,
  vocabularySize: number,
): GistSentence[] {
  const sentences = body.sentences;
  if (sentences.length === 0) return [];
  const terms = body.sentenceTerms;
  let candidates = sentences
    .map((_, i) => i)
    .filter(
      (i) =>
        terms[i].length >= GIST_SENTENCE_MIN_TERMS &&
        sentences[i].text.length <= GIST_SENTENCE_MAX_CHARS &&
        !looksLikeHeading(sentences[i].text),
    );
  if (candidates.length === 0) candidates = sentences.map((_, i) => i).filter((i) => terms[i].length > 0);
  if (candidates.length === 0) return [];
  const voice = candidates.map((i) => voiceAt(voices, sentences[i].start));

  const title = idVector(titleTerms, idf);
  const titleWeight = new Map<number, number>();
  title.ids.forEach((id, k) => titleWeight.set(id, title.weights[k]));
  const vectors = candidates.map((i) => idVector(terms[i], idf));
  // The lead is counted within each voice: a quoted letter also says what it is about first.
  const leadRank = new Map<Voice | null, number>();
  const priors = candidates.map((i, k) => {
    const rankInVoice = leadRank.get(voice[k]) ?? 0;
    leadRank.set(voice[k], rankInVoice + 1);
    const lead = 1 / Math.sqrt(1 + rankInVoice);
    const substance = Math.min(1, terms[i].length / 10);
    return lead * (0.5 + substance) * (1 + 2 * cosineWithTitle(vectors[k], titleWeight)) * (voice[k] ? QUOTED_WEIGHT : 1);
  });
  const ranked = rankSentences(
    candidates.map((i) => terms[i]),
    priors,
    idf,
    vocabularySize,
    vectors,
  );
  const order = candidates.map((_, k) => k).sort((a, b) => ranked.rank[b] * priors[b] - ranked.rank[a] * priors[a] || a - b);

  const want = candidates.length >= 6 ? 3 : Math.min(2, candidates.length);
  const own = voice.filter((v) => v === null).length;
  // Mainly the blogger's words: quoted sentences fill in only where the blogger said too little, one at most otherwise.
  const maxQuoted = Math.max(1, want - own);
  const picked: number[] = [];
  let quoted = 0;
  let used = 0;
  for (const k of order) {
    if (picked.length >= want) break;
    if (voice[k] && quoted >= maxQuoted) continue;
    const len = sentences[candidates[k]].text.length + (picked.length > 0 ? JOIN_CHARS : 0);
    if (used + len > GIST_MAX_CHARS) continue;
    // Two near-identical sentences (a pasted quote repeated) waste the gist.
    if (picked.some((p) => ranked.similarity(p, k) > 0.8)) continue;
    picked.push(k);
    if (voice[k]) quoted++;
    used += len;
  }
  if (picked.length === 0) return [gistSentence(truncateText(sentences[candidates[order[0]]].text, GIST_MAX_CHARS), voice[order[0]])];
  return picked.sort((a, b) => a - b).map((k) => gistSentence(sentences[candidates[k]].text, voice[k]));
}

function cosineWithTitle(v: TermVector, titleWeight: Map<number, number>): number {
  if (titleWeight.size === 0) return 0;
  let dot = 0;
  v.ids.forEach((id, k) => (dot += v.weights[k] * (titleWeight.get(id) ?? 0)));
  return dot;
}

/**
 * The post's opening sentences with whose words each is, for when no summary is at hand (the daily post without a
 * summariser): the blogger's own first, a quoted passage's only when the blogger wrote too little.
 */
export function openingGist(body: string, count: number): GistSentence[] {
  const voices = voicesOf(body);
  // Headings and sign-offs ("A Message to Staff from Jane Smith", "Chief Probation Officer") are no sentences to show.
  const sentences = splitSentences(body)
    .filter((s) => !looksLikeHeading(s.text))
    .map((s) => ({ at: s.start, sentence: gistSentence(s.text, voiceAt(voices, s.start)) }));
  const own = sentences.filter((s) => s.sentence.speaker === null).slice(0, count);
  const quoted = sentences.filter((s) => s.sentence.speaker !== null).slice(0, count - own.length);
  return [...own, ...quoted].sort((a, b) => a.at - b.at).map((s) => s.sentence);
}
