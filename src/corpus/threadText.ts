/**
 * From a comment's raw lines to what the model stores: paragraphs, signature, the removed-comment placeholder.
 * Wording is never changed; only indentation and blank-line runs are normalised.
 */
import { commentIdFor } from './ids';
import { splitSignature } from './signature';
import type { Comment } from './types';

/** Blogger's placeholder for a deleted comment: it keeps its place in the thread but is not the commenter's words. */
const REMOVED = /^This (?:comment|post) has been removed by (?:the author|an? (?:blog )?administrator|the (?:blog )?administrator)\.?$/i;

/** Groups lines into paragraphs (runs of non-blank lines), dropping indentation and trailing spaces. */
export function toParagraphs(lines: readonly string[]): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0) {
      if (current.length > 0) paragraphs.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/** Paragraphs as stored text: lines joined by a newline, paragraphs by a blank line. */
export function joinParagraphs(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs.map((p) => p.join('\n')).join('\n\n');
}

/** The placeholder is one short sentence; checking the length first keeps long comments cheap. */
const MAX_PLACEHOLDER_LENGTH = 100;

export function isRemovedPlaceholder(text: string): boolean {
  return text.length <= MAX_PLACEHOLDER_LENGTH && REMOVED.test(text.replace(/\s+/g, ' ').trim());
}

/**
 * A copy of `text` that does not point into the file it was cut from. V8 keeps substrings (split lines, trimmed
 * lines, one-line joins) as views of the whole file's text, so without this every loaded post would keep its entire
 * source alive: about 100 MB more heap for the full archive.
 */
export function detachString(text: string): string {
  return text.length === 0 ? text : (' ' + text).slice(1);
}

export interface CommentDraft {
  postId: string;
  position: string;
  parentId: string | null;
  order: number;
  line: number | null;
  paragraphs: string[][];
  /** Whether a bare Title Case name may be read as the signature (see `splitSignature`). */
  bareNameSignatures: boolean;
}

export function buildComment(draft: CommentDraft): Comment {
  const base = {
    id: commentIdFor(draft.postId, draft.position),
    postId: draft.postId,
    parentId: draft.parentId,
    position: draft.position,
    order: draft.order,
    line: draft.line,
  };
  if (isRemovedPlaceholder(joinParagraphs(draft.paragraphs))) return { ...base, author: null, text: '', removed: true };
  const { author, paragraphs } = splitSignature(draft.paragraphs, { bareNames: draft.bareNameSignatures });
  return { ...base, author: author === null ? null : detachString(author), text: detachString(joinParagraphs(paragraphs)), removed: false };
}

/** A title for an export that has none: its opening words, cut at a word boundary. */
export function deriveTitle(text: string, maxLength = 60): string | null {
  const firstParagraph = text.split('\n').find((l) => l.trim().length > 0 && !/^-+o+0+o+-+$/.test(l.trim()));
  if (!firstParagraph) return null;
  const clean = firstParagraph.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf(' ');
  const head = (boundary > maxLength / 2 ? cut.slice(0, boundary) : clean.slice(0, maxLength)).replace(/[\s,;:.–—-]+$/, '');
  return `${head}…`;
}
