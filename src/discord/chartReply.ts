/**
 * A chart in a reply: the PNG uploaded with the message and shown by the embed (`attachment://<name>`), its alt text
 * for screen readers, and its text form for the console. Charts are made through the context's cache, keyed by the
 * question and the archive's version, so a chart asked twice is drawn once.
 */
import type { APIEmbed } from 'discord.js';
import type { Chart } from '../charts';
import type { BotContext } from './context';
import { attachmentUrl, type ReplyFile } from './messageBuilder';

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
