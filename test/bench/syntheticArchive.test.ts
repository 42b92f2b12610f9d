import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { parseArchiveFile } from '../../src/corpus/parseArchiveFile';
import type { Post } from '../../src/corpus/types';
import { generateArchive, type ArchiveManifest, type GeneratedPost } from '../../scripts/lib/syntheticArchive';

const tmp: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gen-archive-test-'));
  tmp.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

function filesOf(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f))]),
  );
}

/** The parent's position as the parser reports it (`<postId>-<position>`), so it compares with the manifest. */
function parentPosition(post: Post, parentId: string | null): string | null {
  return parentId === null ? null : parentId.slice(post.id.length + 1);
}

function expectSamePost(parsed: Post, planned: GeneratedPost): void {
  expect(parsed.title).toBe(planned.title);
  expect(parsed.date).toBe(planned.date);
  expect(parsed.declaredCommentCount).toBe(planned.declaredCommentCount);
  // The renderer adds `--oo00oo--` section breaks the manifest body does not carry.
  expect(
    parsed.body
      .split('\n\n')
      .filter((p) => p !== '--oo00oo--')
      .join('\n\n'),
  ).toBe(planned.body);
  expect(
    parsed.comments.map((c) => ({
      position: c.position,
      parentPosition: parentPosition(parsed, c.parentId),
      author: c.author,
      removed: c.removed,
      text: c.text,
    })),
  ).toEqual(planned.comments);
}

describe('synthetic archive generator', () => {
  let dir: string;
  let manifest: ArchiveManifest;
  beforeAll(() => {
    dir = tempDir();
    manifest = generateArchive({ posts: 40, outDir: dir, seed: 42, keepText: true });
  });

  it('writes the same bytes for the same seed, and different bytes for another seed', () => {
    const again = tempDir();
    generateArchive({ posts: 40, outDir: again, seed: 42 });
    expect(filesOf(again)).toEqual(filesOf(dir));

    const other = tempDir();
    generateArchive({ posts: 40, outDir: other, seed: 43 });
    expect([...filesOf(other).values()].map(String)).not.toEqual([...filesOf(dir).values()].map(String));
  });

  it('writes what the manifest says: one file per post, the declared counts and sizes', () => {
    expect(readdirSync(dir).sort()).toEqual(manifest.posts.map((p) => p.file).sort());
    const bytes = [...filesOf(dir).values()].reduce((n, b) => n + b.length, 0);
    expect(manifest.totalBytes).toBe(bytes);
    expect(manifest.totalComments).toBe(manifest.posts.reduce((n, p) => n + p.comments.length, 0));
    // About the real archive's 33 comments per post.
    expect(manifest.totalComments).toBeGreaterThan(40 * 25);
    expect(manifest.totalComments).toBeLessThan(40 * 45);
  });

  it('covers the shapes the parser must handle: replies, removed comments, every signature, CRLF and **** files', () => {
    const all = manifest.posts.flatMap((p) => p.comments);
    expect(all.some((c) => c.parentPosition !== null)).toBe(true);
    expect(all.some((c) => c.removed)).toBe(true);
    const authors = new Set(all.map((c) => c.author));
    for (const author of ["'Getafix", 'Probation Officer, London', 'Jim', 'Netnipper']) expect(authors).toContain(author);
    const layouts = new Set(manifest.posts.map((p) => p.layout));
    expect(layouts).toEqual(new Set(['standard', 'crlf', 'flattened']));
    const crlf = manifest.posts.find((p) => p.layout === 'crlf')!;
    expect(readFileSync(path.join(dir, crlf.file), 'utf8')).toContain('\r\n    ReplyDelete\r\n');
    const flat = manifest.posts.find((p) => p.layout === 'flattened')!;
    expect(readFileSync(path.join(dir, flat.file), 'utf8')).toMatch(/^\*{4,5}$/m);
  });

  it('is read back by parseArchiveFile with exactly the comments, replies, removals and authors it wrote', () => {
    for (const planned of manifest.posts.filter((p) => p.layout !== 'flattened')) {
      const { post, problems } = parseArchiveFile(planned.file, readFileSync(path.join(dir, planned.file)));
      expect(problems).toEqual([]);
      expectSamePost(post!, planned);
    }
  });

  it('is loaded by loadArchive with every post, flattened ones included, and the planned totals', async () => {
    const archive = await loadArchive(dir);
    expect(archive.posts).toHaveLength(manifest.posts.length);
    const bySource = new Map(archive.posts.map((p) => [p.source, p]));
    for (const planned of manifest.posts) {
      const post = bySource.get(planned.file)!;
      if (planned.layout === 'flattened') {
        // A flattened file has no heading and no reliable separators: the parser derives a title and finds comments.
        expect(post.titleDerived).toBe(true);
        expect(post.comments.length).toBeGreaterThan(0);
      } else {
        expectSamePost(post, planned);
      }
    }
  });
});
