/**
 * What /trend and /author share on Discord. A chart in a reply: the PNG uploaded with the message and shown by the
 * embed (`attachment://<name>`), its alt text for screen readers, and its text form for the console. Charts are made
 * through the context's cache, keyed by the question and the archive's version, so a chart asked twice is drawn once.
 * And the threads they list: as links in the embed, and as a select menu that opens one.
 */
import type { APIEmbed, APISelectMenuOption } from 'discord.js';
import type { Chart } from '../../charts';
import type { Post } from '../../corpus/types';
import type { BotContext } from '../context';
import { attachmentUrl, type ReplyFile } from '../messageBuilder';
import { escapeArchiveText, formatDate, postTitle } from '../quote';

/** The cache key of a chart: what was asked, of which archive. */
export function chartKey(ctx: Pick<BotContext, 'archive'>, ...question: string[]): string {
  return [ctx.archive.fingerprint ?? 'unversioned', ...question].join('\u0000');
}

export interface ChartAttachment {
  /** Put on the embed: `image: { url: attachment://<name> }`. */
  image: NonNullable<APIEmbed['image']>;
  file: ReplyFile;
}

export function chartAttachment(name: string, chart: Chart<unknown>, alt: string, text: string): ChartAttachment {
  return {
    image: { url: attachmentUrl(name), width: chart.width, height: chart.height },
    file: { name, data: chart.png, description: alt, text },
  };
}

/** A thread named in an embed: its title linked to the original post where there is one. */
export function threadLink(ctx: Pick<BotContext, 'lookup'>, postId: string): string {
  const post = ctx.lookup.post(postId);
  const title = escapeArchiveText(post ? postTitle(post) : postId);
  return post?.url ? `[${title}](${post.url})` : `“${title}”`;
}

/** Select options that open threads (labels render no markdown, so titles are left unescaped). */
export function threadOptions(posts: readonly Post[]): APISelectMenuOption[] {
  return posts.map((post) => ({ label: postTitle(post), value: post.id, ...(post.date ? { description: formatDate(post.date)! } : {}) }));
}
