/**
 * A seed archive with long comments planted in it, for reading a comment in full. In "Probation Voice Must Continue to
 * be Heard", comment #1 becomes LONG_COMMENT (just over 4,000 characters, several paragraphs, markdown characters and
 * an @everyone that must show as typed and ping nobody) and its reply #1.2 is removed; reply #2.1 becomes
 * VERY_LONG_COMMENT (over 10,000 characters: more than one Discord message can hold).
 */
import { copySeedsWith } from '../e2e/harness';

export const LONG_MARKER = 'quokkafull';
export const LONG_COMMENT_ID = 'b9f170a77a-1';
export const REMOVED_REPLY_ID = 'b9f170a77a-1.2';
export const VERY_LONG_MARKER = 'quokkamax';
export const VERY_LONG_COMMENT_ID = 'b9f170a77a-2.1';

function sentence(i: number, marker = LONG_MARKER): string {
  const flavours = [
    `the *caseload* figures for the ${marker} team are not what HQ says`,
    'nobody in the office has had supervision for _months_ and it shows',
    'the target culture means 3 > 2 whatever the evidence says',
    '@everyone in the region was told to "just get on with it" again',
    'my manager agrees ~privately~ but will not say so in a meeting',
  ];
  return `Sentence ${i} says ${flavours[i % flavours.length]}.`;
}

/** Sentences until the text passes `length` characters, six to a paragraph. */
function buildLongComment(length: number, marker: string): string {
  const sentences: string[] = [];
  while (sentences.join(' ').length < length) sentences.push(sentence(sentences.length + 1, marker));
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 6) paragraphs.push(sentences.slice(i, i + 6).join(' '));
  return paragraphs.join('\n\n');
}

export const LONG_COMMENT = buildLongComment(4000, LONG_MARKER);
export const VERY_LONG_COMMENT = buildLongComment(10000, VERY_LONG_MARKER);

/** Copies the seeds into `dir` with the long comment and the removed reply planted; returns `dir`. */
export function plantLongComment(dir: string): string {
  return copySeedsWith(dir, (file, text) => {
    if (!file.startsWith('001_')) return text;
    const planted = text
      .replace(/ {2}1\. What HMIP[\s\S]*?(?=\n\n {4}ReplyDelete)/, `  1. ${LONG_COMMENT.split('\n\n').join('\n\n    ')}`)
      .replace('    2. Where can it be found? Can you post it please/?', '    2. This comment has been removed by the author.')
      .replace(
        "    1. Now that all comments are moderated it raises several moral dilemma's.",
        `    1. ${VERY_LONG_COMMENT.split('\n\n').join('\n\n      ')}`,
      );
    if (planted === text) throw new Error('the seed changed: the long comment could not be planted');
    return planted;
  });
}
