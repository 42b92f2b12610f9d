/**
 * The baseline: the same units in a plain SQLite FTS5 table (porter tokenizer, bm25, top 10 with a snippet), queried
 * with the same parsed queries in the same run. Reported as a ratio to our /search handler, so the comparison
 * survives a noisy shared machine. It is deliberately plain: no caching, no tuning beyond `optimize`.
 */
import Database from 'better-sqlite3';
import type { ParsedQuery } from '../../src/search/queryParser';
import type { SearchUnit } from '../../src/search/units';

export interface FtsBaseline {
  buildMs: number;
  /** Runs one parsed query; returns how many rows came back (at most 10). */
  search(query: ParsedQuery): number;
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
  return author.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function buildFtsBaseline(units: readonly SearchUnit[]): FtsBaseline {
  const started = performance.now();
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE units USING fts5(text, title, author UNINDEXED, date UNINDEXED, tokenize = 'porter unicode61')`);
  const insert = db.prepare('INSERT INTO units (rowid, text, title, author, date) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const u of units) insert.run(u.n + 1, u.text, u.titled ? (u.post.title ?? '') : '', u.author ? authorKey(u.author) : null, u.post.date);
  })();
  db.exec(`INSERT INTO units(units) VALUES ('optimize')`);
  const buildMs = performance.now() - started;
  const statements = new Map<string, Database.Statement>();
  const statement = (where: string) => {
    let s = statements.get(where);
    if (!s) {
      s = db.prepare(
        `SELECT rowid, snippet(units, 0, '**', '**', '…', 24) AS snippet FROM units WHERE units MATCH ?${where} ORDER BY rank LIMIT 10`,
      );
      statements.set(where, s);
    }
    return s;
  };
  return {
    buildMs,
    search(query) {
      const match = ftsMatch(query);
      if (match === null) return 0;
      let where = '';
      const params: unknown[] = [match];
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
      return statement(where).all(...params).length;
    },
    close: () => db.close(),
  };
}
