import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive, Post } from '../../src/corpus/types';
import { buildCorpusStats, summarizeThread } from '../../src/summary';
import { makePost, SEEDS_DIR } from './fixtures';

let archive: Archive;
beforeAll(async () => {
  archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
});

/** Terms of `post` against the seeds as the rest of the archive. */
const termsOf = (post: Post) => summarizeThread(post, buildCorpusStats({ posts: [post, ...archive.posts] })).terms;

describe('what a thread was about', () => {
  test('a phrase the thread keeps using is shown as the phrase, not as its words', () => {
    const post = makePost('alarm', {
      body: 'Some advice on surviving the week.',
      comments: [
        { text: 'When you get really fed up hit the fire alarm and go home.' },
        { text: 'Nobody sets off a fire alarm without just cause.' },
        { text: 'Setting off the fire-alarm is a disgrace, and so is taking sick leave you do not need.' },
        { text: 'Sick leave is for people who are ill, not for gaming the system.' },
      ],
    });
    const terms = termsOf(post);
    expect(terms).toEqual(expect.arrayContaining(['fire alarm', 'sick leave']));
    for (const word of ['fire', 'alarm', 'sick', 'leave']) expect(terms).not.toContain(word);
  });

  test('names count even when only a few people use them, and a full name stands for its parts', () => {
    const post = makePost('names', {
      body: 'The new chief executive has been announced.',
      comments: [
        { text: 'Amy Rees will push this merger through whatever we say.' },
        { text: 'Rees has never worked in probation.' },
        { text: 'Ask Amy what she thinks of the probation service.' },
      ],
    });
    const terms = termsOf(post);
    expect(terms).toContain('Amy Rees');
    expect(terms).not.toContain('Rees');
    expect(terms).not.toContain('Amy');
  });

  test('a word only one writer keeps using is no term; nor is the thread’s own title', () => {
    const post = makePost('stray', {
      title: 'Relationship Theme Continued',
      body: 'The relationship theme continues today with more on the subject.',
      comments: [
        { text: 'They cook up another fudge, cook the books and cook the figures.' },
        { text: 'The relationship between officer and client is everything.' },
        { text: 'Without a relationship there is no probation at all.' },
      ],
    });
    const terms = termsOf(post);
    expect(terms).not.toContain('cook');
    expect(terms).not.toContain('Relationship Theme Continued');
    expect(terms.map((t) => t.toLowerCase())).toContain('relationship');
  });
});
