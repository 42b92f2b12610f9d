/**
 * The units of the index (see units.ts) as columns of numbers: which post, which comment or which passage of the body,
 * the author as a code, and hashes of the id and text. Everything a query filters, ranks or pages on is read from
 * here without making an object or decoding a text; a `SearchUnit` object is made only for the units a page shows.
 * New posts and comments are appended (`appendPost`, `appendComments`): units keep their numbers for good.
 */
import type { Archive, Comment, Post } from '../corpus/types';
import { hashString, keyRange, orderByKey } from '../util/hash';
import type { SectionArray } from '../util/sections';
import { splitPassages, type SearchUnit } from './units';

const COLUMNS = ['post', 'comment', 'passage', 'start', 'end', 'author', 'idHash', 'textHash', 'replies'] as const;
type ColumnName = (typeof COLUMNS)[number];

export interface UnitTableHeader {
  size: number;
  posts: number;
  /** Author code → signature; code 0 is "no signature". */
  authorNames: Array<string | null>;
}

/**
 * A unit as the SearchUnit interface: post, kind and author from the table's columns; id, position and text read
 * from the post and its comment when asked for (counting thousands of matches per period needs none of them).
 */
class TableUnit implements SearchUnit {
  constructor(
    readonly n: number,
    readonly kind: 'comment' | 'post',
    readonly post: Post,
    readonly author: string | null,
    readonly titled: boolean,
    private readonly table: UnitTable,
  ) {}
  get id(): string {
    return this.table.id(this.n);
  }
  get position(): string | null {
    return this.table.comment(this.n)?.position ?? null;
  }
  get text(): string {
    return this.table.text(this.n);
  }
}

export class UnitTable {
  private columns: Record<ColumnName, Uint32Array>;
  private count: number;
  /** Unit numbers sorted by idHash, for the units the table was made or loaded with. */
  private idOrder: Uint32Array;
  /** Ids of units appended since, which idOrder does not cover. */
  private readonly appendedIds = new Map<string, number>();
  private readonly authorCodes = new Map<string | null, number>();

  private constructor(
    readonly posts: Post[],
    columns: Record<ColumnName, Uint32Array>,
    size: number,
    readonly authorNames: Array<string | null>,
    idOrder: Uint32Array | null,
  ) {
    this.columns = columns;
    this.count = size;
    authorNames.forEach((name, code) => this.authorCodes.set(name, code));
    this.idOrder = idOrder ?? this.sortIds();
  }

  /** The units of an archive, in the order units.ts defines (each post's passages, then its comments). */
  static build(archive: Pick<Archive, 'posts'>): UnitTable {
    const table = new UnitTable([], emptyColumns(1024), 0, [null], new Uint32Array(0));
    for (const post of archive.posts) table.appendPost(post);
    table.idOrder = table.sortIds();
    table.appendedIds.clear();
    return table;
  }

  get size(): number {
    return this.count;
  }

  /** Index of unit n's post in `posts`. */
  postIndex(n: number): number {
    return this.columns.post[n];
  }

  post(n: number): Post {
    return this.posts[this.columns.post[n]];
  }

  isComment(n: number): boolean {
    return this.columns.passage[n] === 0;
  }

  /** Author code of unit n (0 for passages and unsigned comments); see authorNames. */
  authorCode(n: number): number {
    return this.columns.author[n];
  }

  textHash(n: number): number {
    return this.columns.textHash[n];
  }

  /** Replies a comment unit drew (units of replies to it); 0 for passages. */
  replies(n: number): number {
    return this.columns.replies[n];
  }

  comment(n: number): Comment | null {
    const c = this.columns.passage[n] === 0 ? this.columns.comment[n] : -1;
    return c < 0 ? null : this.post(n).comments[c];
  }

  text(n: number): string {
    const comment = this.comment(n);
    return comment ? comment.text : this.post(n).body.slice(this.columns.start[n], this.columns.end[n]);
  }

  id(n: number): string {
    const comment = this.comment(n);
    return comment ? comment.id : `${this.post(n).id}#p${this.columns.passage[n]}`;
  }

  unit(n: number): SearchUnit {
    const k = this.columns.passage[n];
    if (k === 0) return new TableUnit(n, 'comment', this.post(n), this.authorNames[this.columns.author[n]], false, this);
    return new TableUnit(n, 'post', this.post(n), null, k === 1, this);
  }

  /** The unit with this id (comment id or `${postId}#p${k}`), or -1. */
  find(id: string): number {
    const appended = this.appendedIds.get(id);
    if (appended !== undefined) return appended;
    const [from, to] = keyRange(this.columns.idHash, this.idOrder, hashString(id));
    for (let i = from; i < to; i++) if (this.id(this.idOrder[i]) === id) return this.idOrder[i];
    return -1;
  }

