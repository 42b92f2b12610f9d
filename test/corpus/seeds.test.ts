/** The facts a reader can check by eye in the shipped seeds: counts, threads, authors, the unstructured file. */
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive, Post } from '../../src/corpus/types';

const SEEDS = path.resolve(__dirname, '..', '..', 'seeds');
let archive: Archive;
const post = (prefix: string): Post => {
  const found = archive.posts.find((p) => p.source.startsWith(prefix));
  if (!found) throw new Error(`no post from ${prefix}`);
  return found;
};
const topLevel = (p: Post) => p.comments.filter((c) => c.parentId === null);
const repliesTo = (p: Post, id: string) => p.comments.filter((c) => c.parentId === id);

beforeAll(async () => {
  archive = await loadArchive(SEEDS);
});

test('every seed file becomes a post, sorted by date with the undated one last', () => {
  expect(archive.posts.map((p) => p.source.slice(0, 3))).toEqual(['004', '001', '000', '003', '002']);
  expect(archive.posts.map((p) => p.date)).toEqual(['2021-10-02', '2022-09-02', '2022-10-25', '2023-11-22', null]);
});

test('000: date, title, body and its 7 comments, all top level', () => {
  const p = post('000');
  expect(p.title).toBe('Changes at the Top');
  expect(p.titleDerived).toBe(false);
  expect(p.date).toBe('2022-10-25');
  expect(p.declaredCommentCount).toBe(7);
  expect(p.comments).toHaveLength(7);
  expect(topLevel(p)).toHaveLength(7);
  expect(p.body.startsWith('With concerns regarding who the new Justice Secretary will be')).toBe(true);
  expect(p.body).toContain('Sonia Flynn CBE\nChief Probation Officer');
  expect(p.body).not.toContain('7 comments:');
  expect(p.comments[0].text).toBe(
    'Horseshit and platitudes. I’m alright Jack but before I go, I said nothing whilst presiding over the deprofessionalisation of the service, a collapse in morale and the worst pay deal in the civil service.\nPS, I got a gong and you got my “huge thanks.”\nShove it Sonia!',
  );
  expect(p.comments[0].author).toBeNull();
  expect(p.comments.map((c) => c.position)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  expect(p.comments[2].text.split('\n\n')).toHaveLength(7);
  expect(p.comments.every((c) => !c.text.includes('ReplyDelete'))).toBe(true);
});

test('001: 40 comments, 11 top level and 29 replies, each reply under the comment above it', () => {
  const p = post('001');
  expect(p.date).toBe('2022-09-02');
  expect(p.title).toBe('Probation Voice Must Continue to be Heard');
  expect(p.comments).toHaveLength(40);
  expect(p.declaredCommentCount).toBe(40);
  expect(topLevel(p)).toHaveLength(11);
  expect(p.comments.filter((c) => c.parentId !== null)).toHaveLength(29);
  expect(topLevel(p).map((c) => repliesTo(p, c.id).length)).toEqual([8, 7, 0, 0, 5, 0, 0, 4, 0, 2, 3]);

  const mustard = p.comments.find((c) => c.text.startsWith('This pay offer is mustard'));
  expect(mustard?.position).toBe('2');
  const replies = repliesTo(p, mustard!.id);
  expect(replies).toHaveLength(7);
  expect(replies.map((r) => r.position)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
  expect(replies[0].text).toBe("Now that all comments are moderated it raises several moral dilemma's.");
  expect(replies[6].text.startsWith('I’ve not heard of any Probation managers')).toBe(true);
  // Thread order: each top-level comment followed by its replies.
  expect(p.comments.map((c) => c.order)).toEqual(p.comments.map((_, i) => i));
  expect(p.comments[1].parentId).toBe(p.comments[0].id);
  expect(p.comments[9].position).toBe('2');
});

test('001: a reply keeps its whole text (paragraphs, a URL, a bracketed aside) up to its Delete', () => {
  const p = post('001');
  const reply = p.comments.find((c) => c.position === '5.3')!;
  expect(reply.text.startsWith('Leadership with humanity\nPosted by: Amy Rees')).toBe(true);
  expect(
    reply.text.endsWith('https://civilservice.blog.gov.uk/2015/07/09/leadership-with-humanity/\n\n[Justice Secy in 2015 was Gove]'),
  ).toBe(true);
  expect(reply.author).toBeNull();
  // A sign-off inside quoted text is not the commenter's signature.
  const quoting = p.comments.find((c) => c.position === '8.2')!;
  expect(quoting.text).toContain('Amy Rees\nProgramme Sponsor');
  expect(quoting.author).toBeNull();
});

test("003: 9 comments, 'Getafix signs two of them, and the --oo00oo-- breaks stay in the body", () => {
  const p = post('003');
  expect(p.comments).toHaveLength(9);
  expect(p.declaredCommentCount).toBe(9);
  expect(topLevel(p)).toHaveLength(6);
  expect(p.body.split('\n\n').filter((para) => para === '--oo00oo--')).toHaveLength(3);
  const signed = p.comments.filter((c) => c.author !== null);
  expect(signed.map((c) => [c.position, c.author])).toEqual([
    ['1', "'Getafix"],
    ['6', "'Getafix"],
  ]);
  // The signature is the author, not part of what he said.
  expect(signed[0].text.endsWith('https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51913.htm')).toBe(true);
  expect(signed.every((c) => !c.text.includes("'Getafix"))).toBe(true);
});

test("004: 21 comments against a declared 22 is reported, not fatal; the two-line signature and the blogger's sign-off are authors", () => {
  const p = post('004');
  expect(p.comments).toHaveLength(21);
  expect(p.declaredCommentCount).toBe(22);
  expect(archive.problems).toContainEqual({ file: p.source, line: 9, message: 'declares 22 comments but 21 were found' });
  const signed = p.comments.filter((c) => c.author !== null);
  expect(signed.map((c) => [c.position, c.author])).toEqual([
    ['3', 'Probation Officer, London'],
    ['13.1', 'Jim'],
  ]);
  expect(signed[0].text.endsWith('Probation is the worst it’s ever been.')).toBe(true);
  // Jim's "Cheers, Jim" ends his last sentence; it leaves the text, the sentence stays.
  expect(signed[1].text.endsWith('a sensible place for some reflective discourse.')).toBe(true);
});

test('no other comment in the seeds gets an author', () => {
  const authors = archive.posts.flatMap((p) =>
    p.comments.filter((c) => c.author !== null).map((c) => `${p.source.slice(0, 3)}:${c.position}`),
  );
  expect(authors.sort()).toEqual(['002:13', '003:1', '003:6', '004:13.1', '004:3']);
});

test("002: 'Getafix's signature ends his comment even where no separator follows it", () => {
  const p = post('002');
  const signed = p.comments.find((c) => c.author === "'Getafix")!;
  expect(signed.text.startsWith('Probation is just another problem to them')).toBe(true);
  expect(signed.text.endsWith('Probation should operate in the field, not the office!')).toBe(true);
  const next = p.comments[p.comments.indexOf(signed) + 1];
  expect(next.text).toBe('everywhere has its ups & downs; everywhere has its scammers & grifters; everywhere has its bullies.');
  expect(next.author).toBeNull();
});

test('002: no date, a derived title, more than 20 comments and no paragraph twice', () => {
  const p = post('002');
  expect(p.date).toBeNull();
  expect(p.url).toBeNull();
  expect(p.declaredCommentCount).toBeNull();
  expect(p.titleDerived).toBe(true);
  expect(p.title).toMatch(/^As a profession, we currently have/);
  expect(p.comments.length).toBeGreaterThan(20);
  const paragraphs = [p.body, ...p.comments.map((c) => c.text)].flatMap((t) => t.split('\n\n')).filter((t) => t.length > 0);
  expect(new Set(paragraphs).size).toBe(paragraphs.length);
  expect(paragraphs.filter((t) => t.startsWith('Be honest, how much time are Probation Officers'))).toHaveLength(1);
  expect(paragraphs.filter((t) => t.startsWith('Probation needs to be able to do more'))).toHaveLength(1);
  // The Blogger buttons are separators, never text.
  expect(paragraphs.some((t) => /^(Reply)?Delete/.test(t) || /^\*{3,}$/.test(t))).toBe(false);
});

test('002: a segment ended by Delete is a reply to the latest top-level comment', () => {
  const p = post('002');
  const workingLinks = p.comments.find((c) => c.text.startsWith("I'm guessing you mean Working Links?"))!;
  const parent = p.comments.find((c) => c.id === workingLinks.parentId)!;
  expect(parent.text.startsWith('We need a free market economy')).toBe(true);
  expect(parent.parentId).toBeNull();
  const glued = p.comments.find((c) => c.text.startsWith('The person that wrote it was the manager!'))!;
  expect(glued.parentId).not.toBeNull();
  expect(p.body).toContain('--oo00oo--');
  expect(p.body).not.toContain('How many qualified probation officers');
});

test('dated posts link to their month on the blog; the undated one has no link', () => {
  expect(post('001').url).toBe('https://probationmatters.blogspot.com/2022/09/');
  expect(post('004').url).toBe('https://probationmatters.blogspot.com/2021/10/');
});

test('ids are stable: the same files give the same post and comment ids on every load', async () => {
  const again = await loadArchive(SEEDS);
  expect(again.posts.map((p) => p.comments.map((c) => c.id))).toEqual(archive.posts.map((p) => p.comments.map((c) => c.id)));
  expect(post('000').id).toMatch(/^[0-9a-f]{10}$/);
  expect(post('001').comments.find((c) => c.position === '2.3')?.id).toBe(`${post('001').id}-2.3`);
});
