/** Small hand-built archives for the digest tests: the shape of the real export without its size. */
import type { Archive, Post } from '../../src/corpus/types';
import { threadComments, type CommentSpec } from '../helpers/threadComments';

export type { CommentSpec };

const LOREM = [
  'Caseloads have doubled since unification and nobody in headquarters seems to notice what that does to supervision.',
  'I spent most of last week on assessments and barely saw the people I am meant to be supervising at all.',
  'The training for new officers is good but they are thrown into full caseloads far too quickly to learn properly.',
  'We used to have time to build relationships and that is what actually changed behaviour, not the paperwork.',
  'Managers are under the same pressure and pass it down the line because they have no other choice left.',
];

/** A comment text of about `words` words, distinct per seed. */
export function prose(seed: number, sentences = 2): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(LOREM[(seed + i) % LOREM.length]);
  return `(${seed}) ${parts.join(' ')}`;
}

export function makePost(id: string, date: string | null, comments: CommentSpec[], title: string | null = `Post ${id}`): Post {
  const out = threadComments(id, comments);
  return {
    id,
    source: `${id}.txt`,
    title,
    titleDerived: false,
    date,
    url: date ? `https://probationmatters.blogspot.com/${date.slice(0, 4)}/${date.slice(5, 7)}/${id}.html` : null,
    body: `This is the body of post ${id}. It talks about probation in England and Wales at some length. There is a second sentence here too.`,
    declaredCommentCount: out.length,
    comments: out,
  };
}

export function makeArchive(posts: Post[]): Archive {
  return { dir: '/fixtures', posts, problems: [] };
}

/** Some posts on various dates with a handful of comments each (one removed, one trivially short). */
export function sampleArchive(): Archive {
  const posts: Post[] = [];
  const dates = ['2019-03-14', '2020-03-14', '2021-06-01', '2022-10-25', '2023-01-09', '2023-07-30'];
  dates.forEach((date, p) => {
    const id = `p${p}`;
    const comments: CommentSpec[] = [];
    const n = 2 + p; // later posts have more discussion
    for (let c = 0; c < n; c++) {
      comments.push({
        text: prose(p * 10 + c, 1 + (c % 3)),
        author: c % 2 ? `Author ${c}` : null,
        replies: c === 0 ? [{ text: prose(p * 10 + 50, 2), author: 'Replier' }] : [],
      });
    }
    comments.push({ text: '', removed: true });
    comments.push({ text: 'Agreed. Well said.' });
    posts.push(makePost(id, date, comments));
  });
  return makeArchive(posts);
}
