/** Hand-built posts for summary tests, shaped like the parser's output. */
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive, Post } from '../../src/corpus/types';
import { buildCorpusStats, summarizeThread, type CorpusStats, type ThreadSummary } from '../../src/summary';
import { threadComments, type CommentSpec } from '../helpers/threadComments';

export const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');

export type { CommentSpec };

export function makePost(id: string, fields: Partial<Omit<Post, 'comments'>> & { comments?: CommentSpec[] } = {}): Post {
  // Removed comments keep their text here, so tests can show they are skipped even when they would be quoted.
  const comments = threadComments(id, fields.comments ?? [], { keepRemovedText: true });
  return {
    id,
    source: fields.source ?? `${id}.txt`,
    title: fields.title === undefined ? `Post ${id}` : fields.title,
    titleDerived: fields.titleDerived ?? false,
    date: fields.date === undefined ? '2022-01-01' : fields.date,
    url: fields.url ?? null,
    body: fields.body ?? 'The pay offer arrived today. Staff are angry about the pay offer. Unions will ballot members on the offer.',
    declaredCommentCount: fields.declaredCommentCount ?? null,
    comments,
  };
}

/** Deterministic filler prose: many distinct sentences over a small vocabulary, like a long real thread. */
export function syntheticComments(count: number, seed = 1): CommentSpec[] {
  const words = [
    'pay',
    'offer',
    'union',
    'ballot',
    'strike',
    'caseload',
    'manager',
    'office',
    'training',
    'prison',
    'merger',
    'court',
    'report',
    'risk',
    'staff',
    'leave',
    'vote',
    'deal',
    'morale',
    'sickness',
  ];
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x);
  const sentence = () => {
    const n = 6 + (next() % 10);
    const ws = Array.from({ length: n }, () => words[next() % words.length]);
    return ws[0][0].toUpperCase() + ws.join(' ').slice(1) + '.';
  };
  return Array.from({ length: count }, (_, i) => ({
    text: Array.from({ length: 1 + (next() % 4) }, sentence).join(' '),
    author: i % 3 === 0 ? `Writer ${i % 7}` : null,
    replies: i % 5 === 0 ? Array.from({ length: next() % 6 }, () => ({ text: sentence() + ' ' + sentence() })) : [],
  }));
}

/** The five seed threads loaded, their corpus statistics, and each one's summary: what the seed tests read. */
export async function seedSummaries(): Promise<{ archive: Archive; stats: CorpusStats; summaries: Map<string, ThreadSummary> }> {
  const archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
  const stats = buildCorpusStats(archive);
  return { archive, stats, summaries: new Map(archive.posts.map((p) => [p.id, summarizeThread(p, stats)])) };
}
