/**
 * Who wrote a passage a post (or a comment) quotes, as the text itself says it: an introduction ("here we see what the
 * Chief Inspector Justin Russell thinks:-", "expanded upon by regular contributor 'Getafix yesterday:-"), a heading
 * ("A Message to Probation Staff from Sonia Flynn, Chief Probation Officer") or a sign-off of name and role lines
 * ("Sonia Flynn CBE / Chief Probation Officer"). Only what the text states is taken: a name merely mentioned near a
 * quotation ("an interview with Sonia Flynn") is not its speaker, and no name at all is better than a guessed one.
 */
import { splitSentences } from '../text';

/** What kind of thing a post quotes; it decides how a reader is told ("in the letter the post quotes"). */
export type QuoteKind = 'letter' | 'statement' | 'repost' | 'quotation';

/** An introduction: the words of the post that announce the quoted passage after them. */
export interface Intro {
  /** The speaker the introduction names, or null when it names none. */
  speaker: string | null;
  kind: QuoteKind;
  /** "The following contributions…": several passages follow, separators included, not just one. */
  series: boolean;
}

export interface SignOff {
  /** The name line's name, without honours ("Sonia Flynn", not "Sonia Flynn CBE"). */
  speaker: string;
  /** Index of the name line within the lines given. */
  line: number;
  /** A closing such as "Best wishes," came first: the passage is a letter. */
  valediction: boolean;
}

// Words that describe someone rather than name them: skipped before a name ("from former probation officer Mike
// Guilfoyle") and stripped from the front of a name ("the Chief Inspector Justin Russell" → "Justin Russell").
const ROLE_WORDS = new Set(
  (
    "hm her his majesty majesty’s majesty's chief inspector inspectors probation officer officers director general secretary justice minister " +
    'lord lady sir dame dr mr mrs ms miss professor prof ceo head governor deputy regional executive president chair chairman chairwoman ' +
    'assistant senior former the our national programme sponsor manager lead leader service services of for and prisons prison hmpps moj ' +
    'ombudsman commissioner cpo spo po pso union interim acting new outgoing incoming permanent state'
  ).split(' '),
);
/** Lower-case words allowed between "by"/"from" and the name: "by regular contributor 'Getafix". */
const DESCRIPTORS = new Set(
  (
    'regular former frequent fellow retired serving long-time longtime our the a an probation officer officers contributor commenter reader ' +
    'colleague correspondent member of staff old friend blog guest good new chief union rep senior manager practitioner academic trainee ' +
    'experienced anonymous valued'
  ).split(' '),
);
const POST_NOMINALS = new Set('cbe obe mbe kbe dbe cb kc qc mp jp dl frsa phd ba ma msc qpm mep'.split(' '));
/** Capitalised words that are never a speaker: where something was seen, or when. */
const NOT_SPEAKERS = new Set(
  (
    'twitter facebook linkedin youtube instagram tiktok google reddit january february march april may june july august september october ' +
    'november december monday tuesday wednesday thursday friday saturday sunday yesterday today i it this that these those there here'
  ).split(' '),
);
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'la', 'le', 'da', 'di', 'bin', 'al']);
const VALEDICTION =
  /^(?:with\s+)?(?:best|kind|warm|warmest)?\s*(?:wishes|regards)[,.!]?$|^yours(?:\s+(?:sincerely|faithfully|truly|ever))?[,.!]?$|^(?:many\s+)?thanks[,.!]?$|^thank\s+you[,.!]?$|^regards[,.!]?$/i;
const SPEECH_VERBS =
  /^(?:writes|wrote|says|said|states|stated|comments|commented|posted|tweeted|explains|explained|argues|argued|reports|reported|thinks|thought)$/i;

/** `'Getafix`, `Flynn`, `O'Brien`, `HMPPS`, `Crozier-Flynn`: a word that can be part of a name. */
function isNameWord(word: string): boolean {
  return /^['‘]?\p{Lu}[\p{L}'’-]*\.?$/u.test(word);
}

function bare(word: string): string {
  return word.replace(/[.,;:!?)]+$/u, '').replace(/^[(]/, '');
}

