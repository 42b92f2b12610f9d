import { detachString } from '../corpus/threadText';

/**
 * A copy of a record whose strings own their characters. Strings cut from the XML parser's input (an id matched out
 * of `<id>`, a time) are views of the whole megabyte chunk they were read in, so keeping 150,000 comments would keep
 * the entire file in memory several times over (docs/performance.md, "Figures behind code comments").
 */
export function detachRecord<T extends object>(record: T): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'string') copy[key] = detachString(value);
    else if (Array.isArray(value)) copy[key] = value.map((v: unknown) => (typeof v === 'string' ? detachString(v) : v));
  }
  return copy as T;
}
