/**
 * The ONE date parser: every date a person types (/thread, /search's after/before and `after:` in the query language,
 * the digest's --date) is read here, so the same forms work everywhere and the same mistakes get the same answers.
 *
 * Accepted, case-insensitively (UK order: the day comes first when both are numbers):
 *   2022-10-25  2022/10/25  2022-10  2022            ISO, year first (month and day may be one digit)
 *   25/10/2022  25-10-2022  25.10.2022  25/10/22     day, month, year (a two-digit year is 1970-2069)
 *   10/2022                                          month, year
 *   25 October 2022  25th Oct 2022  25th of October, 2022  Tuesday 25 Oct 2022  October 25, 2022
 *   October 2022  Oct 2022  Sept 2022
 * A date with a day has day precision, one without has month (or year) precision; `start` and `end` give the
 * half-open range of days it covers, which is how callers filter by it.
 *
 * Errors say what is wrong ("There is no 31 February 2022: February 2022 has 28 days") and carry a `reason`:
 *   'not-a-date'  nothing here is shaped like a date (callers may treat the text as words instead)
 *   'invalid'     shaped like a date, but no such day or month exists (31/02/2022, 13/13/2022, 10/25/2022)
 *   'no-year'     a day and month, or a month alone, without a year ("25 October"); `partial` says what was given
 */

export type DatePrecision = 'year' | 'month' | 'day';

export interface ParsedDate {
  precision: DatePrecision;
  year: number;
  /** 1-12; null at year precision. */
  month: number | null;
  /** 1-31; null unless day precision. */
  day: number | null;
  /** `2022`, `2022-10` or `2022-10-25`: the date written the one unambiguous way. */
  iso: string;
  /** First day covered, YYYY-MM-DD. */
  start: string;
  /** First day after the period (exclusive), YYYY-MM-DD. */
  end: string;
}

export type DateErrorReason = 'not-a-date' | 'invalid' | 'no-year';

