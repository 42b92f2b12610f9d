/**
 * /digest: the daily "from the archive" post of a server. Needs Manage Server (the default permission hides it from
 * others; a precondition refuses anyone a server's overrides let through). Every answer is ephemeral
 * (defaultEphemeral): it is the admin's business, not the channel's. The post itself is views/digestPost.ts, shared
 * with the scheduler that posts it every day.
 *
 *   set channel [time] [timezone]  where and when (default 09:00 Europe/London); checks the bot may post there
 *   show                           the setting, next run (server time and <t:…:F>), last post, why it is disabled
 *   preview                        the next post, exactly as it will be posted, without using it up
 *   now                            post today's item now (it counts as today's)
 *   off                            stop; settings and history are kept for a later `set`
 */
import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { AutocompleteCall, Choice, CommandCall } from '../../src/discord/commandTypes';
import { guildOnly, requiresManageServer } from '../../src/discord/preconditions';
import type { BotContext } from '../../src/discord/context';
import { UserError } from '../../src/discord/errors';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { digestMessage } from '../../src/discord/views/digestPost';
import type { GuildContext } from '../../src/discord/guildContext';
import { digestPoolFor, digestStoreFor, digestSummarizer } from '../../src/discord/digestRunner';
import { escapeArchiveText, formatDate } from '../../src/discord/quote';
import { localDateOf } from '../../src/digest/dates';
import { postDigestForDay, claimOwner } from '../../src/digest/run';
import {
  DEFAULT_DIGEST_TIME,
  DEFAULT_DIGEST_TIMEZONE,
  DigestSettingsError,
  parseDigestTime,
  parseDigestTimezone,
  suggestTimezones,
  upcomingRun,
} from '../../src/digest/schedule';
import { selectDigestItem } from '../../src/digest/select';
import { DigestStoreError, type DigestStore } from '../../src/digest/store';
import type { DigestSettings } from '../../src/digest/types';

export const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription('A daily post from the archive in this server')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription('Choose the channel and time of the daily post')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o.setName('time').setDescription('Time of day, 24-hour HH:MM (default 09:00)').setMinLength(3).setMaxLength(5),
      )
      .addStringOption((o) =>
        o.setName('timezone').setDescription('Time zone, e.g. Europe/London (default)').setAutocomplete(true).setMaxLength(64),
      ),
  )
  .addSubcommand((s) => s.setName('show').setDescription('The current setting, the next post and the last one'))
  .addSubcommand((s) => s.setName('preview').setDescription('See the next post before it goes out (only you see it)'))
  .addSubcommand((s) => s.setName('now').setDescription("Post today's item now (it counts as today's post)"))
  .addSubcommand((s) => s.setName('off').setDescription('Stop the daily post (settings and history are kept)'));

/** One line for /help (commands/help). */
export const helpLine =
  '`/digest set` a daily "from the archive" post in a channel you choose (`show`, `preview`, `now`, `off`); needs Manage Server.';

export function autocomplete(call: AutocompleteCall): Choice[] {
  if (call.focused.name !== 'timezone') return [];
  return suggestTimezones(call.focused.value).map((zone) => ({ name: zone.replace(/_/g, ' '), value: zone }));
}

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** "Mon 3 Mar, 09:00 GMT" in the server's zone: what the admin set, in their terms. */
function serverTime(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
}

async function postedToday(store: DigestStore, guildId: string, settings: DigestSettings, now: Date): Promise<boolean> {
  const today = localDateOf(now, settings.timezone);
  const last = await store.lastPost(guildId);
  return last?.date === today || (await store.claims.isClaimed(guildId, today));
}

async function nextRunLine(store: DigestStore, guildId: string, settings: DigestSettings, now: Date): Promise<string> {
  const next = upcomingRun(settings, now, await postedToday(store, guildId, settings, now));
  if (next.dueNow) return 'Due now: it goes out within a minute.';
  return `${serverTime(next.at, settings.timezone)} · <t:${unix(next.at)}:F> (<t:${unix(next.at)}:R>)`;
}

function refuse(message: string): never {
  throw new UserError(message);
}

