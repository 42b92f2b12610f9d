/** The date heading Blogger puts above each post: `Tuesday 25 October 2022`, `Friday, 2 September 2022`. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY = '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?';
const DAY_FIRST = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+([a-z]+),?\\s+(\\d{4})$`, 'i');
const MONTH_FIRST = new RegExp(`^${WEEKDAY}([a-z]+)\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i');

export type HeadingDate = { kind: 'date'; iso: string } | { kind: 'invalid'; message: string } | { kind: 'none' };

function toIso(day: number, monthName: string, year: number): HeadingDate {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month === -1) return { kind: 'none' };
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month || year < 1990 || year > 2100) {
    return { kind: 'invalid', message: `date heading names a day that does not exist or is out of range` };
  }
  return { kind: 'date', iso: date.toISOString().slice(0, 10) };
}

/** Reads a heading line as a date; `none` when the line is not a date heading at all. */
export function parseHeadingDate(line: string): HeadingDate {
  const text = line.trim();
  if (text.length > 60) return { kind: 'none' };
  let m = DAY_FIRST.exec(text);
  if (m) return toIso(Number(m[1]), m[2], Number(m[3]));
  m = MONTH_FIRST.exec(text);
  if (m) return toIso(Number(m[2]), m[1], Number(m[3]));
  return { kind: 'none' };
}
