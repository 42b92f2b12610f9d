/**
 * Which passage of a comment carries its point. Commenters clear their throats first ("This may, or may not seem
 * contentious.", "Jim, I’ll let you decide if this is a reasoned message…", "As an academic and former practitioner I
 * would very much like to comment in my own name…") and state the point later, often last ("So in conclusion game the
 * system to your advantage."), or as a verdict, a demand or an exclamation. These are weak signals, so each only
 * nudges the passage's prior; centrality and the thread's key terms still decide.
 *
 * A long thread has thousands of passages: the phrase patterns only run on passages whose index terms could match
 * them (see MarkerTerms), which is a few per thread.
 */
import { processTerm } from '../text';

/** Openings that talk about the comment rather than make its point. */
const THROAT_CLEARING_OPENING =
  /^(?:jim\b|hi\b|hello\b|dear \w+|(?:can|may) i (?:just )?(?:say|suggest|ask|add)\b|let me\b|i'?ll let you\b|i’ll let you\b|i will let you\b|i would (?:just |very much )?like to\b|i[’']d like to\b|i just want(?:ed)? to\b|just to say\b|to be honest\b|first(?:ly| of all)\b|with (?:the greatest )?respect\b|for what it'?s worth\b|apologies\b|as an? [\w\s-]{1,60}?\bi\b|(?:so that|that) (?:out of the way|said)\b|(?:just )?(?:a few|some|my|these|two|three) (?:suggestions|thoughts|points|observations|musings|ramblings)\b)/i;
/**
 * Throat-clearing anywhere: hedging about the comment itself, talk about the comment or the blog, and pointers at a
 * link or a paste ("There's a summary to be found in the following.") which are no view.
 */
const THROAT_CLEARING_ANYWHERE =
  /\bmay,? or may not,? (?:seem|be)\b|\b(?:this|my) (?:comment|post|rant|message)\b|\b(?:guest blog|recycle bin)\b|\b(?:to be found|found) (?:in|at|on) the following\b|(?:in|from|at) the following\.?$|\b(?:see|follow) (?:the|this) link\b/i;
/** Phrases that announce the point. */
const POINT_MARKERS =
  /\b(?:my point|the point is|in conclusion|the fact (?:of the matter )?is|the truth is|the reality is|bottom line|the (?:real )?(?:problem|answer|issue) is|what (?:we|they|you) (?:really )?need|we need to|they need to|needs? to (?:be|stop|go|end)|must)\b/i;
/** A demand or an instruction to the reader. */
const IMPERATIVE =
  /^(?:vote|join|reject|stop|don'?t|don’t|do not|use|keep|put|let'?s|let’s|read|try|shove|get|undermine|stick|remember|think|ask|call)\b/i;

/** Words of a strong reaction: the thread's heat is part of what it was about. */
const REACTION_WORDS =
  'horseshit bullshit shit shite crap bollocks twaddle disgusting disgrace disgraceful insult insulting shambles omnishambles farce farcical joke nonsense garbage rubbish platitudes hypocrisy hypocrite hypocritical outrage outrageous appalling shocking';
/** Words without which POINT_MARKERS cannot match. */
const POINT_WORDS = 'point conclusion fact truth reality bottom problem answer issue need needs must';
/** Words without which THROAT_CLEARING_ANYWHERE cannot match. */
const THROAT_WORDS = 'may comment post rant message guest blog recycle bin following link';

const REACTION = 1;
const POINT = 2;
const THROAT = 4;

let markerStems: Map<string, number> | null = null;

/** Index terms of the marker words, each with its kinds: computed once per process (stemming is the cost). */
function stems(): Map<string, number> {
  if (markerStems) return markerStems;
  const map = new Map<string, number>();
  const mark = (words: string, kind: number) => {
    for (const word of words.split(' ')) {
      const term = processTerm(word);
      if (term) map.set(term, (map.get(term) ?? 0) | kind);
    }
  };
  mark(REACTION_WORDS, REACTION);
  mark(POINT_WORDS, POINT);
  mark(THROAT_WORDS, THROAT);
  markerStems = map;
  return map;
}

/** The marker kinds of one thread's term ids, looked up once per term on first use. */
export class MarkerTerms {
  private readonly kinds: Int8Array;
  private readonly stems = stems();

  constructor(private readonly terms: readonly string[]) {
    this.kinds = new Int8Array(terms.length).fill(-1);
  }

  /** The kinds (REACTION | POINT | THROAT) any of `termIds` carries. */
  of(termIds: readonly number[]): number {
    const { kinds, terms, stems } = this;
    let found = 0;
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i];
      let k = kinds[t];
      if (k < 0) {
        k = stems.get(terms[t]) ?? 0;
        kinds[t] = k;
      }
      found |= k;
    }
    return found;
  }
}

export interface PassageShape {
  /** The passage names someone or something: two capitalised words in a row after its first word ("David Brent"). */
  named: boolean;
  /** Its place among the comment's own passages, and how many there are. */
  index: number;
  count: number;
  /** What its index terms could be a sign of (see MarkerTerms). */
  markers: number;
}

/** A multiplier for a passage's prior: below 1 for throat-clearing, above 1 for what reads like the point. */
export function pointFactor(passage: string, shape: PassageShape): number {
  let factor = 1;
  // Throat-clearing opens a comment, or closes it pointing at a link: the middle of a comment is not searched.
  const opening = shape.index <= 1 && shape.count >= 2;
  const closing = shape.index === shape.count - 1 && shape.count >= 2;
  const text = passage.trim();
  if (
    (opening && THROAT_CLEARING_OPENING.test(text)) ||
    ((opening || closing) && shape.markers & THROAT && THROAT_CLEARING_ANYWHERE.test(text))
  )
    factor *= 0.5;
  if (shape.markers & POINT && POINT_MARKERS.test(text)) factor *= 1.25;
  if (shape.markers & REACTION) factor *= 1.2;
  if (IMPERATIVE.test(text)) factor *= 1.1;
  if (/!["”’)]*$/.test(text)) factor *= 1.1;
  // Someone or something named ("like David Brent telling his staff…") makes a passage concrete and recognisable.
  if (shape.named) factor *= 1.1;
  // A long comment's last passage is often its conclusion.
  if (shape.count >= 3 && shape.index === shape.count - 1) factor *= 1.1;
  return factor;
}
