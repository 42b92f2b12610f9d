/**
 * Finding a thread from what a person types: an id, a title or part of one, or a date. Serves both `/thread`
 * (resolve to one post, or say which ones could be meant) and Discord autocomplete, which runs on every keystroke:
 * titles are normalised once here, so each lookup is string comparisons over a few thousand short strings.
 */
import type { Post } from '../corpus/types';
import {
  DateParseError,
  daysBetween,
  daysOutside,
  describeDate,
  isStopWord,
  MONTH_NAMES,
  parseDate,
  truncateText,
  type ParsedDate,
} from '../text';

/**
 * `date`, when present, says the query was read as a date (named the way people say it, e.g. "25 October 2022"): the
 * choices are the posts dated then, the suggestions the nearest dated posts. A date query never matches by title or
 * text, so nothing can be presented as being "about" a date it is not from. `badDate` is a date that does not exist
 * (31/02/2022), with the parser's explanation.
 */
export type FindResult =
  | { kind: 'match'; post: Post }
  | { kind: 'choices'; posts: Post[]; total: number; date?: string }
  | { kind: 'none'; suggestions: Post[]; date?: string }
  | { kind: 'badDate'; message: string };

export interface AutocompleteChoice {
  /** What Discord shows: `2022-09-02 · Probation Voice Must Continue to be Heard` (≤ 100 characters). */
  name: string;
  /** The post id. */
  value: string;
}

/** Discord shows at most 25 choices, each name at most 100 characters. */
export const MAX_CHOICES = 25;
export const CHOICE_NAME_MAX = 100;
const MAX_SUGGESTIONS = 5;

/**
 * Case, accents, curly quotes and punctuation do not matter when typing a title: "voice’s heard!" finds
 * "Voice's Heard". Apostrophes vanish (so "dont" finds "Don't"); other punctuation separates words.
 */
export function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How a post is named in lists: its date and title, or its file when it has neither. */
export function threadLabel(post: Post, max = CHOICE_NAME_MAX): string {
  const title = post.title ?? post.source;
  return truncateText(post.date ? `${post.date} · ${title}` : title, max);
}

interface Entry {
  post: Post;
  title: string;
  words: string[];
  /** 0 for the newest post; undated posts come after every dated one. */
  recency: number;
}

/** An ISO date being typed ("2022-1"): autocomplete lists the dates it could become. */
const DATE_PREFIX = /^\d{4}(-\d{1,2}(-\d{0,2})?)?$/;

/** What the typed text says as a date: a period, a day or month of any year, nothing, or an impossible date. */
type DateReading =
  | { kind: 'period'; date: ParsedDate; label: string }
  | { kind: 'anyYear'; month: number; day: number | null; label: string }
  | { kind: 'invalid'; message: string }
  | null;

function readDate(raw: string): DateReading {
  try {
    const date = parseDate(raw);
    return { kind: 'period', date, label: describeDate(date) };
  } catch (err) {
    if (!(err instanceof DateParseError)) throw err;
    if (err.reason === 'invalid') return { kind: 'invalid', message: err.message };
    if (err.reason === 'no-year' && err.partial) {
      const { month, day } = err.partial;
      return { kind: 'anyYear', month, day, label: `${day === null ? '' : `${day} `}${MONTH_NAMES[month - 1]} (any year)` };
    }
    return null;
  }
}

/** `-10-25` or `-10-`: the part of a YYYY-MM-DD date a day or month of any year must have. */
function anyYearKey(month: number, day: number | null): string {
  return `-${String(month).padStart(2, '0')}-${day === null ? '' : String(day).padStart(2, '0')}`;
}

