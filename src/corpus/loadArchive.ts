export { MAX_ARCHIVE_FILE_BYTES } from './readPostFile';

/**
 * Loads an archive folder: every regular file is one exported post (links to regular files too; see readPostFile.ts
 * for what is refused and why), and so is every `.jsonl` file of a Blogger import folder (see importedPost.ts),
 * whether the folder is the archive itself or sits inside it. Problems with single files are collected and
 * the rest still loads; only an archive with no usable post at all is fatal.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { IMPORT_MANIFEST_FILE, IMPORTED_POST_EXTENSION, parseImportedPostFile } from './importedPost';
import { parseArchiveFile } from './parseArchiveFile';
import { dropTextCopiesOfImportedPosts } from './sameImportedPost';
import { DEFAULT_BLOG_URL, postLink } from './postLink';
import { describeFsError, readPostFile, type PostFileRead } from './readPostFile';
import type { Archive, Post, Problem } from './types';

export interface LoadArchiveOptions {
  /** The blog's address for post links; null for no links. Defaults to the On Probation blog. */
  blogUrl?: string | null;
  logger?: Logger;
}

/** Nothing usable in the folder. The message says what was looked for, where, and what went wrong. */
export class ArchiveUnusableError extends Error {
  override name = 'ArchiveUnusableError';
  constructor(
    readonly dir: string,
    readonly problems: Problem[],
  ) {
    const shown = problems.slice(0, 10).map(formatProblem);
    const more = problems.length > shown.length ? [`... and ${problems.length - shown.length} more`] : [];
    super(
      `No usable archive in ${dir}: looked for blog export text files (.txt, one post each, starting with a date heading ` +
        `like "Tuesday 25 October 2022" and holding a "N comments:" thread) and Blogger import folders (made by ` +
        `\`npm run cli -- import\`), found 0 posts` +
        (problems.length > 0 ? `; problems:\n${[...shown, ...more].map((l) => `  ${l}`).join('\n')}` : ''),
    );
  }
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line !== null ? `:${problem.line}` : ''}: ${problem.message}`;
}

/** Date ascending, undated last, then by source file name: the order a reader of the archive expects. */
export function comparePosts(a: Post, b: Post): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

async function listFiles(dir: string, problems: Problem[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: dir, line: null, message: `archive folder ${describeFsError(error)}` });
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === IMPORT_MANIFEST_FILE) continue;
    if (entry.isDirectory()) {
      files.push(...(await listImportFolder(dir, entry.name)));
      continue;
    }
    // Everything else goes to readPostFile, which follows links and refuses pipes, devices and sockets by name.
    files.push(entry.name);
  }
  return files.sort();
}

/** The posts of a Blogger import folder inside the archive (one holding `blogger-import.json`); other folders are not read. */
async function listImportFolder(dir: string, name: string): Promise<string[]> {
  try {
    const names = await readdir(path.join(dir, name));
    if (!names.includes(IMPORT_MANIFEST_FILE)) return [];
    return names.filter((n) => !n.startsWith('.') && n.endsWith(IMPORTED_POST_EXTENSION)).map((n) => `${name}/${n}`);
  } catch {
    return [];
  }
}

/** Files read ahead of the one being parsed. */
const READ_AHEAD = 16;

export async function loadArchive(dir: string, options: LoadArchiveOptions = {}): Promise<Archive> {
  const logger = options.logger ?? silentLogger;
  const blogUrl = options.blogUrl === undefined ? DEFAULT_BLOG_URL : options.blogUrl;
  const problems: Problem[] = [];
  let posts: Post[] = [];
  const started = Date.now();
  const names = await listFiles(dir, problems);
  // Reading one file at a time left the CPU idle on every read (about 0.6 s of 5 s on the full archive): keep a
  // few reads in flight while parsing, in order, so problems and posts come out the same as before.
  const reads: Array<Promise<PostFileRead> | undefined> = [];
  const startRead = (i: number) => {
    if (i < names.length) reads[i] = readPostFile(path.join(dir, names[i]));
  };
  for (let i = 0; i < READ_AHEAD; i++) startRead(i);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const read = await reads[i]!;
    reads[i] = undefined;
    startRead(i + READ_AHEAD);
    if ('refused' in read) {
      if (read.refused.kind === 'skip') continue; // a link to a folder: not a post
      problems.push({ file: name, line: null, message: read.refused.message });
      logger.warn('archive file skipped', { dir, file: name, reason: read.refused.message });
      continue;
    }
    const content = read.content;
    const parsed = name.endsWith(IMPORTED_POST_EXTENSION) ? parseImportedPostFile(name, content) : parseArchiveFile(name, content);
    for (const problem of parsed.problems) problems.push(problem); // a file can have 100,000+ problems: no spread
    if (parsed.post) posts.push({ ...parsed.post, url: parsed.post.url ?? postLink(parsed.post, blogUrl) });
  }
  if (posts.length === 0) throw new ArchiveUnusableError(dir, problems);
  posts = dropTextCopiesOfImportedPosts(posts, problems);
  posts.sort(comparePosts);
  logger.info('archive loaded', {
    dir,
    posts: posts.length,
    comments: posts.reduce((n, p) => n + p.comments.length, 0),
    problems: problems.length,
    ms: Date.now() - started,
  });
  return { dir, posts, problems };
}
