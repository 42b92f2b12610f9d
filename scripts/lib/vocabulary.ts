/**
 * The synthetic archive's words. Real comment threads follow Zipf's law: a few function words make up half the text
 * and a long tail of rare words makes up most of the vocabulary. That shape is what decides search latency (stop
 * words and frequent terms produce huge posting lists) and index size (the tail), so the generator reproduces it:
 * English function words at the top, real English and probation vocabulary next, then invented words for the tail.
 * The vocabulary is the same for every seed (built from a fixed stream), so a benchmark query list stays meaningful.
 */
import { createRng } from './prng';

/** The most frequent words of English, most frequent first. */
export const FUNCTION_WORDS: readonly string[] = (
  'the of and to a in that is it for was on with as be I have this but they are not at you by we what from or had an ' +
  'all one there so his if their would been which about will has were more can when do who out up no them my just ' +
  'our some how any me than into now only also its then could these other because should after those very being ' +
  'over such much even most where why here must did does many off own same few again both each while until'
).split(' ');

/** Probation-service vocabulary that readers search for; frequent enough to matter, specific enough to be useful. */
export const PROBATION_TERMS: readonly string[] = (
  'probation service staff Napo HMPPS OASys caseload TR Grayling SPO unification pay offer union officers ' +
  'managers management MoJ NPS CRC CRCs privatisation Justice Secretary prison prisons PO PSO POs PSOs ' +
  'supervision risk assessment sentence court reports PSR recall licence offenders offender rehabilitation ' +
  'Transforming Rehabilitation inspectorate HMIP Chief Inspector Interserve Sodexo contracts workload ' +
  'sickness stress morale training qualification PQiP Raab Gove Braverman Rees Flynn Russell Jim blog ' +
  'Unison GMB ballot strike industrial action members branch regions region PDU PDUs OMiC SFO SFOs ' +
  'MAPPA ViSOR nDelius Delius interventions accredited programmes unpaid work approved premises hostel ' +
  'victims safeguarding domestic abuse housing homelessness mental health substance misuse employment ' +
  'civil service Whitehall ministers government Tory Labour budget cuts austerity contract community ' +
  'colleagues team office agency recruitment retention vacancies trainees caseworkers inspection ' +
  'professional register profession ethos relationship desistance practice practitioners Sonia Amy'
).split(' ');

/** Everyday English content words, roughly by frequency. */
export const COMMON_WORDS: readonly string[] = (
  'people time work year years day way think know going make good new people said say get see well back ' +
  'still never always really nothing everything something anyone someone everyone things thing need needs ' +
  'want wanted feel felt believe seems seem long little great last next first right left old high low big ' +
  'small public private local national senior junior front line system systems changes change changed ' +
  'money pay pension contract jobs job role roles career leave leaving left stay staying years months weeks ' +
  'today yesterday tomorrow morning afternoon evening Monday Friday week month meeting meetings email ' +
  'emails computer screen desk hours overtime weekend home family life health sick worse better best worst ' +
  'problem problems question questions answer point points case cases report decision decisions policy ' +
  'policies process processes model structure structures plan plans future past present history truth ' +
  'lies fact facts reason reasons idea ideas story news press media Guardian Twitter website comments ' +
  'comment post posts reading read write wrote written agree disagree understand remember forget hope ' +
  'fear anger shame joke mess shambles disaster failure success progress promise promises trust respect ' +
  'support help advice assist befriend listen talk spoke speaking voice voices heard hear told tell ask ' +
  'asked answer answered wonder wondering sure certain clearly simply frankly honestly sadly apparently ' +
  'bullying culture leadership chief executive director directors board boards leaders leader brass ' +
  'numbers figures data target targets performance measures quality standards outcomes results evidence ' +
  'deal deals offer offers rise increase increases inflation bonus progression grade grades band bands'
).split(' ');

/** Multi-word phrases people actually write (and search for in quotes), most frequent first. */
export const PHRASES: readonly string[] = [
  'probation officer',
  'pay offer',
  'the prison service',
  'Transforming Rehabilitation',
  'One HMPPS',
  'senior management',
  'case management',
  'Justice Secretary',
  'the front line',
  'unpaid work',
  'approved premises',
  'industrial action',
  'Chief Probation Officer',
  'civil service pay',
  'pay progression',
  'professional register',
  'serious further offence',
  'Advise, Assist and Befriend',
];

/** Contractions with curly and straight apostrophes, as pasted from phones and word processors. */
export const CONTRACTIONS: readonly string[] = ['it’s', 'don’t', 'I’m', 'can’t', 'isn’t', "it's", "don't", "won't", 'we’re', 'they’re'];

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'cl',
  'd',
  'dr',
  'f',
  'fl',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'pr',
  'qu',
  'r',
  's',
  'sh',
  'sl',
  'st',
  't',
  'tr',
  'v',
  'w',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y', 'ee', 'oa'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'ng', 'x', 'rd', 'sh'];

/** Invented words: pronounceable, lower case, unique, and never colliding with a real word above. */
function inventWords(count: number): string[] {
  const rng = createRng(0x5eed_0b1a);
  const taken = new Set<string>([...FUNCTION_WORDS, ...PROBATION_TERMS, ...COMMON_WORDS].map((w) => w.toLowerCase()));
  const out: string[] = [];
  while (out.length < count) {
    const syllables = rng.chance(0.7) ? 2 : 3;
    let w = '';
    for (let i = 0; i < syllables; i++) w += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? rng.pick(CODAS) : '');
    if (w.length < 4 || taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

export const INVENTED_WORD_COUNT = 40_000;

/**
 * All words in rank order. Function words first; then probation and common words interleaved (so "probation" is
 * about as frequent as "people", as on the real blog); then the invented tail.
 */
function rankedWords(): string[] {
  const middle: string[] = [];
  const n = Math.max(PROBATION_TERMS.length, COMMON_WORDS.length);
  for (let i = 0; i < n; i++) {
    if (i < PROBATION_TERMS.length) middle.push(PROBATION_TERMS[i]);
    if (i < COMMON_WORDS.length) middle.push(COMMON_WORDS[i]);
  }
  const seen = new Set<string>();
  const all: string[] = [];
  for (const w of [...FUNCTION_WORDS, ...middle, ...inventWords(INVENTED_WORD_COUNT)]) {
    if (seen.has(w)) continue;
    seen.add(w);
    all.push(w);
  }
  return all;
}

export const RANKED_WORDS: readonly string[] = rankedWords();

/** Zipf exponent a little above 1, as measured on English text. */
const ZIPF_S = 1.07;

/** Cumulative Zipf weights for inverse-CDF sampling by binary search (fast enough: ~17 steps per word). */
const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(RANKED_WORDS.length);
  let sum = 0;
  for (let r = 0; r < c.length; r++) {
    sum += 1 / Math.pow(r + 1, ZIPF_S);
    c[r] = sum;
  }
  for (let r = 0; r < c.length; r++) c[r] /= sum;
  return c;
})();

/** A word drawn from the Zipf distribution, given a uniform number in [0, 1). */
export function zipfWord(u: number): string {
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (CUMULATIVE[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return RANKED_WORDS[lo];
}