/**
 * Edit distance with adjacent transpositions ("porbation"), giving up beyond `max`. Three rolling rows and an early
 * exit keep it cheap enough to run against every title word on a keystroke.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length];
}

export class ThreadFinder {
  private readonly entries: Entry[];
  /** Newest first: the order choices are listed in when nothing else tells them apart. */
  private readonly byRecency: Entry[];
  private readonly byId = new Map<string, Entry>();
  /** Title word → entries using it, for typo suggestions. */
  private readonly vocabulary = new Map<string, Entry[]>();

  constructor(posts: readonly Post[]) {
    const dated = posts
      .filter((p) => p.date !== null)
      .sort((a, b) => (a.date! < b.date! ? 1 : a.date! > b.date! ? -1 : a.source < b.source ? -1 : 1));
    const undated = posts.filter((p) => p.date === null).sort((a, b) => (a.source < b.source ? -1 : 1));
    this.byRecency = [...dated, ...undated].map((post, recency) => {
      const title = normalizeTitle(post.title ?? '');
      return { post, title, words: title ? title.split(' ') : [], recency };
    });
    const byPost = new Map(this.byRecency.map((e) => [e.post, e]));
    this.entries = posts.map((p) => byPost.get(p)!);
    for (const e of this.byRecency) {
      this.byId.set(e.post.id.toLowerCase(), e);
      this.byId.set(e.post.source.toLowerCase(), e);
      this.byId.set(e.post.source.toLowerCase().replace(/\.[a-z0-9]+$/, ''), e);
      for (const w of new Set(e.words)) {
        // Stop words in titles would make every typo look like "the" or "them".
        if (w.length < 3 || isStopWord(w)) continue;
        const list = this.vocabulary.get(w);
        if (list) list.push(e);
        else this.vocabulary.set(w, [e]);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The post with this id (or source file name), if any. */
  byPostId(id: string): Post | null {
    return this.byId.get(id.trim().toLowerCase())?.post ?? null;
  }

  find(query: string): FindResult {
    const raw = query.trim();
    if (!raw) return { kind: 'none', suggestions: this.recent(MAX_SUGGESTIONS) };
    const exactId = this.byId.get(raw.toLowerCase());
    if (exactId) return { kind: 'match', post: exactId.post };

    const reading = readDate(raw);
    if (reading?.kind === 'invalid') return { kind: 'badDate', message: reading.message };
    // A month alone ("May", "October") is as likely a title word as a date: it is read as a date only by autocomplete.
    if (reading && !(reading.kind === 'anyYear' && reading.day === null)) {
      const dated = this.datedIn(reading);
      if (dated.length > 0) return this.resolve(dated, reading.label);
      return {
        kind: 'none',
        suggestions: this.nearest(reading)
          .slice(0, MAX_SUGGESTIONS)
          .map((e) => e.post),
        date: reading.label,
      };
    }

    const q = normalizeTitle(raw);
    if (!q) return { kind: 'none', suggestions: this.recent(MAX_SUGGESTIONS) };
    const exact = this.byRecency.filter((e) => e.title === q);
    if (exact.length > 0) return this.resolve(exact);

    const partial = this.ranked(q);
    if (partial.length > 0) return this.resolve(partial);
    // An id typed partly: long enough hex-ish prefixes only, so that a word never looks like an id.
    if (/^[0-9a-f]{6,}$/i.test(raw)) {
      const ids = this.byRecency.filter((e) => e.post.id.toLowerCase().startsWith(raw.toLowerCase()));
      if (ids.length > 0) return this.resolve(ids);
    }
    return { kind: 'none', suggestions: this.suggest(q) };
  }

  /** Up to `limit` choices for what has been typed so far, best first. */
  autocomplete(text: string, limit = MAX_CHOICES): AutocompleteChoice[] {
    const max = Math.max(0, Math.min(limit, MAX_CHOICES));
    const raw = text.trim();
    let entries: Entry[];
    if (!raw) {
      entries = this.byRecency.slice(0, max);
    } else {
      const q = normalizeTitle(raw);
      const id = this.byId.get(raw.toLowerCase());
      const titles = q ? this.ranked(q) : [];
      const reading = readDate(raw);
      let byDate = DATE_PREFIX.test(raw) ? this.byRecency.filter((e) => e.post.date?.startsWith(raw)) : [];
      if (byDate.length === 0 && reading && reading.kind !== 'invalid') byDate = this.datedIn(reading);
      // A whole date with no post: the nearest dated posts, so the list is never a silent blank.
      if (byDate.length === 0 && reading?.kind === 'period') byDate = this.nearest(reading);
      // A month name alone is more likely the start of a title ("Oct…" → "October Surprise") than a date.
      const monthOnly = reading?.kind === 'anyYear' && reading.day === null;
      entries = dedupe(monthOnly ? [...(id ? [id] : []), ...titles, ...byDate] : [...(id ? [id] : []), ...byDate, ...titles]);
      if (entries.length === 0 && q) entries = this.suggestEntries(q);
    }
    return entries.slice(0, max).map((e) => ({ name: threadLabel(e.post), value: e.post.id }));
  }

  /** Titles matching `q` (normalised): exact, then prefix, then every word a word-prefix, then contains; newest first within each. */
  private ranked(q: string): Entry[] {
    const qWords = q.split(' ').filter(Boolean);
    const tiers: Entry[][] = [[], [], [], []];
    for (const e of this.byRecency) {
      if (!e.title) continue;
      if (e.title === q) tiers[0].push(e);
      else if (e.title.startsWith(q)) tiers[1].push(e);
      else if (qWords.every((w) => e.words.some((tw) => tw.startsWith(w)))) tiers[2].push(e);
      else if (e.title.includes(q)) tiers[3].push(e);
    }
    return tiers.flat();
  }

  private resolve(entries: Entry[], date?: string): FindResult {
    if (entries.length === 1) return { kind: 'match', post: entries[0].post };
    return { kind: 'choices', posts: entries.slice(0, MAX_CHOICES).map((e) => e.post), total: entries.length, ...(date ? { date } : {}) };
  }

  private recent(n: number): Post[] {
    return this.byRecency.slice(0, n).map((e) => e.post);
  }

  /** Posts dated within what was typed, newest first. */
  private datedIn(reading: Exclude<DateReading, null | { kind: 'invalid' }>): Entry[] {
    if (reading.kind === 'period') {
      const { start, end } = reading.date;
      return this.byRecency.filter((e) => e.post.date !== null && e.post.date >= start && e.post.date < end);
    }
    const key = anyYearKey(reading.month, reading.day);
    return this.byRecency.filter((e) => e.post.date !== null && e.post.date.slice(4, 4 + key.length) === key);
  }

  /** Dated posts closest to what was typed (a day or month of any year: closest in the calendar year), nearest first. */
  private nearest(reading: Exclude<DateReading, null | { kind: 'invalid' }>): Entry[] {
    const gap =
      reading.kind === 'period'
        ? (date: string) => daysOutside(date, reading.date)
        : (date: string) => {
            // Distance around the year, on a leap year's calendar so that 29 February has a place.
            const days = Math.abs(daysBetween(`2024${anyYearKey(reading.month, reading.day ?? 1)}`, `2024${date.slice(4)}`));
            return Math.min(days, 366 - days);
          };
    return this.byRecency
      .filter((e) => e.post.date !== null)
      .map((e) => ({ e, gap: gap(e.post.date!) }))
      .sort((a, b) => a.gap - b.gap || a.e.recency - b.e.recency)
      .map((x) => x.e);
  }

  private suggest(q: string): Post[] {
    return this.suggestEntries(q).map((e) => e.post);
  }

  /**
   * Typo tolerance: each query word is matched to title words within a small edit distance (1 for short words,
   * 2 otherwise); posts are ranked by how many query words they match and how closely.
   */
  private suggestEntries(q: string): Entry[] {
    let words = q.split(' ').filter((w) => w.length >= 3 && !isStopWord(w));
    if (words.length === 0) words = q.split(' ').filter((w) => w.length >= 3);
    const score = new Map<Entry, number>();
    for (const w of words) {
      const max = w.length <= 4 ? 1 : 2;
      const best = new Map<Entry, number>();
      for (const [v, list] of this.vocabulary) {
        const d = v.startsWith(w) ? 0 : editDistance(w, v, max);
        if (d > max) continue;
        const closeness = 1 - d / (w.length + 1);
        for (const e of list) if ((best.get(e) ?? 0) < closeness) best.set(e, closeness);
      }
      for (const [e, c] of best) score.set(e, (score.get(e) ?? 0) + c);
    }
    const best = Math.max(0, ...score.values());
    // Posts matching far fewer of the words than the best one are noise, not suggestions.
    return [...score.entries()]
      .filter(([, s]) => s >= best / 2)
      .sort((a, b) => b[1] - a[1] || a[0].recency - b[0].recency)
      .slice(0, MAX_SUGGESTIONS)
      .map(([e]) => e);
  }
}

function dedupe(entries: Entry[]): Entry[] {
  const seen = new Set<Entry>();
  return entries.filter((e) => (seen.has(e) ? false : (seen.add(e), true)));
}
