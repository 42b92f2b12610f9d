/**
 * The baseline: the same units in a plain SQLite FTS5 table (porter tokenizer, bm25, top 10 with a snippet), queried
 * with the same parsed queries in the same run. Reported as a ratio to our /search handler, so the comparison
 * survives a noisy shared machine. It is deliberately plain: no caching, no tuning beyond `optimize`.
 */
import Database from 'better-sqlite3';
import type { ParsedQuery } from '../../src/search/queryParser';
import type { SearchUnit } from '../../src/search/units';
import { isStopWord } from '../../src/text';

export interface FtsBaseline {
  buildMs: number;
  /** Runs one parsed query; returns how many rows came back (at most 10). */
  search(query: ParsedQuery): number;
  /**
   * The relevance evaluation's baseline (scripts/lib/relevanceEval.ts): the `limit` best unit numbers by FTS5's bm25
   * for the same parsed query. To compare ranking rather than query handling it gets the query handling our engine
   * has and FTS5 lacks: stop words are dropped from the words (FTS5 has no stop-word list, so "where are the
   * unions" would need every one of those words), and when every word together finds fewer than `limit`, any word
   * will do (our engine's last stage). Typos and prefixes it cannot do.
   */
  rank(query: ParsedQuery, limit: number): number[];
  close(): void;
}

/** A term or phrase as an FTS5 string literal: always quoted, so user text never becomes FTS5 syntax. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The MATCH expression for a query's words and phrases (implicit AND) and exclusions, or null when it has none. */
export function ftsMatch(query: ParsedQuery): string | null {
  const positive = [...query.words, ...query.phrases].map((t) => t.trim()).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (positive.length === 0) return null;
  let expr = positive.map(literal).join(' ');
  for (const t of [...query.excludeWords, ...query.excludePhrases]) if (/[\p{L}\p{N}]/u.test(t)) expr = `(${expr}) NOT ${literal(t)}`;
  return expr;
}

/** Signature as compared by author: (lower case, letters and digits only), like the search module's author filter. */
export function authorKey(author: string): string {
  return author
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function buildFtsBaseline(units: readonly SearchUnit[]): FtsBaseline {
  const started = performance.now();
  const db = new Database(':memory:');
  db.exec(
    `CREATE VIRTUAL TABLE units USING fts5(text, title, author UNINDEXED, date UNINDEXED, kind UNINDEXED, tokenize = 'porter unicode61')`,
  );
  const insert = db.prepare('INSERT INTO units (rowid, text, title, author, date, kind) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const u of units)
      insert.run(u.n + 1, u.text, u.titled ? (u.post.title ?? '') : '', u.author ? authorKey(u.author) : null, u.post.date, u.kind);
  })();
  db.exec(`INSERT INTO units(units) VALUES ('optimize')`);
  const buildMs = performance.now() - started;
  const statements = new Map<string, Database.Statement>();
  const statement = (where: string, limit = 10) => {
    const key = `${limit}:${where}`;
    let s = statements.get(key);
    if (!s) {
      s = db.prepare(
        `SELECT rowid, snippet(units, 0, '**', '**', '…', 24) AS snippet FROM units WHERE units MATCH ?${where} ORDER BY rank LIMIT ${limit}`,
      );
      statements.set(key, s);
    }
    return s;
  };
  /** The WHERE clause and parameters of a query's filters (after the MATCH parameter). */
  const filters = (query: ParsedQuery): { where: string; params: unknown[] } => {
    let where = '';
    const params: unknown[] = [];
    if (query.author) {
      where += ` AND author LIKE ?`;
      params.push(`%${authorKey(query.author)}%`);
    }
    if (query.after) {
      where += ' AND date >= ?';
      params.push(query.after);
    }
    if (query.before) {
      where += ' AND date < ?';
      params.push(query.before);
    }
    if (query.kind) {
      where += ' AND kind = ?';
      params.push(query.kind);
    }
    return { where, params };
  };
  return {
    buildMs,
    search(query) {
      const match = ftsMatch(query);
      if (match === null) return 0;
      const { where, params } = filters(query);
      return statement(where).all(match, ...params).length;
    },
    rank(query, limit) {
      const words = query.words.filter((w) => !isStopWord(w));
      const { where, params } = filters(query);
      const run = (q: ParsedQuery) => {
        const match = ftsMatch(q);
        if (match === null) return [];
        return (statement(where, limit).all(match, ...params) as Array<{ rowid: number }>).map((r) => r.rowid - 1);
      };
      const all = run({ ...query, words });
      if (all.length >= limit || words.length < 2) return all;
      // Any of the words (phrases still required), as our engine's last stage does.
      const seen = new Set(all);
      const any: number[] = [...all];
      const anyMatch = ftsAny(query, words);
      if (anyMatch !== null) {
        for (const n of (statement(where, limit).all(anyMatch, ...params) as Array<{ rowid: number }>).map((r) => r.rowid - 1)) {
          if (!seen.has(n)) {
            any.push(n);
            seen.add(n);
          }
        }
      }
      return any.slice(0, limit);
    },
    close: () => db.close(),
  };
}

/** The MATCH expression for phrases (required) and any one of the words. */
function ftsAny(query: ParsedQuery, words: readonly string[]): string | null {
  const usable = words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (usable.length === 0) return null;
  let expr = `(${usable.map(literal).join(' OR ')})`;
  const phrases = query.phrases.filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (phrases.length > 0) expr = `${phrases.map(literal).join(' ')} AND ${expr}`;
  for (const t of [...query.excludeWords, ...query.excludePhrases]) if (/[\p{L}\p{N}]/u.test(t)) expr = `(${expr}) NOT ${literal(t)}`;
  return expr;
}
