/**
 * Periods of the archive's calendar: the buckets of /trend and /author. A period is named by the start of a post's
 * YYYY-MM-DD date (`2016` by year, `2016-03` by month), so it sorts as text, reads as itself in JSON, and turns back
 * into the `after:`/`before:` range the search language already understands (`periodRange`).
 */
import type { Post } from '../corpus/types';

export type Granularity = 'year' | 'month';

export const GRANULARITIES: readonly Granularity[] = ['year', 'month'];

/** The bucket of posts the export gives no date for. */
export const UNDATED = 'undated';

/** The first and last post dates of an archive (YYYY-MM-DD); null when no post is dated. */
export interface DateSpan {
  first: string;
  last: string;
}

export function archiveSpan(posts: readonly Pick<Post, 'date'>[]): DateSpan | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const { date } of posts) {
    if (date === null) continue;
    if (first === null || date < first) first = date;
    if (last === null || date > last) last = date;
  }
  return first !== null && last !== null ? { first, last } : null;
}

/** The period a YYYY-MM-DD date falls in. */
export function periodOf(date: string, by: Granularity): string {
  return by === 'year' ? date.slice(0, 4) : date.slice(0, 7);
}

/** Every period from the span's first to its last, gaps included (a chart over time must show the quiet years). */
export function periodsOf(span: DateSpan | null, by: Granularity): string[] {
  if (span === null) return [];
  const out: string[] = [];
  let year = Number(span.first.slice(0, 4));
  const lastYear = Number(span.last.slice(0, 4));
  if (by === 'year') {
    for (; year <= lastYear; year++) out.push(String(year).padStart(4, '0'));
    return out;
  }
  let month = Number(span.first.slice(5, 7));
  const lastMonth = Number(span.last.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

/** The half-open date range [after, before) of a period, in the search language's terms. */
export function periodRange(period: string): { after: string; before: string } {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  if (m[2] === undefined) return { after: `${pad(year, 4)}-01-01`, before: `${pad(year + 1, 4)}-01-01` };
  const month = Number(m[2]);
  const next = month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
  return { after: `${pad(year, 4)}-${pad(month)}-01`, before: next };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2016` → `2016`, `2016-03` → `Mar 2016`, `undated` → `undated`. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : period;
}

/** Reads `year`/`month` as typed by a person (case and surrounding space ignored); null for anything else. */
export function parseGranularity(value: string | null | undefined): Granularity | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'year' || v === 'years' || v === 'yearly') return 'year';
  if (v === 'month' || v === 'months' || v === 'monthly') return 'month';
  return null;
}
