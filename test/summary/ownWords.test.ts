import { analyzeText, ThreadVocabulary } from '../../src/summary/analysis';
import { copiedSpans } from '../../src/summary/copiedSpans';
import { commentOwnShare, foreignRanges, threadOwnership } from '../../src/summary/ownWords';
import { pastedRanges } from '../../src/summary/pasted';
import { quotationRanges } from '../../src/summary/quotations';
import { makePost } from './fixtures';

/** The parts of `text` the ranges cover. */
const covered = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

/** The words of `texts[i]` marked copied, joined. */
function copiedWords(texts: string[]): string[] {
  const vocabulary = new ThreadVocabulary();
  const analyses = texts.map((t) => analyzeText(t, vocabulary));
  const { copied } = copiedSpans(analyses, vocabulary.termOfWord);
  return copied.map((mask, i) =>
    analyses[i + 1].words
      .filter((_, k) => mask[k])
      .map((w) => vocabulary.words[w])
      .join(' '),
  );
}

describe('copied words', () => {
  const letter =
    'From 1 February 2023, I am delighted to let you know I will be taking up a new part time role within the Probation Workforce Programme.';

  test('a comment quoting the post loosely (case, punctuation, an elision) is marked copied there and only there', () => {
    const comment =
      '"I am delighted to let you know I will be taking up a new part time role within the Probation Workforce..." You might be delighted; we are not.';
    const [copied] = copiedWords([letter, comment]);
    expect(copied).toContain('delighted to let you know I will be taking up a new part time role');
    expect(copied).not.toContain('might');
  });

  test('a comment quoting an earlier comment is marked, and the earlier one is credited as quoted', () => {
    const first = 'Then I started to take sick leave. But I was careful and planned it well in advance.';
    const later = '“Then I started to take sick leave. But I was careful and planned it well in advance.” This is disgusting.';
    const vocabulary = new ThreadVocabulary();
    const analyses = ['The post.', first, later].map((t) => analyzeText(t, vocabulary));
    const { copied, copiedBy } = copiedSpans(analyses, vocabulary.termOfWord);
    expect(copied[0].every((x) => x === 0)).toBe(true);
    expect(copied[1].some((x) => x === 1)).toBe(true);
    expect(Array.from(copiedBy)).toEqual([1, 0]);
  });

  test('two people using the same short phrase have not copied each other', () => {
    const [copied] = copiedWords([
      'Members should reject the insulting pay offer now.',
      'I will reject the insulting pay offer too, like everyone.',
    ]);
    expect(copied).toBe('');
  });
});

describe('quotations and pasted material in a comment', () => {
  test('a quotation of six words or more is not the commenter’s; scare quotes are', () => {
    const text = 'Sonia “absolutely loved” her time. She wrote “I have been incredibly honoured and privileged to lead you” and left.';
    expect(covered(text, quotationRanges(text))).toEqual(['“I have been incredibly honoured and privileged to lead you”']);
  });

  test('a quotation left open runs to the end of its paragraph', () => {
    const text = 'He said "this is the best pay deal in the civil service by far\n\nI disagree.';
    expect(covered(text, quotationRanges(text))).toEqual(['"this is the best pay deal in the civil service by far']);
  });

  test('links, a pasted job advert and a search result are pasted', () => {
    const text = [
      'All these jobs and no-one saw it coming?',
      '',
      'Band 6/HEO Project and Programme Support Officer, One HMPPS Programme',
      '',
      'The national salary range is £54,599 - £65,518. Closing Date: 19/04/2022.',
      '',
      'How far up does one’s head have to be?',
      '',
      'https://justicejobs.tal.net/download_file_opp',
    ].join('\n');
    const pasted = covered(text, pastedRanges(text));
    expect(pasted).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Band 6/HEO'),
        expect.stringContaining('£54,599'),
        'https://justicejobs.tal.net/download_file_opp',
      ]),
    );
    expect(pasted.join(' ')).not.toContain('no-one saw it coming');
    expect(pasted.join(' ')).not.toContain('How far up');
  });

  test('an article pasted above its link is pasted; the commenter’s own line above it and a pointer at a link are not', () => {
    const article = [
      'Anon’s correct. Put Labour in charge to clear the rot.',
      '',
      '“Security experts slam incompetency as jury finds the attack could have been prevented.',
      '',
      'Ms Heckroodt also said the man was considered at that meeting to be a high threat.',
      '',
      'https://www.dailymail.co.uk/news/article-9911713',
    ].join('\n');
    const pasted = covered(article, pastedRanges(article)).join(' | ');
    expect(pasted).toContain('Ms Heckroodt also said');
    expect(pasted).not.toContain('Anon’s correct');
    const pointer =
      'Respondents covered several topics.\n\nThere is a summary to be found in the following.\n\nhttps://publications.parliament.uk/pa/cm201012';
    expect(covered(pointer, pastedRanges(pointer))).toEqual(['https://publications.parliament.uk/pa/cm201012']);
  });

  test('a comment with none of it is all the commenter’s', () => {
    expect(foreignRanges('Probation is the worst it has ever been. Shove it!')).toEqual([]);
  });
});

describe('a comment shown on its own', () => {
  test('one that only quotes the post has next to no words of its own; one that answers it has all its own', () => {
    const post = makePost('p', {
      body: 'I have decided it is the right time for me for a change of direction and to spend more time with my family.',
      comments: [
        { text: 'I have decided it is the right time for me for a change of direction and to spend more time with my family.' },
        { text: 'Horseshit and platitudes. She presided over the collapse in morale and the worst pay deal in the civil service.' },
      ],
    });
    expect(commentOwnShare(post, post.comments[0])).toBeLessThan(0.2);
    expect(commentOwnShare(post, post.comments[1])).toBe(1);
  });

  test('the blogger’s own words and the letter the post quotes are told apart', () => {
    const vocabulary = new ThreadVocabulary();
    const body = analyzeText('Sad news today:-\n\nA Message to Staff from Jane Smith\n\nI am leaving the service.', vocabulary);
    const own = threadOwnership(body, [], vocabulary.termOfWord).bodyOwn;
    expect(body.words.filter((_, k) => own[k]).map((w) => vocabulary.words[w])).toEqual(['Sad', 'news', 'today']);
  });
});