async function set(call: CommandCall, ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  const channel = call.options.getChannel?.('channel') ?? refuse('Pick a channel for the daily post.');
  if (!channel.postable) refuse(`<#${channel.id}> is not a text channel: pick a text or announcement channel.`);
  const previous = await store.getSettings(guild.guildId);
  let time: string;
  let timezone: string;
  try {
    time = parseDigestTime(call.options.getString('time') ?? previous?.time ?? DEFAULT_DIGEST_TIME);
    timezone = parseDigestTimezone(call.options.getString('timezone') ?? previous?.timezone ?? DEFAULT_DIGEST_TIMEZONE);
  } catch (err) {
    if (err instanceof DigestSettingsError) refuse(err.message);
    throw err;
  }
  const missing = await guild.missingBotPermissions(channel.id);
  if (missing.length > 0) {
    const list = missing.map((m) => `**${m}**`).join(', ');
    refuse(
      `I can't post in <#${channel.id}>: I'm missing ${list} there. Give my role ${missing.length > 1 ? 'those permissions' : 'that permission'} in the channel's settings, then run /digest set again.`,
    );
  }
  const now = ctx.now();
  const settings: DigestSettings = {
    channelId: channel.id,
    time,
    timezone,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    activeSince: now.toISOString(),
  };
  await store.saveSettings(guild.guildId, settings);
  ctx.logger.info('digest configured', { guildId: guild.guildId, channelId: channel.id, time, timezone, by: call.user.id });
  return {
    ephemeral: true,
    content: `Daily posts from the archive will go to <#${channel.id}> at **${time}** (${timezone}).\nNext post: ${await nextRunLine(store, guild.guildId, settings, now)}\nSee it first with \`/digest preview\`.`,
  };
}

async function show(ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  const settings = await store.getSettings(guild.guildId);
  if (!settings) return { ephemeral: true, content: 'No daily post is set up here. Start one with `/digest set channel:#some-channel`.' };
  const now = ctx.now();
  const lines: string[] = [];
  if (settings.enabled) lines.push(`**On**: posting in <#${settings.channelId}> every day at **${settings.time}** (${settings.timezone}).`);
  else if (settings.disabledReason)
    lines.push(
      `**Stopped by the bot** on ${formatDate(settings.disabledAt?.slice(0, 10) ?? null) ?? 'an earlier day'}: ${settings.disabledReason}`,
    );
  else
    lines.push(
      `**Off** (switched off with /digest off). It was posting in <#${settings.channelId}> at ${settings.time} (${settings.timezone}); \`/digest set\` turns it back on.`,
    );
  if (settings.enabled) {
    lines.push(`Next post: ${await nextRunLine(store, guild.guildId, settings, now)}`);
    const retry = await store.getRetry(guild.guildId);
    if (retry && retry.date === localDateOf(now, settings.timezone))
      lines.push(`Today's post failed ${retry.failures} time(s) (${retry.lastError}); retrying <t:${unix(new Date(retry.retryAt))}:R>.`);
  }
  const last = await store.lastPost(guild.guildId);
  if (last) {
    const where = last.messageId
      ? `https://discord.com/channels/${guild.guildId}/${last.channelId}/${last.messageId}`
      : `<#${last.channelId}>`;
    lines.push(
      `Last post: ${formatDate(last.date)} — "${escapeArchiveText(last.postTitle)}" (${where}), <t:${unix(new Date(last.postedAt))}:R>.`,
    );
  } else lines.push('Last post: none yet.');
  return { ephemeral: true, content: lines.join('\n') };
}

async function preview(call: CommandCall, ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  await call.defer({ ephemeral: true });
  const settings = (await store.getSettings(guild.guildId)) ?? {
    channelId: '',
    time: DEFAULT_DIGEST_TIME,
    timezone: DEFAULT_DIGEST_TIMEZONE,
    enabled: false,
    disabledReason: null,
    disabledAt: null,
    activeSince: ctx.now().toISOString(),
  };
  const now = ctx.now();
  const next = upcomingRun(settings, now, await postedToday(store, guild.guildId, settings, now));
  const item = selectDigestItem({
    archive: ctx.archive,
    pool: digestPoolFor(ctx),
    date: next.date,
    serverId: guild.guildId,
    history: await store.getHistory(guild.guildId),
    summarize: digestSummarizer(ctx),
  });
  if (!item) refuse('The archive has nothing to post yet.');
  const when = settings.enabled
    ? `the post for ${formatDate(next.date)} (<t:${unix(next.at)}:F>)`
    : `what the post for ${formatDate(next.date)} would be (the daily post is not on here)`;
  return { ...digestMessage(item), ephemeral: true, content: `Preview of ${when}. Only you can see this; it is not used up.` };
}