export class DateParseError extends Error {
  override name = 'DateParseError';
  constructor(
    message: string,
    readonly reason: DateErrorReason,
    /** For 'no-year': the month, and the day when one was given. */
    readonly partial: { month: number; day: number | null } | null = null,
  ) {
    super(message);
  }
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const MONTH_WORDS = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTH_WORDS.set(name.toLowerCase(), i + 1);
  MONTH_WORDS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_WORDS.set('sept', 9);

const WEEKDAYS = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?$/;

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `25 October 2022`, `October 2022` or `2022`: how a parsed date is named back to the person who typed it. */
export function describeDate(date: Pick<ParsedDate, 'year' | 'month' | 'day'>): string {
  if (date.month === null) return String(date.year);
  const month = MONTH_NAMES[date.month - 1];
  return date.day === null ? `${month} ${date.year}` : `${date.day} ${month} ${date.year}`;
}

function twoDigitYear(yy: number): number {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

function notADate(text: string): DateParseError {
  return new DateParseError(`"${text}" is not a date. Write it like 25 October 2022, 25/10/2022, Oct 2022 or 2022-10-25.`, 'not-a-date');
}

/** Builds the result, checking that the month and day exist. */
function build(text: string, year: number, month: number | null, day: number | null, dayFirst: boolean): ParsedDate {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new DateParseError(`${year} is not a year this archive could hold.`, 'invalid');
  if (month === null) {
    return { precision: 'year', year, month: null, day: null, iso: pad(year, 4), start: isoDay(year, 1, 1), end: isoDay(year + 1, 1, 1) };
  }
  if (month < 1 || month > 12) {
    const hint =
      dayFirst && day !== null && month <= 31 && day <= 12
        ? ` Dates are read day first (UK order): did you mean ${describeDate({ year, month: day, day: month })}, written ${month}/${day}/${year}?`
        : '';
    throw new DateParseError(`"${text}": ${month} is not a month (1 to 12).${hint}`, 'invalid');
  }
  const nextMonth = month === 12 ? isoDay(year + 1, 1, 1) : isoDay(year, month + 1, 1);
  if (day === null) {
    return {
      precision: 'month',
      year,
      month,
      day: null,
      iso: `${pad(year, 4)}-${pad(month)}`,
      start: isoDay(year, month, 1),
      end: nextMonth,
    };
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    const name = `${MONTH_NAMES[month - 1]} ${year}`;
    throw new DateParseError(
      day < 1 ? `"${text}": there is no day ${day} of a month.` : `There is no ${day} ${name}: ${name} has ${last} days.`,
      'invalid',
    );
  }
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return {
    precision: 'day',
    year,
    month,
    day,
    iso: isoDay(year, month, day),
    start: isoDay(year, month, day),
    end: isoDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}

const ISO = /^(\d{4})(?:([-/])(\d{1,2})(?:\2(\d{1,2}))?)?$/;
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const MONTH_YEAR = /^(\d{1,2})[/.-](\d{4})$/;

type Word = { kind: 'number'; value: number; digits: number; ordinal: boolean } | { kind: 'month'; value: number };

/** The words of a written date, or null when a word is not part of one. Weekdays, "of" and "the" are skipped. */
function dateWords(text: string): Word[] | null {
  const out: Word[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const word = raw.replace(/\.$/, '');
    if (!word || word === 'of' || word === 'the' || WEEKDAYS.test(word)) continue;
    const month = MONTH_WORDS.get(word);
    if (month !== undefined) {
      out.push({ kind: 'month', value: month });
      continue;
    }
    const number = /^(\d{1,4})(st|nd|rd|th)?$/.exec(word);
    if (!number) return null;
    out.push({ kind: 'number', value: Number(number[1]), digits: number[1].length, ordinal: number[2] !== undefined });
  }
  return out;
}

function parseWords(text: string, words: Word[]): ParsedDate {
  const shape = words.map((w) => (w.kind === 'month' ? 'M' : w.digits === 4 && !w.ordinal ? 'Y' : 'D')).join('');
  const num = (i: number) => words[i].value;
  switch (shape) {
    case 'DMY':
      return build(text, num(2), num(1), num(0), false);
    case 'MDY':
      return build(text, num(2), num(0), num(1), false);
    case 'MY':
      return build(text, num(1), num(0), null, false);
    case 'DMD':
      // "25 Oct 22": a two-digit last number is the year.
      if (words[2].kind === 'number' && words[2].digits === 2 && !words[2].ordinal)
        return build(text, twoDigitYear(num(2)), num(1), num(0), false);
      throw notADate(text);
    case 'DM':
    case 'MD': {
      const month = shape === 'DM' ? num(1) : num(0);
      const day = shape === 'DM' ? num(0) : num(1);
      const last = daysInMonth(2024, month);
      if (day < 1 || day > last)
        throw new DateParseError(`There is no ${day} ${MONTH_NAMES[month - 1]}: it has at most ${last} days.`, 'invalid');
      throw new DateParseError(`"${text}" needs a year, e.g. ${day} ${MONTH_NAMES[month - 1]} 2022.`, 'no-year', { month, day });
    }
    case 'M':
      throw new DateParseError(`"${text}" needs a year, e.g. ${MONTH_NAMES[num(0) - 1]} 2022.`, 'no-year', { month: num(0), day: null });
    default:
      throw notADate(text);
  }
}

/** Parses a date as people write it; throws DateParseError (see the reasons above) when it cannot. */
export function parseDate(input: string): ParsedDate {
  const display = input.trim().replace(/\s+/g, ' ');
  const text = display.toLowerCase();
  if (!text) throw notADate(display);
  let m = ISO.exec(text);
  if (m) return build(display, Number(m[1]), m[3] === undefined ? null : Number(m[3]), m[4] === undefined ? null : Number(m[4]), false);
  m = DAY_FIRST.exec(text);
  if (m) {
    const year = m[4].length === 2 ? twoDigitYear(Number(m[4])) : Number(m[4]);
    return build(display, year, Number(m[3]), Number(m[1]), true);
  }
  m = MONTH_YEAR.exec(text);
  if (m) return build(display, Number(m[2]), Number(m[1]), null, false);
  // A written date needs a month name; anything else with letters is words, not a date.
  const words = dateWords(text);
  if (!words || !words.some((w) => w.kind === 'month')) throw notADate(display);
  return parseWords(display, words);
}

/**
 * The date `input` names, or the caller's own error when it names none: `refuse` turns the parser's DateParseError into
 * what the caller throws (the query language, /search's date options and the digest word their refusals for their own
 * readers). Every date a caller validates goes through here, so only the parser's verdicts are translated: anything
 * else thrown (a bug) passes through as itself, never disguised as "not a date".
 */
export function readDate(input: string, refuse: (err: DateParseError) => Error): ParsedDate {
  try {
    return parseDate(input);
  } catch (err) {
    if (err instanceof DateParseError) throw refuse(err);
    throw err;
  }
}

/** The parsed date, or null when `input` is not a date at all; an impossible or incomplete date still throws. */
export function parseDateIfDate(input: string): ParsedDate | null {
  try {
    return parseDate(input);
  } catch (err) {
    if (err instanceof DateParseError && err.reason === 'not-a-date') return null;
    throw err;
  }
}

/** Whole days from YYYY-MM-DD `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How many days `day` (YYYY-MM-DD) lies outside the half-open range [start, end); 0 inside it. */
export function daysOutside(day: string, range: Pick<ParsedDate, 'start' | 'end'>): number {
  if (day < range.start) return daysBetween(day, range.start);
  if (day >= range.end) return daysBetween(range.end, day) + 1;
  return 0;
}
