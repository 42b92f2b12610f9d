import type { BloggerComment, BloggerPost, SkipReason } from './types';

/** What one entry of a source turned out to be. `problems` are minor (a bad time): the item is still imported. */
export type EntryResult =
  | { kind: 'post'; post: BloggerPost; problems: string[] }
  | { kind: 'comment'; comment: BloggerComment; problems: string[] }
  | { kind: 'skip'; reason: SkipReason }
  | { kind: 'problem'; message: string }
  /** Carries none of Blogger's markers: the source may be the wrong kind of feed. */
  | { kind: 'unknown' };

/** A comment link from the source is kept only when it points at the comment, not just at its post. */
export function commentLinkFrom(href: string | null): string | null {
  return href && (/#c\d+$/.test(href) || /[?&]showComment=/.test(href)) ? href : null;
}
