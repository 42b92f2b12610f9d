/** `similar <comment id>`: "more like this", the comments most like the given one. */
import { QueryError } from '../../search';
import type { CliCommand } from '../types';
import { UsageError } from '../types';
import { hitJson, humanHit, integerOption, openIndex } from './search';

export const command: CliCommand = {
  name: 'similar',
  summary: 'Comments most like a given comment ("more like this")',
  usage: 'similar <comment id> [--limit N] [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: {
    limit: { type: 'string' },
    'cache-dir': { type: 'string' },
  },
  async run(ctx) {
    const id = ctx.positionals.join(' ').trim();
    if (!id) throw new UsageError('Say which comment, by its id (as search shows it), e.g. similar b9f170a77a-2.3.');
    const limit = integerOption(ctx.options.limit, 'limit', 1, 100, 5);
    const opened = await openIndex(ctx);
    let hits;
    try {
      hits = opened.index.similar(id, limit);
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
    if (ctx.json) {
      ctx.out(JSON.stringify({ id, total: hits.length, hits: hits.map(hitJson) }));
      return 0;
    }
    if (hits.length === 0) {
      ctx.out(`No comment is much like ${id}.`);
      return 0;
    }
    const lines = [`Comments like ${id}:`, ''];
    hits.forEach((hit, i) => lines.push(humanHit(hit, i + 1), ''));
    ctx.out(lines.join('\n').trimEnd());
    return 0;
  },
};
