/**
 * Who wrote a comment, when the comment says so. Blogger shows most of these comments as "Anonymous", and regulars
 * sign at the bottom: `'Getafix`, `Cheers, Jim`, or a two-line `Probation Officer` / `London`.
 *
 * A false author is worse than none (it puts words in someone's mouth), so only shapes that cannot plausibly be
 * prose count: a name after a sign-off mark or a valediction, or a short Title Case name standing alone as the
 * comment's last paragraph. A sentence, a URL, a quote, a number or anything longer than a few words is never a
 * signature.
 */

export interface SignatureSplit {
  author: string | null;
  /** The paragraphs with the recognised signature lines removed (unchanged when there is no signature). */
  paragraphs: string[][];
}

/** A capitalised word of a name or role: `Jim`, `O'Brien`, `Smith-Jones`, `PO`, `St.`. */
const NAME_WORD = /^[A-Z][A-Za-z'’.-]{0,24}$/;
const MAX_NAME_LENGTH = 40;
/** Sign-offs that are followed by the writer's own name (thanks are not: "Thanks Jim" thanks Jim). */
const VALEDICTIONS =
  'cheers|regards|kind regards|best regards|warm regards|best wishes|all the best|best|yours|yours sincerely|sincerely|take care';
/** On its own line, above the name: `Regards` / `Mary`. */
const VALEDICTION = new RegExp(`^(?:${VALEDICTIONS})[,.!]?$`, 'i');
/** On one line the comma is required: `Cheers, Jim` signs, `Cheers Jim` may thank Jim, `Best Practice` is neither. */
const VALEDICTION_WITH_NAME = new RegExp(`^(?:${VALEDICTIONS}),\\s*(.+)$`, 'i');
/**
 * The same at the end of the comment's last sentence, with nothing after the name: `… reflective discourse. Cheers,
 * Jim`. This is how the blog's owner, Jim, signs his replies in the export (004 #13.1 publishes a reader's comment
 * as a guest blog, which only the owner can do); a reader thanking him writes "Thanks Jim" or "Cheers Jim!", which
 * stay text (no comma, or punctuation after the name). Only the valedictions that sign, and only after a sentence end.
 */
const INLINE_VALEDICTION = new RegExp(`^(.*[.!?…)"”])\\s+((?:${VALEDICTIONS}),\\s*([^\\s,.!?…][^,.!?…]*))$`, 'i');
/** A sign-off mark directly before a name: `'Getafix`, `- Jim`, `~Dave`. */
const MARKED_NAME = /^(['‘’`]|[-–—~]\s?)(.+)$/;
/**
 * First words of short Title Case lines that are exclamations or addresses, not names (`Well Said`, `Good Luck`,
 * `Shame On You`, `Thank You Jim`). Names and roles rarely start with these.
 */
const NOT_A_NAME_START = new Set([
  'a',
  'all',
  'always',
  'an',
  'and',
  'another',
  'any',
  'bring',
  'but',
  'cheers',
  'come',
  'dear',
  'do',
  'enough',
  'ever',
  'every',
  'get',
  'go',
  'god',
  'good',
  'great',
  'ha',
  'haha',
  'happy',
  'hear',
  'hello',
  'hi',
  'how',
  'i',
  'if',
  'in',
  'is',
  'it',
  'just',
  'keep',
  'let',
  'long',
  'lol',
  'many',
  'merry',
  'more',
  'much',
  'my',
  'never',
  'no',
  'not',
  'nothing',
  'now',
  'oh',
  'ok',
  'okay',
  'only',
  'our',
  'please',
  'rip',
  'sad',
  'same',
  'save',
  'see',
  'shame',
  'so',
  'some',
  'still',
  'stop',
  'such',
  'that',
  'the',
  'then',
  'there',
  'these',
  'they',
  'this',
  'thank',
  'thanks',
  'time',
  'to',
  'too',
  'totally',
  'very',
  'vote',
  'we',
  'well',
  'what',
  'when',
  'where',
  'who',
  'why',
  'wow',
  'yes',
  'you',
  'your',
  'best',
  'kind',
  'warm',
  'regards',
  'yours',
  'sincerely',
  'take',
  'anon',
  'anonymous',
  'unknown',
  'nobody',
  'everyone',
  'everybody',
  'folks',
  'comrades',
  'colleagues',
]);

function words(line: string): string[] {
  return line.split(/\s+/).filter((w) => w.length > 0);
}

/** A short run of capitalised words (`Probation Officer`, `Jim`), optionally `Role, Place`. */
function isNameLike(line: string, maxWords: number): boolean {
  if (line.length === 0 || line.length > MAX_NAME_LENGTH) return false;
  if (/[0-9@/\\:;!?"“”()[\]{}<>*_#=+|]/.test(line) || /https?|www\./i.test(line)) return false;
  if (/[.,]$/.test(line) && !/\b[A-Z]\.$/.test(line)) return false; // ends like a sentence (but `J.` is an initial)
  if (/['‘’`]$/.test(line)) return false; // `'Justice Matters'` is a quoted phrase, not a name
  const parts = line.split(/,\s*/);
  if (parts.length > 2 || parts.some((p) => p.trim().length === 0)) return false;
  const all = words(line.replace(/,/g, ' '));
  if (all.length === 0 || all.length > maxWords) return false;
  if (!all.every((w) => w === '&' || NAME_WORD.test(w))) return false;
  if (NOT_A_NAME_START.has(all[0].toLowerCase().replace(/[.'’]/g, ''))) return false;
  // Shouting (`STRIKE NOW`) is not a signature; a single acronym (`PO`) may be part of one.
  const letters = line.replace(/[^A-Za-z]/g, '');
  if (all.length > 1 && letters.length > 4 && letters === letters.toUpperCase()) return false;
  return true;
}

const BULLET = /^[-–—~]/;

/** `- Probation Officers` after other `- ...` lines is the last item of a list, not a dash before a name. */
function endsAList(paragraphs: string[][]): boolean {
  const lines = paragraphs.flat();
  const previous = lines[lines.length - 2];
  return previous !== undefined && /^\s*[-–—~•*]/.test(previous);
}

function withoutLastLines(paragraphs: string[][], count: number): string[][] {
  const out = paragraphs.map((p) => [...p]);
  const last = out[out.length - 1];
  last.splice(last.length - count, count);
  if (last.length === 0) out.pop();
  return out;
}

function hasTextLeft(paragraphs: string[][]): boolean {
  return paragraphs.some((p) => p.some((l) => l.trim().length > 0));
}

/**
 * The author named by a line that can only be a signature: a marked name (`'Getafix`, `- Jim`) or a valediction
 * with a name (`Cheers, Jim`). Null for anything else, including bare names, which need the context of a comment.
 */
export function markedSignatureAuthor(line: string): string | null {
  const text = line.trim();
  const marked = MARKED_NAME.exec(text);
  if (marked && isNameLike(marked[2].trim(), 3)) return /^['‘’`]$/.test(marked[1]) ? text : marked[2].trim();
  const valediction = VALEDICTION_WITH_NAME.exec(text);
  if (valediction && isNameLike(valediction[1].trim(), 3)) return valediction[1].trim();
  return null;
}

export interface SplitSignatureOptions {
  /**
   * Also accept a bare Title Case name standing alone as the last paragraph (`Probation Officer` / `London`).
   * Only safe when the comment's boundaries and paragraphs are reliable, i.e. in the regular export.
   */
  bareNames?: boolean;
}

/**
 * Finds the signature at the end of a comment. `paragraphs` are the comment's paragraphs, each a list of trimmed,
 * non-empty lines. A signature is only recognised when text remains without it.
 */
export function splitSignature(paragraphs: string[][], options: SplitSignatureOptions = {}): SignatureSplit {
  const none: SignatureSplit = { author: null, paragraphs };
  if (paragraphs.length === 0) return none;
  const lastParagraph = paragraphs[paragraphs.length - 1];
  const lastLine = lastParagraph[lastParagraph.length - 1].trim();
  const accept = (author: string, lines: number): SignatureSplit => {
    const rest = withoutLastLines(paragraphs, lines);
    return hasTextLeft(rest) ? { author, paragraphs: rest } : none;
  };

  // Marked name as the final line: `'Getafix` (the apostrophe is part of how he signs), `- Jim` (the dash is not).
  const marked = MARKED_NAME.exec(lastLine);
  if (marked && isNameLike(marked[2].trim(), 3) && !(BULLET.test(marked[1]) && endsAList(paragraphs))) {
    const author = /^['‘’`]$/.test(marked[1]) ? lastLine : marked[2].trim();
    return accept(author, 1);
  }

  // Valediction and name: `Cheers, Jim` on one line, or `Regards` / `Jim` on two.
  const valediction = VALEDICTION_WITH_NAME.exec(lastLine);
  if (valediction && isNameLike(valediction[1].trim(), 3)) return accept(valediction[1].trim(), 1);
  if (lastParagraph.length >= 2 && VALEDICTION.test(lastParagraph[lastParagraph.length - 2].trim()) && isNameLike(lastLine, 3)) {
    return accept(lastLine, 2);
  }

  // Valediction and name ending the last sentence: `… discourse. Cheers, Jim`.
  // Only a line with a comma near its end can end so; the pattern itself backtracks over the whole line.
  const inline = lastLine.lastIndexOf(',') >= lastLine.length - 45 ? INLINE_VALEDICTION.exec(lastLine) : null;
  if (inline && isNameLike(inline[3].trim(), 3)) {
    const rest = withoutLastLines(paragraphs, 1);
    if (rest.length === paragraphs.length) rest[rest.length - 1].push(inline[1]);
    else rest.push([inline[1]]);
    return { author: inline[3].trim(), paragraphs: rest };
  }

  // A bare name stands alone as the last paragraph, after the comment's text.
  if (options.bareNames === false || paragraphs.length < 2) return none;
  if (lastParagraph.length === 1 && isNameLike(lastLine, 4) && words(lastLine).length >= 2) return accept(lastLine, 1);
  if (lastParagraph.length === 2) {
    const [first, second] = lastParagraph.map((l) => l.trim());
    if (!first.includes(',') && isNameLike(first, 4) && isNameLike(second, 3) && words(`${first} ${second}`).length >= 2) {
      return accept(`${first}, ${second}`, 2);
    }
  }
  return none;
}
