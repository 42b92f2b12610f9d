/**
 * The regular Blogger export: date heading, title, body, `N comments:`, then numbered comments each ended by
 * `ReplyDelete`, with a `Replies` block of numbered replies each ended by `Delete`.
 *
 * Structure is read from the markers and the indentation Blogger writes (top-level numbers at 2 spaces, their text
 * and the replies' numbers at 4, the replies' text at 6), so a numbered list inside a comment stays part of it.
 */
import { parseHeadingDate } from './headingDate';
import { buildComment, deriveTitle, joinParagraphs, toParagraphs } from './threadText';
import type { Comment, Problem } from './types';

export interface ParsedParts {
  title: string | null;
  titleDerived: boolean;
  date: string | null;
  body: string;
  declaredCommentCount: number | null;
  comments: Comment[];
  problems: Problem[];
}

const COMMENTS_HEADER = /^ ?(\d{1,7}|no|one) comments?\s*:\s*$/i;
/** Up to seven digits: a thread can run past 99,999 comments, and a longer number is a year or an amount, not a comment. */
const NUMBERED = /^(\s*)(\d{1,7})\.(?:\s+(.*))?$/;
/** Continuation text sits at 4 spaces; a number closer to the margin starts a new top-level comment. */
const TOP_LEVEL_MAX_INDENT = 3;
/** Reply text sits at 6 spaces; a number at 4 or 5 starts a new reply. */
const REPLY_MAX_INDENT = 5;
const MAX_TITLE_LENGTH = 200;

export function findCommentsHeader(lines: readonly string[]): number {
  return lines.findIndex((l) => COMMENTS_HEADER.test(l));
}

function declaredCount(line: string): number | null {
  const m = COMMENTS_HEADER.exec(line);
  if (!m) return null;
  const word = m[1].toLowerCase();
  return word === 'no' ? 0 : word === 'one' ? 1 : Number(word);
}

