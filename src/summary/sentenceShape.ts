/**
 * Lines that split like sentences but are not prose: headings of pasted articles ("The ‘voice of the Probation
 * Service’ must continue to be heard"), job titles in pasted adverts ("Project Lead, One HMPPS Programme"),
 * signatures. They have no closing punctuation and are short; quoting one as someone's view misrepresents them.
 */
const CLOSING = /[.!?…:;,)\]"'”’-]$/u;
const HEADING_MAX_WORDS = 12;

export function looksLikeHeading(sentence: string): boolean {
  const text = sentence.trim();
  if (CLOSING.test(text)) return false;
  return text.split(/\s+/).length < HEADING_MAX_WORDS;
}
