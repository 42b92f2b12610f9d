/**
 * A deterministic synthetic "On Probation" archive in the real export format (see seeds/), at any scale.
 *
 * Why synthetic: the real archive cannot be shipped, but the parser, the index and the summaries must be exercised
 * at its scale (4,500 posts, ~150,000 comments, ~60 MB) with its shape: a long tail of thread lengths (most threads
 * 5–40 comments, a few several hundred), nested replies, signatures, removed comments, Zipf-distributed words and a
 * few messy files. The same seed gives the same bytes, so figures are comparable run to run and machine to machine.
 *
 * Every post is planned first (a `GeneratedPost`: what the parser should find), then rendered to text. The plan is
 * returned as a manifest so tests can check the parser reads back exactly what was written.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng, mixSeed, type Rng } from './prng';
import { COMMON_WORDS, CONTRACTIONS, PHRASES, PROBATION_TERMS, zipfWord } from './vocabulary';
import { MONTH_NAMES } from '../../src/text/dates';

/** Bumped whenever the output for a given seed changes, so cached benchmark archives are regenerated. */
export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 20221025;
/** The real archive's ratio: ~150,000 comments over ~4,500 posts. */
export const DEFAULT_COMMENTS_PER_POST = 150_000 / 4_500;

/** How a file is laid out: like most of seeds/, with CRLF line endings, or flattened with `****` separators (seed 002). */
export type PostLayout = 'standard' | 'crlf' | 'flattened';

export interface GeneratedComment {
  /** `3` for the third top-level comment, `3.2` for its second reply. */
  position: string;
  /** Position of the top-level comment replied to, or null. */
  parentPosition: string | null;
  /** The author as the parser should report it (signature), or null when anonymous. */
  author: string | null;
  removed: boolean;
  /** The comment's text without its signature (paragraphs separated by a blank line); empty when removed. */
  text: string;
}

export interface GeneratedPost {
  /** File name inside the archive folder. */
  file: string;
  /** YYYY-MM-DD, or null for a flattened file (it has no heading). */
  date: string | null;
  /** The title written in the file, or null for a flattened file (the parser must derive one). */
  title: string | null;
  body: string;
  /** The `N comments:` count written in the file (null for a flattened file, which declares none). */
  declaredCommentCount: number | null;
  layout: PostLayout;
  comments: GeneratedComment[];
}

export interface ArchiveManifest {
  seed: number;
  generatorVersion: number;
  posts: GeneratedPost[];
  /** Comments and replies, removed ones included. */
  totalComments: number;
  totalBytes: number;
}

