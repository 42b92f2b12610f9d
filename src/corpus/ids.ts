/**
 * Stable ids. They are derived from the file's name alone (never from its content or load order), so the same
 * file gives the same ids on every run and re-ingest: links, pages and "already posted" records survive restarts.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** First 10 hex characters of the sha1 of the file's base name. */
export function postIdFor(fileName: string): string {
  return createHash('sha1').update(path.basename(fileName)).digest('hex').slice(0, 10);
}

/** `<postId>-<position>`, e.g. `1a2b3c4d5e-2.3` for the third reply to the second comment. */
export function commentIdFor(postId: string, position: string): string {
  return `${postId}-${position}`;
}
