/** Calendar dates as the digest uses them: YYYY-MM-DD strings in a server's own time zone. */

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date that is not a real YYYY-MM-DD calendar day. */
export class DigestDateError extends Error {
  override name = 'DigestDateError';
}

/** Checks `date` is a real calendar day written YYYY-MM-DD ("2024-02-30" is not); returns it unchanged. */
export function parseLocalDate(date: string): string {
  const m = DATE_SHAPE.exec(date);
  if (!m) throw new DigestDateError(`"${date}" is not a date: write it as YYYY-MM-DD, e.g. 2024-10-25.`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new DigestDateError(`"${date}" is not a day of the calendar.`);
  }
  return date;
}

/** The calendar day `instant` falls on in `timezone`, as YYYY-MM-DD. */
export function localDateOf(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