export interface GenerateArchiveOptions {
  posts: number;
  outDir: string;
  seed?: number;
  /** Mean comments (including replies) per post; defaults to the real archive's ~33. */
  commentsPerPost?: number;
  /** Keep comment texts in the returned manifest (tests); off for big runs to save memory. */
  keepText?: boolean;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const REMOVED_TEXTS = ['This comment has been removed by the author.', 'This comment has been removed by a blog administrator.'];

/** Signatures as regulars write them, and the author the parser should report for each. */
interface Signature {
  /** Lines of the final paragraph. */
  lines: string[];
  author: string;
}
const SIGNATURES: readonly Signature[] = [
  { lines: ["'Getafix"], author: "'Getafix" },
  { lines: ['Probation Officer', 'London'], author: 'Probation Officer, London' },
  { lines: ['Cheers, Jim'], author: 'Jim' },
  { lines: ['- Netnipper'], author: 'Netnipper' },
];

const FIRST_DAY = Date.UTC(2010, 0, 4);
const LAST_DAY = Date.UTC(2023, 11, 29);
const DAY_MS = 86_400_000;

/** Files 2, 7 and then every 500th/500th+5 are messy: a few at full scale, at least one of each in a 10-post archive. */
function layoutFor(index: number): PostLayout {
  if (index === 2 || (index > 7 && index % 500 === 2)) return 'flattened';
  if (index === 7 || (index > 7 && index % 500 === 7)) return 'crlf';
  return 'standard';
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Phrases are Zipf-distributed too: "probation officer" is everywhere, "serious further offence" much rarer. */
const PHRASE_CUMULATIVE = (() => {
  const weights = PHRASES.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();

function zipfPhrase(u: number): string {
  const i = PHRASE_CUMULATIVE.findIndex((c) => u < c);
  return PHRASES[i === -1 ? PHRASES.length - 1 : i];
}

function sentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rng.next();
    if (r < 0.012) out.push(zipfPhrase(rng.next()));
    else if (r < 0.027) out.push(rng.pick(CONTRACTIONS));
    else out.push(zipfWord(rng.next()));
    if (i > 2 && i < words - 2 && rng.chance(0.06)) out[out.length - 1] += ',';
  }
  out[0] = capitalise(out[0]);
  const end = rng.next();
  return out.join(' ') + (end < 0.08 ? '?' : end < 0.12 ? '!' : end < 0.14 ? '…' : '.');
}

/** A paragraph of about `words` words, as one line (most paragraphs) or a few lines without blank lines between. */
function paragraph(rng: Rng, words: number): string[] {
  const sentences: string[] = [];
  let left = Math.max(3, words);
  while (left > 0) {
    let n = Math.min(left, Math.max(3, Math.round(rng.logNormal(14, 0.45))));
    if (left - n < 3) n = left;
    sentences.push(sentence(rng, n));
    left -= n;
  }
  if (rng.chance(0.025)) sentences.push(`https://www.${zipfWord(rng.next() * 0.5 + 0.5)}.co.uk/news/${rng.int(1000000, 99999999)}`);
  if (sentences.length > 1 && rng.chance(0.12)) {
    const cut = rng.int(1, sentences.length - 1);
    return [sentences.slice(0, cut).join(' '), sentences.slice(cut).join(' ')];
  }
  return [sentences.join(' ')];
}

/** Paragraphs totalling about `words` words. */
function paragraphs(rng: Rng, words: number): string[][] {
  const count = Math.max(1, Math.min(12, Math.round(words / Math.max(20, rng.logNormal(45, 0.4)))));
  const out: string[][] = [];
  for (let i = 0; i < count; i++) out.push(paragraph(rng, Math.round(words / count)));
  return out;
}

const joinText = (paras: string[][]): string => paras.map((p) => p.join('\n')).join('\n\n');

/** One comment's plan and its rendered paragraphs (signature included as the last paragraph when signed). */
interface PlannedComment extends GeneratedComment {
  paragraphs: string[][];
}

function planComment(rng: Rng, position: string, parentPosition: string | null): PlannedComment {
  if (rng.chance(0.015)) {
    return {
      position,
      parentPosition,
      author: null,
      removed: true,
      text: '',
      paragraphs: [[rng.chance(0.8) ? REMOVED_TEXTS[0] : REMOVED_TEXTS[1]]],
    };
  }
  const words = Math.round(Math.min(900, Math.max(3, rng.logNormal(parentPosition ? 28 : 40, 0.85))));
  const paras = paragraphs(rng, words);
  const text = joinText(paras);
  const r = rng.next();
  const signature =
    r < 0.04 ? SIGNATURES[0] : r < 0.05 ? SIGNATURES[1] : r < 0.065 && parentPosition ? SIGNATURES[2] : r < 0.075 ? SIGNATURES[3] : null;
  if (!signature) return { position, parentPosition, author: null, removed: false, text, paragraphs: paras };
  return { position, parentPosition, author: signature.author, removed: false, text, paragraphs: [...paras, signature.lines] };
}

/** Thread sizes: log-normal body plus a few hot threads of several hundred, then scaled to the wanted mean. */
function threadSizes(seed: number, posts: number, commentsPerPost: number): number[] {
  const rng = createRng(mixSeed(seed, 0x7417ead));
  const raw: number[] = [];
  for (let i = 0; i < posts; i++) raw.push(rng.chance(0.012) ? rng.int(150, 600) : Math.max(1, rng.logNormal(20, 0.8)));
  const target = Math.round(posts * commentsPerPost);
  const sum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((n) => Math.max(1, Math.round((n * target) / sum)));
  let diff = target - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0 && i < posts * 4; i++) {
    const j = rng.int(0, posts - 1);
    if (diff > 0) {
      sizes[j]++;
      diff--;
    } else if (sizes[j] > 5) {
      sizes[j]--;
      diff++;
    }
  }
  return sizes;
}

/** Post dates: roughly daily from 2010, sometimes two posts on one day, sometimes a day skipped. */
function postDates(seed: number, posts: number): string[] {
  const rng = createRng(mixSeed(seed, 0xda7e5));
  const span = (LAST_DAY - FIRST_DAY) / DAY_MS;
  const meanStep = Math.max(0.2, span / Math.max(1, posts));
  const dates: string[] = [];
  let day = 0;
  for (let i = 0; i < posts; i++) {
    dates.push(new Date(FIRST_DAY + Math.min(span, Math.floor(day)) * DAY_MS).toISOString().slice(0, 10));
    // Mostly the mean step; sometimes the same day again (two posts on one date), sometimes a gap.
    const r = rng.next();
    day += r < 0.06 ? 0 : r < 0.85 ? meanStep : meanStep * 1.9;
  }
  return dates;
}

function planPost(seed: number, index: number, date: string, size: number): { post: GeneratedPost; planned: PlannedComment[] } {
  const rng = createRng(mixSeed(seed, index, 0x9057));
  const layout = layoutFor(index);
  const titleWords: string[] = [];
  const titleLength = rng.int(2, 6);
  // Titles read like the blog's ("Probation Voice Must Continue to be Heard"): mostly real words, now and then a rare one.
  for (let i = 0; i < titleLength; i++) {
    const r = rng.next();
    const word =
      r < 0.2
        ? rng.pick(PHRASES)
        : r < 0.5
          ? rng.pick(PROBATION_TERMS)
          : r < 0.85
            ? rng.pick(COMMON_WORDS)
            : zipfWord(rng.next() * 0.5 + 0.5);
    titleWords.push(capitalise(word));
  }
  const title = titleWords.join(' ');
  const bodyParas = paragraphs(rng, Math.round(Math.min(2500, rng.logNormal(260, 0.7))));
  const planned: PlannedComment[] = [];
  let top = 0;
  while (planned.length < size) {
    top++;
    const parent = planComment(rng, String(top), null);
    planned.push(parent);
    const room = size - planned.length;
    if (room > 0 && rng.chance(size > 100 ? 0.35 : 0.25)) {
      const replies = Math.min(room, rng.chance(0.05) ? rng.int(10, 40) : rng.int(1, 5));
      for (let j = 1; j <= replies; j++) planned.push(planComment(rng, `${top}.${j}`, parent.position));
    }
  }
  const hex = Array.from({ length: 16 }, () => rng.int(0, 15).toString(16)).join('');
  const post: GeneratedPost = {
    file: `${String(index).padStart(4, '0')}_${hex}.txt`,
    date: layout === 'flattened' ? null : date,
    title: layout === 'flattened' ? null : title,
    body: joinText(bodyParas),
    declaredCommentCount: layout === 'flattened' ? null : size,
    layout,
    comments: planned.map(({ position, parentPosition, author, removed, text }) => ({ position, parentPosition, author, removed, text })),
  };
  return { post, planned };
}

function dateHeading(iso: string, withComma: boolean): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}${withComma ? ',' : ''} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Pushes a comment's lines with the export's indentation: `  1. ` / `    ` for comments, `    1. ` / `      ` for replies. */
function pushComment(lines: string[], c: PlannedComment, number: number, isReply: boolean): void {
  const indent = isReply ? '      ' : '    ';
  const marker = `${isReply ? '    ' : '  '}${number}. `;
  c.paragraphs.forEach((para, p) => {
    if (p > 0) lines.push('');
    para.forEach((line, l) => lines.push((p === 0 && l === 0 ? marker : indent) + line));
  });
  lines.push('', indent + (isReply ? 'Delete' : 'ReplyDelete'));
}