function indentOf(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ' || ch === '\u00a0') width += 1;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}

type State = 'start' | 'top' | 'afterTop' | 'betweenReplies' | 'reply';

interface OpenComment {
  /** The top-level comment a reply belongs to; null for a top-level comment. */
  parent: Comment | null;
  line: number;
  lines: string[];
}

export function parseStructured(lines: readonly string[], file: string, postId: string, headerIndex: number): ParsedParts {
  const problems: Problem[] = [];
  const problem = (line: number | null, message: string) => problems.push({ file, line, message });

  // Heading: date, then title.
  let cursor = lines.findIndex((l) => l.trim().length > 0);
  const end = headerIndex === -1 ? lines.length : headerIndex;
  let date: string | null = null;
  let title: string | null = null;
  if (cursor !== -1 && cursor < end) {
    const heading = parseHeadingDate(lines[cursor]);
    if (heading.kind === 'date') {
      date = heading.iso;
      cursor += 1;
    } else if (heading.kind === 'invalid') {
      problem(cursor + 1, `${heading.message}: "${lines[cursor].trim()}"; the post is undated`);
      cursor += 1;
    } else {
      problem(cursor + 1, 'no date heading (like "Tuesday 25 October 2022") at the top; the post is undated');
    }
    while (cursor < end && lines[cursor].trim().length === 0) cursor += 1;
    if (cursor < end) {
      const candidate = lines[cursor].trim();
      // Without a date we cannot be sure the first line is a title: take it only if it reads like one.
      const looksLikeTitle = candidate.length <= MAX_TITLE_LENGTH && (heading.kind !== 'none' || !/[.!?:;,]$/.test(candidate));
      if (looksLikeTitle) {
        title = candidate;
        cursor += 1;
      }
    }
  } else {
    problem(headerIndex + 1, 'no date heading or title before the comment count line; the post is undated');
  }
  const body = joinParagraphs(toParagraphs(cursor === -1 ? [] : lines.slice(cursor, end)));

  let comments: Comment[] = [];
  let declaredCommentCount: number | null = null;
  if (headerIndex === -1) {
    problem(null, 'no comment count line ("N comments:") found; the post is read without comments');
  } else {
    declaredCommentCount = declaredCount(lines[headerIndex]);
    // Taken as is, never spread into push(): spreading 100,000+ comments as arguments overflows the call stack.
    comments = parseThread(lines, headerIndex + 1, postId, problem);
    if (declaredCommentCount !== null && declaredCommentCount !== comments.length) {
      problem(
        headerIndex + 1,
        `declares ${declaredCommentCount} comment${declaredCommentCount === 1 ? '' : 's'} but ${comments.length} ${comments.length === 1 ? 'was' : 'were'} found`,
      );
    }
  }

  let titleDerived = false;
  if (title === null) {
    title = deriveTitle(body) ?? deriveTitle(comments.find((c) => !c.removed && c.text)?.text ?? '');
    titleDerived = title !== null;
  }
  return { title, titleDerived, date, body, declaredCommentCount, comments, problems };
}

function parseThread(
  lines: readonly string[],
  from: number,
  postId: string,
  problem: (line: number | null, message: string) => void,
): Comment[] {
  const comments: Comment[] = [];
  let state = 'start' as State;
  // Widened on purpose: the closures below reassign it, which control-flow narrowing cannot see.
  let open = null as OpenComment | null;
  let lastTop: Comment | null = null;
  let topCount = 0;
  let replyCount = 0;
  let strayLine: number | null = null;
  let strayCount = 0;

  const close = () => {
    if (!open) return;
    const paragraphs = toParagraphs(open.lines);
    const { parent, line } = open;
    const position = parent ? `${parent.position}.${replyCount}` : String(topCount);
    const comment = buildComment({
      postId,
      position,
      parentId: parent?.id ?? null,
      order: comments.length,
      line,
      paragraphs,
      bareNameSignatures: true,
    });
    comments.push(comment);
    if (!parent) lastTop = comment;
    open = null;
  };
  const startTop = (number: number, line: number, first: string) => {
    close();
    topCount += 1;
    replyCount = 0;
    if (number !== topCount) problem(line, `comment numbered ${number} where ${topCount} was expected; numbered ${topCount}`);
    open = { parent: null, line, lines: [first] };
    state = 'top';
  };
  const startReply = (number: number, line: number, first: string) => {
    close();
    if (lastTop === null) {
      startTop(number, line, first); // a reply with nothing to reply to is read as a comment
      return;
    }
    replyCount += 1;
    if (number !== replyCount) problem(line, `reply numbered ${number} where ${replyCount} was expected; numbered ${replyCount}`);
    open = { parent: lastTop, line, lines: [first] };
    state = 'reply';
  };

  for (let i = from; i < lines.length; i += 1) {
    const raw = lines[i];
    const text = raw.trim();
    const lineNo = i + 1;
    const numbered = NUMBERED.exec(raw);
    const indent = indentOf(raw);
    if (text.length === 0) {
      if (open) open.lines.push('');
      continue;
    }
    if (numbered && indent <= TOP_LEVEL_MAX_INDENT) {
      startTop(Number(numbered[2]), lineNo, numbered[3] ?? '');
      continue;
    }
    switch (state) {
      case 'top':
        if (text === 'ReplyDelete' || text === 'Delete') {
          close();
          state = 'afterTop';
        } else if (text === 'Replies') {
          // The comment lost its ReplyDelete line, but a replies block can only follow a finished comment.
          close();
          state = 'betweenReplies';
        } else open?.lines.push(raw);
        break;
      case 'reply':
        if (text === 'Delete' || text === 'ReplyDelete') {
          close();
          state = 'betweenReplies';
        } else if (numbered && indent <= REPLY_MAX_INDENT) {
          startReply(Number(numbered[2]), lineNo, numbered[3] ?? '');
        } else open?.lines.push(raw);
        break;
      case 'afterTop':
      case 'betweenReplies':
        if (text === 'Replies') state = 'betweenReplies';
        else if (numbered) startReply(Number(numbered[2]), lineNo, numbered[3] ?? '');
        else {
          strayLine ??= lineNo;
          strayCount += 1;
        }
        break;
      case 'start':
        if (numbered) startTop(Number(numbered[2]), lineNo, numbered[3] ?? '');
        else {
          strayLine ??= lineNo;
          strayCount += 1;
        }
        break;
    }
  }
  if (open) {
    const what = open.parent ? 'reply is not ended by Delete' : 'comment is not ended by ReplyDelete';
    problem(open.line, `the last ${what}; read to the end of the file`);
  }
  close();
  if (strayLine !== null) {
    problem(strayLine, `${strayCount} line${strayCount === 1 ? '' : 's'} of text outside any numbered comment ignored`);
  }
  return comments;
}
