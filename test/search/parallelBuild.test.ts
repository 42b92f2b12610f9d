import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { createLogger } from '../../src/log';
import { buildSegment, buildSegmentParallel } from '../../src/search/indexBuilder';
import type { Segment } from '../../src/search/segments';
import { UnitTable } from '../../src/search/unitTable';

function arrays(segment: Segment): Record<string, Buffer> {
  const all = { ...segment.postings.toSections('').arrays, ...segment.phrases.toSections('').arrays };
  return Object.fromEntries(Object.entries(all).map(([name, a]) => [name, Buffer.from(a.buffer, a.byteOffset, a.byteLength)]));
}

describe('the index built in worker threads', () => {
  it('is exactly the index one thread builds (every array), with no worker falling back', async () => {
    const archive = await loadArchive(path.join(__dirname, '..', '..', 'seeds'));
    const table = UnitTable.build(archive);
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const parallel = await buildSegmentParallel(table, 0, table.size, { minUnits: 0, threads: 3, logger });
    expect(lines).toEqual([]);
    const one = arrays(buildSegment(table, 0, table.size));
    const many = arrays(parallel);
    expect(Object.keys(many)).toEqual(Object.keys(one));
    for (const name of Object.keys(one)) expect({ name, same: one[name].equals(many[name]) }).toEqual({ name, same: true });
    expect(parallel.postings.terms.length).toBeGreaterThan(1000);
  }, 60_000);
});
