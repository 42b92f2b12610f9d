/** Archive insights: counts over time for /trend and /author, from the search index's matches (pure: no Discord, no I/O). */
export { archiveSpan, GRANULARITIES, parseGranularity, periodLabel, periodOf, periodRange, periodsOf, UNDATED } from './periods';
export type { DateSpan, Granularity } from './periods';
export { bucketsWithUndated, tally, topThreads } from './tally';
export type { Bucket, CountedUnit, MatchSource, Tally, ThreadCount } from './tally';
export {
  authorAltText,
  authorChartSpec,
  authorTextChart,
  bucketList,
  trendAltText,
  trendChartSpec,
  trendTextChart,
  trendTitle,
  yearlyBuckets,
} from './charts';
export { countTrend, MAX_TERMS, parseTrendQuery, PEAKS, splitTerms } from './trend';
export type { TrendPeak, TrendQuery, TrendReport, TrendSeries } from './trend';
export { AUTHOR_THREADS, authorProfile, authorQuery } from './author';
export type { AuthorProfile, SignatureCount } from './author';
