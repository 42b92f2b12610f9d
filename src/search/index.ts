/** The search module: query language, index, snippets, cache and "more like this". */
export { parseQuery, QueryError, formatQuery, parseDatePeriod, withFilters, normaliseName } from './queryParser';
export type { ParsedQuery, QueryFilters, UnitKind } from './queryParser';
export { SearchIndex } from './searchIndex';
export { buildSearchIndex } from './buildIndex';
export type { SearchHit, SearchOptions, SearchResults, SearchIndexOptions } from './searchTypes';
export { loadOrBuildSearchIndex, CACHE_FILE_NAME } from './cache';
export type { LoadOrBuildOptions, LoadOrBuildResult } from './cache';
export { makeSnippet, highlightSpans, formatSnippet, DEFAULT_SNIPPET_LENGTH } from './snippet';
export type { Snippet, SnippetOptions, SnippetFormat } from './snippet';
export type { SearchUnit, Span } from './units';
export type { AuthorCount } from './authors';
