/** One way for tests to write a comment thread by hand, shaped exactly like the parser's output. */
import type { Comment } from '../../src/corpus/types';

export interface CommentSpec {
  text: string;
  author?: string | null;
  removed?: boolean;
  replies?: CommentSpec[];
}

export interface ThreadOptions {
  /**
   * Keep the text of removed comments. The parser never does (removed ⇒ text ''); tests use it to prove that a
   * removed comment is ignored even when its text would otherwise win.
   */
  keepRemovedText?: boolean;
}

/** Top-level comments numbered 1, 2, … with their replies 1.1, 1.2, … in thread order. */
export function threadComments(postId: string, specs: readonly CommentSpec[], options: ThreadOptions = {}): Comment[] {
  const out: Comment[] = [];
  const make = (spec: CommentSpec, position: string, parentId: string | null): Comment => ({
    id: `${postId}-${position}`,
    postId,
    parentId,
    position,
    order: out.length,
    author: spec.author ?? null,
    text: spec.removed && !options.keepRemovedText ? '' : spec.text,
    removed: spec.removed ?? false,
    line: null,
  });
  specs.forEach((spec, i) => {
    const top = make(spec, String(i + 1), null);
    out.push(top);
    (spec.replies ?? []).forEach((reply, j) => out.push(make(reply, `${top.position}.${j + 1}`, top.id)));
  });
  return out;
}
