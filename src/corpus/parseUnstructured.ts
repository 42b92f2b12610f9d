/**
 * An export that lost its structure (seed 002): no date, title or count; each line is a paragraph; comments are
 * separated by `****` lines or by Blogger's `ReplyDelete` / `Delete` buttons glued to the start of the next
 * paragraph; some paragraphs appear twice.
 *
 * Reading: what comes before the first separator is the post's body. A segment ended by `ReplyDelete` or `****` is a
 * top-level comment; one ended by `Delete` is a reply to the latest top-level comment. Each distinct paragraph is
 * kept once, where it first appears. Paragraphs are never joined into a longer one, and only unmistakable
 * signatures name an author (see `splitAtSignatures`).
 */
import { parseHeadingDate } from './headingDate';
import type { ParsedParts } from './parseStructured';
import { markedSignatureAuthor } from './signature';
import { buildComment, deriveTitle, isRemovedPlaceholder, joinParagraphs } from './threadText';
import type { Comment, Problem } from './types';

const STARS = /^\s*\*{3,}\s*$/;
/** `ReplyDelete` may be glued to anything; a bare `Delete` only to what cannot continue an English word or sentence. */
const REPLY_DELETE = /^\s*ReplyDelete/;
const DELETE = /^\s*Delete(?![a-z\s])/;
const REPLIES = /^\s*Replies\s*$/;

type Ending = 'stars' | 'top' | 'reply' | 'end';

interface Paragraph {
  line: number;
  text: string;
}

interface Segment {
  paragraphs: Paragraph[];
  ending: Ending;
}

/**
 * Separators were lost between some comments, so one segment can hold several. A line that can only be a signature
 * (`'Getafix`, `Cheers, Jim`) ends a comment wherever it stands: split there, so the signature names only the words
 * above it. Every part keeps the segment's kind (top-level or reply), as the segment as a whole would have.
 */
function splitAtSignatures(paragraphs: Paragraph[]): Paragraph[][] {
  const parts: Paragraph[][] = [];
  let current: Paragraph[] = [];
  for (const p of paragraphs) {
    current.push(p);
    if (current.length > 1 && markedSignatureAuthor(p.text) !== null) {
      parts.push(current);
      current = [];
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** True when the text carries the separators this reading relies on. */
export function hasUnstructuredSeparators(lines: readonly string[]): boolean {
  return lines.some((l) => STARS.test(l) || REPLY_DELETE.test(l) || DELETE.test(l));
}

function splitSegments(lines: readonly string[], from: number): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { paragraphs: [], ending: 'end' };
  const finish = (ending: Ending) => {
    current.ending = ending;
    segments.push(current);
    current = { paragraphs: [], ending: 'end' };
  };
  for (let i = from; i < lines.length; i += 1) {
    const raw = lines[i];
    const lineNo = i + 1;
    if (STARS.test(raw)) {
      finish('stars');
      continue;
    }
    if (REPLIES.test(raw)) continue;
    let rest = raw;
    const glued = REPLY_DELETE.exec(raw) ?? DELETE.exec(raw);
    if (glued) {
      finish(glued[0].includes('Reply') ? 'top' : 'reply');
      rest = raw.slice(glued[0].length);
    }
    const text = rest.trim();
    if (text.length === 0) continue;
    current.paragraphs.push({ line: lineNo, text });
  }
  segments.push(current);
  return segments;
}

/** Whitespace-insensitive key, so a paragraph repeated with different spacing still counts as a repeat. */
function paragraphKey(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

export function parseUnstructured(lines: readonly string[], file: string, postId: string): ParsedParts {
  const problems: Problem[] = [];
  let from = 0;
  while (from < lines.length && lines[from].trim().length === 0) from += 1;

  // A date heading and title may have survived even when the rest did not.
  let date: string | null = null;
  let title: string | null = null;
  const heading = from < lines.length ? parseHeadingDate(lines[from]) : ({ kind: 'none' } as const);
  if (heading.kind === 'date') {
    date = heading.iso;
    from += 1;
    while (from < lines.length && lines[from].trim().length === 0) from += 1;
    if (from < lines.length && !STARS.test(lines[from]) && !REPLY_DELETE.test(lines[from]) && !DELETE.test(lines[from])) {
      title = lines[from].trim();
      from += 1;
    }
  }
  problems.push({
    file,
    line: null,
    message:
      'no comment count line ("N comments:"); read as an unstructured export, comments split at ReplyDelete / Delete / **** separators',
  });

  const seen = new Set<string>();
  let duplicates = 0;
  /** The segment's paragraphs not seen before, in order. */
  const distinct = (segment: Segment): Paragraph[] => {
    const kept: Paragraph[] = [];
    for (const p of segment.paragraphs) {
      const key = paragraphKey(p.text);
      // Removed comments all carry the same placeholder; each one still keeps its place.
      if (seen.has(key) && !isRemovedPlaceholder(key)) {
        duplicates += 1;
        continue;
      }
      seen.add(key);
      kept.push(p);
    }
    return kept;
  };

  const [opening, ...rest] = splitSegments(lines, from);
  const body = joinParagraphs(distinct(opening).map((p) => [p.text]));
  const comments: Comment[] = [];
  let lastTop: Comment | null = null;
  let replyCount = 0;
  let topCount = 0;
  for (const segment of rest) {
    for (const part of splitAtSignatures(distinct(segment))) {
      const paragraphs = part.map((p) => [p.text]);
      const common = { postId, order: comments.length, line: part[0].line, paragraphs, bareNameSignatures: false };
      if (segment.ending === 'reply' && lastTop) {
        replyCount += 1;
        comments.push(buildComment({ ...common, position: `${lastTop.position}.${replyCount}`, parentId: lastTop.id }));
      } else {
        topCount += 1;
        replyCount = 0;
        lastTop = buildComment({ ...common, position: String(topCount), parentId: null });
        comments.push(lastTop);
      }
    }
  }
  if (duplicates > 0) {
    problems.push({ file, line: null, message: `${duplicates} repeated paragraph${duplicates === 1 ? '' : 's'} kept once` });
  }

  let titleDerived = false;
  if (title === null) {
    title = deriveTitle(body) ?? deriveTitle(comments.find((c) => !c.removed && c.text)?.text ?? '');
    titleDerived = title !== null;
  }
  return { title, titleDerived, date, body, declaredCommentCount: null, comments, problems };
}
