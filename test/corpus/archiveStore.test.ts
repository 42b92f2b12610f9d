import path from 'node:path';
import { archiveStoreOf } from '../../src/corpus/archiveStore';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Comment, Post } from '../../src/corpus/types';
import { archive, post } from '../search/fixtures';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');

describe('the compact archive store', () => {
  it('gives back the seeds exactly: every field of every post and comment', async () => {
    const parsed = await loadArchive(SEEDS);
    const store = archiveStoreOf(parsed.posts);
    expect(store.posts).toEqual(parsed.posts);
    expect(store.posts.map((p) => p.comments.map((c) => c.text))).toEqual(parsed.posts.map((p) => p.comments.map((c) => c.text)));
  });

  it('carries fields it was never told about (an importer adding published dates, names, nested values)', () => {
    const posts = archive(
      post('aaaa1111', 'Pay', '2022-09-02', 'The “pay offer” arrived 🙂.', [
        ['1', 'First — with an em dash and 𝐀 astral letter.', { author: "'Getafix" }],
        ['1.1', 'A reply.', { author: null }],
      ]),
      post('bbbb2222', 'Other', null, '', []),
    ).posts;
    const extended = posts.map((p, i) => ({ ...p, published: i === 0 ? '2022-09-02T08:00:00Z' : undefined, tags: ['a', 'b'] }) as Post);
    extended[0].comments = extended[0].comments.map((c, i) =>
      i === 0 ? ({ ...c, displayName: 'Get A Fix', likes: 3.5, flagged: true } as Comment) : c,
    );
    const store = archiveStoreOf(extended);
    expect(store.posts).toEqual(extended);
    expect(store.posts[1]).not.toHaveProperty('published');
    expect(store.posts[0].comments[0]).toMatchObject({ displayName: 'Get A Fix', likes: 3.5, flagged: true });
    expect(store.posts[0].comments[1]).not.toHaveProperty('displayName');
    expect(store.posts[0].comments[1].author).toBeNull();
  });

  it('reads texts from the shared buffer on demand, keeps comment identity, and lets a text be replaced', () => {
    const store = archiveStoreOf(
      archive(
        post('aaaa1111', 'Pay', '2022-09-02', 'Body.', [
          ['1', 'Comment one.'],
          ['2', 'Comment two.'],
        ]),
      ).posts,
    );
    const [p] = store.posts;
    expect(Object.getOwnPropertyDescriptor(p, 'body')).toHaveProperty('get', expect.any(Function));
    expect(p.comments).toBe(p.comments);
    p.comments[1].text = 'Edited.';
    expect(p.comments[1].text).toBe('Edited.');
    expect(p.comments[0].text).toBe('Comment one.');
    p.body = 'New body.';
    expect(p.body).toBe('New body.');
    expect({ ...p.comments[0] }).toMatchObject({ id: 'aaaa1111-1', text: 'Comment one.' });
  });

  it('finds any comment by id without a map of them all', async () => {
    const store = archiveStoreOf((await loadArchive(SEEDS)).posts);
    for (const p of store.posts) {
      for (const c of p.comments) {
        const found = store.find(c.id);
        expect(found?.comment).toBe(c);
        expect(found?.post).toBe(p);
      }
    }
    expect(store.find('nope')).toBeUndefined();
    expect(store.count).toBe(store.posts.reduce((n, p) => n + p.comments.length, 0));
    expect(store.find('')).toBeUndefined();
  });
});
