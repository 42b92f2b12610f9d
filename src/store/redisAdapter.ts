/**
 * @keyv/redis over a client this module configures, connected before the bot goes online.
 *
 * - The first connection must succeed (or start-up fails with one clear error); after that, a lost connection is
 *   retried forever with a capped backoff, as a supervisor would want.
 * - Commands sent while disconnected fail at once (no offline queue): a button press then gets an error in a second
 *   instead of hanging until Redis comes back, and the claims and cooldowns see a failure, never a stale "yes".
 * - `throwOnErrors`: by default the adapter turns a failed GET into "no value", which would let a claim or a stored
 *   setting silently read as absent.
 */
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';

export const REDIS_CONNECT_TIMEOUT_MS = 10_000;
const MAX_RECONNECT_DELAY_MS = 5_000;

export interface RedisConnection {
  adapter: KeyvRedis<unknown>;
  client: RedisClientType;
}

/** Connects (rejecting with the client's error if the server cannot be reached) and wraps the client in the adapter. */
export async function connectRedis(url: string): Promise<RedisConnection> {
  let connectedOnce = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number, cause: Error) => {
        // Returning an Error ends the attempts and rejects connect() with it. A fresh Error, not `cause`: node-redis
        // tests `instanceof Error`, which a socket error made in another realm (a test sandbox) would fail.
        if (!connectedOnce)
          return Object.assign(new Error(cause?.message ?? 'cannot connect'), { code: (cause as { code?: string })?.code });
        return Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100);
      },
    },
  }) as RedisClientType;
  // node-redis throws an unhandled 'error' event without a listener. While connecting, the rejection of connect()
  // carries the same error; afterwards the adapter's own listener passes them on to Keyv, and so to our log.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.connect();
  } catch (err) {
    if (client.isOpen) client.destroy();
    throw err;
  }
  connectedOnce = true;
  const adapter = new KeyvRedis<unknown>(client, { throwOnErrors: true, throwOnConnectError: true });
  client.off('error', ignore);
  return { adapter, client };
}
