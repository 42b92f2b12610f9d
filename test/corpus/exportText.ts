/** Builds export text in Blogger's layout for tests, so each test shows only the thread it is about. */

export interface DraftComment {
  lines: string[];
  replies?: string[][];
}

export function exportText(options: {
  heading?: string;
  title?: string;
  body?: string[];
  declared?: string;
  comments: DraftComment[];
}): string {
  const out: string[] = [];
  if (options.heading !== undefined) out.push(options.heading, '');
  if (options.title !== undefined) out.push(options.title, '');
  for (const paragraph of options.body ?? ['The post body.']) out.push(paragraph, '');
  out.push(options.declared ?? `${options.comments.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0)} comments:`, '');
  options.comments.forEach((comment, i) => {
    comment.lines.forEach((line, j) => out.push(j === 0 ? `  ${i + 1}. ${line}` : line === '' ? '' : `    ${line}`));
    out.push('', '    ReplyDelete');
    if (comment.replies?.length) {
      out.push('    Replies');
      comment.replies.forEach((reply, k) => {
        reply.forEach((line, j) => out.push(j === 0 ? `    ${k + 1}. ${line}` : line === '' ? '' : `      ${line}`));
        out.push('', '      Delete');
      });
    }
  });
  return out.join('\n');
}
