import { loadArchive } from '../../src/corpus/loadArchive';
import { buildCorpusStats, summarizeThread } from '../../src/summary';
import { analyzeText, ThreadVocabulary } from '../../src/summary/analysis';
import { processTerm } from '../../src/text';
import { SEEDS_DIR } from './fixtures';

describe('ThreadVocabulary', () => {
  test('numbers spellings and terms in the order this thread meets them, whatever earlier threads met', () => {
    const earlier = new ThreadVocabulary();
    analyzeText('Zebras graze. Apples fall.', earlier);
    const thread = new ThreadVocabulary();
    const text = analyzeText('Apples and zebras. Zebras, apples!', thread);
    expect(thread.words).toEqual(['Apples', 'and', 'zebras', 'Zebras', 'apples']);
    expect(thread.terms).toEqual([processTerm('apples'), processTerm('zebras')]);
    // "and" is a stop word; both spellings of a word share its term.
    expect(thread.termOfWord).toEqual([0, -1, 1, 1, 0]);
    expect(text.sentenceTerms).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(text.starts).toEqual([0, 7, 11, 19, 27]);
  });
});

test('a summary does not depend on which threads were summarised before it', async () => {
  const archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
  const stats = buildCorpusStats(archive);
  const forward = archive.posts.map((p) => summarizeThread(p, stats));
  const backward = [...archive.posts]
    .reverse()
    .map((p) => summarizeThread(p, stats))
    .reverse();
  expect(backward).toEqual(forward);
});
