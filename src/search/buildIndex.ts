/** Building an index from an archive: in this thread, or with the indexing spread over worker threads. */
import type { Archive } from '../corpus/types';
import { buildSegment, buildSegmentParallel, type ParallelOptions } from './indexBuilder';
import { SearchIndex } from './searchIndex';
import type { IndexData, SearchIndexOptions } from './searchTypes';
import { UnitTable } from './unitTable';

/** Builds the index of an archive in one go (synchronously; see loadOrBuildSearchIndex for the cached path). */
export function buildSearchIndex(archive: Pick<Archive, 'posts'>, options: SearchIndexOptions = {}): SearchIndex {
  return new SearchIndex(buildIndexData(archive), options);
}

/** The units and frozen index of an archive, built in this thread. */
export function buildIndexData(archive: Pick<Archive, 'posts'>): IndexData {
  const table = UnitTable.build(archive);
  return { table, segments: [buildSegment(table, 0, table.size)] };
}

/** The same, with the indexing spread over worker threads at archive scale (see indexBuilder.ts). */
export async function buildIndexDataAsync(archive: Pick<Archive, 'posts'>, options: ParallelOptions = {}): Promise<IndexData> {
  const table = UnitTable.build(archive);
  return { table, segments: [await buildSegmentParallel(table, 0, table.size, options)] };
}