function possessive(word: string): boolean {
  return /['’]s$/u.test(word);
}

/**
 * The name in a run of capitalised words, or null: role words are stripped from the front, honours and a possessive
 * from the end, and what remains must be one to four name words that are not a platform, a date or a role.
 */
export function nameFromWords(words: string[]): string | null {
  let run = words.map(bare).filter((w) => w.length > 0);
  while (run.length > 0 && ROLE_WORDS.has(run[0].toLowerCase())) run = run.slice(1);
  while (run.length > 0 && POST_NOMINALS.has(run[run.length - 1].toLowerCase())) run = run.slice(0, -1);
  if (run.length === 0 || run.length > 4) return null;
  const last = run.length - 1;
  run[last] = run[last].replace(/['’]s$/u, '');
  if (!run.every((w, i) => isNameWord(w) || (i > 0 && i < last && PARTICLES.has(w)))) return null;
  if (run.every((w) => ROLE_WORDS.has(w.toLowerCase()) || NOT_SPEAKERS.has(w.toLowerCase()))) return null;
  if (NOT_SPEAKERS.has(run[0].toLowerCase()) || NOT_SPEAKERS.has(run[last].toLowerCase())) return null;
  return run.join(' ');
}

/** The capitalised words from `words[from]` on, stopping after a possessive ("Mike Guilfoyle's") or at punctuation. */
function runFrom(words: string[], from: number): string[] {
  const run: string[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i];
    const word = bare(w);
    if (!isNameWord(word) && !(run.length > 0 && PARTICLES.has(word))) break;
    run.push(word);
    if (possessive(word) || w !== word) break;
  }
  return run;
}

/** The capitalised words that end just before `words[end]`. */
function runBefore(words: string[], end: number): string[] {
  const run: string[] = [];
  for (let i = end - 1; i >= 0; i--) {
    const w = words[i];
    if (w !== bare(w) || !isNameWord(w)) break;
    run.unshift(w);
  }
  return run;
}

/**
 * The speaker an introduction names: "by/from [descriptors] NAME", "what [the role] NAME thinks/says", "NAME
 * writes/said". The match nearest the end wins, since the introduction leads into the quotation there.
 */
export function speakerNamedIn(sentence: string): string | null {
  const words = sentence.split(/\s+/).filter((w) => w.length > 0);
  let best: { at: number; name: string } | null = null;
  const consider = (at: number, name: string | null) => {
    if (name && (!best || at >= best.at)) best = { at, name };
  };
  for (let i = 0; i < words.length; i++) {
    const lower = words[i].toLowerCase();
    if (lower === 'by' || lower === 'from') {
      let j = i + 1;
      while (j < words.length && j - i <= 5 && DESCRIPTORS.has(words[j].toLowerCase()) && words[j] === bare(words[j])) j++;
      consider(i, nameFromWords(runFrom(words, j)));
    } else if (lower === 'what') {
      let j = i + 1;
      if (words[j]?.toLowerCase() === 'the') j++;
      const run = runFrom(words, j);
      const verb = words[j + run.length];
      if (run.length > 0 && verb && SPEECH_VERBS.test(bare(verb)) && bare(run[run.length - 1]) === run[run.length - 1])
        consider(i, nameFromWords(run));
    } else if (SPEECH_VERBS.test(bare(words[i])) && i > 0) {
      consider(i, nameFromWords(runBefore(words, i)));
    }
  }
  return (best as { at: number; name: string } | null)?.name ?? null;
}

/** The kind of passage an introduction or heading announces, from the words it uses. */
export function kindNamedIn(text: string): QuoteKind {
  if (/\bstatement\b/i.test(text)) return 'statement';
  if (/\b(?:letter|message|e-?mail|memo|bulletin)\b|\b(?:wrote|writes|written) to\b/i.test(text)) return 'letter';
  if (/\b(?:contribut\w*|comments?|commenter|came in|left on|sent in|reader)\b/i.test(text)) return 'repost';
  return 'quotation';
}

const CUE =
  /\b(?:the following|as follows|below|here|this|these|says?|said|writes?|wrote|thinks?|statement|letter|message|e-?mail|tweet\w*|posted|published|reads?|circulated|announce\w*|comments?|contribut\w*|extracts?|excerpts?|adverts?|advertisement|article|report|from|by)\b/i;
const SERIES =
  /\b(?:following|some of the|a few of the|several)\s+(?:\w+\s+)?(?:contributions|comments|messages|responses|e-?mails|tweets|extracts|letters|views|thoughts|observations|posts|replies|reactions)\b/i;

/**
 * The introduction a paragraph ends with, or null: its last sentence ends in ":-" (the blog's own habit), mentions
 * "the following", or ends in ":" with a word that announces a quotation. A bare colon ("Two things strike me:") is
 * not enough: it is as often followed by the writer's own words.
 */
export function introAt(paragraph: string, nextStartsWithQuote = false): Intro | null {
  // Cheap tests first: most paragraphs neither end in a colon nor say "following".
  if (!/:\s*[-–—]?\s*$/.test(paragraph) && !/following|as follows/i.test(paragraph)) return null;
  const sentences = splitSentences(paragraph);
  const last = sentences[sentences.length - 1]?.text ?? '';
  const dash = /:\s*[-–—]\s*$/.test(last);
  const following = /\b(?:the following|as follows)\b/i.test(last);
  const colon = /:\s*$/.test(last) && (nextStartsWithQuote || CUE.test(last));
  if (!dash && !following && !colon) return null;
  return { speaker: speakerNamedIn(last), kind: kindNamedIn(last), series: SERIES.test(last) };
}

/**
 * A heading that says whose the passage under it is: a short line without closing punctuation, naming the speaker
 * with "from" or "by" ("A Message to Probation Staff from Sonia Flynn, Chief Probation Officer").
 */
export function headingSpeaker(line: string): { speaker: string; kind: QuoteKind } | null {
  if (line.length > 160 || !/ (?:from|by) /i.test(line)) return null;
  const text = line.trim();
  if (/[.!?;:\-–—]["”’]?$/.test(text)) return null;
  const words = text.split(/\s+/);
  if (words.length > 16 || !/^\p{Lu}/u.test(text)) return null;
  // A title capitalises most of its words; a sentence that happens to have no full stop does not.
  if (words.filter((w) => /^['‘]?\p{Lu}/u.test(w)).length * 2 < words.length) return null;
  const speaker = speakerNamedIn(text.replace(/,.*$/, ''));
  return speaker ? { speaker, kind: kindNamedIn(text) } : null;
}

/** A line that is a name: "Sonia Flynn CBE", "Justin Russell", "Dr Jane Smith", "Amy Rees,". */
function nameLine(line: string): string | null {
  const text = line.trim().replace(/[,.]$/, '');
  if (text.length === 0 || text.length > 60) return null;
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 6) return null;
  if (!words.every((w) => isNameWord(w) || PARTICLES.has(w))) return null;
  // A name has at most one role word in front ("Dr"); "Chief Probation Officer" is a role line, not a name.
  const name = nameFromWords(words);
  if (!name || name.split(' ').length < 2) return null;
  if (name.split(' ').some((w) => ROLE_WORDS.has(w.toLowerCase()))) return null;
  return name;
}

/** A role line under a name: short, capitalised, no sentence in it ("HM Chief Inspector of Probation", "HMPPS."). */
function roleLine(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 90 || !/^\p{Lu}/u.test(text)) return false;
  if (/[!?]$/.test(text) || /[.!?]\s+\p{Lu}/u.test(text)) return false;
  const words = text.replace(/[,.]$/, '').split(/\s+/);
  if (words.length > 12) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised * 2 >= words.length || words.some((w) => ROLE_WORDS.has(w.toLowerCase().replace(/[,.]$/, '')));
}

/**
 * A sign-off at the end of `lines` (the lines of one paragraph, or of a paragraph and the one before it): a name
 * line followed by one to four role lines, or a valediction followed by a name (and any roles). A name alone is not
 * a sign-off: too many comments end with a name they mention.
 */
export function signOffAt(lines: string[]): SignOff | null {
  const n = lines.length;
  // Every line of a sign-off is short: most paragraphs are ruled out by their last line alone.
  if (n === 0 || lines[n - 1].length > 90) return null;
  for (let start = Math.max(0, n - 5); start < n; start++) {
    const speaker = nameLine(lines[start]);
    if (!speaker) continue;
    const roles = lines.slice(start + 1);
    if (!roles.every(roleLine)) continue;
    const valediction = start > 0 && VALEDICTION.test(lines[start - 1].trim());
    if (roles.length === 0 && !valediction) continue;
    return { speaker, line: start, valediction };
  }
  return null;
}

/** `--oo00oo--`, `****`, `* * *`, `~~~`, `-----`: a line that only separates. */
export function isSeparator(line: string): boolean {
  const text = line.trim();
  return text.length >= 3 && /^[-–—*~=_o0O•·.\s]+$/.test(text) && !/^[oO0.\s]+$/.test(text) && /[-–—*~=_•·]/.test(text);
}
