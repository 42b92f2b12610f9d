/**
 * The ONE reply helper: every message the bot sends to Discord is built here, so every one carries
 * `allowedMentions: { parse: [] }` (archive quotes may contain `@everyone` or user mentions; nobody must be pinged)
 * and is cut to Discord's limits by `finishReply`.
 */
import { MessageFlags, type BaseMessageOptions } from 'discord.js';
import { finishReply, type ReplySpec } from './messageBuilder';

/** Pings nobody, whatever the text says. Exported for the digest's channel posts, which must use it too. */
export const NO_MENTIONS = { parse: [] as [] };

export interface DiscordPayload extends BaseMessageOptions {
  allowedMentions: { parse: [] };
}

/**
 * A discord.js payload for editReply/update/channel.send: cut to Discord's limits, pinging nobody. Empty
 * `embeds`/`components` are sent explicitly so an edit clears what the previous message had.
 */
export function toDiscordPayload(spec: ReplySpec): DiscordPayload {
  const fitted = finishReply(spec);
  return {
    content: fitted.content ?? '',
    embeds: fitted.embeds ?? [],
    components: fitted.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
}

/** For reply/followUp, the first message of an answer: the only place ephemerality can be chosen. */
export function toDiscordReplyPayload(spec: ReplySpec): DiscordPayload & { flags?: MessageFlags.Ephemeral } {
  const payload = toDiscordPayload(spec);
  return spec.ephemeral ? { ...payload, flags: MessageFlags.Ephemeral } : payload;
}
