/**
 * Renders a reply for a terminal, as close as text gets to what Discord shows: embeds as boxed text, bold as ANSI
 * bold (or `**` when the output is not a terminal), escaped markdown unescaped, links as "text <url>", Discord
 * timestamps as "in 3 seconds", buttons as [Label] and select menus as numbered lists. Used by the console mode.
 */
import { stripVTControlCharacters } from 'node:util';
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { ActionRow, ReplyFile, ReplySpec } from '../discord/messageBuilder';

export interface TerminalRenderOptions {
  /** ANSI bold/dim; false for pipes and tests. */
  ansi: boolean;
  /** Box width in columns (default 78). */
  width?: number;
  now?: () => Date;
}

function relativeTime(unix: number, now: Date): string {
  const seconds = Math.round(unix - now.getTime() / 1000);
  const abs = Math.abs(seconds);
  const amount =
    abs < 90 ? `${abs} second${abs === 1 ? '' : 's'}` : abs < 5400 ? `${Math.round(abs / 60)} minutes` : `${Math.round(abs / 3600)} hours`;
  return seconds >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** Discord markdown → terminal text. */
export function markdownToTerminal(text: string, options: TerminalRenderOptions): string {
  const now = (options.now ?? (() => new Date()))();
  const bold = (s: string) => (options.ansi ? `\x1b[1m${s}\x1b[22m` : `**${s}**`);
  return (
    text
      .replace(/<t:(\d+):R>/g, (_, unix: string) => relativeTime(Number(unix), now))
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 <$2>')
      // Bold first (unescaped `**` pairs only), then drop markdown escapes so the text reads as written.
      .replace(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g, (_, inner: string) => bold(inner))
      .replace(/\\([\\*_~`|>#\-[\]()])/g, '$1')
      .replace(/\u200b/g, '')
  );
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

/** Visible length (ANSI codes take no columns). */
function visible(text: string): number {
  return stripVTControlCharacters(text).length;
}

function box(lines: string[], width: number): string {
  const inner = width - 4;
  const body = lines.flatMap((l) => wrap(l, inner)).map((l) => `│ ${l}${' '.repeat(Math.max(0, inner - visible(l)))} │`);
  return [`┌${'─'.repeat(width - 2)}┐`, ...body, `└${'─'.repeat(width - 2)}┘`].join('\n');
}

/** An attached image as the terminal shows it: its text form (a text chart), else its name. */
function imageLines(file: ReplyFile | undefined, url: string): string[] {
  if (!file) return [`[image ${url}]`];
  return file.text ? file.text.split('\n') : [`[image ${file.name}]`];
}

function embedLines(embed: APIEmbed, options: TerminalRenderOptions, files: ReplyFile[]): string[] {
  const md = (s: string) => markdownToTerminal(s, options);
  const lines: string[] = [];
  // The author line renders no markdown on Discord, so it is shown as it is.
  if (embed.author) lines.push(embed.author.name);
  if (embed.title) lines.push(md(options.ansi ? `**${embed.title}**` : embed.title.toUpperCase()) + (embed.url ? ` <${embed.url}>` : ''));
  if (embed.description) lines.push(...(lines.length ? [''] : []), ...md(embed.description).split('\n'));
  const image = embed.image?.url;
  if (image)
    lines.push(
      '',
      ...imageLines(
        files.find((f) => `attachment://${f.name}` === image),
        image,
      ),
    );
  for (const field of embed.fields ?? []) lines.push('', md(`**${field.name}**`), ...md(field.value).split('\n'));
  if (embed.footer) lines.push('', md(embed.footer.text));
  return lines;
}

function componentLines(rows: ActionRow[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const buttons: string[] = [];
    for (const c of row.components) {
      if (c.type === ComponentType.Button) {
        const label = 'label' in c ? (c.label ?? '') : '';
        if (c.style === ButtonStyle.Link) buttons.push(`[${label} ↗ ${c.url}]`);
        else buttons.push(c.disabled ? `(${label})` : `[${label}]`);
      } else if (c.type === ComponentType.StringSelect) {
        lines.push(`${c.placeholder ?? 'Choose'}`);
        c.options.forEach((o, i) => lines.push(`  ${i + 1}) ${o.label}`));
      }
    }
    if (buttons.length) lines.push(buttons.join(' '));
  }
  return lines;
}

export function renderForTerminal(reply: ReplySpec, options: TerminalRenderOptions): string {
  const width = options.width ?? 78;
  const parts: string[] = [];
  if (reply.ephemeral) parts.push('(only you can see this)');
  if (reply.content) parts.push(markdownToTerminal(reply.content, options));
  for (const embed of reply.embeds ?? []) parts.push(box(embedLines(embed, options, reply.files ?? []), width));
  const components = componentLines(reply.components ?? []);
  if (components.length) parts.push(components.join('\n'));
  return parts.join('\n');
}
