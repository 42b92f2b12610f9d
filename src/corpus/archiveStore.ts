/**
 * The archive kept compact: every post body and comment text as UTF-8 in one buffer, everything else in typed-array
 * columns (columns.ts), and the `Post` / `Comment` objects the rest of the code reads made from them on demand.
 *
 * Why: held as parsed objects the archive is ~200 MB of JavaScript heap (curly quotes make most strings two bytes a
 * character) and 750,000 strings to recreate at every start. Here it is ~60 MB of bytes read in one block, and a text
 * becomes a string only when something reads it: `post.body` and `comment.text` are getters that decode their slice of
 * the buffer each time (a few microseconds for a comment; see docs/performance.md for what the hot paths pay). A
 * post's comments are made the first time `post.comments` is read and then kept, so they keep their identity, and
 * assigning `body`, `text` or `comments` replaces the stored value on that object as a plain property would.
 */
import { hashString, keyRange, orderByKey } from '../util/hash';
import type { SectionArray } from '../util/sections';
import { columnTable, encodeColumns, type ColumnSpec, type ColumnTable } from './columns';
import type { Comment, CommentIndex, Post } from './types';

export const ARCHIVE_STORE_FORMAT = 'archive-store/2';

export interface ArchiveStoreHeader {
  format: string;
  posts: number;
  comments: number;
  postColumns: ColumnSpec[];
  commentColumns: ColumnSpec[];
}

const POST_TEXT_KEYS = new Set(['body', 'comments']);
const COMMENT_TEXT_KEYS = new Set(['text']);

/** The header and arrays that store `posts` (see ArchiveStore); written to disk by the archive cache. */
export function encodeArchiveStore(posts: readonly Post[]): { header: ArchiveStoreHeader; arrays: Record<string, SectionArray> } {
  let commentCount = 0;
  let bytes = 0;
  for (const post of posts) {
    bytes += Buffer.byteLength(post.body, 'utf8');
    for (const c of post.comments) bytes += Buffer.byteLength(c.text, 'utf8');
    commentCount += post.comments.length;
  }
  const text = Buffer.allocUnsafe(bytes);
  const postText = new Uint32Array(posts.length * 2);
  const commentText = new Uint32Array(commentCount * 2);
  const firstComment = new Uint32Array(posts.length + 1);
  const comments: Comment[] = [];
  let at = 0;
  posts.forEach((post, p) => {
    postText[2 * p] = at;
    at += text.write(post.body, at, 'utf8');
    postText[2 * p + 1] = at;
    firstComment[p] = comments.length;
    for (const c of post.comments) {
      const k = comments.length;
      comments.push(c);
      commentText[2 * k] = at;
      at += text.write(c.text, at, 'utf8');
      commentText[2 * k + 1] = at;
    }
  });
  firstComment[posts.length] = comments.length;
  const idHashes = Uint32Array.from(comments, (c) => hashString(c.id));
  const byId = orderByKey(idHashes);
  const postColumns = encodeColumns(posts, POST_TEXT_KEYS);
  const commentColumns = encodeColumns(comments, COMMENT_TEXT_KEYS);
  const arrays: Record<string, SectionArray> = { text, postText, commentText, firstComment, commentIdHashes: idHashes, commentsById: byId };
  for (const [name, array] of Object.entries(postColumns.arrays)) arrays[`p.${name}`] = array;
  for (const [name, array] of Object.entries(commentColumns.arrays)) arrays[`k.${name}`] = array;
  const header: ArchiveStoreHeader = {
    format: ARCHIVE_STORE_FORMAT,
    posts: posts.length,
    comments: comments.length,
    postColumns: postColumns.specs,
    commentColumns: commentColumns.specs,
  };
  return { header, arrays };
}

/**
 * Recently decoded texts are kept in small direct-mapped caches (slot = number mod size): a summary reads each comment
 * of its thread several times, and a thread's comments are consecutive numbers, so a whole thread of up to 4,096
 * comments stays decoded while it is being read, in a few megabytes at most.
 */
const COMMENT_SLOTS = 4096;
const BODY_SLOTS = 256;

export class ArchiveStore implements CommentIndex {
  readonly posts: Post[];
  readonly count: number;
  private readonly commentRows = new Int32Array(COMMENT_SLOTS).fill(-1);
  private readonly commentTexts = new Array<string | undefined>(COMMENT_SLOTS);
  private readonly bodyRows = new Int32Array(BODY_SLOTS).fill(-1);
  private readonly bodyTexts = new Array<string | undefined>(BODY_SLOTS);
  private readonly text: Buffer;
  private readonly postText: Uint32Array;
  private readonly commentRanges: Uint32Array;
  private readonly firstComment: Uint32Array;
  /** Comment numbers ordered by the hash of their ids (see util/hash.ts). */
  private readonly commentsById: Uint32Array;
  private readonly commentIdHashes: Uint32Array;
  private readonly postColumns: ColumnTable;
  private readonly commentColumns: ColumnTable;

