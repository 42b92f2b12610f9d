/**
 * How a reader is told whose words a passage of a post is: "Sonia Flynn, in the letter the post quotes". One
 * wording for every place a gist is shown (Discord, the console, the CLI, the daily post), so a quoted letter reads
 * the same everywhere and is never shown bare as the blogger's.
 */
import type { QuoteKind } from './speakers';
import { UNNAMED_SPEAKER } from './types';

export interface VoiceLabel {
  /** The speaker's name, to be shown first (bold where the medium allows); null when the post does not say. */
  name: string | null;
  /** The rest: ", in the letter the post quotes", or the whole label when there is no name. */
  rest: string;
}

const NAMED: Record<QuoteKind, string> = {
  letter: ', in the letter the post quotes',
  statement: ', in the statement the post quotes',
  repost: ', in the comment the post reposts',
  quotation: ', quoted in the post',
};

const UNNAMED: Record<QuoteKind, string> = {
  letter: 'From a letter the post quotes (its writer not named)',
  statement: 'From a statement the post quotes (its source not named)',
  repost: "From a reader's comment the post reposts",
  quotation: 'Quoted in the post (its source not named)',
};

/** Null for the blogger's own words: they need no label. */
export function voiceLabel(speaker: string | null, quoted: QuoteKind | null): VoiceLabel | null {
  if (!quoted) return null;
  if (!speaker || speaker === UNNAMED_SPEAKER) return { name: null, rest: UNNAMED[quoted] };
  return { name: speaker, rest: NAMED[quoted] };
}

/** The label as plain text ("Sonia Flynn, in the letter the post quotes"); null for the blogger's own words. */
export function voiceLabelText(speaker: string | null, quoted: QuoteKind | null): string | null {
  const label = voiceLabel(speaker, quoted);
  return label ? `${label.name ?? ''}${label.rest}` : null;
}

/** Consecutive sentences of one voice, so a label is shown once per passage rather than once per sentence. */
export function groupByVoice<T extends { text: string; speaker: string | null; quoted: QuoteKind | null }>(
  sentences: readonly T[],
): { speaker: string | null; quoted: QuoteKind | null; texts: string[] }[] {
  const groups: { speaker: string | null; quoted: QuoteKind | null; texts: string[] }[] = [];
  for (const s of sentences) {
    const last = groups[groups.length - 1];
    if (last && last.speaker === s.speaker && last.quoted === s.quoted) last.texts.push(s.text);
    else groups.push({ speaker: s.speaker, quoted: s.quoted, texts: [s.text] });
  }
  return groups;
}
