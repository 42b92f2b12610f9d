import type { Archive, Comment, Post } from '../../src/corpus/types';

let counter = 0;

export function comment(postId: string, position: string, text: string, extra: Partial<Comment> = {}): Comment {
  return {
    id: `${postId}-${position}`,
    postId,
    parentId: position.includes('.') ? `${postId}-${position.split('.')[0]}` : null,
    position,
    order: counter++,
    author: null,
    text,
    removed: false,
    line: null,
    ...extra,
  };
}

export function post(
  id: string,
  title: string,
  date: string | null,
  body: string,
  comments: Array<[string, string, Partial<Comment>?]>,
): Post {
  return {
    id,
    source: `${id}.txt`,
    title,
    titleDerived: false,
    date,
    url: `https://blog.example/${id}`,
    body,
    declaredCommentCount: comments.length,
    comments: comments.map(([position, text, extra]) => comment(id, position, text, extra)),
  };
}

export function archive(...posts: Post[]): Archive {
  return { dir: '/nowhere', posts, problems: [] };
}
