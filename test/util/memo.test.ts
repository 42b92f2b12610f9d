import { Memo, memoKey } from '../../src/util/memo';

const COUNT = memoKey<number>('count');

test('a value is made once per source, and another source (a context copied with another archive) gets its own', () => {
  const memo = new Memo();
  const first = { posts: [1, 2, 3] };
  const second = { posts: [1] };
  let made = 0;
  const count = (archive: { posts: number[] }) => memo.get(COUNT, archive, (a) => (made++, a.posts.length));
  expect(count(first)).toBe(3);
  expect(count(first)).toBe(3);
  expect(count(second)).toBe(1);
  expect(made).toBe(2);
  expect(memo.peek(COUNT, first)).toBe(3);
  memo.delete(COUNT, first);
  expect(memo.peek(COUNT, first)).toBeUndefined();
  expect(new Memo().peek(COUNT, second)).toBeUndefined();
});
