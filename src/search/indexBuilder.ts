/**
 * Building the frozen index of units: MiniSearch indexes them (tokenising with our options, counting term frequencies
 * and field lengths) a chunk at a time; each chunk is frozen into typed arrays (miniSearchAdapter.ts) and the chunks
 * merged into one segment (postings.ts). Chunks keep MiniSearch's Maps small: built whole, its ~7 million posting
 * entries make every garbage collection walk a heap of hundreds of megabytes, which was most of the build time
 * (figures in docs/performance.md). The phrase index (phraseIndex.ts) is made in the same pass over the texts.
 */
import type MiniSearch from 'minisearch';
import { createMiniSearch, freezeMiniSearch, type FrozenMiniSearch } from './miniSearchAdapter';
import { FIELDS } from './miniSearchOptions';
import { PhraseIndexBuilder } from './phraseIndex';
import { Postings } from './postings';
import type { Segment } from './segments';
import type { SearchUnit } from './units';
import type { UnitTable } from './unitTable';

/** Units per MiniSearch chunk. */
const CHUNK_UNITS = 16_384;

/** The unit as MiniSearch reads it: its text read once, here, and not again for the phrase index. */
function documentOf(table: UnitTable, n: number): SearchUnit {
  const unit = table.unit(n);
  return { n, id: unit.id, kind: unit.kind, post: unit.post, author: unit.author, position: unit.position, titled: unit.titled, text: unit.text };
}

/** Indexes units from … to - 1 of the table into one segment. */
export function buildSegment(table: UnitTable, from: number, to: number): Segment {
  const phrases = new PhraseIndexBuilder(from);
  const parts: FrozenMiniSearch[] = [];
  for (let start = from; start < to; start += CHUNK_UNITS) {
    const end = Math.min(to, start + CHUNK_UNITS);
    const miniSearch: MiniSearch<SearchUnit> = createMiniSearch();
    for (let n = start; n < end; n++) {
      const doc = documentOf(table, n);
      miniSearch.add(doc);
      phrases.add(doc.text);
    }
    parts.push(freezeMiniSearch(miniSearch, FIELDS));
  }
  if (parts.length === 0) parts.push(freezeMiniSearch(createMiniSearch(), FIELDS));
  if (parts[0].documentCount === 0) parts[0].firstId = from;
  return { postings: Postings.merge(parts), phrases: phrases.finish() };
}
