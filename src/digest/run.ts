/**
 * One pass of the daily post: for every server whose time has come today, claim the day, pick the item, send it, and
 * record the outcome. The scheduler calls this every poll; `/digest now` calls `postDigestForDay` directly. Nothing
 * here knows Discord: `send` does the talking and signals "stop trying" by throwing DigestDisableError.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Archive } from '../corpus/types';
import type { Logger } from '../log';
import { dueRun } from './schedule';
import { selectDigest, type DigestPool } from './select';
import type { DigestStore } from './store';
import { shownCommentId, type DigestItem, type DigestSettings, type DigestSummarize } from './types';

export interface DigestSendRequest {
  serverId: string;
  channelId: string;
  /** The server-local day the post is for. */
  date: string;
  item: DigestItem;
}

export type DigestSend = (request: DigestSendRequest) => Promise<{ messageId: string | null }>;

/**
 * Thrown by `send` when trying again cannot help (channel deleted, permission lost, bot removed from the server):
 * the digest is switched off for that server and `reason` is kept for `/digest show`.
 */
export class DigestDisableError extends Error {
  override name = 'DigestDisableError';
  constructor(
    readonly reason: string,
    readonly code: string | number | null = null,
  ) {
    super(reason);
  }
}

export type DigestOutcome =
  | { serverId: string; status: 'posted'; date: string; item: DigestItem; messageId: string | null }
  | { serverId: string; status: 'disabled'; date: string; reason: string }
  | { serverId: string; status: 'retry'; date: string; retryAt: Date; error: string }
  | { serverId: string; status: 'already-posted'; date: string }
  | { serverId: string; status: 'nothing-to-post'; date: string }
  | { serverId: string; status: 'failed'; error: string };

/** An id for this process's claims: the claim table then says which host and process made (or is making) a post. */
export function claimOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

const MINUTE = 60_000;

/** 1, 2, 4, 8, 16 minutes, then every 30: quick enough for a blip, gentle on an outage. */
export function retryDelayMs(failures: number): number {
  return Math.min(30 * MINUTE, MINUTE * 2 ** Math.max(0, failures - 1));
}

/** What every digest run needs, whether for all due servers (runDueDigests) or one server's day (postDigestForDay). */
export interface RunDueDigestsInput {
  now: Date;
  store: DigestStore;
  archive: Archive;
  send: DigestSend;
  logger: Logger;
  summarize?: DigestSummarize;
  /** What selection keeps between days for this archive (see DigestPool); made afresh for each post without it. */
  pool?: DigestPool;
  /** Identifies this process in claims (default: a fresh claimOwner()). */
  owner?: string;
  /**
   * Whether this process serves `serverId` (its gateway shard runs here): others are left to the process that does.
   * The claim alone already keeps a day to one post; this keeps every process from racing for every server.
   */
  ownsServer?: (serverId: string) => boolean;
}

/** One server's day: the claim needs an owner, so it is required here. */
export interface PostForDayInput extends RunDueDigestsInput {
  serverId: string;
  settings: DigestSettings;
  date: string;
  owner: string;
}

/** Claims (server, day), sends the day's item and records it; releases the claim if the send fails. */
export async function postDigestForDay(input: PostForDayInput): Promise<DigestOutcome> {
  const { serverId, settings, date, now, store, logger, owner } = input;
  const log = logger.child({ serverId, date });
  if (!(await store.claims.tryClaim(serverId, date, owner))) return { serverId, status: 'already-posted', date };

  let selection: ReturnType<typeof selectDigest>;
  try {
    selection = selectDigest({
      archive: input.archive,
      pool: input.pool,
      date,
      serverId,
      history: await store.getHistory(serverId),
      summarize: input.summarize,
    });
  } catch (err) {
    await store.claims.release(serverId, date, owner);
    throw err;
  }
  if (!selection) {
    await store.claims.release(serverId, date, owner);
    log.warn('digest has nothing to post: the archive has no eligible post or comment');
    return { serverId, status: 'nothing-to-post', date };
  }
  const { item, cycle } = selection;

  let messageId: string | null;
  try {
    ({ messageId } = await input.send({ serverId, channelId: settings.channelId, date, item }));
  } catch (err) {
    await store.claims.release(serverId, date, owner);
    if (err instanceof DigestDisableError) {
      await store.disable(serverId, err.reason, now);
      await store.setRetry(serverId, null);
      log.warn('digest disabled', { reason: err.reason, code: err.code, channelId: settings.channelId });
      return { serverId, status: 'disabled', date, reason: err.reason };
    }
    const previous = await store.getRetry(serverId);
    const failures = previous && previous.date === date ? previous.failures + 1 : 1;
    const retryAt = new Date(now.getTime() + retryDelayMs(failures));
    const error = (err as Error)?.message ?? String(err);
    await store.setRetry(serverId, { date, failures, retryAt: retryAt.toISOString(), lastError: error });
    log.warn('digest send failed; will retry', { failures, retryAt: retryAt.toISOString(), err });
    return { serverId, status: 'retry', date, retryAt, error };
  }

  // The message is out: from here on the claim stays, so a failure to record can never cause a second post.
  await store.recordPost(serverId, {
    date,
    key: item.key,
    consumes: item.consumes,
    postId: item.postId,
    postTitle: item.postTitle,
    commentId: shownCommentId(item),
    cycle,
    postedAt: now.toISOString(),
    channelId: settings.channelId,
    messageId,
  });
  await store.setRetry(serverId, null);
  log.info('digest posted', { item: item.key, channelId: settings.channelId, messageId, onThisDay: item.onThisDay });
  return { serverId, status: 'posted', date, item, messageId };
}

/**
 * Posts every server's due item. Returns what happened for servers where something was attempted. A failure in one
 * server is logged and reported, never stops the others; only an unreadable server list throws (DigestStoreError).
 */
export async function runDueDigests(input: RunDueDigestsInput): Promise<DigestOutcome[]> {
  const { now, store, logger } = input;
  const owner = input.owner ?? claimOwner();
  const outcomes: DigestOutcome[] = [];
  for (const serverId of await store.servers()) {
    if (input.ownsServer && !input.ownsServer(serverId)) continue;
    try {
      const settings = await store.getSettings(serverId);
      if (!settings?.enabled) continue;
      const due = dueRun(settings, now);
      if (!due) continue;
      const last = await store.lastPost(serverId);
      if (last?.date === due.date) continue;
      const retry = await store.getRetry(serverId);
      if (retry && retry.date === due.date && now.getTime() < Date.parse(retry.retryAt)) continue;
      const outcome = await postDigestForDay({ ...input, serverId, settings, date: due.date, owner });
      // Someone else holding today's claim is the normal case with two processes: nothing to report.
      if (outcome.status !== 'already-posted') outcomes.push(outcome);
    } catch (err) {
      logger.error('digest run failed for a server', { serverId, err });
      outcomes.push({ serverId, status: 'failed', error: (err as Error)?.message ?? String(err) });
    }
  }
  return outcomes;
}
