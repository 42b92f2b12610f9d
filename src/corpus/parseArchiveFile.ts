/**
 * One export file in, one post out. Never throws: whatever is wrong with the input becomes a Problem naming the file
 * (and line), so one bad file cannot stop the rest of the archive loading.
 */
import path from 'node:path';
import { decodeArchiveText } from './decodeText';
import { parseHeadingDate } from './headingDate';
import { postIdFor } from './ids';
import { findCommentsHeader, parseStructured, type ParsedParts } from './parseStructured';
import { hasUnstructuredSeparators, parseUnstructured } from './parseUnstructured';
import { detachString } from './threadText';
import type { Post, Problem } from './types';

export interface ParsedArchiveFile {
  post: Post | null;
  problems: Problem[];
}

function readParts(lines: readonly string[], file: string, postId: string): ParsedParts | null {
  const header = findCommentsHeader(lines);
  if (header !== -1) return parseStructured(lines, file, postId, header);
  if (hasUnstructuredSeparators(lines)) return parseUnstructured(lines, file, postId);
  const first = lines.find((l) => l.trim().length > 0) ?? '';
  if (parseHeadingDate(first).kind === 'date') return parseStructured(lines, file, postId, -1);
  return null;
}

export function parseArchiveFile(fileName: string, content: Buffer | string): ParsedArchiveFile {
  const file = path.basename(fileName);
  try {
    const decoded = decodeArchiveText(content);
    if (!decoded.ok) return { post: null, problems: [{ file, line: null, message: decoded.message }] };
    if (decoded.text.trim().length === 0) return { post: null, problems: [{ file, line: null, message: 'empty file' }] };
    const lines = decoded.text.split('\n').map((l) => l.trimEnd());
    const id = postIdFor(file);
    const parts = readParts(lines, file, id);
    if (!parts) {
      return {
        post: null,
        problems: [
          {
            file,
            line: 1,
            message:
              'no recognisable structure: expected a date heading (like "Tuesday 25 October 2022"), a "N comments:" line, or ReplyDelete / Delete / **** comment separators',
          },
        ],
      };
    }
    const { problems, title, body, ...rest } = parts;
    const post: Post = {
      id,
      source: file,
      url: null,
      ...rest,
      title: title === null ? null : detachString(title),
      body: detachString(body),
    };
    return { post, problems };
  } catch (error) {
    // A parser bug must not take the archive down with it: report it against the file and carry on.
    return { post: null, problems: [{ file, line: null, message: `could not be parsed: ${(error as Error).message ?? String(error)}` }] };
  }
}
