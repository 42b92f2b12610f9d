export { buildCorpusStats, buildCorpusStatsAsync, inverseDocumentFrequency } from './corpusStats';
export type { CorpusStats } from './corpusStats';
export { summarizeThread } from './summarizeThread';
export { createSummarizer } from './summarizer';
export type { Summarizer, SummarizerOptions } from './summarizer';
export { ThreadFinder, findThreads, normalizeTitle, threadLabel, editDistance, MAX_CHOICES, CHOICE_NAME_MAX } from './threadFinder';
export type { FindResult, AutocompleteChoice } from './threadFinder';
export { GIST_MAX_CHARS } from './types';
export type { ThreadSummary, ThreadNumbers, Quote, Subthread, SubthreadRef, LongestSubthreadRef, SummaryOptions } from './types';