/** The file text for a standard (or CRLF) post, exactly as the seeds lay it out. */
function renderStandard(rng: Rng, post: GeneratedPost, body: string[][], planned: PlannedComment[]): string {
  const lines: string[] = [dateHeading(post.date!, rng.chance(0.5)), '', post.title!, ''];
  body.forEach((para, i) => {
    if (i > 0) {
      lines.push('');
      if (body.length > 3 && rng.chance(0.1)) lines.push('--oo00oo--', '');
    }
    lines.push(...para);
  });
  if (rng.chance(0.15)) lines.push('', '\u00a0');
  lines.push('', '', '');
  lines.length -= rng.int(0, 2);
  const n = post.declaredCommentCount!;
  lines.push(`${n} comment${n === 1 ? '' : 's'}:`, '');
  let number = 0;
  for (let i = 0; i < planned.length; i++) {
    const c = planned[i];
    if (c.parentPosition === null) {
      number++;
      pushComment(lines, c, number, false);
      if (planned[i + 1]?.parentPosition === c.position) lines.push('    Replies');
    } else {
      pushComment(lines, c, Number(c.position.split('.')[1]), true);
      if (rng.chance(0.03)) lines.push('', '');
    }
  }
  return lines.join('\n');
}

/** Seed 002's shape: no heading or title, comments flattened one per line, `****` between them, stray Delete prefixes. */
function renderFlattened(rng: Rng, body: string[][], planned: PlannedComment[]): string {
  const lines: string[] = body.map((p) => p.join(' '));
  lines.push('--oo00oo--');
  for (const c of planned) {
    const paras = c.paragraphs.map((p) => p.join(' '));
    if (rng.chance(0.2)) paras[0] = (c.parentPosition ? 'Delete' : 'ReplyDelete') + paras[0];
    lines.push(...paras);
    if (rng.chance(0.5)) lines.push(rng.chance(0.8) ? '****' : '*****');
  }
  return lines.join('\n');
}

