/** Calendar dates as the digest uses them: YYYY-MM-DD strings in a server's own time zone. */
import { readDate } from '../text/dates';

/** A date that is not a real YYYY-MM-DD calendar day. */
export class DigestDateError extends Error {
  override name = 'DigestDateError';
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks `date` is a real calendar day written YYYY-MM-DD ("2024-02-30" is not); returns it unchanged. The digest's
 * dates are keys (history, claims) as well as input, so only the one unambiguous spelling is accepted; the calendar
 * check is the one date parser's.
 */
export function parseLocalDate(date: string): string {
  if (!DATE_SHAPE.test(date)) throw new DigestDateError(`"${date}" is not a date: write it as YYYY-MM-DD, e.g. 2024-10-25.`);
  readDate(date, () => new DigestDateError(`"${date}" is not a day of the calendar.`));
  return date;
}

/** The calendar day `instant` falls on in `timezone`, as YYYY-MM-DD. */
export function localDateOf(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
