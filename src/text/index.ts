export { tokenize, words, processTerm, termsOf, foldWord, isStopWord, TermCache } from './tokens';
export type { Token } from './tokens';
export { WordTable } from './wordTable';
export { splitSentences } from './sentences';
export type { Sentence } from './sentences';
export { truncateText, safeIndex, ELLIPSIS } from './truncate';
export { STOP_WORDS } from './stopWords';
export {
  parseDate,
  parseDateIfDate,
  readDate,
  describeDate,
  daysBetween,
  daysOutside,
  daysInMonth,
  isoDay,
  DateParseError,
  MONTH_NAMES,
} from './dates';
export type { ParsedDate, DatePrecision, DateErrorReason } from './dates';
export { splitIntoParts, splitIntoEvenParts } from './parts';
export type { CharCost } from './parts';
