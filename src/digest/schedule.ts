/**
 * When a server's daily post is due. croner is used only as a calculator (a paused job asked for its next runs), so
 * time can be moved in tests and the schedule survives restarts: nothing is remembered in memory.
 *
 * Daylight saving, as croner computes it and as the tests pin down:
 * - a time inside the spring-forward gap (01:30 in London on the last Sunday of March) runs once that day, an hour
 *   later on the wall clock (02:30 BST), instead of being skipped;
 * - a time inside the repeated autumn hour runs once, not twice (and the per-day claim would stop a second post anyway).
 */
import { Cron } from 'croner';
import { localDateOf } from './dates';
import type { DigestSettings } from './types';

export const DEFAULT_DIGEST_TIME = '09:00';
export const DEFAULT_DIGEST_TIMEZONE = 'Europe/London';

/** A time or time zone an admin typed that cannot be used; the message says what is expected. */
export class DigestSettingsError extends Error {
  override name = 'DigestSettingsError';
}

/** Accepts `9:00`, `09:00`, `21:30`; returns the canonical `HH:MM`. */
export function parseDigestTime(input: string): string {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(input);
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  if (!m || hours > 23 || minutes > 59) {
    throw new DigestSettingsError(`"${input}" is not a time of day: use 24-hour HH:MM, e.g. 09:00 or 18:30.`);
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

let zoneList: string[] | null = null;

/** Every IANA zone this runtime knows (for autocomplete), with UTC. */
export function knownTimezones(): string[] {
  if (!zoneList) {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    zoneList = [...zones].sort();
  }
  return zoneList;
}

/** Accepts an IANA zone name (any case, e.g. `europe/london`); returns the runtime's canonical spelling. */
export function parseDigestTimezone(input: string): string {
  const name = input.trim();
  if (!name.includes('/') && name.toUpperCase() !== 'UTC') {
    // Abbreviations are ambiguous (IST is India, Ireland or Israel) and do not say when daylight saving applies.
    throw new DigestSettingsError(
      `"${input}" is not a time zone name: use an IANA name such as Europe/London or America/New_York (not an abbreviation like BST).`,
    );
  }
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new DigestSettingsError(`"${input}" is not a time zone I know: use an IANA name such as Europe/London or America/New_York.`);
  }
}

/** Zones matching what was typed, for Discord autocomplete (at most `limit`). */
export function suggestTimezones(typed: string, limit = 25): string[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = knownTimezones();
  if (!query)
    return ['Europe/London', 'Europe/Dublin', 'UTC', ...zones.filter((z) => z.startsWith('Europe/'))]
      .filter((z, i, all) => all.indexOf(z) === i)
      .slice(0, limit);
  const starts = zones.filter((z) => z.toLowerCase().startsWith(query) || z.toLowerCase().split('/').pop()!.startsWith(query));
  const contains = zones.filter((z) => !starts.includes(z) && z.toLowerCase().includes(query));
  return [...starts, ...contains].slice(0, limit);
}

type Schedule = Pick<DigestSettings, 'time' | 'timezone'>;

function cronFor(schedule: Schedule): Cron {
  const [hours, minutes] = parseDigestTime(schedule.time).split(':').map(Number);
  return new Cron(`${minutes} ${hours} * * *`, { timezone: schedule.timezone, paused: true });
}

/** The first scheduled instant strictly after `now`. */
export function nextRunAt(schedule: Schedule, now: Date): Date {
  const next = cronFor(schedule).nextRun(now);
  if (!next) throw new DigestSettingsError(`No run can be computed for ${schedule.time} ${schedule.timezone}.`);
  return next;
}

const HOUR = 3_600_000;

/** The instant of the run on the server-local day `date` (YYYY-MM-DD), or null if there is none that day. */
export function runAtOnLocalDate(schedule: Schedule, date: string): Date | null {
  // Start well before the day in any zone (UTC-12 to UTC+14) and walk forward to the run that falls on it.
  const [y, m, d] = date.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, d) - 16 * HOUR);
  for (const run of cronFor(schedule).nextRuns(3, from)) {
    const day = localDateOf(run, schedule.timezone);
    if (day === date) return run;
    if (day > date) break;
  }
  return null;
}

type ActiveSchedule = Pick<DigestSettings, 'time' | 'timezone' | 'activeSince'>;

/**
 * Today's run if it is due at `now`: its time has passed on the server's current day and came after the settings were
 * saved (saving at 15:00 a 09:00 schedule does not post at once). Only today is ever due, so a bot that was down
 * for a week posts once on start-up, never the backlog.
 */
export function dueRun(settings: ActiveSchedule, now: Date): { date: string; at: Date } | null {
  const date = localDateOf(now, settings.timezone);
  const at = runAtOnLocalDate(settings, date);
  if (!at || now.getTime() < at.getTime()) return null;
  if (at.getTime() < Date.parse(settings.activeSince)) return null;
  return { date, at };
}

/** The next post a server will get: today's if still to come (or due now), otherwise the next day's. */
export function upcomingRun(settings: ActiveSchedule, now: Date, postedToday: boolean): { date: string; at: Date; dueNow: boolean } {
  const today = localDateOf(now, settings.timezone);
  const at = runAtOnLocalDate(settings, today);
  if (!postedToday && at && at.getTime() >= Date.parse(settings.activeSince)) {
    return now.getTime() >= at.getTime() ? { date: today, at: now, dueNow: true } : { date: today, at, dueNow: false };
  }
  const from = at && at.getTime() > now.getTime() ? at : now;
  const next = nextRunAt(settings, from);
  return { date: localDateOf(next, settings.timezone), at: next, dueNow: false };
}
