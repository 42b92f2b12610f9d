export { tokenize, words, processTerm, termsOf, foldWord, isStopWord } from './tokens';
export type { Token } from './tokens';
export { splitSentences } from './sentences';
export type { Sentence } from './sentences';
export { truncateText, safeIndex, ELLIPSIS } from './truncate';
export { STOP_WORDS } from './stopWords';
export { parseDate, parseDateIfDate, describeDate, daysBetween, daysOutside, daysInMonth, isoDay, DateParseError, MONTH_NAMES } from './dates';
export type { ParsedDate, DatePrecision, DateErrorReason } from './dates';
