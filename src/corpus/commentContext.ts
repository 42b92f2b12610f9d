/**
 * A comment with what surrounds it in its thread: the post, the comment it answers and the replies it drew. What
 * "read in full" shows, on Discord, in the console and on the command line alike.
 */
import type { Archive, Comment, Post } from './types';

export interface CommentInContext {
  post: Post;
  comment: Comment;
  /** The top-level comment this one replies to; null for a top-level comment. */
  parent: Comment | null;
  /** Replies to this comment, in thread order (only top-level comments have them). */
  replies: Comment[];
}

/**
 * Details a richer export may give a comment (a permalink, when it was posted); the views show them when present.
 * Read through this type so the views need no change when the corpus starts carrying them.
 */
export interface CommentDetails {
  url?: string | null;
  /** ISO 8601 instant or YYYY-MM-DD. */
  published?: string | null;
}

export function commentDetails(comment: Comment): CommentDetails {
  const { url, published } = comment as Comment & CommentDetails;
  return { url: typeof url === 'string' && url ? url : null, published: typeof published === 'string' && published ? published : null };
}

export function commentInContext(post: Post, commentId: string): CommentInContext | null {
  const comment = post.comments.find((c) => c.id === commentId);
  if (!comment) return null;
  const parent = comment.parentId === null ? null : (post.comments.find((c) => c.id === comment.parentId) ?? null);
  return { post, comment, parent, replies: post.comments.filter((c) => c.parentId === comment.id) };
}

/** Finds a comment by id (`<post id>-<position>`, as search shows it) anywhere in the archive. */
export function findCommentInArchive(archive: Archive, commentId: string): CommentInContext | null {
  const id = commentId.trim();
  for (const post of archive.posts) {
    if (!id.startsWith(`${post.id}-`)) continue;
    const found = commentInContext(post, id);
    if (found) return found;
  }
  return null;
}