  /** Appends a post (to `posts`) and its units: its body's passages, then its comments. Returns the first new unit number. */
  appendPost(post: Post): number {
    const first = this.count;
    const p = this.posts.length;
    this.posts.push(post);
    const body = post.body;
    splitPassages(body).forEach((span, k) => {
      let { start, end } = span;
      while (start < end && /\s/.test(body[start])) start++;
      while (end > start && /\s/.test(body[end - 1])) end--;
      this.push({
        post: p,
        comment: 0,
        passage: k + 1,
        start,
        end,
        author: 0,
        idHash: hashString(`${post.id}#p${k + 1}`),
        textHash: hashString(body.slice(start, end)),
        replies: 0,
      });
    });
    this.appendComments(p, post.comments, 0);
    return first;
  }

  /**
   * Appends units for comments of the post at `postIndex`, where `comments[i]` is that post's comment number
   * `offset + i` (its index in `post.comments`). Removed and empty comments get no unit.
   */
  appendComments(postIndex: number, comments: readonly Comment[], offset: number): number {
    const first = this.count;
    // Replies drawn: units keep thread order (a comment, then its replies), so a reply ("12.3") counts for the last
    // top-level comment unit of its post when that is its parent ("12"); a reply added later, out of that order,
    // counts for its parent found by id.
    let parent = -1;
    let parentPosition: string | null = null;
    comments.forEach((comment, i) => {
      if (comment.removed || !comment.text.trim()) return;
      const n = this.count;
      this.push({
        post: postIndex,
        comment: offset + i,
        passage: 0,
        start: 0,
        end: 0,
        author: this.codeOf(comment.author),
        idHash: hashString(comment.id),
        textHash: hashString(comment.text),
        replies: 0,
      });
      this.appendedIds.set(comment.id, n);
      const dot = comment.position.indexOf('.');
      if (dot < 0) {
        parent = n;
        parentPosition = comment.position;
      } else if (parent >= 0 && parentPosition === comment.position.slice(0, dot)) {
        this.columns.replies[parent]++;
      } else if (comment.parentId !== null && offset > 0) {
        const earlier = this.find(comment.parentId);
        if (earlier >= 0) this.columns.replies[earlier]++;
      }
    });
    return first;
  }

  private codeOf(author: string | null): number {
    let code = this.authorCodes.get(author);
    if (code === undefined) {
      code = this.authorNames.length;
      this.authorNames.push(author);
      this.authorCodes.set(author, code);
    }
    return code;
  }

  private push(row: Record<ColumnName, number>): void {
    if (this.count === this.columns.post.length) this.columns = grow(this.columns, this.count * 2);
    for (const name of COLUMNS) this.columns[name][this.count] = row[name];
    if (row.passage > 0) this.appendedIds.set(`${this.posts[row.post].id}#p${row.passage}`, this.count);
    this.count++;
  }

  private sortIds(): Uint32Array {
    return orderByKey(this.columns.idHash.subarray(0, this.count));
  }

  toSections(prefix: string): { header: UnitTableHeader; arrays: Record<string, SectionArray> } {
    const arrays: Record<string, SectionArray> = { [`${prefix}idOrder`]: this.idOrder };
    for (const name of COLUMNS) arrays[`${prefix}${name}`] = this.columns[name].subarray(0, this.count);
    return { header: { size: this.count, posts: this.posts.length, authorNames: this.authorNames }, arrays };
  }

  static fromSections(header: UnitTableHeader, prefix: string, array: (name: string) => SectionArray, posts: Post[]): UnitTable {
    if (header.posts !== posts.length) throw new Error(`the index holds ${header.posts} posts, the archive ${posts.length}`);
    const columns = {} as Record<ColumnName, Uint32Array>;
    for (const name of COLUMNS) {
      columns[name] = array(`${prefix}${name}`) as Uint32Array;
      if (columns[name].length !== header.size) throw new Error(`unit column ${name} does not match its header`);
    }
    return new UnitTable(posts.slice(), columns, header.size, header.authorNames, array(`${prefix}idOrder`) as Uint32Array);
  }
}

function emptyColumns(capacity: number): Record<ColumnName, Uint32Array> {
  return Object.fromEntries(COLUMNS.map((name) => [name, new Uint32Array(capacity)])) as Record<ColumnName, Uint32Array>;
}

function grow(columns: Record<ColumnName, Uint32Array>, capacity: number): Record<ColumnName, Uint32Array> {
  const out = emptyColumns(capacity);
  for (const name of COLUMNS) out[name].set(columns[name].subarray(0, Math.min(columns[name].length, capacity)));
  return out;
}