async function postNow(call: CommandCall, ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  const settings = await store.getSettings(guild.guildId);
  if (!settings?.enabled) refuse('The daily post is not on here: choose a channel with `/digest set` first.');
  await call.defer({ ephemeral: true });
  const now = ctx.now();
  const date = localDateOf(now, settings.timezone);
  const outcome = await postDigestForDay({
    serverId: guild.guildId,
    settings,
    date,
    now,
    store,
    archive: ctx.archive,
    pool: digestPoolFor(ctx),
    send: guild.send,
    logger: ctx.logger,
    summarize: digestSummarizer(ctx),
    owner: claimOwner(),
  });
  switch (outcome.status) {
    case 'posted':
      return {
        ephemeral: true,
        content: `Posted today's item in <#${settings.channelId}>. It counts as today's post: the next one is tomorrow.`,
      };
    case 'already-posted':
      return {
        ephemeral: true,
        content: `Today's post (${formatDate(date)}) has already been made or is going out right now; the next one is tomorrow.`,
      };
    case 'disabled':
      return { ephemeral: true, content: `I couldn't post: ${outcome.reason}` };
    case 'retry':
      return {
        ephemeral: true,
        content: `Discord didn't take the post (${outcome.error}). I'll try again <t:${unix(outcome.retryAt)}:R>.`,
      };
    case 'nothing-to-post':
      return { ephemeral: true, content: 'The archive has nothing to post yet.' };
    default:
      throw new Error(`digest now: ${outcome.status}`);
  }
}

async function off(ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  const settings = await store.getSettings(guild.guildId);
  if (!settings) return { ephemeral: true, content: 'No daily post is set up here, so there is nothing to switch off.' };
  await store.saveSettings(guild.guildId, { ...settings, enabled: false, disabledReason: null, disabledAt: null });
  ctx.logger.info('digest switched off', { guildId: guild.guildId });
  return { ephemeral: true, content: 'Daily posts are off. The channel, time and history are kept: `/digest set` turns them back on.' };
}

export const defaultEphemeral = true;

export const preconditions = [
  guildOnly('/digest works in a server, where it sets up a daily post in one of its channels.'),
  requiresManageServer('Only members with the **Manage Server** permission can change or view the daily post.'),
];

export async function execute(call: CommandCall, ctx: BotContext): Promise<ReplySpec> {
  const guild = call.guild;
  // The router runs it only in a server (guildOnly above): without one, this is a caller's bug, not a user's mistake.
  if (!guild) throw new Error('/digest was run without a server: it must go through the router and its preconditions');
  try {
    return await run(call, ctx, guild, digestStoreFor(ctx));
  } catch (err) {
    if (!(err instanceof DigestStoreError)) throw err;
    ctx.logger.error('digest store unusable', { guildId: guild.guildId, err });
    refuse(
      "The daily post's settings can't be read or saved right now (the bot's storage is unavailable). It has been logged for the bot's operator; try again later.",
    );
  }
}

function run(call: CommandCall, ctx: BotContext, guild: GuildContext, store: DigestStore): Promise<ReplySpec> {
  const subcommand = call.options.getSubcommand?.() ?? null;
  switch (subcommand) {
    case 'set':
      return set(call, ctx, guild, store);
    case 'show':
      return show(ctx, guild, store);
    case 'preview':
      return preview(call, ctx, guild, store);
    case 'now':
      return postNow(call, ctx, guild, store);
    case 'off':
      return off(ctx, guild, store);
    default:
      throw new Error(`unknown /digest subcommand ${subcommand}`);
  }
}
