/**
 * The link to a post. The export holds no permalink (Blogger's permalinks carry a slug we cannot reconstruct
 * reliably), so the one link we can be sure of is the blog's month archive page, which lists the post.
 */
import type { Post } from './types';

export const DEFAULT_BLOG_URL = 'https://probationmatters.blogspot.com';

/** `${blogUrl}/${yyyy}/${mm}/` for a dated post; null for an undated post or when no blog URL is configured. */
export function postLink(post: Pick<Post, 'date'>, blogUrl: string | null = DEFAULT_BLOG_URL): string | null {
  if (!blogUrl || !post.date) return null;
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(post.date);
  if (!match) return null;
  return `${blogUrl.replace(/\/+$/, '')}/${match[1]}/${match[2]}/`;
}
