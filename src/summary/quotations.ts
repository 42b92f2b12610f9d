/**
 * Quotations inside a comment: the words between quotation marks when they are more than a phrase. A commenter who
 * writes `Sonia “absolutely loved” her experience` is speaking; one who writes `"I am delighted to let you know I will
 * be taking up a new part time role…"` is quoting, and those words must not be quoted back as theirs.
 */

const QUOTE_MARK = /["“‘]/g;

/** `[start, end)` of a text, quotation marks included. */
export interface TextRange {
  start: number;
  end: number;
}

/** Fewer words than this between quotation marks is a phrase ("scare quotes"), still the writer's own. */
export const QUOTATION_MIN_WORDS = 6;

function wordsIn(text: string, start: number, end: number): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 13 || c === 9 || c === 160;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** The end of the paragraph holding `at` (a blank line), or the end of the text. */
function paragraphEnd(text: string, at: number): number {
  const blank = text.indexOf('\n\n', at);
  return blank < 0 ? text.length : blank;
}

/**
 * Spans of at least QUOTATION_MIN_WORDS words between “ and ”, between straight double quotes (paired in order within
 * a paragraph), or between ‘ and a ’ that is not an apostrophe. A quotation opened and never closed runs to the end of
 * its paragraph: pasted passages often lose their closing mark.
 */
export function quotationRanges(text: string): TextRange[] {
  const out: TextRange[] = [];
  const push = (start: number, end: number) => {
    if (wordsIn(text, start, end) >= QUOTATION_MIN_WORDS) out.push({ start, end });
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Jump to the next quotation mark: most of a comment has none.
    QUOTE_MARK.lastIndex = i;
    const found = QUOTE_MARK.exec(text);
    if (!found) break;
    i = found.index;
    const c = text[i];
    if (c === '“') {
      // Nested or doubled openings (`“ “when you…”`) belong to the same quotation.
      const close = text.indexOf('”', i + 1);
      const limit = paragraphEnd(text, i);
      const end = close >= 0 && close < limit ? close + 1 : limit;
      push(i, end);
      i = end;
    } else if (c === '"') {
      const limit = paragraphEnd(text, i);
      const close = text.indexOf('"', i + 1);
      const end = close >= 0 && close < limit ? close + 1 : limit;
      push(i, end);
      i = end;
    } else if (c === '‘') {
      // ’ is also the apostrophe ("don’t"): only one not followed by a letter closes the quotation.
      let j = i + 1;
      const limit = paragraphEnd(text, i);
      let end = -1;
      while (j < limit) {
        if (text[j] === '’' && !/\p{L}/u.test(text[j + 1] ?? '')) {
          end = j + 1;
          break;
        }
        j++;
      }
      if (end > 0) push(i, end);
      i = end > 0 ? end : i + 1;
    } else {
      i++;
    }
  }
  return out;
}
