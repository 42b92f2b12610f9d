/**
 * Posting a digest item to a channel, and Discord's refusals in the digest's vocabulary:
 *   50013 Missing Permissions, 50001 Missing Access, 10003 Unknown Channel, 10004 Unknown Guild, any other 403/404 →
 *   stop trying in that server (DigestDisableError; the reason is kept for /digest show);
 *   5xx, timeouts, network errors → thrown as they are, so the core releases the day's claim and retries with backoff;
 *   a rate limit lasting longer than DIGEST_POST_RATE_LIMIT_WAIT_MS → given up (before posting) and retried the same way,
 *   so neither `/digest now` nor the scheduler waits out a channel that stays rate-limited.
 */
import { RateLimitError } from '@discordjs/rest';
import { DiscordAPIError, Routes, type Client } from 'discord.js';
import type { DigestSend } from '../digest/run';
import { DigestDisableError } from '../digest/run';
import { digestMessage } from './views/digestPost';
import { rateLimitBudgetsOf } from './rateLimitBudget';
import { toChannelMessageBody } from './respond';

/** How long a digest post may wait out rate limits: `/digest now` is on "thinking…" meanwhile. */
export const DIGEST_POST_RATE_LIMIT_WAIT_MS = 10_000;

/** Discord's answer to a channel post, in the digest's terms: a DigestDisableError, or the error itself to retry. */
export function classifySendError(err: unknown, channelId: string): unknown {
  const channel = `<#${channelId}>`;
  if (err instanceof RateLimitError) {
    const seconds = Math.ceil(Math.max(err.timeToReset, err.retryAfter, err.sublimitTimeout) / 1000);
    return new Error(`Discord is rate-limiting posts in ${channel} and asked for another ${seconds} s`);
  }
  if (!(err instanceof DiscordAPIError)) return err;
  switch (err.code) {
    case 50013:
      return new DigestDisableError(
        `I lost permission to post in ${channel} (I need View Channel, Send Messages and Embed Links there). Fix it, then run /digest set again.`,
        err.code,
      );
    case 50001:
      return new DigestDisableError(
        `I can no longer see ${channel} (missing access). Give me View Channel there, then run /digest set again.`,
        err.code,
      );
    case 10003:
      return new DigestDisableError(`The channel ${channel} was deleted. Pick another with /digest set.`, err.code);
    case 10004:
      return new DigestDisableError('I was removed from this server.', err.code);
  }
  if (err.status === 403 || err.status === 404) {
    return new DigestDisableError(
      `Discord refused my post in ${channel} (${err.status}: ${err.message}). Check the channel, then run /digest set again.`,
      err.code,
    );
  }
  return err;
}

/** Posts a digest item to its channel with the REST client, pinging nobody. */
export function channelSender(client: Client): DigestSend {
  return async ({ serverId, channelId, item }) => {
    if (client.isReady() && !client.guilds.cache.has(serverId)) throw new DigestDisableError('I was removed from this server.', 10004);
    const body = toChannelMessageBody(digestMessage(item));
    try {
      const route = Routes.channelMessages(channelId);
      const post = () => client.rest.post(route, { body });
      const budgets = rateLimitBudgetsOf(client);
      const sent = (await (budgets ? budgets.within('POST', route, DIGEST_POST_RATE_LIMIT_WAIT_MS, post) : post())) as { id?: string };
      return { messageId: sent?.id ?? null };
    } catch (err) {
      throw classifySendError(err, channelId);
    }
  };
}
