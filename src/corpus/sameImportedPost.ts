/**
 * A post can be in the archive twice: as a text export and, after an import from Blogger into the same archive
 * folder, as an imported post. Readers would then find every comment twice, so the imported copy (which has the
 * permalink, comment times and names) is kept and the text export is reported and left out. Posts are the same when
 * they have the same date and the same title (ignoring case, spacing and punctuation); a derived title proves
 * nothing and is never matched.
 */
import { IMPORTED_POST_EXTENSION } from './importedPost';
import type { Post, Problem } from './types';

export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function dropTextCopiesOfImportedPosts(posts: Post[], problems: Problem[]): Post[] {
  const imported = new Map<string, Post>();
  for (const post of posts) {
    if (post.source.endsWith(IMPORTED_POST_EXTENSION) && post.date && post.title && !post.titleDerived)
      imported.set(`${post.date}|${titleKey(post.title)}`, post);
  }
  if (imported.size === 0) return posts;
  return posts.filter((post) => {
    if (post.source.endsWith(IMPORTED_POST_EXTENSION) || !post.date || !post.title || post.titleDerived) return true;
    const twin = imported.get(`${post.date}|${titleKey(post.title)}`);
    if (!twin) return true;
    problems.push({
      file: post.source,
      line: null,
      message: `the same post as the imported ${twin.source} (same date and title): the imported copy is used`,
    });
    return false;
  });
}