function renderPost(seed: number, index: number, post: GeneratedPost, planned: PlannedComment[]): string {
  // The body paragraphs with their line breaks are re-derived from the stored text (one list per paragraph).
  const body = post.body.split('\n\n').map((p) => p.split('\n'));
  const rng = createRng(mixSeed(seed, index, 0x4e4d));
  if (post.layout === 'flattened') return renderFlattened(rng, body, planned);
  const text = renderStandard(rng, post, body, planned);
  return post.layout === 'crlf' ? text.replace(/\n/g, '\r\n') : text;
}

/**
 * The same posts `generateArchive` writes (same seed, same plan, texts included), one at a time and without writing
 * files: for rendering the archive in another format (the Blogger backup generator) at any scale in flat memory.
 */
export function* planArchive(
  options: Pick<GenerateArchiveOptions, 'posts' | 'seed' | 'commentsPerPost'>,
): Generator<{ post: GeneratedPost; date: string }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sizes = threadSizes(seed, options.posts, options.commentsPerPost ?? DEFAULT_COMMENTS_PER_POST);
  const dates = postDates(seed, options.posts);
  // `date` is the planned date even for a flattened post, whose text export does not carry it.
  for (let i = 0; i < options.posts; i++) yield { post: planPost(seed, i, dates[i], sizes[i]).post, date: dates[i] };
}

/**
 * Writes `posts` files into `outDir` (created; earlier generated `.txt` files there are replaced) and returns what
 * was written. Fast: ~60 MB in a few seconds, one file at a time, so memory stays flat at any scale.
 */
export function generateArchive(options: GenerateArchiveOptions): ArchiveManifest {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(options.posts) || options.posts < 1)
    throw new RangeError(`posts must be a positive integer (got ${options.posts})`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  mkdirSync(options.outDir, { recursive: true });
  for (const f of readdirSync(options.outDir)) if (/^\d{4,}_[0-9a-f]{16}\.txt$/.test(f)) rmSync(path.join(options.outDir, f));
  const sizes = threadSizes(seed, options.posts, options.commentsPerPost ?? DEFAULT_COMMENTS_PER_POST);
  const dates = postDates(seed, options.posts);
  const manifest: ArchiveManifest = { seed, generatorVersion: GENERATOR_VERSION, posts: [], totalComments: 0, totalBytes: 0 };
  for (let i = 0; i < options.posts; i++) {
    const { post, planned } = planPost(seed, i, dates[i], sizes[i]);
    const content = Buffer.from(renderPost(seed, i, post, planned), 'utf8');
    writeFileSync(path.join(options.outDir, post.file), content);
    manifest.totalComments += post.comments.length;
    manifest.totalBytes += content.length;
    if (!options.keepText) {
      post.body = '';
      for (const c of post.comments) c.text = '';
    }
    manifest.posts.push(post);
  }
  return manifest;
}
