/**
 * Posting a digest item to a channel, and Discord's refusals in the digest's vocabulary:
 *   50013 Missing Permissions, 50001 Missing Access, 10003 Unknown Channel, 10004 Unknown Guild, any other 403/404 →
 *   stop trying in that server (DigestDisableError; the reason is kept for /digest show);
 *   5xx, timeouts, network errors → thrown as they are, so the core releases the day's claim and retries with backoff.
 */
import { DiscordAPIError, Routes, type Client } from 'discord.js';
import type { DigestSend } from '../digest/run';
import { DigestDisableError } from '../digest/run';
import { digestMessage } from './digestEmbed';
import { finishReply } from './messageBuilder';
import { NO_MENTIONS } from './respond';

/** Discord's answer to a channel post, in the digest's terms: a DigestDisableError, or the error itself to retry. */
export function classifySendError(err: unknown, channelId: string): unknown {
  if (!(err instanceof DiscordAPIError)) return err;
  const channel = `<#${channelId}>`;
  switch (err.code) {
    case 50013:
      return new DigestDisableError(`I lost permission to post in ${channel} (I need View Channel, Send Messages and Embed Links there). Fix it, then run /digest set again.`, err.code);
    case 50001:
      return new DigestDisableError(`I can no longer see ${channel} (missing access). Give me View Channel there, then run /digest set again.`, err.code);
    case 10003:
      return new DigestDisableError(`The channel ${channel} was deleted. Pick another with /digest set.`, err.code);
    case 10004:
      return new DigestDisableError('I was removed from this server.', err.code);
  }
  if (err.status === 403 || err.status === 404) {
    return new DigestDisableError(`Discord refused my post in ${channel} (${err.status}: ${err.message}). Check the channel, then run /digest set again.`, err.code);
  }
  return err;
}

/** Posts a digest item to its channel with the REST client, pinging nobody. */
export function channelSender(client: Client): DigestSend {
  return async ({ serverId, channelId, item }) => {
    if (client.isReady() && !client.guilds.cache.has(serverId)) throw new DigestDisableError('I was removed from this server.', 10004);
    const message = finishReply(digestMessage(item));
    try {
      // Channel messages parse every mention by default: a quoted "@everyone" would ping the whole server.
      const sent = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { content: message.content ?? '', embeds: message.embeds ?? [], components: message.components ?? [], allowed_mentions: NO_MENTIONS },
      })) as { id?: string };
      return { messageId: sent?.id ?? null };
    } catch (err) {
      throw classifySendError(err, channelId);
    }
  };
}