  /** `array(name)` gives each array encodeArchiveStore made (from a file, or straight from the encoder). */
  constructor(header: ArchiveStoreHeader, array: (name: string) => SectionArray) {
    if (header.format !== ARCHIVE_STORE_FORMAT) throw new Error(`not an archive store (${header.format})`);
    const raw = array('text') as Uint8Array;
    this.text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    this.postText = array('postText') as Uint32Array;
    this.commentRanges = array('commentText') as Uint32Array;
    this.firstComment = array('firstComment') as Uint32Array;
    this.commentsById = array('commentsById') as Uint32Array;
    this.commentIdHashes = array('commentIdHashes') as Uint32Array;
    if (this.firstComment.length !== header.posts + 1 || this.commentRanges.length !== header.comments * 2)
      throw new Error('archive store arrays do not match its header');
    this.postColumns = columnTable(header.postColumns, (name) => array(`p.${name}`));
    this.commentColumns = columnTable(header.commentColumns, (name) => array(`k.${name}`));
    this.count = header.comments;
    this.posts = Array.from({ length: header.posts }, (_, p) => this.makePost(p));
  }

  /** Bytes of text held (UTF-8). */
  get textBytes(): number {
    return this.text.length;
  }

  /** The comment with this id and its post, or undefined. A binary search over the ids' hashes: no map of 150,000 keys. */
  find(id: string): { comment: Comment; post: Post } | undefined {
    const [from, to] = keyRange(this.commentIdHashes, this.commentsById, hashString(id));
    for (let i = from; i < to; i++) {
      const k = this.commentsById[i];
      if (this.commentColumns.read('id', k) === id) return this.commentAt(k);
    }
    return undefined;
  }

  private commentAt(k: number): { comment: Comment; post: Post } {
    // The post whose comment range holds k: the last p with firstComment[p] <= k.
    let lo = 0;
    let hi = this.posts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firstComment[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    const post = this.posts[lo];
    return { post, comment: post.comments[k - this.firstComment[lo]] };
  }

  /** The body of post `p`, decoded from the buffer (or the recently decoded copy). */
  postBody(p: number): string {
    const slot = p & (BODY_SLOTS - 1);
    if (this.bodyRows[slot] === p) return this.bodyTexts[slot]!;
    const body = this.text.toString('utf8', this.postText[2 * p], this.postText[2 * p + 1]);
    this.bodyRows[slot] = p;
    this.bodyTexts[slot] = body;
    return body;
  }

  /** The text of comment `k` (numbered across the archive), decoded from the buffer (or the recently decoded copy). */
  commentText(k: number): string {
    const slot = k & (COMMENT_SLOTS - 1);
    if (this.commentRows[slot] === k) return this.commentTexts[slot]!;
    const text = this.text.toString('utf8', this.commentRanges[2 * k], this.commentRanges[2 * k + 1]);
    this.commentRows[slot] = k;
    this.commentTexts[slot] = text;
    return text;
  }

  /** The comments of post `p`, made now. */
  makeComments(p: number): Comment[] {
    const out: Comment[] = [];
    for (let k = this.firstComment[p]; k < this.firstComment[p + 1]; k++) {
      const comment = new StoredComment(this, k);
      this.commentColumns.fill(comment as unknown as Record<string, unknown>, k);
      Object.defineProperty(comment, 'text', StoredComment.text);
      out.push(comment as unknown as Comment);
    }
    return out;
  }

  private makePost(p: number): Post {
    const post = new StoredPost(this, p);
    this.postColumns.fill(post as unknown as Record<string, unknown>, p);
    Object.defineProperty(post, 'body', StoredPost.body);
    Object.defineProperty(post, 'comments', StoredPost.comments);
    return post as unknown as Post;
  }
}

/**
 * A comment read from the store. Its fields are own properties like a parsed comment's (so spreading, JSON and
 * deep equality see them all), `text` an own accessor. The accessor's functions are shared by every comment, which
 * keeps them all of one hidden class: a per-object closure would put each in slow dictionary mode and cost about
 * five times the memory.
 */
class StoredComment {
  readonly #store: ArchiveStore;
  readonly #row: number;
  #text: string | undefined;
  constructor(store: ArchiveStore, row: number) {
    this.#store = store;
    this.#row = row;
  }
  static readonly text: PropertyDescriptor = {
    get(this: StoredComment) {
      return this.#text ?? this.#store.commentText(this.#row);
    },
    set(this: StoredComment, value: string) {
      this.#text = value;
    },
    enumerable: true,
    configurable: true,
  };
}

/** A post read from the store: like StoredComment, with `body` and `comments` as shared accessors. */
class StoredPost {
  readonly #store: ArchiveStore;
  readonly #row: number;
  #body: string | undefined;
  #comments: Comment[] | undefined;
  constructor(store: ArchiveStore, row: number) {
    this.#store = store;
    this.#row = row;
  }
  static readonly body: PropertyDescriptor = {
    get(this: StoredPost) {
      return this.#body ?? this.#store.postBody(this.#row);
    },
    set(this: StoredPost, value: string) {
      this.#body = value;
    },
    enumerable: true,
    configurable: true,
  };
  static readonly comments: PropertyDescriptor = {
    get(this: StoredPost) {
      return (this.#comments ??= this.#store.makeComments(this.#row));
    },
    set(this: StoredPost, value: Comment[]) {
      this.#comments = value;
    },
    enumerable: true,
    configurable: true,
  };
}

/** The store of `posts`, in memory (what the archive cache writes and reads back). */
export function archiveStoreOf(posts: readonly Post[]): ArchiveStore {
  const { header, arrays } = encodeArchiveStore(posts);
  return new ArchiveStore(header, (name) => {
    const array = arrays[name];
    if (!array) throw new Error(`no section ${name}`);
    return array;
  });
}
