/**
 * What a search returns and takes: hits, options and results (the /search command, the CLI and the charts read
 * these), and what an index is made of (what the cache stores).
 */
import type { UnitTable } from './unitTable';
import type { RankingWeights } from './ranking/ranker';
import type { Segment } from './segments';
import type { ParsedQuery, QueryFilters } from './queryParser';
import type { Snippet } from './snippet';

export interface SearchHit {
  /** Comment id, or `${postId}#p${n}` for a post passage. */
  id: string;
  kind: 'comment' | 'post';
  postId: string;
  postTitle: string | null;
  postDate: string | null;
  author: string | null;
  /** Comment position like '12.3'; null for post passages. */
  position: string | null;
  /** The full unit text. */
  text: string;
  snippet: Snippet;
  score: number;
  /** The comment's own permalink for a comment hit where known (imported archives), else the post's link. */
  url: string | null;
  /** When the comment was posted (ISO 8601), where known; null for post passages and text exports. */
  published: string | null;
}

export interface SearchOptions {
  /** Hits to return (default 5). */
  limit?: number;
  /** Hits to skip (default 0). */
  offset?: number;
  /** Filters given apart from the query text (the Discord command's options); merged with the query's own. */
  filters?: QueryFilters;
}

export interface SearchResults {
  /** Every matching unit, not just this page. */
  total: number;
  hits: SearchHit[];
  /** The query as understood, with the separate filters merged in. */
  query: ParsedQuery;
}

export interface SearchIndexOptions {
  /** Longest snippet, ellipses included (default 300). */
  snippetLength?: number;
  /** The ranking's weights (default RANKING_WEIGHTS, tuned on the relevance set: scripts/tune-ranking.ts). */
  ranking?: RankingWeights;
}

/** What an index is made of: its units and the frozen segments indexing them (what the cache stores). */
export interface IndexData {
  table: UnitTable;
  segments: Segment[];
}
