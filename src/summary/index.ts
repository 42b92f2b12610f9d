export { buildCorpusStats, buildCorpusStatsAsync } from './corpusStats';
export type { CorpusStats } from './corpusStats';
export { summarizeThread } from './summarizeThread';
export { createSummarizer } from './summarizer';
export type { Summarizer, SummarizerOptions } from './summarizer';
export { ThreadFinder, normalizeTitle, threadLabel, editDistance, MAX_CHOICES, CHOICE_NAME_MAX } from './threadFinder';
export type { FindResult, AutocompleteChoice } from './threadFinder';
export { GIST_MAX_CHARS, UNNAMED_SPEAKER } from './types';
export type {
  ThreadSummary,
  ThreadNumbers,
  Quote,
  Subthread,
  SubthreadRef,
  LongestSubthreadRef,
  SummaryOptions,
  GistSentence,
  QuoteKind,
} from './types';
export { openingGist } from './gist';
export { voicesOf } from './voices';
export type { Voice, VoiceSegment } from './voices';
export { voiceLabel, voiceLabelText, groupByVoice } from './voiceLabel';
export type { VoiceLabel } from './voiceLabel';
export { commentOwnShare } from './ownWords';
export { loadOrBuildCorpusStats, STATS_CACHE_FILE_NAME } from './statsCache';
export type { LoadOrBuildStatsResult } from './statsCache';
export { threadMentions } from './mentions';
export type { Mention, MentionQuery } from './mentions';
