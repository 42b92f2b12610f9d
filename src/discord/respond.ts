/**
 * The ONE reply helper: every message the bot sends to Discord is built here, so every one carries
 * `allowedMentions: { parse: [] }` (archive quotes may contain `@everyone` or user mentions; nobody must be pinged)
 * and is cut to Discord's limits by `finishReply`.
 */
import { MessageFlags, type BaseMessageOptions, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { finishReply, type ReplySpec } from './messageBuilder';

/** Pings nobody, whatever the text says. */
export const NO_MENTIONS = { parse: [] as [] };

export interface DiscordPayload extends BaseMessageOptions {
  allowedMentions: { parse: [] };
}

/**
 * A discord.js payload for editReply/update/channel.send: cut to Discord's limits, pinging nobody. Empty
 * `embeds`/`components`/`attachments` are sent explicitly so an edit clears what the previous message had (with
 * files, discord.js lists them as the message's attachments itself, so a new chart replaces the old one).
 */
export function toDiscordPayload(spec: ReplySpec): DiscordPayload {
  const fitted = finishReply(spec);
  const files = fitted.files ?? [];
  return {
    content: fitted.content ?? '',
    embeds: fitted.embeds ?? [],
    components: fitted.components ?? [],
    ...(files.length > 0
      ? { files: files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) })) }
      : { attachments: [] }),
    allowedMentions: NO_MENTIONS,
  };
}

/** For reply/followUp, the first message of an answer: the only place ephemerality can be chosen. */
export function toDiscordReplyPayload(spec: ReplySpec): DiscordPayload & { flags?: MessageFlags.Ephemeral } {
  const payload = toDiscordPayload(spec);
  return spec.ephemeral ? { ...payload, flags: MessageFlags.Ephemeral } : payload;
}

/**
 * The same message as the REST body of a channel post (the daily post goes through the REST client, under its
 * rate-limit budget, not through a channel object): cut to Discord's limits, pinging nobody. Channel messages parse
 * every mention by default, so without `allowed_mentions` a quoted "@everyone" would ping the whole server. Files
 * cannot travel in a JSON body: a spec with files is refused rather than posted without them.
 */
export function toChannelMessageBody(spec: ReplySpec): RESTPostAPIChannelMessageJSONBody {
  const fitted = finishReply(spec);
  if (fitted.files && fitted.files.length > 0) throw new Error('a channel message body cannot carry files');
  return { content: fitted.content ?? '', embeds: fitted.embeds ?? [], components: fitted.components ?? [], allowed_mentions: NO_MENTIONS };
}
