/**
 * What a set of saved posts and comments changes in what the bot serves (a LiveUpdate for applyUpdate.ts): threads
 * not served yet (read back from the live folder as the loader reads any import folder), comments new to threads
 * that are served, and comments served until now that the blog has removed. Items already served as they are change
 * nothing, so the same records can be planned twice (a repeated feed page, a restart's replay) without duplicates.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { commentPermalink, importedCommentId, importedPostFileName, importedPostId, parseImportedPostFile } from '../corpus/importedPost';
import { postLink } from '../corpus/postLink';
import type { Comment, Post } from '../corpus/types';
import type { BotContext } from '../discord/context';
import type { BloggerComment, ItemPart } from '../import/types';
import type { LiveUpdate } from './applyUpdate';
import { LIVE_FOLDER_NAME } from './liveFolder';

/** `records` have been written to the live folder `dir` (posts in their own files, comments in their post's). */
export async function planUpdate(context: Pick<BotContext, 'lookup' | 'config'>, dir: string, records: ItemPart): Promise<LiveUpdate> {
  const { lookup, config } = context;
  const update: LiveUpdate = { newPosts: [], grown: [], removed: [] };
  for (const record of records.posts) {
    if (lookup.post(importedPostId(record.postId))) continue;
    const file = importedPostFileName(record.postId);
    const parsed = parseImportedPostFile(`${LIVE_FOLDER_NAME}/${file}`, await readFile(path.join(dir, file)));
    if (parsed.post) update.newPosts.push({ ...parsed.post, url: parsed.post.url ?? postLink(parsed.post, config.blogUrl) });
  }
  const byPost = new Map<string, BloggerComment[]>();
  for (const c of records.comments) byPost.set(c.postId, [...(byPost.get(c.postId) ?? []), c]);
  for (const [bloggerPostId, comments] of byPost) {
    const post = lookup.post(importedPostId(bloggerPostId));
    if (!post) continue;
    const known = new Map(post.comments.map((c) => [c.id, c]));
    const added: Comment[] = [];
    comments.sort((a, b) => (Date.parse(a.published ?? '') || 0) - (Date.parse(b.published ?? '') || 0));
    for (const record of comments) {
      const id = importedCommentId(bloggerPostId, record.commentId);
      const served = known.get(id);
      if (served) {
        if (record.removed && !served.removed) update.removed.push({ post, comment: served });
        continue;
      }
      const comment = newComment(post, bloggerPostId, record, known, post.comments.length + added.length);
      known.set(id, comment);
      added.push(comment);
    }
    if (added.length > 0) update.grown.push({ post, comments: added });
  }
  return update;
}

/**
 * A comment arriving in a thread already served, placed as the loader would place it: a top-level comment after the
 * last one, a reply (to a reply, too) under its top-level comment after its replies. It is appended to the thread's
 * list (the index requires it); the thread shows it in its place by position.
 */
function newComment(
  post: Post,
  bloggerPostId: string,
  record: BloggerComment,
  known: ReadonlyMap<string, Comment>,
  order: number,
): Comment {
  const parent = record.parentId ? known.get(importedCommentId(bloggerPostId, record.parentId)) : undefined;
  const rootId = parent ? (parent.parentId ?? parent.id) : null;
  const root = rootId ? known.get(rootId) : undefined;
  const siblings = [...known.values()].filter((c) => (root ? c.parentId === root.id : c.parentId === null)).length;
  const published = record.published ?? null;
  return {
    id: importedCommentId(bloggerPostId, record.commentId),
    postId: post.id,
    parentId: root ? root.id : null,
    position: root ? `${root.position}.${siblings + 1}` : String(siblings + 1),
    order,
    author: record.removed ? null : record.author,
    text: record.removed ? '' : record.text,
    removed: record.removed,
    line: null,
    published,
    url: record.url ?? commentPermalink(post.url, record.commentId, published),
  };
}
